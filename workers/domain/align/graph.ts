// Unit adjacency helpers: bridging disconnected parts of the unit graph (islands, Alaska,
// Hawaii, ZIPs whose Delaunay edges were pruned) and connectivity checks inside a territory.

import { nearestAccepted, pointTree } from './nearest';
import type { Points3 } from './sphere';

export type Csr = { start: Int32Array; list: Int32Array };

/** Connected components over non-floating units; floating units get label -1. */
export function graphComponents(
  n: number,
  g: Csr,
  floating: Uint8Array,
): { label: Int32Array; count: number } {
  const label = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  let count = 0;
  for (let s = 0; s < n; s++) {
    if (label[s] !== -1 || floating[s]) continue;
    let top = 0;
    stack[top++] = s;
    label[s] = count;
    while (top > 0) {
      const u = stack[--top]!;
      for (let e = g.start[u]!; e < g.start[u + 1]!; e++) {
        const v = g.list[e]!;
        if (label[v] === -1 && !floating[v]) {
          label[v] = count;
          stack[top++] = v;
        }
      }
    }
    count++;
  }
  return { label, count };
}

/**
 * Offshore region of a point, for bridging: 0 the contiguous states, 1 Alaska (incl. the Aleutians
 * across the antimeridian), 2 Hawaii, 3 the Caribbean (Puerto Rico, US Virgin Islands), 4 the
 * Pacific territories (Guam, Northern Marianas, American Samoa).
 */
export function offshoreRegion(lat: number, lon: number): number {
  if (lon > 130 && lat < 25) return 4;
  if (lon < -165 && lat < -5) return 4;
  if (lat > 50.5 && (lon < -129 || lon > 170)) return 1;
  if (lat < 30 && lon < -150) return 2;
  if (lat < 19.5 && lon > -68.5 && lon < -64) return 3;
  return 0;
}

/**
 * Adds "bridge" edges so the graph of non-floating units is connected, in two steps (the islands
 * rule, ARCHITECTURE.md "Alignment engine"):
 * 1. inside each region (offshoreRegion: the contiguous states, Alaska, Hawaii, the Caribbean, the
 *    Pacific territories) every component but the region's largest is linked, by its closest
 *    pair of units, to the nearest unit of another component of the same region, repeatedly
 *    (Borůvka-style) — islands to their neighbouring islands, a pruned ZIP to its neighbours;
 * 2. each offshore region, once one piece, is linked to the contiguous states by its closest pair
 *    (Alaska to Washington, Hawaii to California, Puerto Rico to Florida) — never to another
 *    offshore region, so Hawaii, Alaska and Puerto Rico are never joined to each other.
 * A territory may then span an island group and the mainland through its bridge and still count
 * as contiguous; islands.ts gives an island group its own territories whenever its value can
 * carry them, so a long bridge only lies inside a territory when the group is too small to stand
 * alone. Returns the bridges too.
 */
export function bridgeComponents(
  n: number,
  g: Csr,
  floating: Uint8Array,
  pts: Points3,
): { graph: Csr; bridges: [number, number][] } {
  const bridges: [number, number][] = [];
  const tree = pointTree(pts, n);
  const region = new Uint8Array(n);
  for (let u = 0; u < n; u++) {
    const z = pts.z[u]!;
    const lat = (Math.asin(Math.max(-1, Math.min(1, z))) * 180) / Math.PI;
    const lon = (Math.atan2(pts.y[u]!, pts.x[u]!) * 180) / Math.PI;
    region[u] = Number.isFinite(lat) && Number.isFinite(lon) ? offshoreRegion(lat, lon) : 0;
  }
  let graph = g;
  for (const phase of [1, 2]) {
    for (let round = 0; round < 64; round++) {
      const { label, count } = graphComponents(n, graph, floating);
      if (count <= 1) break;
      const size = new Int32Array(count);
      const compRegion = new Int32Array(count).fill(-1);
      for (let u = 0; u < n; u++) {
        const c = label[u]!;
        if (c < 0) continue;
        size[c]!++;
        compRegion[c] =
          compRegion[c]! < 0 ? region[u]! : compRegion[c]! === region[u]! ? compRegion[c]! : 0;
      }
      // The largest component of each region stays put in phase 1; in phase 2 only the mainland's.
      const largestOf = new Int32Array(5).fill(-1);
      for (let c = 0; c < count; c++) {
        const r = compRegion[c]!;
        if (largestOf[r]! < 0 || size[c]! > size[largestOf[r]!]!) largestOf[r] = c;
      }
      const anchored = (c: number) =>
        phase === 1 ? largestOf[compRegion[c]!] === c : compRegion[c] === 0 && largestOf[0] === c;
      const best = new Float64Array(count).fill(Infinity);
      const bestA = new Int32Array(count).fill(-1);
      const bestB = new Int32Array(count).fill(-1);
      for (let u = 0; u < n; u++) {
        const c = label[u]!;
        if (c < 0 || anchored(c)) continue;
        const want = phase === 1 ? compRegion[c]! : 0;
        // phase 2: an offshore group goes to the mainland; a mainland piece (none left after phase 1 unless isolated) to any mainland unit
        const [d, v] = nearestAccepted(
          tree,
          u,
          (w) => label[w]! >= 0 && label[w] !== c && region[w] === want,
          best[c]!,
        );
        if (v >= 0) {
          best[c] = d;
          bestA[c] = u;
          bestB[c] = v;
        }
      }
      const added: [number, number][] = [];
      for (let c = 0; c < count; c++) if (bestA[c]! >= 0) added.push([bestA[c]!, bestB[c]!]);
      if (added.length === 0) break;
      bridges.push(...added);
      graph = withEdges(n, graph, added);
    }
  }
  return { graph, bridges };
}

