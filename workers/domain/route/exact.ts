// Exact day sequencing for small days (<= 12 stops): Held–Karp dynamic programming over (visited
// set, last stop) with Pareto labels (departure time, drive minutes). Because every step of the
// timeline is monotone in time (see timeline.ts), a label that departs no later with no more drive
// dominates; keeping all non-dominated labels makes the result exactly the minimum-drive feasible
// order. Tests check it against brute force over all permutations.
import type { DayProblem } from './dayProblem';
import { prizeOf, shortestToEnd } from './objective';
import { driveArrive, EPS, lastLate, serviceStart } from './timeline';

export const EXACT_LIMIT = 12;

export type ExactResult = { order: number[]; drive: number; finish: number };

class Labels {
  t = new Float64Array(1024);
  d = new Float64Array(1024);
  parent = new Int32Array(1024);
  node = new Int32Array(1024);
  next = new Int32Array(1024);
  dead = new Uint8Array(1024);
  count = 0;

  reset(): void {
    this.count = 0;
  }

  add(t: number, d: number, parent: number, node: number, next: number): number {
    if (this.count === this.t.length) this.grow();
    const i = this.count++;
    this.t[i] = t;
    this.d[i] = d;
    this.parent[i] = parent;
    this.node[i] = node;
    this.next[i] = next;
    this.dead[i] = 0;
    return i;
  }

  private grow(): void {
    const cap = this.t.length * 2;
    const copy = <A extends Float64Array | Int32Array | Uint8Array>(
      a: A,
      make: (n: number) => A,
    ): A => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.t = copy(this.t, (n) => new Float64Array(n));
    this.d = copy(this.d, (n) => new Float64Array(n));
    this.parent = copy(this.parent, (n) => new Int32Array(n));
    this.node = copy(this.node, (n) => new Int32Array(n));
    this.next = copy(this.next, (n) => new Int32Array(n));
    this.dead = copy(this.dead, (n) => new Uint8Array(n));
  }
}

// Label storage is reused across calls (the engine is single-threaded per worker): a week of
// routes makes hundreds of calls and fresh arrays each time showed up as GC time.
const pool = new Labels();

/**
 * Minimum-drive order of `stops` (node ids) that meets every window and returns by day end, or
 * null when no order does. `upperBound` (drive minutes of a known feasible order) prunes labels.
 */
export function solveExact(
  p: DayProblem,
  stops: number[],
  upperBound = Infinity,
): ExactResult | null {
  const k = stops.length;
  if (k > 20) throw new Error(`solveExact: ${k} stops is too many for the exact solver`);
  const size = p.size;
  const end = p.n + 1;
  if (k === 0) {
    const m = p.minutes[end]!;
    const finish = driveArrive(p, p.dayStart, m);
    return finish <= p.dayEnd + EPS ? { order: [], drive: m, finish } : null;
  }
  // Latest possible service start of each stop (end of its last window), for dead-end pruning.
  const lastLatest = stops.map((s) => {
    const b = p.winOffset[s + 1]!;
    return b > p.winOffset[s]! ? p.winLatest[b - 1]! : Infinity;
  });
  // Return-leg pruning uses the shortest way back through any nodes, not the direct leg: the drive
  // model breaks the triangle inequality, so a direct leg that is too long proves nothing.
  const toEnd = shortestToEnd(p, stops);
  const full = (1 << k) - 1;
  const head = new Int32Array((full + 1) * k).fill(-1);
  const L = pool;
  L.reset();
  const bound = upperBound + EPS;

  const tryAdd = (mask: number, j: number, t: number, d: number, parent: number) => {
    const slot = mask * k + j;
    for (let i = head[slot]!; i >= 0; i = L.next[i]!) {
      if (L.dead[i]) continue;
      if (L.t[i]! <= t + EPS && L.d[i]! <= d + EPS) return;
      if (t <= L.t[i]! + EPS && d <= L.d[i]! + EPS) L.dead[i] = 1;
    }
    head[slot] = L.add(t, d, parent, j, head[slot]!);
  };

  const extend = (mask: number, from: number, t: number, d: number, parent: number) => {
    for (let j = 0; j < k; j++) {
      if (mask & (1 << j)) continue;
      const node = stops[j]!;
      const m = p.minutes[from * size + node]!;
      const nd = d + m;
      if (nd > bound) continue;
      const s = serviceStart(p, node, driveArrive(p, t, m));
      if (lastLate > EPS) continue;
      const dep = s + p.service[node]!;
      if (dep + toEnd[node]! > p.dayEnd + EPS) continue;
      tryAdd(mask | (1 << j), j, dep, nd, parent);
    }
  };

  extend(0, 0, p.dayStart, 0, -1);
  for (let mask = 1; mask < full; mask++) {
    for (let j = 0; j < k; j++) {
      if (!(mask & (1 << j))) continue;
      for (let i = head[mask * k + j]!; i >= 0; i = L.next[i]!) {
        if (L.dead[i]) continue;
        const t = L.t[i]!;
        let deadEnd = false;
        for (let r = 0; r < k; r++) {
          if (!(mask & (1 << r)) && lastLatest[r]! + EPS < t) {
            deadEnd = true;
            break;
          }
        }
        if (!deadEnd) extend(mask, stops[j]!, t, L.d[i]!, i);
      }
    }
  }

  let best = -1;
  let bestDrive = Infinity;
  let bestFinish = Infinity;
  for (let j = 0; j < k; j++) {
    const back = p.minutes[stops[j]! * size + end]!;
    for (let i = head[full * k + j]!; i >= 0; i = L.next[i]!) {
      if (L.dead[i]) continue;
      const finish = driveArrive(p, L.t[i]!, back);
      if (finish > p.dayEnd + EPS) continue;
      const d = L.d[i]! + back;
      if (d < bestDrive - EPS || (d <= bestDrive + EPS && finish < bestFinish)) {
        best = i;
        bestDrive = d;
        bestFinish = finish;
      }
    }
  }
  if (best < 0) return null;
  const order: number[] = [];
  for (let i = best; i >= 0; i = L.parent[i]!) order.push(stops[L.node[i]!]!);
  order.reverse();
  return { order, drive: bestDrive, finish: bestFinish };
}

