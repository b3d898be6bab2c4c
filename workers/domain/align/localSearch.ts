// Boundary local search: move single units to an adjacent territory when that lowers
// balance penalty + travel (+ disruption, when rebalancing), never cutting a territory in two
// (articulation check) and never emptying one. Floating blocks may move to any nearby territory.

import { staysConnected } from './graph';
import { nearestCentres, toSphere } from './sphere';
import { lockOf } from './targets';
import { recomputeLoads, shouldStop, travel, type SolverState } from './state';

export type DisruptionBudget = {
  initial: Int32Array;
  opportunity: Float64Array;
  /** Σ opportunity that may change territory. */
  budget: number;
  /** Σ opportunity currently away from its initial territory. */
  used: number;
  /** Objective cost of moving the whole opportunity away (stay bonus). */
  stayWeight: number;
  totalOpportunity: number;
};

export type SearchOptions = {
  passes: number;
  /** Territories that may change; all when omitted. */
  active?: Uint8Array;
  /** Units to scan; all when omitted. */
  units?: Int32Array;
  disruption?: DisruptionBudget;
  /** Weight of travel against balance (default 1). */
  travelWeight?: number;
  /**
   * With a disruption budget: a move that spends budget must gain at least this much objective
   * per unit of opportunity share spent (rebalance lowers it step by step, so the budget goes to
   * the moves that buy the most balance first).
   */
  minGainPerDisruption?: number;
  /** Balance penalty of one territory (default `penalty`); rebalance passes `bandPenalty`. */
  penaltyOf?: (load: number, target: number) => number;
  /**
   * Per territory, the largest |load − target| a move may leave it at when the move takes it further
   * from its target (see `deviationCeiling`): with `bandPenalty` this stops one territory being made
   * worse to bring another into the band.
   */
  ceiling?: Float64Array;
};

const BALANCE_WEIGHT = 100;
/** Inside ±SOFT_FROM deviations cost little, so travel decides; beyond, balance dominates. */
const SOFT_FROM = 0.02;
const INNER_WEIGHT = 0.05;
const HINGE_FROM = 0.04;
const HINGE_WEIGHT = 30;

const convexPenalty = (load: number, target: number): number => penalty(load, target);

/** Balance penalty of one territory at value `load`. */
export function penalty(load: number, target: number): number {
  const d = (load - target) / target;
  const a = Math.abs(d);
  const soft = Math.max(0, a - SOFT_FROM);
  const h = Math.max(0, a - HINGE_FROM);
  return INNER_WEIGHT * d * d + soft * soft + HINGE_WEIGHT * h * h;
}

/** Inside this deviation a territory counts as balanced for `bandPenalty` (a margin under ±5 %). */
const BAND_INNER = 0.045;
const BAND_STEP = 0.5;
const BAND_FAR_WEIGHT = 0.03;

/**
 * Balance penalty that counts territories outside ±5 % rather than summing squared deviations, for
 * rebalancing with a small disruption budget. Inside the band it is the convex `penalty` (so chains
 * of moves through balanced territories still pay). Outside it adds a step plus the square root of
 * the distance to the band, so a unit of index is worth most to the territories nearest the band —
 * the ones that take the fewest moves to bring in — and the step keeps balanced neighbours in; a
 * tenth of the convex penalty stops far-off territories from being drained to fix others.
 */
/**
 * Deviation ceilings for a rebalance: a territory outside ±4.5 % never ends more than `slack` (a
 * share of its target) further from its target than it is now; one inside, now or once brought in,
 * stays inside.
 */
export function deviationCeiling(
  load: Float64Array,
  target: Float64Array,
  slack: number,
): Float64Array {
  const ceil = Float64Array.from(target, (t, i) => Math.abs(load[i]! - t) + slack * t);
  for (let t = 0; t < ceil.length; t++) tightenCeiling(ceil, t, load[t]!, target[t]!);
  return ceil;
}

/** A territory inside ±4.5 % (from the start or brought in) stays inside. */
export function tightenCeiling(ceil: Float64Array, t: number, load: number, target: number): void {
  if (Math.abs(load - target) <= BAND_INNER * target)
    ceil[t] = Math.min(ceil[t]!, BAND_INNER * target);
}

/** True when going from `before` to `after` takes a territory further from its target and past its ceiling. */
export function breaksCeiling(
  before: number,
  after: number,
  target: number,
  ceiling: number,
): boolean {
  const d = Math.abs(after - target);
  return d > ceiling && d > Math.abs(before - target);
}

export function bandPenalty(load: number, target: number): number {
  const d = Math.abs((load - target) / target);
  const convex = penalty(load, target);
  if (d <= BAND_INNER) return convex;
  const edge = penalty(target * (1 + BAND_INNER), target);
  return edge + BAND_STEP + Math.sqrt(d - BAND_INNER) + BAND_FAR_WEIGHT * (convex - edge);
}

