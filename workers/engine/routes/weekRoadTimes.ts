// A territory's week plan with drive times from the workspace's routing server when one is set:
// one routed table over the week's stops (home base, start/end points, every account with a visit
// due in the plan's days), then the usual planner over a matrix-backed travel function. Without a
// setting this is planWeek as is (offline model), plus travelSource 'offline'.
import type { RouteRequest, RouteWeek } from '../../common/contract';
import type { CancelToken } from '../../common/progress';
import { EngineFailure } from '../../common/result';
import { isCancelled } from '../../common/progress';
import { workingDayIndex, workingDays } from '../../domain/route/calendar';
import { dueCount } from '../../domain/route/dueVisits';
import { planWeekPure } from '../../domain/route/week';
import type { EngineContext } from '../runtime/context';
import { planWeek, weekJob, weekResult, type WeekJob } from './weekPlanner';
import {
  matrixTravel,
  OFFLINE_WEEK_TRAVEL,
  routedTable,
  routingSettingOf,
} from '../travel/travelSource';

/**
 * Every point the week planner can ask a drive time for: home, start, end and the accounts with a
 * visit due in the plan (the planner's own rule, domain/route/dueVisits). Tabling only those keeps
 * a 1,500-account territory to ~130 points instead of 1,500² pairs. Should the planner ever ask for
 * a point outside this set, matrixTravel answers with the offline model and the result says so.
 */
function weekStops(job: WeekJob): { lat: number[]; lon: number[]; density: number[] } {
  const { input } = job;
  const stops = { lat: [] as number[], lon: [] as number[], density: [] as number[] };
  const add = (p: { lat: number; lon: number; density?: number }) => {
    stops.lat.push(p.lat);
    stops.lon.push(p.lon);
    stops.density.push(p.density ?? 1);
  };
  for (const p of [input.home, input.start, input.end]) if (p) add(p);
  const dates = workingDays(input.firstDay, input.days);
  const firstWorkingDay = workingDayIndex(dates[0]!);
  for (const a of input.accounts) {
    if (
      dueCount({
        id: a.id,
        callsPerYear: a.callsPerYear,
        daysPerYear: input.daysPerYear,
        firstWorkingDay,
        days: dates.length,
      }) > 0
    )
      add(a);
  }
  return stops;
}

export type WeekOptions = { today?: number; cancel?: CancelToken };

/** planWeek with the workspace's drive-time source; the result says which source it used. */
export async function planWeekWithTravel(
  ctx: EngineContext,
  req: RouteRequest,
  opts: WeekOptions = {},
): Promise<RouteWeek> {
  const setting = routingSettingOf(ctx);
  if (!setting)
    return { ...planWeek(ctx, req, opts.today), travelSource: 'offline', travelWarning: null };
  const job = weekJob(ctx, req, opts.today !== undefined ? { today: opts.today } : {});
  const stops = weekStops(job);
  const table = await routedTable({
    setting,
    origins: stops,
    destinations: stops,
    what: `the week of territory ${req.territoryId}`,
    cancel: opts.cancel,
  });
  if (isCancelled(opts.cancel))
    throw new EngineFailure('CANCELLED', 'Route planning was cancelled.');
  // No pair from the server (down): exactly the offline plan. Otherwise road times, which differ by
  // direction, so the planner fills the full matrix (symmetric: false).
  const lookup = table.travelSource === 'offline' ? null : matrixTravel(stops, table.matrix);
  const travel = lookup ? { fn: lookup.fn, symmetric: false } : OFFLINE_WEEK_TRAVEL;
  const week = weekResult(
    job,
    planWeekPure({ ...job.input, travel: travel.fn, symmetric: travel.symmetric }),
  );
  const missed = lookup?.misses() ?? 0;
  const extra =
    missed > 0 ? `${missed} legs were not in the routed table and used the offline model.` : null;
  return {
    ...week,
    source: table.travelSource === 'offline' ? 'offline' : 'server',
    travelSource: table.travelSource,
    travelWarning: [table.travelWarning, extra].filter(Boolean).join(' ') || null,
  };
}
