// What a day plan is worth. The objective is lexicographic: more Tier A visits first, then more
// Tier B, then more Tier C, and only then less drive. It is encoded as one number (prize − drive)
// with weights far enough apart that no amount of a lower term can buy a higher one: a Tier C
// visit is worth 1e4 minutes (more drive than any day holds), a Tier B visit 1 000 Tier C visits,
// a Tier A visit 1 000 Tier B visits. Exact in float64 for days of fewer than 1 000 visits a tier.
import type { DayProblem } from './dayProblem';

export const TIER_WEIGHT = [0, 1e10, 1e7, 1e4] as const;

/** Value of serving a node (priority 1 = A .. 3 = C; anything else counts as C). */
export function prizeOf(p: DayProblem, node: number): number {
  return TIER_WEIGHT[p.priority[node]!] ?? TIER_WEIGHT[3];
}

export function prizeOfSet(p: DayProblem, nodes: ArrayLike<number>, len = nodes.length): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += prizeOf(p, nodes[i]!);
  return s;
}

/** Served visits by tier [A, B, C]. */
export function tierCounts(p: DayProblem, nodes: ArrayLike<number>): [number, number, number] {
  const c: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < nodes.length; i++)
    c[(Math.min(3, Math.max(1, p.priority[nodes[i]!]!)) - 1) as 0 | 1 | 2] += 1;
  return c;
}

/** True when plan a (prize, drive) is strictly better than b. */
export function better(
  aPrize: number,
  aDrive: number,
  bPrize: number,
  bDrive: number,
  eps = 1e-7,
): boolean {
  if (aPrize !== bPrize) return aPrize > bPrize;
  return aDrive < bDrive - eps;
}

/**
 * Shortest drives between the day's start, `nodes` and its end through any chain of these nodes
 * (Floyd–Warshall over drive minutes, visits and windows ignored). The offline drive model breaks
 * the triangle inequality (a direct leg can be longer than a detour through a third stop), so "the
 * direct leg is too long" proves nothing; these are valid lower bounds on any way there or back.
 */
export function shortestLegs(
  p: DayProblem,
  nodes: number[],
): { fromStart: Float64Array; toEnd: Float64Array } {
  const size = p.size;
  const end = p.n + 1;
  const all = [0, ...nodes, end];
  const k = all.length;
  const d = new Float64Array(k * k);
  for (let a = 0; a < k; a++)
    for (let b = 0; b < k; b++) d[a * k + b] = a === b ? 0 : p.minutes[all[a]! * size + all[b]!]!;
  // Only stops are intermediates: nothing drives into the start or out of the end (those matrix
  // entries are not filled).
  for (let m = 1; m < k - 1; m++) {
    for (let a = 0; a < k; a++) {
      const am = d[a * k + m]!;
      for (let b = 0; b < k; b++) {
        const v = am + d[m * k + b]!;
        if (v < d[a * k + b]!) d[a * k + b] = v;
      }
    }
  }
  const fromStart = new Float64Array(size);
  const toEnd = new Float64Array(size);
  for (let a = 0; a < k; a++) {
    fromStart[all[a]!] = d[a]!;
    toEnd[all[a]!] = d[a * k + k - 1]!;
  }
  return { fromStart, toEnd };
}

export function shortestToEnd(p: DayProblem, nodes: number[]): Float64Array {
  return shortestLegs(p, nodes).toEnd;
}
