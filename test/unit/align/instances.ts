// Small alignment instances for the solver tests: grids with 4-neighbour adjacency on a
// lat/lon lattice, and a straight-line drive-time model.

import type { AlignProblem } from '../../../workers/domain/align/types';

export function straightLineMinutes(
  aLat: number,
  aLon: number,
  bLat: number,
  bLon: number,
): number {
  const dy = (aLat - bLat) * 111;
  const dx = (aLon - bLon) * 111 * Math.cos((((aLat + bLat) / 2) * Math.PI) / 180);
  return (Math.hypot(dx, dy) / 60) * 60;
}

export type GridOptions = {
  rows: number;
  cols: number;
  k: number;
  value?: (r: number, c: number) => number;
  seed?: number;
};

export function gridProblem(o: GridOptions): AlignProblem {
  const n = o.rows * o.cols;
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  const value = new Float64Array(n);
  const ids: string[] = [];
  const start = new Int32Array(n + 1);
  const list: number[] = [];
  for (let r = 0; r < o.rows; r++) {
    for (let c = 0; c < o.cols; c++) {
      const u = r * o.cols + c;
      lat[u] = 40 + r * 0.1;
      lon[u] = -90 + c * 0.1;
      value[u] = o.value ? o.value(r, c) : 1;
      ids.push(`U${r}_${c}`);
      if (r > 0) list.push(u - o.cols);
      if (c > 0) list.push(u - 1);
      if (c < o.cols - 1) list.push(u + 1);
      if (r < o.rows - 1) list.push(u + o.cols);
      start[u + 1] = list.length;
    }
  }
  return {
    count: n,
    ids,
    lat,
    lon,
    value,
    weightForTravel: Float64Array.from(value),
    floating: new Uint8Array(n),
    density: new Uint8Array(n),
    adjStart: start,
    adjList: Int32Array.from(list),
    k: o.k,
    homes: null,
    fixed: new Int32Array(n).fill(-1),
    seed: o.seed ?? 1,
    travelMinutes: straightLineMinutes,
  };
}

/** Σ value per territory of an assignment. */
export function loads(p: AlignProblem, assignment: Int32Array, k: number): number[] {
  const out = new Array<number>(k).fill(0);
  for (let u = 0; u < p.count; u++) out[assignment[u]!]! += p.value[u]!;
  return out;
}

/** Number of connected pieces per territory over the problem's own adjacency (floating exempt). */
export function pieces(p: AlignProblem, assignment: Int32Array, k: number): number[] {
  const out = new Array<number>(k).fill(0);
  const seen = new Uint8Array(p.count);
  for (let s = 0; s < p.count; s++) {
    if (seen[s] || p.floating[s]) continue;
    const t = assignment[s]!;
    out[t]!++;
    const stack = [s];
    seen[s] = 1;
    while (stack.length) {
      const u = stack.pop()!;
      for (let e = p.adjStart[u]!; e < p.adjStart[u + 1]!; e++) {
        const v = p.adjList[e]!;
        if (!seen[v] && !p.floating[v] && assignment[v] === t) {
          seen[v] = 1;
          stack.push(v);
        }
      }
    }
  }
  return out;
}
