// What-if steps with the workspace's routing server: the steps that re-solve part of the alignment
// (add a rep, remove a rep, local rebalance) weigh travel with road times from each home base to
// its candidate units, fetched before the step runs (engine/align/roadTimes.ts; the routing client's per-pair
// cache answers repeated steps on the same scenario without new requests). Other steps, and every
// step with no server set, run exactly as before (scenarioOps.runWhatIf).
import type { AlignTravel, WhatIfOp, WhatIfRequest, WhatIfResult } from '../../common/contract';
import type { CallOptions } from '../../common/progress';
import { nearestUnit, territoryRings, type AlignProblem } from '../../domain/align/index';
import { travelMinutes } from '../../domain/driveTime';
import { OFFLINE_TRAVEL } from '../align/withRoadTimes';
import { stateHomes, throwIfCancelled } from '../align/run';
import { homeTravel } from '../align/roadTimes';
import type { EngineContext } from '../runtime/context';
import { runWhatIf } from './history';
import { requireScenario, scenarioState } from './store';
import { routingSettingOf } from '../travel/travelSource';
import { homeOfZip, solverSetup, SOLVING_OPS } from './whatIfOps';

export async function runWhatIfRouted(
  ctx: EngineContext,
  req: WhatIfRequest,
  opts?: CallOptions,
): Promise<WhatIfResult> {
  const solving = SOLVING_OPS.has(req.op.kind);
  const setting = routingSettingOf(ctx);
  if (!setting || !solving)
    return { ...runWhatIf(ctx, req, opts), ...(solving ? { alignTravel: OFFLINE_TRAVEL } : {}) };
  const row = requireScenario(ctx, req.scenario);
  const state = scenarioState(ctx, row);
  const homes = stateHomes(state);
  if (!homes) {
    const warning = `Scenario "${row.name}" has territories without a home base, so the solver weighed travel with the offline model (road times are asked from home bases). Align it once (tessera align --from) to place home bases.`;
    return { ...runWhatIf(ctx, req, opts), alignTravel: { ...OFFLINE_TRAVEL, warning } };
  }
  const { built } = solverSetup({ ctx, row, state, opts });
  // A new rep's home given as a ZIP is known now: ask its strip too.
  const extra = req.op.kind === 'addRep' && req.op.homeZip ? homeOfZip(ctx, req.op.homeZip) : null;
  const all = extra
    ? {
        lat: Float64Array.from([...homes.lat, extra.lat]),
        lon: Float64Array.from([...homes.lon, extra.lon]),
      }
    : homes;
  const homeLabel = (h: number) => state.territories[h]?.id ?? 'of the new rep';
  const only = homesTheStepCanChange(
    req.op,
    built.problem,
    state.territories.map((t) => t.id),
    extra,
  );
  const fetched = await homeTravel({
    setting,
    problem: built.problem,
    homes: all,
    assignment: built.problem.initial!,
    fallback: travelMinutes,
    homeLabel,
    ...(only ? { only } : {}),
    ...(opts ? { opts } : {}),
  });
  throwIfCancelled(opts);
  const result = runWhatIf(ctx, req, opts, fetched.travel.fn);
  const placed = req.op.kind === 'addRep' && !extra;
  return {
    ...result,
    alignTravel: placed ? withNote(fetched.report, NEW_HOME_NOTE) : fetched.report,
  };
}

/**
 * Homes whose territories the step can change, as the solver's what-ifs bound them (whatif.ts): a
 * local rebalance the named territories and their neighbours, removing a rep the neighbourhood
 * three rings beyond the absorbing neighbours, adding a rep at a home ZIP three rings around the
 * territory it splits (and the new home). Null (every home) for a rep added where most needed.
 */
function homesTheStepCanChange(
  op: WhatIfOp,
  p: AlignProblem,
  ids: string[],
  extra: { lat: number; lon: number } | null,
): Uint8Array | null {
  const k = ids.length;
  const rings = (seeds: number[], n: number) =>
    territoryRings(p.initial!, p, { k, seeds, rings: n });
  if (op.kind === 'rebalanceLocal')
    return rings(
      op.territoryIds.map((id) => ids.indexOf(id)),
      1,
    );
  if (op.kind === 'removeRep') return rings([ids.indexOf(op.territoryId)], 4);
  if (op.kind !== 'addRep' || !extra) return null;
  // the territory the solver splits: the one holding the unit nearest the new home (whatif.ts)
  const split =
    p.initial![
      nearestUnit(
        p,
        Array.from({ length: p.count }, (_, u) => u),
        extra.lat,
        extra.lon,
      )
    ] ?? -1;
  const mask = rings([split], 3);
  return Uint8Array.from([...mask, 1]);
}

const NEW_HOME_NOTE =
  "The new rep's home base is placed during the step, so travel from it used the offline model (give the rep's home ZIP to use road times).";

function withNote(report: AlignTravel, note: string): AlignTravel {
  if (report.source === 'offline') return report;
  return { ...report, warning: report.warning ? `${report.warning} ${note}` : note };
}
