// Territory-alignment solver: the public API. Pure (no I/O, no clock but the injected `now`),
// deterministic for a seed. See ARCHITECTURE.md "Alignment engine".

import { solveFromScratch } from './solve';
import { rebalance as rebalanceImpl } from './rebalance';
import * as whatIf from './whatif';
import { validateProblem } from './validate';
import { refineAroundHomes as refineAroundHomesImpl, type HomeRefineResult } from './homeRefine';
import { EngineFailure } from '../../common/result';
import type { AlignProblem, AlignSolution } from './types';

export type {
  AlignProblem,
  AlignSolution,
  AlignHierarchy,
  Infeasibility,
  TravelMinutesFn,
} from './types';
export { kmeansBaseline, equalCountBaseline } from './baselines';
export { buildHierarchy } from './hierarchy';
export { alignmentQuality, type AlignQuality } from './quality';
export { BAND_HIGH, BAND_LOW, TIGHT } from './targets';
export {
  candidateStrips,
  tableTravel,
  territoryRings,
  type HomeTable,
  type TableTravel,
} from './travelTable';
export { nearestUnit } from './split';
export type { HomeRefineResult } from './homeRefine';

/**
 * Builds `p.k` territories from scratch: balanced on Σ value, compact in travel from the home
 * bases (or placed centres), contiguous, honouring locks. Infeasible constraints are reported in
 * `infeasibilities` with their excess, never looped on.
 */
export function solveAlignment(p: AlignProblem): AlignSolution {
  validateProblem(p, 'Alignment');
  return solveFromScratch(p);
}

/**
 * Rebalances `p.initial` moving as little as possible: at most `p.maxDisruption` of Σ opportunity
 * (default `value`) changes territory; `disruption` reports the share used.
 */
export function rebalance(p: AlignProblem): AlignSolution {
  validateProblem(p, 'Rebalance');
  return rebalanceImpl(p);
}

/** Adds territory `p.k` (result has p.k + 1), split from where it is most needed or at `home`. */
export function addTerritory(
  p: AlignProblem,
  assignment: Int32Array,
  opts?: { home?: { lat: number; lon: number } },
): AlignSolution {
  validateProblem(p, 'Add territory');
  return whatIf.addTerritory(p, assignment, opts);
}

/** Removes territory `t` (absorbed by its neighbours); territories after `t` shift down by one. */
export function removeTerritory(p: AlignProblem, assignment: Int32Array, t: number): AlignSolution {
  validateProblem(p, 'Remove territory');
  if (p.k < 2 || t < 0 || t >= p.k) {
    throw new EngineFailure(
      'BAD_INPUT',
      `Remove territory: territory ${t + 1} does not exist or is the last one (there are ${p.k}).`,
    );
  }
  return whatIf.removeTerritory(p, assignment, t);
}

/** Re-solves only `territories` and the territories adjacent to them. */
export function localRebalance(
  p: AlignProblem,
  assignment: Int32Array,
  territories: number[],
): AlignSolution {
  validateProblem(p, 'Local rebalance');
  return whatIf.localRebalance(p, assignment, territories);
}

/**
 * Refines a finished alignment around fixed home bases `p.homes` with `p.travelMinutes` (e.g. road
 * times the first solve could not use); kept only when it is at least as balanced.
 */
export function refineAroundHomes(p: AlignProblem, first: AlignSolution): HomeRefineResult {
  validateProblem(p, 'Refine around home bases');
  if (!p.homes)
    throw new EngineFailure(
      'BAD_INPUT',
      'Refine around home bases: the problem has no home bases.',
    );
  return refineAroundHomesImpl(p, first);
}

export { disruptionFrontier, movesLowerBound, type Frontier, type FrontierPoint } from './frontier';
export { transportBound, type LpSolve, type SparseLp, type TransportBound } from './transportLp';
