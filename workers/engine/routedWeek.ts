// A territory's week plan with drive times from the workspace's routing server when one is set:
// one routed table over the week's stops (home base, start/end points, every account the planner
// may visit), then the usual planner over a matrix-backed travel function. Without a setting this
// is planWeek as is (offline model), plus travelSource 'offline'.
import type { RouteRequest, RouteWeek } from '../common/contract';
import type { CancelToken } from '../common/progress';
import { EngineFailure } from '../common/result';
import { isCancelled } from '../common/progress';
import { loadScenarioModel } from './scenarios';
import { densityAt, findTerritory } from './routeInputs';
import type { EngineContext } from './context';
import { planWeek, territoryAccounts } from './routePlanner';
import { matrixTravel, OFFLINE_WEEK_TRAVEL, routedTable, routingSettingOf } from './travelSource';

const validPoint = (p: { lat: number; lon: number } | undefined): p is { lat: number; lon: number } =>
  p !== undefined && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180;

/** Every point the week planner can ask a drive time for: home, start, end, the accounts. */
function weekStops(ctx: EngineContext, req: RouteRequest): { lat: number[]; lon: number[]; density: number[] } {
  const model = loadScenarioModel(ctx, req.scenario);
  const { index, territory } = findTerritory(model, req.territoryId);
  const stops = { lat: [] as number[], lon: [] as number[], density: [] as number[] };
  const add = (lat: number, lon: number, density: number) => {
    stops.lat.push(lat);
    stops.lon.push(lon);
    stops.density.push(density);
  };
  add(territory.homeLat, territory.homeLon, densityAt(ctx, territory.homeLat, territory.homeLon));
  for (const p of [req.start, req.end]) if (validPoint(p)) add(p.lat, p.lon, densityAt(ctx, p.lat, p.lon));
  for (const a of territoryAccounts(ctx, req, index, model)) add(a.lat, a.lon, a.density ?? 1);
  return stops;
}

export type WeekOptions = { today?: number; cancel?: CancelToken };

/** planWeek with the workspace's drive-time source; the result says which source it used. */
export async function planWeekWithTravel(ctx: EngineContext, req: RouteRequest, opts: WeekOptions = {}): Promise<RouteWeek> {
  const setting = routingSettingOf(ctx);
  if (!setting) return { ...planWeek(ctx, req, opts.today), travelSource: 'offline', travelWarning: null };
  const t0 = performance.now();
  const stops = weekStops(ctx, req);
  const table = await routedTable({ setting, origins: stops, destinations: stops, what: `the week of territory ${req.territoryId}`, cancel: opts.cancel });
  if (isCancelled(opts.cancel)) throw new EngineFailure('CANCELLED', 'Route planning was cancelled.');
  // No pair from the server (down): exactly the offline plan. Otherwise road times, which differ by
  // direction, so the planner fills the full matrix (symmetric: false).
  const lookup = table.travelSource === 'offline' ? null : matrixTravel(stops, table.matrix);
  const week = planWeek(ctx, req, opts.today, lookup ? { fn: lookup.fn, symmetric: false } : OFFLINE_WEEK_TRAVEL);
  const missed = lookup?.misses() ?? 0;
  const extra = missed > 0 ? `${missed} legs were not in the routed table and used the offline model.` : null;
  return {
    ...week,
    source: table.travelSource === 'offline' ? 'offline' : 'server',
    travelSource: table.travelSource,
    travelWarning: [table.travelWarning, extra].filter(Boolean).join(' ') || null,
    seconds: Math.round(performance.now() - t0) / 1000,
  };
}
