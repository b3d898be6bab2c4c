// Heuristic day sequencing for days too large for the exact solver: time-window-aware cheapest
// insertion, then 2-opt and Or-opt local search on the penalised cost (drive minutes + a large
// penalty per minute of lateness), then a seeded iterated local search (double-bridge kicks).
import type { DayProblem } from './dayProblem';
import {
  costOf,
  driveArrive,
  EPS,
  evaluate,
  lastLate,
  LATE_PENALTY,
  serviceStart,
} from './timeline';
import type { Rng } from './rng';

const IMPROVEMENT = 1e-7;

function windowTightness(p: DayProblem, node: number): number {
  const b = p.winOffset[node + 1]!;
  return b > p.winOffset[node]! ? p.winLatest[b - 1]! : Infinity;
}

/**
 * Builds an order by inserting stops one at a time where they add the least penalised cost.
 * Windowed stops go first (earliest closing first), then the rest farthest-from-start first.
 */
export function insertionOrder(p: DayProblem, stops: number[]): number[] {
  const queue = [...stops].sort((a, b) => {
    const ta = windowTightness(p, a);
    const tb = windowTightness(p, b);
    if (ta !== tb) return ta - tb;
    const da = p.minutes[a]!;
    const db = p.minutes[b]!;
    return db - da || a - b;
  });
  const order: number[] = [];
  const trial = new Int32Array(stops.length);
  for (const node of queue) {
    let bestPos = 0;
    let bestCost = Infinity;
    for (let pos = 0; pos <= order.length; pos++) {
      for (let i = 0, w = 0; i <= order.length; i++) {
        if (i === pos) trial[w++] = node;
        if (i < order.length) trial[w++] = order[i]!;
      }
      const c = costOf(p, trial, order.length + 1);
      if (c < bestCost - IMPROVEMENT) {
        bestCost = c;
        bestPos = pos;
      }
    }
    order.splice(bestPos, 0, node);
  }
  return order;
}

/**
 * Search state: the order, its penalised cost, and prefix sums of forward/backward leg minutes so
 * the drive change of a move is O(1). While the order is feasible (no lateness) a move can only
 * improve the penalised cost if it shortens the drive, so only those moves get a full O(n)
 * re-evaluation; that pre-check is what keeps a 30-stop day with windows under 100 ms.
 */
type SearchState = {
  p: DayProblem;
  order: Int32Array;
  cost: number;
  feasible: boolean;
  fwd: Float64Array;
  bwd: Float64Array;
  scratch: Int32Array;
  /** After stop k of the order: departure time, drive so far, lateness so far (the timeline's
   *  running values), so a move is evaluated from its first changed position only. */
  dep: Float64Array;
  drv: Float64Array;
  lat: Float64Array;
  /** Moves that change the order only from this position on cannot reduce lateness (there is none
   *  from here to the end), so like moves on a feasible order they need a shorter drive to help. */
  quietFrom: number;
};

function refresh(s: SearchState): void {
  const { p, order } = s;
  const n = order.length;
  const e = evaluate(p, order, n);
  s.cost = e.cost;
  s.feasible = e.late <= EPS;
  for (let k = 0; k + 1 < n; k++) {
    const a = order[k]!;
    const b = order[k + 1]!;
    s.fwd[k + 1] = s.fwd[k]! + p.minutes[a * p.size + b]!;
    s.bwd[k + 1] = s.bwd[k]! + p.minutes[b * p.size + a]!;
  }
  // The same running sums as evaluate(), in the same order (so costFrom gives identical numbers).
  let t = p.dayStart;
  let prev = 0;
  let drive = 0;
  let late = 0;
  let lastLateAt = -1;
  for (let k = 0; k < n; k++) {
    const node = order[k]!;
    const m = p.minutes[prev * p.size + node]!;
    drive += m;
    t = serviceStart(p, node, driveArrive(p, t, m));
    late += lastLate;
    if (lastLate > 0) lastLateAt = k;
    t += p.service[node]!;
    prev = node;
    s.dep[k] = t;
    s.drv[k] = drive;
    s.lat[k] = late;
  }
  const overtime = driveArrive(p, t, p.minutes[prev * p.size + p.n + 1]!) > p.dayEnd;
  s.quietFrom = overtime ? n : lastLateAt + 1;
}

