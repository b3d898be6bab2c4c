// Territory drive-time statistics (workload-weighted mean and P90 of home → account minutes) from
// the workspace's routing server when one is set. The offline metrics (engine/scenarios/metrics.ts) measure
// home → each aligned account with workload; this module asks the server for exactly those pairs,
// one 1 × n strip per territory, and recomputes only the travel figures. With no setting the offline
// metrics are returned untouched (same object figures, nothing extra computed).
//
// Caching: the finished routed metrics are cached per scenario history position and server, so
// repeated reads never re-query; a what-if changes the history position, and the routing client's
// per-pair cache (data/routingClient.ts) then answers every unchanged territory without a request,
// so only territories whose accounts changed go to the server. Results that fell back to the
// offline model are not cached: the next read retries the server (after its 60 s skip window).
import type { ScenarioMetrics, TravelSource } from '../../common/contract';
import type { CallOptions } from '../../common/progress';
import { travelMinutes } from '../../domain/driveTime';
import { WeightedHistogram } from '../../domain/metrics/quantiles';
import { getProviderColumns } from '../columns/columnsLoader';
import type { EngineContext } from '../runtime/context';
import { computeScenarioMetrics, scenarioScores, withMarket } from './metrics';
import type { ScenarioModel } from './model';
import { loadScenarioModel, marketOrDefault, scenarioCacheKey } from './store';
import { routedTable, routingSettingOf } from '../travel/travelSource';
import { getUnits } from '../units/units';

type Box = { value: ScenarioMetrics | null };

/** Scenario metrics with drive-time figures from the routing server when one is set. */
export async function routedScenarioMetrics(
  ctx: EngineContext,
  name: string,
  opts?: CallOptions,
  market?: string,
): Promise<ScenarioMetrics> {
  const base = computeScenarioMetrics(ctx, name, market);
  const setting = routingSettingOf(ctx);
  if (!setting) return { ...base, travelSource: 'offline', travelWarning: null };
  const model = withMarket(ctx, loadScenarioModel(ctx, name), market);
  const key = `${scenarioCacheKey(model.id, 'metrics', model)}:${model.market ?? ''}:routed:${setting.kind}:${setting.url}:${setting.profile ?? ''}`;
  const box = ctx.cached<Box>(key, () => ({ value: null }));
  if (box.value) return box.value;
  const routed = await withRoutedTravel(ctx, model, base, opts);
  if (!routed.travelWarning) box.value = routed;
  return routed;
}

/** Accounts the offline travel statistic counts (aligned, tiered, with workload and a location), by territory. */
function travelMembers(
  ctx: EngineContext,
  model: ScenarioModel,
): { members: number[][]; weight: Float32Array; density: Uint8Array } {
  const scores = scenarioScores(ctx, model);
  const providers = getProviderColumns(ctx);
  const units = getUnits(ctx, model.unitKind, marketOrDefault(ctx, model.market));
  const members: number[][] = model.territories.map(() => []);
  for (let p = 0; p < model.providerTerritory.length; p++) {
    const t = model.providerTerritory[p]!;
    if (
      t < 0 ||
      scores.tier[p] === 0 ||
      !(scores.workloadHours[p]! > 0) ||
      Number.isNaN(providers.lat[p]!)
    )
      continue;
    members[t]!.push(p);
  }
  return { members, weight: scores.workloadHours, density: units.providerDensity };
}

type StripInput = {
  ctx: EngineContext;
  model: ScenarioModel;
  members: number[][];
  density: Uint8Array;
  /** Filled per account: routed minutes (offline minutes where the server gave nothing). */
  minutes: Float64Array;
  opts?: CallOptions;
};

/** One territory's home → accounts strip; returns its warning and whether any pair was routed. */
async function territoryStrip(
  a: StripInput,
  t: number,
): Promise<{ warning: string | null; routed: boolean }> {
  const ids = a.members[t]!;
  if (ids.length === 0) return { warning: null, routed: false };
  const providers = getProviderColumns(a.ctx);
  const home = a.model.territories[t]!;
  // The offline statistic uses the account's density class alone; the fallback model averages
  // both ends, so the home gets 0 and the account twice its class (mean = the account's class).
  const origins = { lat: [home.homeLat], lon: [home.homeLon], density: [0] };
  const destinations = {
    lat: ids.map((p) => providers.lat[p]!),
    lon: ids.map((p) => providers.lon[p]!),
    density: ids.map((p) => 2 * a.density[p]!),
  };
  const setting = routingSettingOf(a.ctx)!;
  const table = await routedTable({
    setting,
    origins,
    destinations,
    what: `home→account times of territory ${home.id}`,
    cancel: a.opts?.cancel,
  });
  const routed = table.travelSource !== 'offline';
  ids.forEach((p, j) => {
    // A territory the server did not answer at all keeps the offline metric's exact figures.
    a.minutes[p] = routed
      ? table.matrix.minutes[j]!
      : travelMinutes(
          home.homeLat,
          home.homeLon,
          providers.lat[p]!,
          providers.lon[p]!,
          a.density[p]!,
        );
  });
  return { warning: table.travelWarning, routed };
}

/** Territory strips asked at once: a local OSRM/Valhalla answers several requests in parallel. */
const CONCURRENT = 4;

async function withRoutedTravel(
  ctx: EngineContext,
  model: ScenarioModel,
  base: ScenarioMetrics,
  opts?: CallOptions,
): Promise<ScenarioMetrics> {
  const setting = routingSettingOf(ctx)!;
  const { members, weight, density } = travelMembers(ctx, model);
  const minutes = new Float64Array(model.providerTerritory.length).fill(NaN);
  const input: StripInput = { ctx, model, members, density, minutes, ...(opts ? { opts } : {}) };
  const warnings: (string | null)[] = model.territories.map(() => null);
  let anyServer = false;
  const total = model.territories.length;
  let next = 0;
  let done = 0;
  let stopped = false; // one lane failed (ROUTING_UNAVAILABLE, cancelled): the others stop asking
  async function lane(): Promise<void> {
    while (next < total && !stopped) {
      const t = next++;
      const r = await territoryStrip(input, t).catch((e: unknown) => {
        stopped = true;
        throw e;
      });
      warnings[t] = r.warning;
      anyServer ||= r.routed;
      opts?.onProgress?.({
        phase: 'drive times',
        done: ++done,
        total,
        unit: 'items',
        message: 'home → account drive times from the routing server',
      });
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENT, total) }, lane));
  const k = model.territories.length;
  // Same order and weights as domain/metrics/territoryMetrics.ts, so a full fallback is identical.
  const hist = new WeightedHistogram(k + 1);
  for (let p = 0; p < minutes.length; p++) {
    const m = minutes[p]!;
    if (Number.isNaN(m)) continue;
    const t = model.providerTerritory[p]!;
    hist.add(t, m, weight[p]!);
    hist.add(k, m, weight[p]!);
  }
  const s = hist.stats();
  const travelSource: TravelSource =
    anyServer || members.every((m) => m.length === 0) ? setting.kind : 'offline';
  const warned = warnings.filter((w): w is string => w !== null);
  const travelWarning =
    warned.length === 0
      ? null
      : warned.length === 1
        ? warned[0]!
        : `${warned[0]} (and ${warned.length - 1} more territories with offline pairs)`;
  return {
    ...base,
    travelMeanMin: s.mean[k]!,
    travelP90Min: s.p90[k]!,
    perTerritory: base.perTerritory.map((row, t) => ({
      ...row,
      travelMeanMin: s.mean[t]!,
      travelP90Min: s.p90[t]!,
    })),
    travelSource,
    travelWarning,
  };
}