function withEdges(n: number, g: Csr, edges: [number, number][]): Csr {
  const extra = new Int32Array(n);
  for (const [a, b] of edges) {
    extra[a]!++;
    extra[b]!++;
  }
  const start = new Int32Array(n + 1);
  for (let u = 0; u < n; u++)
    start[u + 1] = start[u]! + (g.start[u + 1]! - g.start[u]!) + extra[u]!;
  const list = new Int32Array(start[n]!);
  const fill = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    for (let e = g.start[u]!; e < g.start[u + 1]!; e++) list[start[u]! + fill[u]!++] = g.list[e]!;
  }
  for (const [a, b] of edges) {
    list[start[a]! + fill[a]!++] = b;
    list[start[b]! + fill[b]!++] = a;
  }
  return { start, list };
}

/** Reusable BFS scratch space (stamped visit marks, no clearing between searches). */
export class Walker {
  readonly mark: Int32Array;
  readonly queue: Int32Array;
  stamp = 0;
  constructor(n: number) {
    this.mark = new Int32Array(n);
    this.queue = new Int32Array(n);
  }
  next(): number {
    this.stamp++;
    if (this.stamp > 2_000_000_000) {
      this.mark.fill(0);
      this.stamp = 1;
    }
    return this.stamp;
  }
}

/**
 * True when removing unit `u` from territory `t` leaves the other territory units that touch `u`
 * connected to each other (so `u` is not an articulation point of the territory). Searches
 * outward from one neighbour and stops as soon as all of them are reached.
 */
export function staysConnected(opts: {
  u: number;
  t: number;
  assign: Int32Array;
  g: Csr;
  floating: Uint8Array;
  walker: Walker;
}): boolean {
  const { u, t, assign, g, floating, walker } = opts;
  let need = 0;
  let first = -1;
  const stamp = walker.next();
  const goal = stamp;
  // Mark the neighbours we must reach with a negative stamp.
  for (let e = g.start[u]!; e < g.start[u + 1]!; e++) {
    const v = g.list[e]!;
    if (v === u || assign[v] !== t || floating[v] || walker.mark[v] === -goal) continue;
    walker.mark[v] = -goal;
    need++;
    if (first < 0) first = v;
  }
  if (need <= 1) return true;
  const seen = walker.next();
  const mark = walker.mark;
  const q = walker.queue;
  let head = 0;
  let tail = 0;
  q[tail++] = first;
  mark[first] = seen;
  need--;
  mark[u] = seen;
  while (head < tail) {
    const x = q[head++]!;
    for (let e = g.start[x]!; e < g.start[x + 1]!; e++) {
      const v = g.list[e]!;
      const mv = mark[v]!;
      if (mv === seen || assign[v] !== t || floating[v]) continue;
      if (mv === -goal && --need === 0) return true;
      mark[v] = seen;
      q[tail++] = v;
    }
  }
  return false;
}

/** The graph without self-loops and repeated edges (some adjacency sources list both). */
export function simpleGraph(n: number, g: Csr): Csr {
  const start = new Int32Array(n + 1);
  const list: number[] = [];
  const seen = new Int32Array(n).fill(-1);
  for (let u = 0; u < n; u++) {
    for (let e = g.start[u]!; e < g.start[u + 1]!; e++) {
      const v = g.list[e]!;
      if (v === u || seen[v] === u) continue;
      seen[v] = u;
      list.push(v);
    }
    start[u + 1] = list.length;
  }
  return { start, list: Int32Array.from(list) };
}