export type PrizeResult = { order: number[]; drive: number; finish: number; prize: number };

/**
 * Exact prize-collecting day: among all subsets and orders of `stops`, the order that serves the
 * most valuable set (objective.ts: Tier A, then B, then C) and, for that set, drives least. Same
 * Held–Karp labels as solveExact, but every label is also a candidate end of the day (the rest
 * skipped), and there is no dead-end pruning (a stop whose window has passed is simply skipped).
 * Prize depends on the set only, so (departure, drive) dominance within a (set, last) slot stays
 * exact. Pruning uses only bounds valid without the triangle inequality.
 */
export function solveExactPrize(p: DayProblem, stops: number[]): PrizeResult {
  const k = stops.length;
  if (k > 16) throw new Error(`solveExactPrize: ${k} stops is too many for the exact solver`);
  const size = p.size;
  const end = p.n + 1;
  const toEnd = shortestToEnd(p, stops);
  const full = (1 << k) - 1;
  const prizeOfMask = new Float64Array(full + 1);
  for (let mask = 1; mask <= full; mask++) {
    const low = 31 - Math.clz32(mask & -mask);
    prizeOfMask[mask] = prizeOfMask[mask & (mask - 1)]! + prizeOf(p, stops[low]!);
  }
  const head = new Int32Array((full + 1) * k).fill(-1);
  const L = pool;
  L.reset();
  const tryAdd = (mask: number, j: number, t: number, d: number, parent: number) => {
    const slot = mask * k + j;
    for (let i = head[slot]!; i >= 0; i = L.next[i]!) {
      if (L.dead[i]) continue;
      if (L.t[i]! <= t + EPS && L.d[i]! <= d + EPS) return;
      if (t <= L.t[i]! + EPS && d <= L.d[i]! + EPS) L.dead[i] = 1;
    }
    head[slot] = L.add(t, d, parent, j, head[slot]!);
  };
  const extend = (mask: number, from: number, t: number, d: number, parent: number) => {
    for (let j = 0; j < k; j++) {
      if (mask & (1 << j)) continue;
      const node = stops[j]!;
      const m = p.minutes[from * size + node]!;
      const s = serviceStart(p, node, driveArrive(p, t, m));
      if (lastLate > EPS) continue;
      const dep = s + p.service[node]!;
      if (dep + toEnd[node]! > p.dayEnd + EPS) continue;
      tryAdd(mask | (1 << j), j, dep, d + m, parent);
    }
  };
  let best = -1;
  let bestPrize = -1;
  let bestDrive = Infinity;
  let bestFinish = Infinity;
  const emptyBack = p.minutes[end]!;
  const emptyFinish = driveArrive(p, p.dayStart, emptyBack);
  if (emptyFinish <= p.dayEnd + EPS) {
    bestPrize = 0;
    bestDrive = emptyBack;
    bestFinish = emptyFinish;
  }
  const consider = (mask: number, j: number, i: number) => {
    const back = p.minutes[stops[j]! * size + end]!;
    const finish = driveArrive(p, L.t[i]!, back);
    if (finish > p.dayEnd + EPS) return;
    const prize = prizeOfMask[mask]!;
    const d = L.d[i]! + back;
    if (
      prize > bestPrize ||
      (prize === bestPrize &&
        (d < bestDrive - EPS || (d <= bestDrive + EPS && finish < bestFinish)))
    ) {
      best = i;
      bestPrize = prize;
      bestDrive = d;
      bestFinish = finish;
    }
  };
  extend(0, 0, p.dayStart, 0, -1);
  for (let mask = 1; mask <= full; mask++) {
    for (let j = 0; j < k; j++) {
      if (!(mask & (1 << j))) continue;
      for (let i = head[mask * k + j]!; i >= 0; i = L.next[i]!) {
        if (L.dead[i]) continue;
        consider(mask, j, i);
        if (mask !== full) extend(mask, stops[j]!, L.t[i]!, L.d[i]!, i);
      }
    }
  }
  const order: number[] = [];
  for (let i = best; i >= 0; i = L.parent[i]!) order.push(stops[L.node[i]!]!);
  order.reverse();
  return { order, drive: bestDrive, finish: bestFinish, prize: Math.max(0, bestPrize) };
}
