// Second pass of a from-scratch alignment once its home bases are settled: boundary refinement
// around the fixed homes with a travel function the first pass could not use (road drive times
// from a routing server, looked up in a table per home). Balance comes first: the refined
// assignment is kept only when it has at least as many territories within ±5 %.

import { refine, reportLeftovers, shareWithinTight } from './refine';
import { computeTargets } from './targets';
import { createState, recomputeLoads, toSolution, travel, type SolverState } from './state';
import { placeCentres } from './whatif';
import type { AlignProblem, AlignSolution } from './types';

/** Kinds the first pass reports that this pass cannot re-derive (everything else it recomputes). */
const CARRIED = new Set(['homes-uneven', 'home-far-from-demand']);

export type HomeRefineResult = AlignSolution & {
  /** Units whose territory changed in this pass (0 when the pass was not kept). */
  moved: number;
  /** False when refinement lowered the share within ±5 % and the first assignment was kept. */
  kept: boolean;
  /** Workload-weighted mean unit → home minutes on `p.travelMinutes`, before and after this pass. */
  minutesBefore: number;
  minutesAfter: number;
};

/**
 * Refines `first.assignment` around `p.homes` (required) with `p.travelMinutes`. Locks, pinned
 * blocks and contiguity are honoured as in the first pass.
 */
export function refineAroundHomes(p: AlignProblem, first: AlignSolution): HomeRefineResult {
  const s = createState(p, p.k, Int32Array.from(first.assignment));
  computeTargets(s);
  placeCentres(s);
  const before = shareWithinTight(s);
  const minutesBefore = meanMinutes(s);
  refine(s, { rounds: 3, passes: 30, pairSplits: false });
  let kept = shareWithinTight(s) >= before;
  if (!kept || s.stoppedEarly) {
    kept = false;
    s.assign.set(first.assignment);
    recomputeLoads(s);
  }
  let moved = 0;
  for (let u = 0; u < s.n; u++) if (s.assign[u] !== first.assignment[u]) moved++;
  reportLeftovers(s);
  for (const x of first.infeasibilities) if (CARRIED.has(String(x.kind))) s.infeasibilities.push(x);
  const sol = toSolution(s);
  return {
    ...sol,
    iterations: first.iterations + sol.iterations,
    moved,
    kept,
    minutesBefore,
    minutesAfter: meanMinutes(s),
  };
}

function meanMinutes(s: SolverState): number {
  let sum = 0;
  let w = 0;
  for (let u = 0; u < s.n; u++) {
    const wu = s.p.weightForTravel[u]!;
    if (s.assign[u]! < 0 || !(wu > 0)) continue;
    sum += wu * travel(s, u, s.assign[u]!);
    w += wu;
  }
  return w > 0 ? sum / w : 0;
}
