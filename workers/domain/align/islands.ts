// Islands: land groups apart from the mainland (Hawaii, Alaska, Puerto Rico at ZIP level) are
// joined to it only by bridge links across open water. When such a group holds close to a whole
// number of territories but not within ±5 % (Hawaii 0.88 of a territory, Alaska 0.93), balancing it
// to ±5 % means a rep in Honolulu serving ZIPs in California — the worst travel of the whole
// alignment (Hawaii and Puerto Rico: 2.3 of the 44.5 mean minutes at national ZIP level). Instead
// the group gets its own territories with targets equal to its value (clamped 5 % inside the
// 0.85–1.15 band, so a group short of the band still takes the least value across the water), as
// long as these exceptions fit in the 5 % of territories that may sit outside ±5 %. Reported as
// 'island' infeasibilities. What-ifs and rebalances do not know these targets (they balance to the
// mean as before).

import { graphComponents, simpleGraph } from './graph';
import { chord2 } from './sphere';
import { BAND_HIGH, BAND_LOW, TIGHT } from './targets';
import { bridgedGraph, type SolverState } from './state';

/** Land masses closer than this (straight line) count as one group (Hawaii's islands, the Aleutians). */
const GROUP_GAP_MILES = 250;
const EARTH_MILES = 3958.8;
/** Share of territories that may sit outside ±5 % (the bar: at least 95 % within). */
const OUTSIDE_SHARE = 0.05;
const MARGIN = 0.01;

export type Island = { units: number[]; territories: number; targetRatio: number; value: number };

/**
 * Island groups that get territories of their own, with their per-territory value as a ratio of
 * the mean. Only for from-scratch solves without locks or home bases (the caller checks).
 */
export function findIslands(s: SolverState): Island[] {
  const { p, n, k } = s;
  const groups = landGroups(s);
  let total = 0;
  for (let u = 0; u < n; u++) total += p.value[u]!;
  const mean = total / k;
  const outsideAlready = coarseUnits(s, mean);
  let budget = Math.floor(OUTSIDE_SHARE * k) - outsideAlready;
  const out: Island[] = [];
  const candidates = groups.slice(1).map((units) => {
    let v = 0;
    for (const u of units) v += p.value[u]!;
    return { units, value: v, x: v / mean };
  });
  candidates.sort((a, b) => b.value - a.value || a.units[0]! - b.units[0]!);
  for (const c of candidates) {
    const count = Math.round(c.x);
    if (count < 1 || count >= k) continue;
    const ratio = c.x / count;
    if (Math.abs(ratio - 1) <= TIGHT - MARGIN) continue;
    if (count > budget) continue;
    budget -= count;
    // The refinement keeps a territory within ±5 % of its target, so a target at least 5 % inside
    // the band keeps it in the band (a group short of it takes that little value across the water).
    const targetRatio = Math.min(
      BAND_HIGH * (1 - TIGHT),
      Math.max(BAND_LOW * (1 + TIGHT) + MARGIN / 10, ratio),
    );
    out.push({ units: c.units, territories: count, targetRatio, value: c.value });
  }
  return out;
}

/** Units worth more than 1.05 × the mean put their territory outside ±5 % whatever we do. */
function coarseUnits(s: SolverState, mean: number): number {
  let c = 0;
  for (let u = 0; u < s.n; u++) if (s.p.value[u]! > (1 + TIGHT) * mean) c++;
  return c;
}

/**
 * Components of the raw unit graph, merged when a bridge between them is shorter than
 * GROUP_GAP_MILES; sorted by value, the mainland first.
 */
function landGroups(s: SolverState): number[][] {
  const { p, n } = s;
  const raw = simpleGraph(n, { start: p.adjStart, list: p.adjList });
  const { label, count } = graphComponents(n, raw, p.floating);
  if (count <= 1) return [];
  const parent = Int32Array.from({ length: count }, (_, i) => i);
  const find = (a: number): number => {
    while (parent[a] !== a) a = parent[a] = parent[parent[a]!]!;
    return a;
  };
  // the bridges the solver's graph already holds (state.ts), not a second bridging
  const { bridges } = bridgedGraph(p, s.pts);
  const gap = 2 * Math.sin(GROUP_GAP_MILES / EARTH_MILES / 2);
  for (const [a, b] of bridges) {
    if (chord2(s.pts, a, s.pts, b) <= gap * gap) parent[find(label[a]!)] = find(label[b]!);
  }
  const byRoot = new Map<number, number[]>();
  for (let u = 0; u < n; u++) {
    if (label[u]! < 0) continue;
    const r = find(label[u]!);
    const list = byRoot.get(r);
    if (list) list.push(u);
    else byRoot.set(r, [u]);
  }
  const value = (units: number[]): number => units.reduce((acc, u) => acc + p.value[u]!, 0);
  return [...byRoot.values()].sort((a, b) => value(b) - value(a) || a[0]! - b[0]!);
}

/**
 * Gives the islands the last territories (in order) and their targets; the mainland territories
 * share the rest evenly. Returns, per territory, the island index or -1.
 */
export function applyIslandTargets(s: SolverState, islands: Island[]): Int32Array {
  const { k } = s;
  const owner = new Int32Array(k).fill(-1);
  if (islands.length === 0) return owner;
  let total = 0;
  for (let u = 0; u < s.n; u++) total += s.p.value[u]!;
  const mean = total / k;
  const override = new Float64Array(k).fill(NaN);
  let t = k;
  let fixedSum = 0;
  islands.forEach((isl, i) => {
    for (let j = 0; j < isl.territories; j++) {
      t--;
      owner[t] = i;
      override[t] = isl.targetRatio * mean;
      fixedSum += override[t]!;
    }
  });
  const rest = (total - fixedSum) / t;
  for (let x = 0; x < k; x++) s.target[x] = owner[x]! >= 0 ? override[x]! : rest;
  s.targetOverride = override;
  return owner;
}

/** One 'island' note per island territory that ended outside ±5 %. */
export function reportIslands(s: SolverState, owner: Int32Array, islands: Island[]): void {
  let total = 0;
  for (let t = 0; t < s.k; t++) total += s.load[t]!;
  const mean = total / s.k;
  for (let t = 0; t < s.k; t++) {
    const i = owner[t]!;
    if (i < 0) continue;
    const r = s.load[t]! / mean;
    if (Math.abs(r - 1) <= TIGHT) continue;
    const isl = islands[i]!;
    s.infeasibilities.push({
      kind: 'island',
      territory: t,
      excess: s.load[t]! - mean,
      message:
        `Territory ${t + 1} covers a land group separate from the mainland (${isl.units.length} units, ` +
        `${(isl.value / mean).toFixed(2)} territories' worth of index, split into ${isl.territories}); it ends at ` +
        `${r.toFixed(2)}× the mean index. Reaching ±5 % would mean serving units across open water.`,
    });
  }
}
