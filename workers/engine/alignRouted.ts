// `align` with the workspace's routing server (when one is set). With no setting this is exactly
// the offline run (alignRun.ts), nothing touches the network.
//
// With a server:
// - home bases known before solving (rebalance of a scenario, fixed roster homes): the solver
//   runs on road times from each home to its candidate units (alignTravel.ts);
// - from scratch: the solver places centres with the offline model, the homes are settled (the
//   centres, or the roster's reps matched to them), then the boundary refinement runs again around
//   those homes on road times (domain/align/homeRefine.ts), so final assignments follow real roads.
// The result and the saved scenario say where the solver's travel costs came from (alignTravel).
import type { AlignRequest, AlignResult, AlignTravel } from '../common/contract';
import type { CallOptions } from '../common/progress';
import { refineAroundHomes } from '../domain/align/index';
import { travelMinutes } from '../domain/driveTime';
import { homeTravel } from './alignTravel';
import { prepareAlign, runAlign, saveAlign, settleHomes, solveJob, throwIfCancelled, type AlignJob } from './alignRun';
import type { EngineContext } from './context';
import { routingSettingOf } from './travelSource';

/** What a run with no routing server set optimised with. */
export const OFFLINE_TRAVEL: AlignTravel = { source: 'offline', warning: null, pairs: 0, routedPairs: 0, calibration: null };

export async function runAlignRouted(ctx: EngineContext, req: AlignRequest, opts?: CallOptions): Promise<AlignResult> {
  const setting = routingSettingOf(ctx);
  if (!setting) return { ...runAlign(ctx, req, opts), alignTravel: OFFLINE_TRAVEL };
  const job = prepareAlign(ctx, req, opts);
  const problem = job.built.problem;
  const homeLabel = (h: number) => job.plan.state.territories[h]?.id ?? String(h + 1);
  const fetchFor = (homes: { lat: Float64Array; lon: Float64Array }, assignment?: Int32Array) =>
    homeTravel({ setting, problem, homes, fallback: travelMinutes, homeLabel, ...(assignment ? { assignment } : {}), ...(opts ? { opts } : {}) });
  if (job.plan.homes) {
    const fetched = await fetchFor(job.plan.homes, problem.initial);
    throwIfCancelled(opts);
    problem.travelMinutes = fetched.travel.fn;
    const sol = solveJob(job, opts);
    return finish(ctx, job, sol, fetched.report);
  }
  const first = solveJob(job, opts);
  const homes = settleHomes(ctx, job, first);
  const fetched = await fetchFor(homes, first.assignment);
  throwIfCancelled(opts);
  if (fetched.report.routedPairs === 0) return finish(ctx, job, first, fetched.report);
  const refined = refineAroundHomes({ ...problem, homes, travelMinutes: fetched.travel.fn }, first);
  throwIfCancelled(opts);
  return finish(ctx, job, refined, fetched.report);
}

function finish(ctx: EngineContext, job: AlignJob, sol: Parameters<typeof saveAlign>[2], travel: AlignTravel): AlignResult {
  return { ...saveAlign(ctx, job, sol, travel), alignTravel: travel };
}