/** Penalised cost of the scratch order, which equals the current order before position `from`. */
function costFrom(s: SearchState, from: number): number {
  const { p, scratch } = s;
  const n = scratch.length;
  const size = p.size;
  let t = from > 0 ? s.dep[from - 1]! : p.dayStart;
  let prev = from > 0 ? s.order[from - 1]! : 0;
  let drive = from > 0 ? s.drv[from - 1]! : 0;
  let late = from > 0 ? s.lat[from - 1]! : 0;
  for (let k = from; k < n; k++) {
    const node = scratch[k]!;
    const m = p.minutes[prev * size + node]!;
    drive += m;
    t = serviceStart(p, node, driveArrive(p, t, m));
    late += lastLate;
    t += p.service[node]!;
    prev = node;
  }
  const m = p.minutes[prev * size + p.n + 1]!;
  drive += m;
  const finish = driveArrive(p, t, m);
  if (finish > p.dayEnd) late += finish - p.dayEnd;
  return drive + LATE_PENALTY * late;
}

function nodeAt(s: SearchState, k: number): number {
  if (k < 0) return 0;
  if (k >= s.order.length) return s.p.n + 1;
  return s.order[k]!;
}

function accept(s: SearchState, from: number): boolean {
  const c = costFrom(s, from);
  if (c >= s.cost - IMPROVEMENT) return false;
  s.order.set(s.scratch);
  refresh(s);
  return true;
}

function twoOptPass(s: SearchState): void {
  const { p, order } = s;
  const n = order.length;
  const m = p.minutes;
  const size = p.size;
  for (let i = 0; i < n - 1; i++) {
    for (let j = i + 1; j < n; j++) {
      if (s.feasible || i >= s.quietFrom) {
        const prev = nodeAt(s, i - 1);
        const next = nodeAt(s, j + 1);
        const oi = order[i]!;
        const oj = order[j]!;
        const before = m[prev * size + oi]! + (s.fwd[j]! - s.fwd[i]!) + m[oj * size + next]!;
        const after = m[prev * size + oj]! + (s.bwd[j]! - s.bwd[i]!) + m[oi * size + next]!;
        if (after - before >= -IMPROVEMENT) continue;
      }
      const sc = s.scratch;
      sc.set(order);
      for (let a = i, b = j; a < b; a++, b--) {
        const tmp = sc[a]!;
        sc[a] = sc[b]!;
        sc[b] = tmp;
      }
      accept(s, i);
    }
  }
}

function orOptDelta(s: SearchState, i: number, len: number, pos: number, rev: boolean): number {
  const { p, order } = s;
  const m = p.minutes;
  const size = p.size;
  const n = order.length;
  const f = order[i]!;
  const l = order[i + len - 1]!;
  const P = nodeAt(s, i - 1);
  const N = nodeAt(s, i + len);
  const rem = (q: number) =>
    q < 0 ? 0 : q >= n - len ? p.n + 1 : q < i ? order[q]! : order[q + len]!;
  const a = rem(pos - 1);
  const b = rem(pos);
  const first = rev ? l : f;
  const last = rev ? f : l;
  const internal = rev ? s.bwd[i + len - 1]! - s.bwd[i]! - (s.fwd[i + len - 1]! - s.fwd[i]!) : 0;
  return (
    -m[P * size + f]! -
    m[l * size + N]! +
    m[P * size + N]! -
    m[a * size + b]! +
    m[a * size + first]! +
    m[last * size + b]! +
    internal
  );
}

function orOptPass(s: SearchState): void {
  const n = s.order.length;
  for (let len = 1; len <= 3 && len < n; len++) {
    for (let i = 0; i + len <= n; i++) {
      for (let pos = 0; pos <= n - len; pos++) {
        if (pos === i) continue;
        for (let rev = 0; rev < (len > 1 ? 2 : 1); rev++) {
          if (
            (s.feasible || Math.min(i, pos) >= s.quietFrom) &&
            orOptDelta(s, i, len, pos, rev === 1) >= -IMPROVEMENT
          )
            continue;
          // Remove order[i..i+len) and reinsert it before the pos-th remaining element.
          const { order, scratch } = s;
          let w = 0;
          for (let r = 0, kept = 0; r <= n; r++) {
            if (kept === pos && w === pos) {
              for (let t = 0; t < len; t++) scratch[w++] = order[rev ? i + len - 1 - t : i + t]!;
            }
            if (r === n) break;
            if (r >= i && r < i + len) continue;
            scratch[w++] = order[r]!;
            kept++;
          }
          if (accept(s, Math.min(i, pos))) break;
        }
      }
    }
  }
}

