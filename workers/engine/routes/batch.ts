// Weeks of routes for many territories of one scenario (every territory, or an export's rep packs):
// the scenario-wide inputs are resolved once (routePlanner weekContext), each territory's input is
// gathered on the engine thread, and the planning itself runs on worker threads (routePool) when
// the offline drive model is in use. With a routing server configured, weeks go through
// planWeekWithTravel (engine/routes/weekRoadTimes.ts) on the engine thread, one routed table per week, as for a
// single `route` call. Results are identical to planWeek's for the same request.
import type { RouteRequest, RouteWeek } from '../../common/contract';
import { planWeekPure, type PlannedWeek } from '../../domain/route/week';
import type { EngineContext } from '../runtime/context';
import { routingSettingOf, OFFLINE_WEEK_TRAVEL } from '../travel/travelSource';
import { planWeekWithTravel } from './weekRoadTimes';
import { RoutePool } from './pool';
import {
  jobInput,
  leanWeekJob,
  weekContext,
  weekResult,
  type LeanWeekJob,
  type NameLookup,
  type WeekContext,
} from './weekPlanner';

export type WeekBatch = {
  /** Plans one territory's week; `names` skips the names query when the caller has them. */
  plan(territoryId: string, names?: NameLookup): Promise<RouteWeek>;
  /** Worker threads in use (0 = planning on the engine thread). */
  threads: number;
  close(): Promise<void>;
};

export type BatchRequest = Omit<RouteRequest, 'territoryId'>;

function inThread(job: LeanWeekJob): PlannedWeek {
  return planWeekPure({
    ...jobInput(job),
    travel: OFFLINE_WEEK_TRAVEL.fn,
    symmetric: OFFLINE_WEEK_TRAVEL.symmetric,
  });
}

/**
 * Opens a batch; `threads` caps the worker threads (default: up to 2, one per core). With `pool`
 * the batch plans on that pool (or on this thread when null) and leaves closing it to the caller.
 */
export function openWeekBatch(
  ctx: EngineContext,
  req: BatchRequest,
  opts: { threads?: number; today?: number; pool?: RoutePool | null } = {},
): WeekBatch {
  if (routingSettingOf(ctx)) {
    return {
      threads: 0,
      plan: (territoryId) =>
        planWeekWithTravel(
          ctx,
          { ...req, territoryId },
          opts.today !== undefined ? { today: opts.today } : {},
        ),
      close: async () => {},
    };
  }
  let wc: WeekContext | null = null;
  const shared = opts.pool !== undefined;
  const pool = shared ? opts.pool! : RoutePool.open(opts.threads);
  return {
    threads: pool?.size ?? 0,
    plan: async (territoryId, names) => {
      wc ??= weekContext(ctx, req.scenario, req.market);
      const job = leanWeekJob(
        ctx,
        { ...req, territoryId },
        {
          wc,
          ...(names ? { names } : {}),
          ...(opts.today !== undefined ? { today: opts.today } : {}),
        },
      );
      let week: PlannedWeek;
      try {
        week = pool ? await pool.plan(job) : inThread(job);
      } catch {
        // A worker that failed (out of memory, killed): the same plan on this thread.
        week = inThread(job);
      }
      return { ...weekResult(job, week), travelSource: 'offline', travelWarning: null };
    },
    close: async () => {
      if (!shared) await pool?.close();
    },
  };
}

/** Week plans of every territory of a scenario, in territory order (a few weeks in flight per thread). */
export async function planAllWeeks(
  ctx: EngineContext,
  req: BatchRequest,
  opts: {
    threads?: number;
    today?: number;
    onWeek?: (w: RouteWeek, done: number, total: number) => void;
  } = {},
): Promise<RouteWeek[]> {
  const batch = openWeekBatch(ctx, req, opts);
  try {
    const ids = weekContext(ctx, req.scenario, req.market).model.territories.map((t) => t.id);
    const out: RouteWeek[] = new Array(ids.length);
    let next = 0;
    let done = 0;
    const lane = async () => {
      while (next < ids.length) {
        const k = next++;
        out[k] = await batch.plan(ids[k]!);
        opts.onWeek?.(out[k]!, ++done, ids.length);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, batch.threads * 3) }, lane));
    return out;
  } finally {
    await batch.close();
  }
}
