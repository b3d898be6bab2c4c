// Map data of the engine: provider points (15 bytes per provider), unit geometry, the scenario's
// alignment as per-unit attributes, health-system sites. Typed arrays only; cached per workspace
// state (columns/geo caches) and rebuilt cheaply per scenario.
import type {
  HealthSystemSites,
  ProviderPoints,
  ScenarioLayer,
  UnitGeometry,
} from '../../common/contract';
import { EngineFailure } from '../../common/result';
import { loadUnitShapes } from '../../data/geoShapes';
import { getProviderColumns } from '../columns/columnsLoader';
import type { EngineContext } from '../runtime/context';
import type { ScenarioModel } from '../scenarios/model';
import { getScores } from '../scoring/scores';

const NONE16 = 0xffff;

/** Geocoded providers only: map index → provider index (ProviderColumns indexing). */
export function mapProviderIndex(ctx: EngineContext): Uint32Array {
  return ctx.cached('providers:mapIndex', () => {
    const cols = getProviderColumns(ctx);
    const out = new Uint32Array(cols.count);
    let n = 0;
    for (let i = 0; i < cols.count; i++)
      if (Number.isFinite(cols.lat[i]!) && Number.isFinite(cols.lon[i]!)) out[n++] = i;
    return out.slice(0, n);
  });
}

function mapPositions(ctx: EngineContext): Float32Array {
  return ctx.cached('providers:mapPositions', () => {
    const cols = getProviderColumns(ctx);
    const index = mapProviderIndex(ctx);
    const pos = new Float32Array(2 * index.length);
    for (let k = 0; k < index.length; k++) {
      pos[2 * k] = cols.lon[index[k]!]!;
      pos[2 * k + 1] = cols.lat[index[k]!]!;
    }
    return pos;
  });
}

export function buildProviderPoints(
  ctx: EngineContext,
  o: { model: ScenarioModel | null; market: string | undefined },
): ProviderPoints {
  const index = mapProviderIndex(ctx);
  const scores = getScores(ctx, o.market);
  const n = index.length;
  const potential = new Float32Array(n);
  const tier = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const i = index[k]!;
    potential[k] = scores.accessiblePotential[i]!;
    tier[k] = scores.tier[i]!;
  }
  const territory = o.model ? pointTerritory(ctx, o.model) : new Uint16Array(n).fill(NONE16);
  return {
    count: n,
    positions: mapPositions(ctx),
    potential,
    tier,
    territory,
    territoryIds: o.model ? o.model.territories.map((t) => t.id) : [],
    market: scores.market,
  };
}

/** Territory index per map point (0xffff = unassigned). */
export function pointTerritory(ctx: EngineContext, model: ScenarioModel): Uint16Array {
  const index = mapProviderIndex(ctx);
  const territory = new Uint16Array(index.length).fill(NONE16);
  const pt = model.providerTerritory;
  for (let k = 0; k < index.length; k++) {
    const t = pt[index[k]!]!;
    if (t >= 0 && t < NONE16) territory[k] = t;
  }
  return territory;
}

/** ZIP cells (Voronoi clipped to land) or county polygons, precomputed and bundled (geo area). */
export function buildUnitGeometry(_ctx: EngineContext, unitKind: 'zip' | 'county'): UnitGeometry {
  return loadUnitShapes(unitKind);
}

export function buildScenarioLayer(ctx: EngineContext, model: ScenarioModel): ScenarioLayer {
  const geo = buildUnitGeometry(ctx, model.unitKind);
  const position = ctx.cached(
    `geo:units:${model.unitKind}:position`,
    () => new Map(geo.ids.map((id, i) => [id, i] as const)),
  );
  if (model.territories.length >= NONE16) {
    throw new EngineFailure(
      'BAD_INPUT',
      `Scenario ${model.name} has ${model.territories.length} territories; the map shows at most ${NONE16 - 1}.`,
    );
  }
  const unitTerritory = new Uint16Array(geo.ids.length).fill(NONE16);
  const locked = new Uint8Array(geo.ids.length);
  model.unitIds.forEach((id, u) => {
    const g = position.get(id);
    if (g === undefined) return;
    const t = model.unitTerritory[u]!;
    if (t >= 0) unitTerritory[g] = t;
    locked[g] = model.locked[u] ?? 0;
  });
  const homes = new Float32Array(2 * model.territories.length);
  model.territories.forEach((t, i) => {
    homes[2 * i] = t.homeLon;
    homes[2 * i + 1] = t.homeLat;
  });
  return {
    scenario: model.name,
    unitKind: model.unitKind,
    territoryIds: model.territories.map((t) => t.id),
    territoryNames: model.territories.map((t) => t.name),
    repNames: model.territories.map((t) => t.repName),
    districts: model.territories.map((t) => t.district),
    regions: model.territories.map((t) => t.region),
    homes,
    unitTerritory,
    locked,
    pinnedAccounts: model.pins.size,
  };
}

export function buildHealthSystemSites(ctx: EngineContext): HealthSystemSites {
  return ctx.cached('providers:systemSites', () => {
    const cols = getProviderColumns(ctx);
    const m = cols.systems.length;
    const sumLat = new Float64Array(m);
    const sumLon = new Float64Array(m);
    const count = new Uint32Array(m);
    for (let i = 0; i < cols.count; i++) {
      const s = cols.system[i]!;
      if (s < 0 || !Number.isFinite(cols.lat[i]!)) continue;
      sumLat[s]! += cols.lat[i]!;
      sumLon[s]! += cols.lon[i]!;
      count[s]!++;
    }
    const keep = [...Array(m).keys()].filter((s) => count[s]! > 0);
    const positions = new Float32Array(2 * keep.length);
    keep.forEach((s, k) => {
      positions[2 * k] = sumLon[s]! / count[s]!;
      positions[2 * k + 1] = sumLat[s]! / count[s]!;
    });
    return {
      ids: keep.map((s) => cols.systems[s]!.id),
      names: keep.map((s) => cols.systems[s]!.name),
      positions,
      providers: Uint32Array.from(keep.map((s) => count[s]!)),
    };
  });
}
