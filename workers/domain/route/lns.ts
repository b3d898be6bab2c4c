// Prize-collecting day search for days above the exact limit: ruin-and-recreate (large
// neighbourhood search) over feasible routes. Every route it holds meets every window and the day
// end; the objective is objective.ts's (Tier A served, then B, then C, then drive).
//
// - Recreate: unserved stops go in most valuable first (tight windows first within a tier, a
//   seeded shuffle among equals), each at its cheapest feasible position. Feasibility of an
//   insertion is checked from the insertion point on, and stops as soon as the later visits start
//   at their old times (nothing after that can change): times are monotone (timeline.ts).
// - Ruin: random, related (nearest by drive), same-time (windows close together) or a string of
//   consecutive stops.
// - Ejection: an unserved stop that fits nowhere may take the place of one lower-tier stop.
// - Acceptance: never a lower prize; on equal prize a drive up to a falling threshold above the
//   current one (record-to-record), so the search can leave a local optimum.
// - The route is polished with 2-opt/Or-opt (localSearch.improve) on improvement, and a seeded
//   penalised iterated local search over all stops is tried first: it finds a tour serving
//   everything on tight-window days where insertion alone cannot.
// No step assumes the triangle inequality: costs are always the drive of the actual legs.
import type { DayProblem } from './dayProblem';
import { EXACT_LIMIT, solveExact } from './exact';
import { improve, solveHeuristic } from './localSearch';
import { better, prizeOf, TIER_WEIGHT } from './objective';
import type { Rng } from './rng';
import { driveArrive, EPS, evaluate, lastLate, serviceStart } from './timeline';

export type LnsOptions = { iterations?: number; initial?: number[]; kicks?: number };
export type LnsResult = { order: number[]; prize: number; drive: number };

/** A feasible route with its service starts and departures (for O(suffix) insertion checks). */
export class Route {
  order: number[] = [];
  start: number[] = [];
  dep: number[] = [];
  drive = 0;
  prize = 0;
  /** Index of the first stop that misses its window (order.length = the day end is missed), -1 = feasible. */
  firstLate = -1;
  constructor(readonly p: DayProblem) {}

  set(order: number[]): void {
    this.order = order;
    this.retime();
  }

  retime(): void {
    const p = this.p;
    const size = p.size;
    let t = p.dayStart;
    let prev = 0;
    let drive = 0;
    let prize = 0;
    this.firstLate = -1;
    this.start.length = this.order.length;
    this.dep.length = this.order.length;
    for (let k = 0; k < this.order.length; k++) {
      const node = this.order[k]!;
      const m = p.minutes[prev * size + node]!;
      drive += m;
      const s = serviceStart(p, node, driveArrive(p, t, m));
      if (lastLate > EPS && this.firstLate < 0) this.firstLate = k;
      this.start[k] = s;
      t = s + p.service[node]!;
      this.dep[k] = t;
      prize += prizeOf(p, node);
      prev = node;
    }
    const back = p.minutes[prev * size + p.n + 1]!;
    this.drive = drive + back;
    this.prize = prize;
    if (this.firstLate < 0 && driveArrive(p, t, back) > p.dayEnd + EPS)
      this.firstLate = this.order.length;
  }

  /**
   * Removing a stop can make the rest later when the drive model breaks the triangle inequality
   * (the direct leg is longer than the detour was): drop late stops until the route is feasible.
   * Returns what was dropped.
   */
  makeFeasible(): number[] {
    const out: number[] = [];
    while (this.firstLate >= 0 && this.order.length > 0) {
      const k = Math.min(this.firstLate, this.order.length - 1);
      out.push(this.order[k]!);
      this.order.splice(k, 1);
      this.retime();
    }
    return out;
  }

  /** Whether `v` can go before position `pos` with every window and the day end still met. */
  canInsert(v: number, pos: number): boolean {
    const p = this.p;
    const size = p.size;
    const order = this.order;
    let prev = pos === 0 ? 0 : order[pos - 1]!;
    let t = pos === 0 ? p.dayStart : this.dep[pos - 1]!;
    let m = p.minutes[prev * size + v]!;
    const s = serviceStart(p, v, driveArrive(p, t, m));
    if (lastLate > EPS) return false;
    t = s + p.service[v]!;
    prev = v;
    for (let k = pos; k < order.length; k++) {
      const node = order[k]!;
      m = p.minutes[prev * size + node]!;
      const sk = serviceStart(p, node, driveArrive(p, t, m));
      if (lastLate > EPS) return false;
      if (sk <= this.start[k]! + EPS) return true;
      t = sk + p.service[node]!;
      prev = node;
    }
    return driveArrive(p, t, p.minutes[prev * size + p.n + 1]!) <= p.dayEnd + EPS;
  }

