// Disruption frontier: balance reached against disruption for a list of budgets, in one run. The
// legacy alignment's fragments are repaired first (a piece cut off from its territory goes whole to
// the neighbour it touches most — cheap disruption, since such pieces are small and it is what a
// planner would do by hand). Then each budget, in ascending order, rebalances from the previous
// point's plan (warm start), so budgets are used cumulatively; a point that would be worse than the
// previous one (fewer territories within ±5 %, then within the band) keeps the previous plan, so
// the curve is monotone by construction. Beside it, a lower bound on the disruption any plan needs
// to bring every territory into a band (movesLowerBound).

import { repairContiguity } from './contiguity';
import { rebalance } from './rebalance';
import { diffuseBalance } from './diffuse';
import { computeTargets } from './targets';
import { createState, recomputeLoads } from './state';
import { alignmentQuality } from './quality';
import { placeCentres, settleUnassigned } from './whatif';
import type { AlignProblem, AlignSolution } from './types';

export type FrontierPoint = {
  budget: number;
  solution: AlignSolution;
  /** Share of Σ opportunity whose territory changed vs the original alignment. */
  disruption: number;
  within5: number;
  withinBand: number;
  noncontiguous: number;
  /** True when this budget's own solve was worse and the previous point's plan was kept. */
  keptPrevious: boolean;
};

export type Frontier = {
  repaired: { fragments: number; disruption: number };
  points: FrontierPoint[];
};

export function disruptionFrontier(p: AlignProblem, budgets: number[]): Frontier {
  const initial = p.initial!;
  const opportunity = p.opportunity ?? p.value;
  let total = 0;
  for (let u = 0; u < p.count; u++) total += opportunity[u]!;
  const share = (a: Int32Array) => {
    let moved = 0;
    for (let u = 0; u < p.count; u++)
      if (initial[u]! >= 0 && a[u] !== initial[u]) moved += opportunity[u]!;
    return total > 0 ? moved / total : 0;
  };
  // 1. Fragments repaired first.
  const s = createState(
    p,
    p.k,
    Int32Array.from(initial, (t) => (t >= 0 && t < p.k ? t : -1)),
  );
  computeTargets(s);
  placeCentres(s);
  settleUnassigned(s);
  const before = alignmentQuality(p, asSolution(s.assign, p.k)).noncontiguous;
  repairContiguity(s);
  recomputeLoads(s);
  let start = Int32Array.from(s.assign);
  const repaired = { fragments: before, disruption: share(start) };
  const points: FrontierPoint[] = [];
  let prev: FrontierPoint | null = null;
  for (const budget of [...budgets].sort((a, b) => a - b)) {
    const cap = Math.max(budget, repaired.disruption);
    // Value first flows across rings of territories (diffusion, within the budget), then the
    // rebalance's boundary moves finish with what is left of it.
    const diffused = diffuseWithin(p, start, cap * total, opportunity);
    const sol = rebalance({ ...p, start: diffused, maxDisruption: cap });
    const q = alignmentQuality(p, sol);
    let point: FrontierPoint = {
      budget,
      solution: sol,
      disruption: share(sol.assignment),
      within5: q.within5,
      withinBand: q.withinBand,
      noncontiguous: q.noncontiguous,
      keptPrevious: false,
    };
    if (prev && worse(point, prev)) point = { ...prev, budget, keptPrevious: true };
    points.push(point);
    prev = point;
    start = Int32Array.from(point.solution.assignment);
  }
  return { repaired, points };
}

function diffuseWithin(
  p: AlignProblem,
  start: Int32Array,
  budget: number,
  opportunity: Float64Array,
): Int32Array {
  const s = createState(p, p.k, Int32Array.from(start));
  computeTargets(s);
  placeCentres(s);
  let used = 0;
  for (let u = 0; u < p.count; u++)
    if (p.initial![u]! >= 0 && s.assign[u] !== p.initial![u]) used += opportunity[u]!;
  // Keep a share of the budget for the boundary moves that follow.
  diffuseBalance(s, {
    rounds: 4,
    budget: {
      initial: p.initial!,
      opportunity,
      budget: used + 0.8 * Math.max(0, budget - used),
      used,
    },
  });
  return Int32Array.from(s.assign);
}

/** Worse on any balance figure (pieces, within ±5 %, within the band): a larger budget must never lose one. */
function worse(a: FrontierPoint, b: FrontierPoint): boolean {
  return a.noncontiguous > b.noncontiguous || a.within5 < b.within5 || a.withinBand < b.withinBand;
}

function asSolution(assignment: Int32Array, k: number): AlignSolution {
  return {
    assignment,
    centersLat: new Float64Array(k),
    centersLon: new Float64Array(k),
    territoryValue: new Float64Array(k),
    infeasibilities: [],
    iterations: 0,
    stoppedEarly: false,
  };
}

/**
 * Lower bound on the share of opportunity that must change territory for every territory to end in
 * [low, high] × the mean: the LP "move fractions y_u ∈ [0, 1] of units out of their territory,
 * minimising Σ opportunity × y, so that each territory above `high` sheds its excess and at least
 * the total shortfall below `low` moves somewhere" relaxes every real plan (contiguity, where the
 * value lands). Its constraints are one per over-full territory on disjoint units plus one on all
 * units, a laminar family, so the greedy solution — each over-full territory's cheapest units by
 * opportunity per value first, then the cheapest remaining anywhere — is optimal for it
 * (exchange argument), and no LP solver is needed.
 */
export function movesLowerBound(p: AlignProblem, low: number, high: number): number {
  const initial = p.initial!;
  const opportunity = p.opportunity ?? p.value;
  const k = p.k;
  const load = new Float64Array(k);
  let total = 0;
  let totalOpp = 0;
  for (let u = 0; u < p.count; u++) {
    totalOpp += opportunity[u]!;
    total += p.value[u]!;
    const t = initial[u]!;
    if (t >= 0 && t < k) load[t]! += p.value[u]!;
  }
  const mean = total / k;
  let shortfall = 0;
  for (let t = 0; t < k; t++) shortfall += Math.max(0, low * mean - load[t]!);
  const ratio = (u: number) => opportunity[u]! / p.value[u]!;
  const byTerritory: number[][] = Array.from({ length: k }, () => []);
  for (let u = 0; u < p.count; u++)
    if (p.value[u]! > 0 && initial[u]! >= 0 && initial[u]! < k) byTerritory[initial[u]!]!.push(u);
  const leftFraction = new Float64Array(p.count).fill(1);
  let cost = 0;
  let movedValue = 0;
  for (let t = 0; t < k; t++) {
    let need = load[t]! - high * mean;
    if (need <= 0) continue;
    const list = byTerritory[t]!.sort((a, b) => ratio(a) - ratio(b) || a - b);
    for (const u of list) {
      if (need <= 0) break;
      const take = Math.min(1, need / p.value[u]!);
      cost += take * opportunity[u]!;
      movedValue += take * p.value[u]!;
      leftFraction[u] = 1 - take;
      need -= take * p.value[u]!;
    }
  }
  let rest = shortfall - movedValue;
  if (rest > 0) {
    const all: number[] = [];
    for (let u = 0; u < p.count; u++) if (p.value[u]! > 0 && leftFraction[u]! > 0) all.push(u);
    all.sort((a, b) => ratio(a) - ratio(b) || a - b);
    for (const u of all) {
      if (rest <= 0) break;
      const take = Math.min(leftFraction[u]!, rest / p.value[u]!);
      cost += take * opportunity[u]!;
      rest -= take * p.value[u]!;
    }
  }
  return totalOpp > 0 ? cost / totalOpp : 0;
}