export function localSearch(s: SolverState, opts: SearchOptions): number {
  const { n, p, k } = s;
  const penalty = opts.penaltyOf ?? convexPenalty;
  const ceil = opts.ceiling;
  recomputeLoads(s);
  const counts = new Int32Array(k);
  for (let u = 0; u < n; u++) if (s.assign[u]! >= 0) counts[s.assign[u]!]!++;
  const units = opts.units ?? Int32Array.from({ length: n }, (_, i) => i);
  const order = shuffled(units, s);
  const cur = new Float64Array(n);
  for (const u of order) cur[u] = travel(s, u, s.assign[u]!);
  const floatCand = floatingCandidates(s, order);
  const balW = BALANCE_WEIGHT / k;
  const travW = (opts.travelWeight ?? 3) / ((s.totalWeight || 1) * s.travelScale);
  const dis = opts.disruption;
  const neigh: number[] = [];
  let movedTotal = 0;
  for (let pass = 0; pass < opts.passes; pass++) {
    if (shouldStop(s)) break;
    s.iterations++;
    let moved = 0;
    for (const u of order) {
      const a = s.assign[u]!;
      if (lockOf(s, u) >= 0 || counts[a]! <= 1 || (opts.active && !opts.active[a])) continue;
      collectNeighbours(s, u, a, floatCand, opts.active, neigh);
      if (neigh.length === 0) continue;
      const v = p.value[u]!;
      if (ceil && breaksCeiling(s.load[a]!, s.load[a]! - v, s.target[a]!, ceil[a]!)) continue;
      const baseA = penalty(s.load[a]!, s.target[a]!) - penalty(s.load[a]! - v, s.target[a]!);
      let best = -1;
      let bestGain = 1e-12;
      let bestCost = 0;
      for (const b of neigh) {
        if (ceil && breaksCeiling(s.load[b]!, s.load[b]! + v, s.target[b]!, ceil[b]!)) continue;
        const c = travel(s, u, b);
        let gain =
          balW *
            (baseA + penalty(s.load[b]!, s.target[b]!) - penalty(s.load[b]! + v, s.target[b]!)) -
          travW * p.weightForTravel[u]! * (c - cur[u]!);
        if (dis) {
          const delta = disruptionDelta(dis, u, a, b);
          if (delta > 0 && dis.used + delta > dis.budget + 1e-9) continue;
          const share = delta / (dis.totalOpportunity || 1);
          if (share > 0 && gain < (opts.minGainPerDisruption ?? 0) * share) continue;
          gain -= dis.stayWeight * share;
        }
        if (gain > bestGain) {
          bestGain = gain;
          best = b;
          bestCost = c;
        }
      }
      if (best < 0) continue;
      if (
        !p.floating[u] &&
        !staysConnected({
          u,
          t: a,
          assign: s.assign,
          g: s.g,
          floating: p.floating,
          walker: s.walker,
        })
      )
        continue;
      if (dis) dis.used += disruptionDelta(dis, u, a, best);
      s.assign[u] = best;
      s.load[a]! -= v;
      s.load[best]! += v;
      if (ceil) {
        tightenCeiling(ceil, a, s.load[a]!, s.target[a]!);
        tightenCeiling(ceil, best, s.load[best]!, s.target[best]!);
      }
      counts[a]!--;
      counts[best]!++;
      cur[u] = bestCost;
      moved++;
    }
    movedTotal += moved;
    if (moved === 0) break;
  }
  recomputeLoads(s);
  return movedTotal;
}

function disruptionDelta(dis: DisruptionBudget, u: number, from: number, to: number): number {
  const init = dis.initial[u]!;
  const o = dis.opportunity[u]!;
  if (from === init) return o;
  if (to === init) return -o;
  return 0;
}

function collectNeighbours(
  s: SolverState,
  u: number,
  a: number,
  floatCand: Map<number, Int32Array>,
  active: Uint8Array | undefined,
  out: number[],
): void {
  out.length = 0;
  const fc = floatCand.get(u);
  if (fc) {
    for (const t of fc) if (t !== a && (!active || active[t])) out.push(t);
    return;
  }
  const { g, assign } = s;
  for (let e = g.start[u]!; e < g.start[u + 1]!; e++) {
    const v = g.list[e]!;
    if (s.p.floating[v]) continue;
    const t = assign[v]!;
    if (t === a || t < 0 || (active && !active[t]) || out.includes(t)) continue;
    out.push(t);
  }
}

function floatingCandidates(s: SolverState, order: Int32Array): Map<number, Int32Array> {
  const map = new Map<number, Int32Array>();
  const fl = Array.from(order).filter((u) => s.p.floating[u]);
  if (fl.length === 0) return map;
  const pts = toSphere(
    fl.map((u) => s.p.lat[u]!),
    fl.map((u) => s.p.lon[u]!),
  );
  const m = Math.min(8, s.k);
  const cand = nearestCentres(pts, toSphere(s.cLat, s.cLon), m);
  fl.forEach((u, i) => map.set(u, cand.subarray(i * m, i * m + m)));
  return map;
}

function shuffled(units: Int32Array, s: SolverState): Int32Array {
  const out = Int32Array.from(units);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(s.rng() * (i + 1));
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}