  /** Cheapest feasible position of `v` and the added drive, or null. */
  bestInsertion(v: number, lastAllowed = true): { pos: number; delta: number } | null {
    const p = this.p;
    const size = p.size;
    const order = this.order;
    const n = order.length;
    const end = p.n + 1;
    // Positions by added drive (the actual legs, no triangle assumption), cheapest checked first.
    const cand: { pos: number; delta: number }[] = [];
    for (let pos = 0; pos <= (lastAllowed ? n : n - 1); pos++) {
      const a = pos === 0 ? 0 : order[pos - 1]!;
      const b = pos === n ? end : order[pos]!;
      cand.push({
        pos,
        delta: p.minutes[a * size + v]! + p.minutes[v * size + b]! - p.minutes[a * size + b]!,
      });
    }
    cand.sort((x, y) => x.delta - y.delta || x.pos - y.pos);
    for (const c of cand) if (this.canInsert(v, c.pos)) return c;
    return null;
  }

  insert(v: number, pos: number): void {
    this.order.splice(pos, 0, v);
    this.retime();
  }

  remove(nodes: Set<number>): void {
    this.order = this.order.filter((x) => !nodes.has(x));
    this.retime();
  }
}

function latestStart(p: DayProblem, node: number): number {
  const b = p.winOffset[node + 1]!;
  return b > p.winOffset[node]! ? p.winLatest[b - 1]! : p.dayEnd;
}

/** Most valuable first, tight windows first within a tier; `noise` shuffles near-equals. */
function recreateOrder(p: DayProblem, nodes: number[], rng: Rng | null): number[] {
  const key = new Map<number, number>();
  // Within a tier: tight windows first (with noise), or a random order, or farthest first.
  const mode = rng ? rng.int(3) : 0;
  for (const v of nodes)
    key.set(
      v,
      mode === 0
        ? latestStart(p, v) + (rng ? rng.next() * 60 : 0)
        : mode === 1
          ? rng!.next()
          : -p.minutes[v]!,
    );
  return [...nodes].sort(
    (a, b) => p.priority[a]! - p.priority[b]! || key.get(a)! - key.get(b)! || a - b,
  );
}

function recreate(r: Route, unserved: number[], rng: Rng | null): number[] {
  const left: number[] = [];
  for (const v of recreateOrder(r.p, unserved, rng)) {
    const ins = r.bestInsertion(v);
    if (ins) r.insert(v, ins.pos);
    else left.push(v);
  }
  return left;
}

/** An unserved stop that fits nowhere takes the place of one lower-tier stop, when that helps. */
function eject(r: Route, unserved: number[]): number[] {
  const p = r.p;
  let left = recreateOrder(p, unserved, null);
  for (let guard = 0; guard < 4 * unserved.length + 4; guard++) {
    let done = false;
    for (const v of left) {
      let best: { out: number; pos: number; delta: number } | null = null;
      for (const u of r.order) {
        if (p.priority[u]! <= p.priority[v]!) continue;
        const trial = new Route(p);
        trial.set(r.order.filter((x) => x !== u));
        if (trial.firstLate >= 0) continue;
        const ins = trial.bestInsertion(v);
        if (!ins) continue;
        const delta = trial.drive + ins.delta;
        const worse =
          best &&
          (p.priority[u]! < p.priority[best.out]! ||
            (p.priority[u] === p.priority[best.out] && delta >= best.delta));
        if (!best || !worse) best = { out: u, pos: ins.pos, delta };
      }
      if (best) {
        r.remove(new Set([best.out]));
        r.insert(v, best.pos);
        left = left.filter((x) => x !== v);
        // The ejected stop may still fit elsewhere in the new route.
        const again = recreate(r, [best.out], null);
        left = recreateOrder(p, [...left, ...again], null);
        done = true;
        break;
      }
    }
    if (!done) break;
  }
  return left;
}

/** 2-opt/Or-opt on a feasible route; kept only if it stays feasible and drives less. */
function polish(r: Route): void {
  if (r.order.length < 3) return;
  const o = Int32Array.from(r.order);
  improve(r.p, o);
  const e = evaluate(r.p, o);
  if (e.late <= EPS && e.drive < r.drive - 1e-9) r.set(Array.from(o));
}

