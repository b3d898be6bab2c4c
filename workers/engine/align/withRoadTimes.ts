// `align` with the workspace's routing server (when one is set). With no setting this is exactly
// the offline run (engine/align/run.ts), nothing touches the network.
//
// With a server:
// - home bases known before solving (rebalance of a scenario, fixed roster homes): the solver
//   runs on road times from each home to its candidate units (engine/align/roadTimes.ts); a scenario without
//   home bases is rebalanced twice, the second time around the first run's centres on road times;
// - from scratch: the solver places centres with the offline model calibrated on a sample of road
//   times (per density class and trip length, engine/align/calibration.ts), the homes are settled (the
//   centres, or the roster's reps matched to them), then the boundary refinement runs again around
//   those homes on road times (domain/align/homeRefine.ts), so final assignments follow real roads.
// The result and the saved scenario say where the solver's travel costs came from (alignTravel).
import type { AlignRequest, AlignResult, AlignTravel, RoutingSetting } from '../../common/contract';
import type { CallOptions } from '../../common/progress';
import {
  refineAroundHomes,
  type AlignSolution,
  type TravelMinutesFn,
} from '../../domain/align/index';
import { travelMinutes } from '../../domain/driveTime';
import { calibratedTravel } from '../../domain/driveTimeCalibration';
import { calibrateTravel, type Calibrated } from './calibration';
import { homeTravel } from './roadTimes';
import {
  prepareAlign,
  runAlign,
  saveAlign,
  settleHomes,
  solveJob,
  throwIfCancelled,
  type AlignJob,
} from './run';
import type { EngineContext } from '../runtime/context';
import { routingSettingOf, summarise } from '../travel/travelSource';

/** What a run with no routing server set optimised with. */
export const OFFLINE_TRAVEL: AlignTravel = {
  source: 'offline',
  warning: null,
  pairs: 0,
  routedPairs: 0,
  calibration: null,
};

export async function runAlignRouted(
  ctx: EngineContext,
  req: AlignRequest,
  opts?: CallOptions,
): Promise<AlignResult> {
  const setting = routingSettingOf(ctx);
  // The frontier runs on the offline model (one rebalance per budget; road times per point would multiply the requests).
  if (!setting || req.frontier) return { ...runAlign(ctx, req, opts), alignTravel: OFFLINE_TRAVEL };
  const job = prepareAlign(ctx, req, opts);
  const problem = job.built.problem;
  // A from-scratch run's territories take their ids from the current alignment only when saved.
  const homeLabel = (h: number) =>
    job.plan.rebalance
      ? (job.plan.state.territories[h]?.id ?? String(h + 1))
      : `${h + 1} of the new alignment`;
  const fetchFor = (
    homes: { lat: Float64Array; lon: Float64Array },
    assignment?: Int32Array,
    fallback: TravelMinutesFn = travelMinutes,
  ) =>
    homeTravel({
      setting,
      problem,
      homes,
      fallback,
      homeLabel,
      ...(assignment ? { assignment } : {}),
      ...(opts ? { opts } : {}),
    });
  if (job.plan.homes) {
    const fetched = await fetchFor(job.plan.homes, problem.initial);
    throwIfCancelled(opts);
    problem.travelMinutes = fetched.travel.fn;
    const sol = solveJob(job, opts);
    return finish(ctx, job, sol, fetched.report);
  }
  // From scratch: centres move while solving, so the solver uses the offline model calibrated on a
  // sample of road times, then refines around the settled homes on the homes' own road times.
  const cal = await calibrateTravel(setting, problem, opts);
  throwIfCancelled(opts);
  const calibrated =
    cal.calibration.pairs > 0 ? calibratedTravel(cal.calibration, travelMinutes) : travelMinutes;
  problem.travelMinutes = calibrated;
  const first = solveJob(job, opts);
  if (job.plan.rebalance)
    return rebalanceAroundCentres(ctx, job, first, { fetchFor, calibrated, cal, setting, opts });
  const homes = settleHomes(ctx, job, first);
  const fetched = await fetchFor(homes, first.assignment, calibrated);
  throwIfCancelled(opts);
  const report = withCalibration(setting, fetched.report, cal);
  if (fetched.report.routedPairs === 0) return finish(ctx, job, first, report);
  const refined = refineAroundHomes({ ...problem, homes, travelMinutes: fetched.travel.fn }, first);
  throwIfCancelled(opts);
  const refinement = {
    moved: refined.moved,
    kept: refined.kept,
    minutesBefore: round2(refined.minutesBefore),
    minutesAfter: round2(refined.minutesAfter),
  };
  return finish(ctx, job, refined, { ...report, refinement });
}

type Rerun = {
  fetchFor: (
    homes: { lat: Float64Array; lon: Float64Array },
    assignment?: Int32Array,
    fallback?: TravelMinutesFn,
  ) => ReturnType<typeof homeTravel>;
  calibrated: TravelMinutesFn;
  cal: Calibrated;
  setting: RoutingSetting;
  opts: CallOptions | undefined;
};

/**
 * A scenario without home bases (e.g. an imported alignment with no roster) rebalanced: the first
 * (calibrated) run places centres; the rebalance then runs again from the same alignment with those
 * centres fixed and road times from them, so the disruption budget still holds.
 */
async function rebalanceAroundCentres(
  ctx: EngineContext,
  job: AlignJob,
  first: AlignSolution,
  r: Rerun,
): Promise<AlignResult> {
  const problem = job.built.problem;
  const centres = {
    lat: Float64Array.from(first.centersLat),
    lon: Float64Array.from(first.centersLon),
  };
  const fetched = await r.fetchFor(centres, problem.initial, r.calibrated);
  throwIfCancelled(r.opts);
  const report = withCalibration(r.setting, fetched.report, r.cal);
  if (fetched.report.routedPairs === 0) return finish(ctx, job, first, report);
  Object.assign(problem, { homes: centres, travelMinutes: fetched.travel.fn });
  return finish(ctx, job, solveJob(job, r.opts), report);
}

/** The strips' report with the calibration's figures; the source is the server when either used it. */
function withCalibration(
  setting: RoutingSetting,
  strips: AlignTravel,
  cal: Calibrated,
): AlignTravel {
  const sample = summarise(setting, cal.tables);
  const calibration =
    cal.calibration.pairs > 0
      ? {
          pairs: cal.calibration.pairs,
          factors: cal.calibration.classFactors.map((f) => Math.round(f * 1000) / 1000),
        }
      : null;
  const source = strips.source !== 'offline' || calibration ? setting.kind : 'offline';
  return { ...strips, source, warning: strips.warning ?? sample.travelWarning, calibration };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function finish(
  ctx: EngineContext,
  job: AlignJob,
  sol: AlignSolution,
  travel: AlignTravel,
): AlignResult {
  return { ...saveAlign(ctx, job, sol, travel), alignTravel: travel };
}
