// Map area of the contract: provider points, unit geometry, the scenario layer, health-system
// sites, and the provider card.
import type { MapApi } from '../../common/contract';
import { EngineFailure } from '../../common/result';
import { getProviderColumns } from '../columns/columnsLoader';
import type { EngineContext } from '../runtime/context';
import { guard } from '../runtime/guard';
import {
  definitionOrDefault,
  mapPayload,
  mapPayloadKey,
  storeMapPayloads,
  type MapPayloadKind,
} from './storedPayloads';
import type { ScenarioModel } from '../scenarios/model';
import {
  ensureBaseline,
  loadScenarioModel,
  marketOrDefault,
  requireScenario,
  scenarioCacheKey,
} from '../scenarios/store';
import { resolveMarket } from '../scoring/scores';
import {
  buildHealthSystemSites,
  buildProviderPoints,
  buildScenarioLayer,
  buildUnitGeometry,
  mapProviderIndex,
  pointTerritory,
} from './mapLayers';
import { buildProviderCard } from './providerCard';
import { searchPlaces } from './search';

export function mapService(ctx: EngineContext): MapApi {
  const model = (scenario: string | undefined): ScenarioModel | null =>
    scenario ? loadScenarioModel(ctx, scenario) : null;
  // The scenario's market when it still resolves (it may be a deleted market or the default's label).
  const marketOf = (m: ScenarioModel | null, market: string | undefined) =>
    market ?? marketOrDefault(ctx, m?.market ?? null);
  // A scenario's first-frame data: stored in the workspace (see engine/map/storedPayloads.ts) unless its model is loaded.
  const scenarioPayload = <T>(
    kind: MapPayloadKind,
    scenario: string,
    market: string | undefined,
    build: () => T,
  ): T => {
    const row = requireScenario(ctx, scenario);
    const definition =
      market !== undefined ? resolveMarket(ctx, market) : definitionOrDefault(ctx, row.market);
    const warm = ctx.has(scenarioCacheKey(row.id, 'model', row));
    return mapPayload(ctx, {
      key: mapPayloadKey({ kind, row, market: definition }),
      scenarioId: row.id,
      warm,
      build,
    });
  };
  const points = (req: { scenario?: string; market?: string }) => {
    const m = model(req.scenario);
    return buildProviderPoints(ctx, { model: m, market: marketOf(m, req.market) });
  };
  return {
    searchPlaces: (req) => guard(() => searchPlaces(ctx, req)),
    providerPoints: (req) =>
      guard(() =>
        req.scenario
          ? scenarioPayload('points', req.scenario, req.market, () => points(req))
          : points(req),
      ),
    unitGeometry: (req) =>
      guard(() => {
        if (req.unitKind !== 'zip' && req.unitKind !== 'county') {
          throw new EngineFailure(
            'BAD_INPUT',
            `Unknown unit kind "${String(req.unitKind)}"; use "zip" or "county".`,
          );
        }
        return buildUnitGeometry(ctx, req.unitKind);
      }),
    scenarioLayer: (req) =>
      guard(() =>
        scenarioPayload('layer', req.scenario, undefined, () =>
          buildScenarioLayer(ctx, loadScenarioModel(ctx, req.scenario)),
        ),
      ),
    pointTerritories: (req) =>
      guard(() => {
        const m = loadScenarioModel(ctx, req.scenario);
        return {
          scenario: m.name,
          territory: pointTerritory(ctx, m),
          territoryIds: m.territories.map((t) => t.id),
        };
      }),
    healthSystemSites: () => guard(() => buildHealthSystemSites(ctx)),
    providerCard: (req) =>
      guard(() => {
        const m = model(req.scenario);
        let index: number;
        if (req.index !== undefined) {
          const mapIndex = mapProviderIndex(ctx);
          const i = mapIndex[req.index];
          if (i === undefined)
            throw new EngineFailure(
              'NOT_FOUND',
              `No provider at map index ${req.index}; reload the map data.`,
            );
          index = i;
        } else if (req.npi !== undefined) {
          index = getProviderColumns(ctx).indexOf(Number(req.npi));
          if (index < 0)
            throw new EngineFailure(
              'NOT_FOUND',
              `NPI ${req.npi} is not in this workspace. Check the number or import the NPPES file that lists it.`,
            );
        } else throw new EngineFailure('BAD_INPUT', 'providerCard needs an npi or a map index.');
        return buildProviderCard(ctx, { index, model: m, market: marketOf(m, req.market) });
      }),
  };
}

/**
 * Creates the baseline and builds and stores its first map frame (points in its market, layer) now,
 * so the first open of a workspace just built (the demo) reads them instead of building them.
 */
export async function prepareFirstMapFrame(ctx: EngineContext): Promise<void> {
  const baseline = ensureBaseline(ctx);
  if (!baseline) return;
  const map = mapService(ctx);
  for (const r of [
    await map.providerPoints({ scenario: baseline.name }),
    await map.scenarioLayer({ scenario: baseline.name }),
  ]) {
    if (!r.ok) throw new EngineFailure(r.error.code, r.error.message, r.error.details);
  }
  storeMapPayloads(ctx);
}
