// Shared edges between unit polygons, computed once per geometry. With them, territory boundaries
// (edges whose two sides belong to different territories, or the coast) and territory adjacency
// are cheap loops over edges whenever the alignment changes — no per-frame work.
import type { ScenarioLayer, UnitGeometry } from '../../../workers/common/contract';

export type UnitEdges = {
  count: number;
  /** x0, y0, x1, y1 per edge. */
  coords: Float32Array;
  unitA: Uint32Array;
  /** 0xffffffff when the edge is on the outside (coast, border). */
  unitB: Uint32Array;
};

const NONE = 0xffffffff;
const cache = new WeakMap<UnitGeometry, UnitEdges>();

export function unitEdges(geo: UnitGeometry): UnitEdges {
  const hit = cache.get(geo);
  if (hit) return hit;
  const { vertices, ringStarts, ringUnit } = geo;
  const seen = new Map<string, number>();
  const coords: number[] = [];
  const a: number[] = [];
  const b: number[] = [];
  const key = (i: number) =>
    `${Math.round(vertices[2 * i]! * 1e5)},${Math.round(vertices[2 * i + 1]! * 1e5)}`;
  for (let r = 0; r + 1 < ringStarts.length; r++) {
    const unit = ringUnit[r]!;
    const start = ringStarts[r]!;
    const end = ringStarts[r + 1]!;
    for (let i = start; i + 1 < end; i++) {
      const k0 = key(i);
      const k1 = key(i + 1);
      if (k0 === k1) continue;
      const k = k0 < k1 ? `${k0}|${k1}` : `${k1}|${k0}`;
      const existing = seen.get(k);
      if (existing !== undefined) {
        if (a[existing] !== unit) b[existing] = unit;
        continue;
      }
      seen.set(k, a.length);
      coords.push(
        vertices[2 * i]!,
        vertices[2 * i + 1]!,
        vertices[2 * i + 2]!,
        vertices[2 * i + 3]!,
      );
      a.push(unit);
      b.push(NONE);
    }
  }
  resolveUnmatched(geo, coords, a, b);
  const edges = {
    count: a.length,
    coords: Float32Array.from(coords),
    unitA: Uint32Array.from(a),
    unitB: Uint32Array.from(b),
  };
  cache.set(geo, edges);
  return edges;
}

const CELL = 0.25;

/**
 * Edges whose twin was not found (a neighbour's side has extra vertices: T-junctions from clipping)
 * get their other side by locating a point just across the edge's midpoint, with a grid of ring
 * bounding boxes. Edges with nothing across stay outer edges (coast, border).
 */
function resolveUnmatched(geo: UnitGeometry, coords: number[], a: number[], b: number[]): void {
  const { vertices, ringStarts, ringUnit } = geo;
  const grid = new Map<number, number[]>();
  const cellKey = (x: number, y: number) => Math.floor(x / CELL) * 100000 + Math.floor(y / CELL);
  for (let r = 0; r + 1 < ringStarts.length; r++) {
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let v = ringStarts[r]!; v < ringStarts[r + 1]!; v++) {
      x0 = Math.min(x0, vertices[2 * v]!);
      x1 = Math.max(x1, vertices[2 * v]!);
      y0 = Math.min(y0, vertices[2 * v + 1]!);
      y1 = Math.max(y1, vertices[2 * v + 1]!);
    }
    for (let gx = Math.floor(x0 / CELL); gx <= Math.floor(x1 / CELL); gx++) {
      for (let gy = Math.floor(y0 / CELL); gy <= Math.floor(y1 / CELL); gy++) {
        const k = gx * 100000 + gy;
        const list = grid.get(k) ?? [];
        list.push(r);
        grid.set(k, list);
      }
    }
  }
  const ringContains = (r: number, x: number, y: number) => {
    let inside = false;
    for (let i = ringStarts[r]!, j = ringStarts[r + 1]! - 1; i < ringStarts[r + 1]!; j = i++) {
      const xi = vertices[2 * i]!,
        yi = vertices[2 * i + 1]!,
        xj = vertices[2 * j]!,
        yj = vertices[2 * j + 1]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
  const unitAt = (x: number, y: number, not: number) => {
    for (const r of grid.get(cellKey(x, y)) ?? [])
      if (ringUnit[r] !== not && ringContains(r, x, y)) return ringUnit[r]!;
    return NONE;
  };
  for (let e = 0; e < a.length; e++) {
    if (b[e] !== NONE) continue;
    const [x0, y0, x1, y1] = [
      coords[4 * e]!,
      coords[4 * e + 1]!,
      coords[4 * e + 2]!,
      coords[4 * e + 3]!,
    ];
    const len = Math.hypot(x1 - x0, y1 - y0) || 1;
    const [nx, ny] = [(-(y1 - y0) / len) * 1e-4, ((x1 - x0) / len) * 1e-4];
    const [mx, my] = [(x0 + x1) / 2, (y0 + y1) / 2];
    const across = unitAt(mx + nx, my + ny, a[e]!);
    b[e] = across !== NONE ? across : unitAt(mx - nx, my - ny, a[e]!);
  }
}

/** Edges between different territories (and outer edges of assigned units), as line segments. */
export function territoryBoundaries(
  edges: UnitEdges,
  layer: ScenarioLayer,
  only?: number,
): Float32Array {
  const out: number[] = [];
  const t = layer.unitTerritory;
  for (let e = 0; e < edges.count; e++) {
    const ta = t[edges.unitA[e]!] ?? 0xffff;
    const ub = edges.unitB[e]!;
    const tb = ub === NONE ? 0xffff : (t[ub] ?? 0xffff);
    if (ta === tb) continue;
    if (only !== undefined && ta !== only && tb !== only) continue;
    for (let k = 0; k < 4; k++) out.push(edges.coords[4 * e + k]!);
  }
  return Float32Array.from(out);
}

export function territoryAdjacency(edges: UnitEdges, layer: ScenarioLayer): Set<number>[] {
  const adj = layer.territoryIds.map(() => new Set<number>());
  const t = layer.unitTerritory;
  for (let e = 0; e < edges.count; e++) {
    const ub = edges.unitB[e]!;
    if (ub === NONE) continue;
    const ta = t[edges.unitA[e]!] ?? 0xffff;
    const tb = t[ub] ?? 0xffff;
    if (ta === tb || ta === 0xffff || tb === 0xffff) continue;
    adj[ta]?.add(tb);
    adj[tb]?.add(ta);
  }
  return adj;
}
