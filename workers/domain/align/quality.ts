// Quality figures of an alignment, the same definitions the metrics report uses: share of
// territories within ±5 % and within 0.85–1.15 of the mean value, max/min ratio, territories in
// more than one piece, workload-weighted mean and P90 centre→unit drive minutes.

import { bridgeComponents, type Csr } from './graph';
import { toSphere } from './sphere';
import type { AlignProblem, AlignSolution } from './types';

export type AlignQuality = {
  within5: number;
  withinBand: number;
  maxMinRatio: number;
  noncontiguous: number;
  travelMeanMin: number;
  travelP90Min: number;
};

/** `bridged` (default true) counts island links added by the solver as adjacency. */
export function alignmentQuality(
  p: AlignProblem,
  sol: AlignSolution,
  bridged = true,
): AlignQuality {
  const k = sol.territoryValue.length;
  const load = new Float64Array(k);
  for (let u = 0; u < p.count; u++) load[sol.assignment[u]!]! += p.value[u]!;
  let total = 0;
  for (const v of load) total += v;
  const mean = total / k;
  let w5 = 0;
  let wb = 0;
  let mx = 0;
  let mn = Infinity;
  for (const v of load) {
    const r = v / mean;
    if (Math.abs(r - 1) <= 0.05) w5++;
    if (r >= 0.85 && r <= 1.15) wb++;
    mx = Math.max(mx, v);
    mn = Math.min(mn, v);
  }
  const raw = { start: p.adjStart, list: p.adjList };
  const g = bridged
    ? bridgeComponents(p.count, raw, p.floating, toSphere(p.lat, p.lon)).graph
    : raw;
  return {
    within5: w5 / k,
    withinBand: wb / k,
    maxMinRatio: mn > 0 ? mx / mn : Infinity,
    noncontiguous: countNoncontiguous(p, sol.assignment, k, g),
    ...travelFigures(p, sol),
  };
}

function countNoncontiguous(p: AlignProblem, assign: Int32Array, k: number, g: Csr): number {
  const seen = new Uint8Array(p.count);
  const pieces = new Int32Array(k);
  const stack: number[] = [];
  for (let s = 0; s < p.count; s++) {
    if (seen[s] || p.floating[s]) continue;
    const t = assign[s]!;
    pieces[t]!++;
    seen[s] = 1;
    stack.push(s);
    while (stack.length) {
      const u = stack.pop()!;
      for (let e = g.start[u]!; e < g.start[u + 1]!; e++) {
        const v = g.list[e]!;
        if (!seen[v] && !p.floating[v] && assign[v] === t) {
          seen[v] = 1;
          stack.push(v);
        }
      }
    }
  }
  let bad = 0;
  for (const c of pieces) if (c > 1) bad++;
  return bad;
}

function travelFigures(
  p: AlignProblem,
  sol: AlignSolution,
): { travelMeanMin: number; travelP90Min: number } {
  const minutes = new Float64Array(p.count);
  const order: number[] = [];
  let sum = 0;
  let w = 0;
  for (let u = 0; u < p.count; u++) {
    const t = sol.assignment[u]!;
    minutes[u] = p.travelMinutes(
      sol.centersLat[t]!,
      sol.centersLon[t]!,
      p.lat[u]!,
      p.lon[u]!,
      p.density[u]!,
    );
    const wu = p.weightForTravel[u]!;
    if (wu <= 0) continue;
    sum += wu * minutes[u]!;
    w += wu;
    order.push(u);
  }
  order.sort((a, b) => minutes[a]! - minutes[b]!);
  let acc = 0;
  let p90 = 0;
  for (const u of order) {
    acc += p.weightForTravel[u]!;
    p90 = minutes[u]!;
    if (acc >= 0.9 * w) break;
  }
  return { travelMeanMin: w > 0 ? sum / w : 0, travelP90Min: p90 };
}
