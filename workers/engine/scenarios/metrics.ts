// Scenario metrics (per territory and overall), the same figures the CLI, the UI and the Excel pack
// show. Arithmetic lives in domain/metrics; this module gathers the columns.
import type { Disruption, ScenarioMetrics, TerritoryMetrics } from '../../common/contract/align';
import type { Tier } from '../../common/contract/scoring';
import type { MarketDefinition } from '../../common/contract/scoring';
import { travelMinutes } from '../../domain/driveTime';
import { compareAlignments, type AlignmentView } from '../../domain/metrics/compare';
import { computeTerritoryMetrics } from '../../domain/metrics/territoryMetrics';
import {
  DEFAULT_DRIVE_WARN_MINUTES,
  territoryWarnings,
} from '../../domain/metrics/territoryWarnings';
import {
  componentTotals,
  indexFactors,
  providerValues,
  type IndexFactors,
} from '../../domain/units/aggregate';
import { DEFAULT_CAPACITY_HOURS } from '../../domain/market/schema';
import type { ProviderScores } from '../columns/columns';
import { getProviderColumns } from '../columns/columnsLoader';
import type { EngineContext } from '../runtime/context';
import type { ScenarioModel } from './model';
import { loadScenarioModel, marketOrDefault, scenarioCacheKey } from './store';
import { canonicalMarketName } from '../scoring/scores';
import { getScores } from '../scoring/scores';
import { providerTravel } from '../travel/travelMemo';
import { getUnits } from '../units/units';

export function scenarioScores(ctx: EngineContext, model: ScenarioModel): ProviderScores {
  return getScores(ctx, marketOrDefault(ctx, model.market));
}

export function effectiveWeights(
  model: ScenarioModel,
  market: MarketDefinition,
): { workload: number; potential: number; history: number; access: number } {
  const w = model.params.indexWeights ?? market.indexWeights;
  return {
    workload: w.workload,
    potential: w.potential,
    history: w.history,
    access: w.access ?? 0,
  };
}

export function alignmentView(model: ScenarioModel): AlignmentView {
  return {
    territoryIds: model.territories.map((t) => t.id),
    providerTerritory: model.providerTerritory,
    unitIds: model.unitIds,
    unitTerritory: model.unitTerritory,
  };
}

/** Disruption of `model` against its parent scenario (null without a parent). */
export function disruptionVsParent(
  ctx: EngineContext,
  model: ScenarioModel,
  scores: ProviderScores,
): Disruption | null {
  if (!model.parent) return null;
  const parent = loadScenarioModel(ctx, model.parent);
  return compareAlignments(alignmentView(parent), alignmentView(model), scores).disruption;
}

const TIERS: Tier[] = ['A', 'B', 'C'];

type Weights = ReturnType<typeof effectiveWeights>;
/** Index factors and per-provider values depend only on the scores and the weights: kept per scores object. */
const indexCache = new WeakMap<
  ProviderScores,
  Map<string, { factors: IndexFactors; values: Float64Array }>
>();

export function indexValues(
  scores: ProviderScores,
  weights: Weights,
): { factors: IndexFactors; values: Float64Array } {
  let byWeights = indexCache.get(scores);
  if (!byWeights) indexCache.set(scores, (byWeights = new Map()));
  const key = JSON.stringify(weights);
  let hit = byWeights.get(key);
  if (!hit) {
    const factors = indexFactors(componentTotals(scores), weights, 100);
    hit = { factors, values: providerValues(scores, factors) };
    byWeights.set(key, hit);
  }
  return hit;
}

