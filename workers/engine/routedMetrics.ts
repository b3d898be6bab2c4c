// Territory drive-time statistics (workload-weighted mean and P90 of home → account minutes) from
// the workspace's routing server when one is set. The offline metrics (scenarioMetrics.ts) measure
// home → each aligned account with workload; this module asks the server for exactly those pairs,
// one 1 × n strip per territory, and recomputes only the travel figures. With no setting the offline
// metrics are returned untouched (same object figures, nothing extra computed).
//
// Caching: the finished routed metrics are cached per scenario history position and server, so
// repeated reads never re-query; a what-if changes the history position, and the routing client's
// per-pair cache (data/routingServer.ts) then answers every unchanged territory without a request,
// so only territories whose accounts changed go to the server. Results that fell back to the
// offline model are not cached: the next read retries the server (after its 60 s skip window).
import type { ScenarioMetrics, TravelSource } from '../common/contract';
import type { CancelToken } from '../common/progress';
import { travelMinutes } from '../domain/driveTime';
import { WeightedHistogram } from '../domain/metrics/quantiles';
import { getProviderColumns } from './columnsLoader';
import type { EngineContext } from './context';
import { computeScenarioMetrics, scenarioScores } from './scenarioMetrics';
import type { ScenarioModel } from './scenarioModel';
import { loadScenarioModel, marketOrDefault, scenarioCacheKey } from './scenarios';
import { routedTable, routingSettingOf } from './travelSource';
import { getUnits } from './units';

type Box = { value: ScenarioMetrics | null };

/** Scenario metrics with drive-time figures from the routing server when one is set. */
export async function routedScenarioMetrics(ctx: EngineContext, name: string, cancel?: CancelToken): Promise<ScenarioMetrics> {
  const base = computeScenarioMetrics(ctx, name);
  const setting = routingSettingOf(ctx);
  if (!setting) return { ...base, travelSource: 'offline', travelWarning: null };
  const model = loadScenarioModel(ctx, name);
  const key = `${scenarioCacheKey(model.id, 'metrics', model)}:routed:${setting.kind}:${setting.url}:${setting.profile ?? ''}`;
  const box = ctx.cached<Box>(key, () => ({ value: null }));
  if (box.value) return box.value;
  const routed = await withRoutedTravel(ctx, model, base, cancel);
  if (!routed.travelWarning) box.value = routed;
  return routed;
}

/** Accounts the offline travel statistic counts (aligned, tiered, with workload and a location), by territory. */
function travelMembers(ctx: EngineContext, model: ScenarioModel): { members: number[][]; weight: Float32Array; density: Uint8Array } {
  const scores = scenarioScores(ctx, model);
  const providers = getProviderColumns(ctx);
  const units = getUnits(ctx, model.unitKind, marketOrDefault(ctx, model.market));
  const members: number[][] = model.territories.map(() => []);
  for (let p = 0; p < model.providerTerritory.length; p++) {
    const t = model.providerTerritory[p]!;
    if (t < 0 || scores.tier[p] === 0 || !(scores.workloadHours[p]! > 0) || Number.isNaN(providers.lat[p]!)) continue;
    members[t]!.push(p);
  }
  return { members, weight: scores.workloadHours, density: units.providerDensity };
}

async function withRoutedTravel(ctx: EngineContext, model: ScenarioModel, base: ScenarioMetrics, cancel?: CancelToken): Promise<ScenarioMetrics> {
  const setting = routingSettingOf(ctx)!;
  const providers = getProviderColumns(ctx);
  const { members, weight, density } = travelMembers(ctx, model);
  const minutes = new Float64Array(model.providerTerritory.length).fill(NaN);
  const warnings: string[] = [];
  let anyServer = false;
  for (let t = 0; t < model.territories.length; t++) {
    const ids = members[t]!;
    if (ids.length === 0) continue;
    const home = model.territories[t]!;
    // The offline statistic uses the account's density class alone; the fallback model averages
    // both ends, so the home gets 0 and the account twice its class (mean = the account's class).
    const origins = { lat: [home.homeLat], lon: [home.homeLon], density: [0] };
    const destinations = {
      lat: ids.map((p) => providers.lat[p]!),
      lon: ids.map((p) => providers.lon[p]!),
      density: ids.map((p) => 2 * density[p]!),
    };
    const table = await routedTable({ setting, origins, destinations, what: `home→account times of territory ${home.id}`, cancel });
    if (table.travelWarning) warnings.push(table.travelWarning);
    if (table.travelSource !== 'offline') anyServer = true;
    ids.forEach((p, j) => {
      // A territory the server did not answer at all keeps the offline metric's exact figures.
      minutes[p] = table.travelSource === 'offline' ? travelMinutes(home.homeLat, home.homeLon, providers.lat[p]!, providers.lon[p]!, density[p]!) : table.matrix.minutes[j]!;
    });
  }
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
  const travelSource: TravelSource = anyServer || members.every((m) => m.length === 0) ? setting.kind : 'offline';
  const travelWarning = warnings.length === 0 ? null : warnings.length === 1 ? warnings[0]! : `${warnings[0]} (and ${warnings.length - 1} more territories with offline pairs)`;
  return {
    ...base,
    travelMeanMin: s.mean[k]!,
    travelP90Min: s.p90[k]!,
    perTerritory: base.perTerritory.map((row, t) => ({ ...row, travelMeanMin: s.mean[t]!, travelP90Min: s.p90[t]! })),
    travelSource,
    travelWarning,
  };
}