/** 2-opt + Or-opt until no move improves. Mutates the order and returns its penalised cost. */
export function improve(p: DayProblem, order: Int32Array): number {
  const n = order.length;
  const s: SearchState = {
    p,
    order,
    cost: 0,
    feasible: false,
    fwd: new Float64Array(Math.max(1, n)),
    bwd: new Float64Array(Math.max(1, n)),
    scratch: new Int32Array(n),
    dep: new Float64Array(Math.max(1, n)),
    drv: new Float64Array(Math.max(1, n)),
    lat: new Float64Array(Math.max(1, n)),
    quietFrom: 0,
  };
  refresh(s);
  for (let guard = 0; guard < 1000; guard++) {
    const before = s.cost;
    twoOptPass(s);
    orOptPass(s);
    if (s.cost >= before - IMPROVEMENT) break;
  }
  return s.cost;
}

function doubleBridge(order: Int32Array, rng: Rng): Int32Array {
  const n = order.length;
  const cuts = [1 + rng.int(n - 1), 1 + rng.int(n - 1), 1 + rng.int(n - 1)].sort((a, b) => a - b);
  const [a, b, c] = cuts as [number, number, number];
  const out = new Int32Array(n);
  out.set(order.subarray(0, a), 0);
  out.set(order.subarray(b, c), a);
  out.set(order.subarray(a, b), a + c - b);
  out.set(order.subarray(c), c);
  return out;
}

export type HeuristicResult = { order: number[]; cost: number };

/** Insertion + local search + `kicks` rounds of iterated local search (seeded, deterministic). */
export function solveHeuristic(
  p: DayProblem,
  stops: number[],
  rng: Rng,
  kicks: number,
  initial?: number[],
): HeuristicResult {
  let best: Int32Array = Int32Array.from(initial ?? insertionOrder(p, stops));
  let bestCost = improve(p, best);
  if (best.length >= 8) {
    for (let r = 0; r < kicks; r++) {
      const trial = doubleBridge(best, rng);
      const c = improve(p, trial);
      if (c < bestCost - IMPROVEMENT) {
        best = trial;
        bestCost = c;
      }
    }
  }
  return { order: Array.from(best), cost: bestCost };
}

/**
 * Time-window-aware insertion that keeps the day feasible: stops go in by priority (Tier A first),
 * tight windows first within a tier, each at its cheapest feasible position; a stop with no
 * feasible position is rejected. Used to trim an over-full day before the local search.
 */
export function feasibleInsertion(
  p: DayProblem,
  stops: number[],
): { order: number[]; rejected: number[] } {
  const queue = [...stops].sort(
    (a, b) =>
      p.priority[a]! - p.priority[b]! ||
      windowTightness(p, a) - windowTightness(p, b) ||
      p.minutes[b]! - p.minutes[a]! ||
      a - b,
  );
  const order: number[] = [];
  const rejected: number[] = [];
  const trial = new Int32Array(stops.length);
  for (const node of queue) {
    let bestPos = -1;
    let bestCost = Infinity;
    for (let pos = 0; pos <= order.length; pos++) {
      for (let i = 0, w = 0; i <= order.length; i++) {
        if (i === pos) trial[w++] = node;
        if (i < order.length) trial[w++] = order[i]!;
      }
      const e = evaluate(p, trial, order.length + 1);
      if (e.late <= EPS && e.cost < bestCost - IMPROVEMENT) {
        bestCost = e.cost;
        bestPos = pos;
      }
    }
    if (bestPos < 0) rejected.push(node);
    else order.splice(bestPos, 0, node);
  }
  return { order, rejected };
}

/** Local search from a given order (used for random-restart baselines in the benchmark). */
export function localSearchFrom(p: DayProblem, order: number[]): HeuristicResult {
  const o = Int32Array.from(order);
  const cost = improve(p, o);
  return { order: Array.from(o), cost };
}