function ruin(r: Route, rng: Rng, q: number): number[] {
  const p = r.p;
  const order = r.order;
  const n = order.length;
  if (n === 0) return [];
  q = Math.min(q, n);
  const out = new Set<number>();
  const kind = rng.int(4);
  const seed = order[rng.int(n)]!;
  if (kind === 0) {
    while (out.size < q) out.add(order[rng.int(n)]!);
  } else if (kind === 1 || kind === 2) {
    const key = (x: number) =>
      kind === 1
        ? p.minutes[seed * p.size + x]! + p.minutes[x * p.size + seed]!
        : Math.abs(latestStart(p, x) - latestStart(p, seed)) +
          Math.abs(r.start[order.indexOf(x)]! - r.start[order.indexOf(seed)]!);
    const near = [...order].sort((a, b) => key(a) - key(b) || a - b);
    for (const x of near.slice(0, q)) out.add(x);
  } else {
    const at = rng.int(n);
    for (let k = 0; k < q; k++) out.add(order[(at + k) % n]!);
  }
  r.remove(out);
  return [...out, ...r.makeFeasible()];
}

function copy(r: Route): Route {
  const c = new Route(r.p);
  c.set([...r.order]);
  return c;
}

/**
 * Best route of `stops` under the lexicographic objective (deterministic for the rng's seed).
 * `iterations` ruin-and-recreate rounds (default 25 per stop, at most 750).
 */
export function solveLns(
  p: DayProblem,
  stops: number[],
  rng: Rng,
  options: LnsOptions = {},
): LnsResult {
  const all = [...stops];
  let cur = new Route(p);
  if (options.initial) {
    cur.set([...options.initial]);
    if (cur.firstLate >= 0) cur.set([]);
  }
  // Start 1: insertion by value. Start 2: a penalised ILS over every stop (finds tours that serve
  // all on tight days); kept when it is feasible and better.
  const served = new Set(cur.order);
  let unserved = all.filter((v) => !served.has(v));
  unserved = eject(cur, recreate(cur, unserved, null));
  polish(cur);
  if (unserved.length > 0 || !options.initial) {
    const h = solveHeuristic(p, all, rng, options.kicks ?? (all.length <= 25 ? 8 : 4));
    const e = evaluate(p, h.order);
    if (e.late <= EPS) {
      const alt = new Route(p);
      alt.set(h.order);
      if (better(alt.prize, alt.drive, cur.prize, cur.drive)) cur = alt;
    }
  }
  let best = copy(cur);
  const iterations = options.iterations ?? Math.min(750, 25 * all.length);
  const n0 = Math.max(1, all.length);
  let stale = 0;
  for (let it = 0; it < iterations; it++) {
    const trial = copy(cur);
    const q = 1 + rng.int(Math.max(1, Math.min(10, Math.ceil(n0 / 4))));
    ruin(trial, rng, q);
    const inRoute = new Set(trial.order);
    let left = recreate(
      trial,
      all.filter((v) => !inRoute.has(v)),
      rng,
    );
    if (left.length > 0 && trial.prize < best.prize) left = eject(trial, left);
    const threshold = 0.02 * (1 - it / iterations) * Math.max(cur.drive, 1);
    // Now and then a plan with one visit fewer is accepted too (the best is kept apart): another
    // mix of visits of one tier can make room for more of a lower tier.
    const sideways =
      trial.order.length >= cur.order.length - 1 &&
      trial.prize >= cur.prize - TIER_WEIGHT[1] &&
      rng.next() < 0.05;
    if (
      trial.prize > cur.prize ||
      (trial.prize === cur.prize && trial.drive < cur.drive + threshold) ||
      sideways
    ) {
      cur = trial;
      if (better(cur.prize, cur.drive, best.prize, best.drive)) {
        polish(cur);
        best = copy(cur);
        stale = 0;
      }
    }
    if (++stale > 150) {
      cur = copy(best);
      stale = 0;
    }
  }
  polish(best);
  // A small final set gets its proven shortest order.
  if (best.order.length <= EXACT_LIMIT) {
    const ex = solveExact(p, best.order);
    if (ex && ex.drive < best.drive - 1e-9) best.set(ex.order);
  }
  return { order: best.order, prize: best.prize, drive: best.drive };
}
