// Travel polish after balancing: the balanced, contiguous territories are improved for travel
// alone (Σ workload × drive minutes from the centres) while every territory stays within ±4.8 % of
// its target (or no further out than it was) and in one piece. Two moves: single boundary units
// (the local search with a band penalty that is flat inside ±4.8 %), and pair re-splits — two
// adjacent territories regrown from their centres, centres re-placed, boundary moves inside the
// pair — kept only when the pair's travel drops.

import { territoryPieces } from './contiguity';
import { localSearch } from './localSearch';
import { centreSeeds, refine } from './refine';
import { splitUnits } from './split';
import {
  membersOf,
  recomputeLoads,
  shouldStop,
  travel,
  updateCentres,
  type SolverState,
} from './state';

const FLAT = 0.048;
const BAND_EDGE = 0.14;
/** Targets this close to the mean are the mean's ±5 % in the report; others (giants, islands) their own. */
const NEAR_MEAN = 0.04;

type Penalty = (load: number, target: number) => number;

/**
 * Zero while a territory is within ±4.8 % (of the mean when its target is near the mean — the
 * report's ±5 % — else of its own target); beyond, a step and a steep slope, and another, steeper,
 * past ±14 % of the mean (the 0.85–1.15 band).
 */
export function flatBandPenalty(mean: number): Penalty {
  return (load, target) => {
    const ref = Math.abs(target - mean) <= NEAR_MEAN * mean ? mean : target;
    const d = Math.abs(load - ref) / ref;
    const near = d <= FLAT ? 0 : 1 + 300 * (d - FLAT) + 1e3 * (d - FLAT) ** 2;
    const band = Math.abs(load - mean) / mean;
    const far = band <= BAND_EDGE ? 0 : 1e4 * (band - BAND_EDGE) ** 2 + 10;
    return near + far;
  };
}

export function polishTravel(s: SolverState, opts: { pairRounds: number }): void {
  s.keepBetterCentres = true;
  recomputeLoads(s);
  let total = 0;
  for (let t = 0; t < s.k; t++) total += s.load[t]!;
  const penaltyOf = flatBandPenalty(total / s.k);
  refine(s, { rounds: 6, passes: 40, penaltyOf, pairSplits: false });
  for (let round = 0; round < opts.pairRounds; round++) {
    const kept = pairPass(s, penaltyOf);
    if (shouldStop(s) || kept === 0) break;
    refine(s, { rounds: 2, passes: 40, penaltyOf, pairSplits: false });
  }
  s.keepBetterCentres = false;
}

/** One pass of pair re-splits over adjacent territory pairs; returns how many were kept. */
function pairPass(s: SolverState, penaltyOf: Penalty): number {
  const members = membersOf(s);
  const pairs = adjacentPairs(s);
  let kept = 0;
  for (const [a, b] of pairs) {
    if (shouldStop(s)) break;
    const units = members[a]!.concat(members[b]!);
    if (units.length < 3 || !resplitPair(s, [a, b], units, penaltyOf)) continue;
    members[a] = units.filter((u) => s.assign[u] === a);
    members[b] = units.filter((u) => s.assign[u] === b);
    kept++;
  }
  return kept;
}

function resplitPair(
  s: SolverState,
  [a, b]: [number, number],
  units: number[],
  penaltyOf: Penalty,
): boolean {
  const before = Int32Array.from(units, (u) => s.assign[u]!);
  const centres = [s.cLat[a]!, s.cLon[a]!, s.cLat[b]!, s.cLon[b]!];
  const penaltyBefore = penaltyOf(s.load[a]!, s.target[a]!) + penaltyOf(s.load[b]!, s.target[b]!);
  const cost0 = pairCost(s, units);
  const pair = new Uint8Array(s.k);
  pair[a] = 1;
  pair[b] = 1;
  for (let it = 0; it < 2; it++) {
    splitUnits(s, {
      units,
      sides: [a, b],
      seeds: centreSeeds(s, units, a, b),
      targets: [s.target[a]!, s.target[b]!],
    });
    updateCentres(s, pair);
  }
  localSearch(s, { passes: 20, active: pair, units: Int32Array.from(units), penaltyOf });
  updateCentres(s, pair);
  const balanced =
    penaltyOf(s.load[a]!, s.target[a]!) + penaltyOf(s.load[b]!, s.target[b]!) <=
    penaltyBefore + 1e-12;
  const ok =
    balanced &&
    pairCost(s, units) < cost0 * (1 - 1e-6) &&
    !territoryPieces(s, pair).some((l) => l.length > 1);
  if (!ok) {
    units.forEach((u, i) => (s.assign[u] = before[i]!));
    [s.cLat[a], s.cLon[a], s.cLat[b], s.cLon[b]] = centres as [number, number, number, number];
  }
  recomputeLoads(s);
  return ok;
}

function pairCost(s: SolverState, units: number[]): number {
  let sum = 0;
  for (const u of units) sum += s.p.weightForTravel[u]! * travel(s, u, s.assign[u]!);
  return sum;
}

/** Adjacent territory pairs (a < b), the costliest pairs first. */
function adjacentPairs(s: SolverState): [number, number][] {
  const cost = new Float64Array(s.k);
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  for (let u = 0; u < s.n; u++) {
    const a = s.assign[u]!;
    if (a < 0) continue;
    cost[a]! += s.p.weightForTravel[u]! * travel(s, u, a);
    for (let e = s.g.start[u]!; e < s.g.start[u + 1]!; e++) {
      const b = s.assign[s.g.list[e]!]!;
      if (b <= a) continue;
      const key = a * s.k + b;
      if (!seen.has(key)) {
        seen.add(key);
        pairs.push([a, b]);
      }
    }
  }
  pairs.sort(
    (p, q) => cost[q[0]]! + cost[q[1]]! - cost[p[0]]! - cost[p[1]]! || p[0] - q[0] || p[1] - q[1],
  );
  return pairs;
}