/** Metrics of a scenario model, scored on its own market or on `market` (e.g. one data year of it). */
export function metricsForModel(
  ctx: EngineContext,
  model: ScenarioModel,
  market?: MarketDefinition,
): ScenarioMetrics {
  const scores = market ? getScores(ctx, market) : scenarioScores(ctx, model);
  const units = getUnits(ctx, model.unitKind, market ?? marketOrDefault(ctx, model.market));
  const providers = getProviderColumns(ctx);
  const weights = effectiveWeights(model, scores.definition);
  const { factors, values } = indexValues(scores, weights);
  const k = model.territories.length;
  const capacity = scores.definition.capacityHours ?? DEFAULT_CAPACITY_HOURS;
  const unitCounts = new Uint8Array(units.count);
  for (let u = 0; u < units.count; u++)
    unitCounts[u] = units.sums.accounts[u]! > 0 || units.sums.potential[u]! > 0 ? 1 : 0;
  const { perTerritory: f, overall } = computeTerritoryMetrics({
    k,
    providerTerritory: model.providerTerritory,
    providerValue: values,
    accessiblePotential: scores.accessiblePotential,
    tier: scores.tier,
    workloadHours: scores.workloadHours,
    providerLat: providers.lat,
    providerLon: providers.lon,
    providerDensity: units.providerDensity,
    homeLat: Float64Array.from(model.territories, (t) => t.homeLat),
    homeLon: Float64Array.from(model.territories, (t) => t.homeLon),
    unitTerritory: model.unitTerritory,
    unitCounts,
    adjStart: units.adjStart,
    adjList: units.adjList,
    capacityHours: capacity,
    travelMinutes,
    travelOf: providerTravel(ctx, providers, units.providerDensity),
  });
  const perTerritory: TerritoryMetrics[] = model.territories.map((t, i) => ({
    territoryId: t.id,
    name: t.name,
    district: t.district,
    region: t.region,
    repId: t.repId,
    repName: t.repName,
    units: f.units[i]!,
    accounts: f.accounts[i]!,
    tierCounts: Object.fromEntries(
      TIERS.map((tier, j) => [tier, f.tierCounts[i * 3 + j]!]),
    ) as Record<Tier, number>,
    potential: f.potential[i]!,
    workloadHours: f.workloadHours[i]!,
    capacityHours: capacity,
    index: f.index[i]!,
    indexRatio: f.indexRatio[i]!,
    band: f.band[i]!,
    pieces: f.pieces[i]!,
    travelMeanMin: f.travelMeanMin[i]!,
    travelP90Min: f.travelP90Min[i]!,
    quota: t.quota,
  }));
  const driveWarnMinutes = model.params.driveWarnMinutes ?? DEFAULT_DRIVE_WARN_MINUTES;
  const warnings = territoryWarnings({
    k,
    homeLat: model.territories.map((t) => (t.homeKnown ? t.homeLat : null)),
    homeLon: model.territories.map((t) => (t.homeKnown ? t.homeLon : null)),
    unitLat: units.lat,
    unitLon: units.lon,
    unitTerritory: model.unitTerritory,
    travelMeanMin: f.travelMeanMin,
    workloadHours: f.workloadHours,
    capacityHours: capacity,
    driveWarnMinutes,
  });
  perTerritory.forEach((t, i) => {
    if (warnings[i]!.length) t.warnings = warnings[i]!;
  });
  const sum = (g: (t: TerritoryMetrics) => number) => perTerritory.reduce((s, t) => s + g(t), 0);
  return {
    scenario: model.name,
    parent: model.parent,
    market: scores.market,
    indexWeights: factors.effectiveWeights,
    territories: k,
    units: model.unitIds.length,
    within5: overall.within5,
    withinBand: overall.withinBand,
    maxMinRatio: overall.maxMinRatio,
    noncontiguous: overall.noncontiguous,
    travelMeanMin: overall.travelMeanMin,
    travelP90Min: overall.travelP90Min,
    disruption: disruptionVsParent(ctx, model, scores),
    infeasibilities: model.params.infeasibilities ?? [],
    territoryWarnings: warnings.filter((w) => w.length > 0).length,
    driveWarnMinutes,
    unassignedAccounts: overall.unassignedAccounts,
    unassignedIndexShare: overall.unassignedValueShare,
    totals: {
      accounts: sum((t) => t.accounts),
      potential: sum((t) => t.potential),
      workloadHours: sum((t) => t.workloadHours),
      capacityHours: capacity * k,
      quota: sum((t) => t.quota),
    },
    perTerritory,
  };
}

/** Metrics of a saved scenario, cached until the scenario or the data changes. */
export function computeScenarioMetrics(
  ctx: EngineContext,
  name: string,
  market?: string,
): ScenarioMetrics {
  const model = loadScenarioModel(ctx, name);
  const scored = withMarket(ctx, model, market);
  return ctx.cached(
    `${scenarioCacheKey(model.id, 'metrics', model)}${scored === model ? '' : `:market:${scored.market}`}`,
    () => metricsForModel(ctx, scored),
  );
}

/**
 * The model scored with `market` (a saved market or preset) instead of its own: the alignment is the
 * same, only the scores differ. Returns the model itself when the market is its own or not given.
 */
export function withMarket(
  ctx: EngineContext,
  model: ScenarioModel,
  market: string | undefined,
): ScenarioModel {
  if (market === undefined || market.trim() === '') return model;
  const name = canonicalMarketName(ctx, market);
  if (model.market !== null && model.market.toLowerCase() === name.toLowerCase()) return model;
  return { ...model, market: name };
}
