// ZIP adjacency: Delaunay triangulation of ZIP centroids (Albers plane), with long and cross-water
// edges pruned, islands re-attached by their shortest crossing, co-located ZIPs folded in.
//
// The rule (all distances great-circle):
// 1. Centroids shared by several ZIPs (PO-box and unique ZIPs sit on their town's centroid) are
//    triangulated once, on the lowest ZIP ("representative").
// 2. Water: each edge is sampled every ≤ 0.5 km (at least 3 interior points); the share of samples
//    off US land (us-atlas nation outline: sea, Great Lakes, large bays, and Canada/Mexico) times
//    the edge length estimates the water crossing. An edge crossing more than WATER_MAX_KM is cut
//    (SF ↔ Oakland across the Bay, Seattle ↔ Bainbridge across Puget Sound); rivers narrower than
//    the 1:10m outline resolves are bridged anyway, as roads bridge them.
// 3. Length: an edge longer than max(LENGTH_MIN_KM, LENGTH_FACTOR × the larger of its two ends'
//    local spacing) is cut; local spacing = median length of a centroid's Delaunay edges. This
//    drops the long slivers Delaunay draws across empty deserts and along the hull.
// 4. Re-attach: cut edges are re-added, cheapest first (length + 4 × water km), only where they
//    join two otherwise separate components and cross at most BRIDGE_WATER_MAX_KM of water
//    (Kruskal over components): a landmass split by rule 3 is rejoined by its shortest link, an
//    island with a ferry or bridge (Key West, Martha's Vineyard, the San Juans) hangs on its nearest
//    mainland ZIP, while Hawaii, Alaska, Puerto Rico and the Pacific territories stay separate.
// 5. Co-located ZIPs are linked to their representative and to all of its neighbours.

import { Delaunay } from 'd3-delaunay';
import { albersPoints } from './albers';
import { greatCircleKm } from './distance';
import { adjacencyFromEdges, components, type Adjacency, unionFind } from './graph';
import type { LandIndex } from './landIndex';

export const WATER_MAX_KM = 1.5;
export const LENGTH_MIN_KM = 8;
export const LENGTH_FACTOR = 3;
export const BRIDGE_WATER_MAX_KM = 60;

export type ZipAdjacencyInput = { lat: ArrayLike<number>; lon: ArrayLike<number>; land: LandIndex };

export type ZipAdjacencyStats = {
  zips: number;
  locations: number;
  delaunayEdges: number;
  cutWater: number;
  cutLength: number;
  reattached: number;
  edges: number;
  components: number;
  /** Sizes of the largest components, descending. */
  componentSizes: number[];
};

export type ZipAdjacency = Adjacency & { stats: ZipAdjacencyStats };

/** Representative index per point (first point with the same coordinates). */
export function colocated(lat: ArrayLike<number>, lon: ArrayLike<number>): Int32Array {
  const rep = new Int32Array(lat.length);
  const seen = new Map<string, number>();
  for (let i = 0; i < lat.length; i++) {
    const key = `${lat[i]},${lon[i]}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    rep[i] = first ?? i;
  }
  return rep;
}

/** Estimated km of the a→b segment that is not on land. */
export function waterKm(
  land: LandIndex,
  aLon: number,
  aLat: number,
  bLon: number,
  bLat: number,
): number {
  const len = greatCircleKm(aLat, aLon, bLat, bLon);
  let dLon = bLon - aLon;
  if (dLon > 180) dLon -= 360;
  if (dLon < -180) dLon += 360;
  const samples = Math.min(400, Math.max(3, Math.ceil(len / 0.5)));
  let off = 0;
  for (let s = 1; s <= samples; s++) {
    const t = s / (samples + 1);
    if (!land.contains(aLon + t * dLon, aLat + t * (bLat - aLat))) off++;
  }
  return (off / samples) * len;
}

type Edge = { a: number; b: number; km: number; water: number };

function delaunayEdges(reps: number[], input: ZipAdjacencyInput): Edge[] {
  const lon = reps.map((i) => input.lon[i]!);
  const lat = reps.map((i) => input.lat[i]!);
  const d = new Delaunay(albersPoints(lon, lat));
  const edges: Edge[] = [];
  const { triangles, halfedges } = d;
  for (let e = 0; e < triangles.length; e++) {
    if (halfedges[e]! > e) continue;
    const a = triangles[e]!;
    const b = triangles[e % 3 === 2 ? e - 2 : e + 1]!;
    const km = greatCircleKm(lat[a]!, lon[a]!, lat[b]!, lon[b]!);
    edges.push({ a, b, km, water: waterKm(input.land, lon[a]!, lat[a]!, lon[b]!, lat[b]!) });
  }
  return edges;
}

function localSpacing(count: number, edges: Edge[]): Float64Array {
  const lists: number[][] = Array.from({ length: count }, () => []);
  for (const e of edges) {
    lists[e.a]!.push(e.km);
    lists[e.b]!.push(e.km);
  }
  return Float64Array.from(lists, (l) => {
    l.sort((x, y) => x - y);
    return l.length === 0 ? 0 : l[(l.length - 1) >> 1]!;
  });
}

export function buildZipAdjacency(input: ZipAdjacencyInput): ZipAdjacency {
  const n = input.lat.length;
  const rep = colocated(input.lat, input.lon);
  const reps: number[] = [];
  for (let i = 0; i < n; i++) if (rep[i] === i) reps.push(i);
  const edges = delaunayEdges(reps, input);
  const spacing = localSpacing(reps.length, edges);
  const kept: Edge[] = [];
  const cut: Edge[] = [];
  let cutWater = 0;
  let cutLength = 0;
  for (const e of edges) {
    const cap = Math.max(LENGTH_MIN_KM, LENGTH_FACTOR * Math.max(spacing[e.a]!, spacing[e.b]!));
    if (e.water > WATER_MAX_KM) cutWater++;
    else if (e.km > cap) cutLength++;
    else {
      kept.push(e);
      continue;
    }
    cut.push(e);
  }
  const uf = unionFind(reps.length);
  for (const e of kept) uf.union(e.a, e.b);
  cut.sort((x, y) => x.km + 4 * x.water - (y.km + 4 * y.water));
  let reattached = 0;
  for (const e of cut) {
    if (e.water <= BRIDGE_WATER_MAX_KM && uf.union(e.a, e.b)) {
      kept.push(e);
      reattached++;
    }
  }
  return withColocated({
    n,
    rep,
    reps,
    kept,
    stats: { delaunayEdges: edges.length, cutWater, cutLength, reattached },
  });
}

function withColocated(args: {
  n: number;
  rep: Int32Array;
  reps: number[];
  kept: Edge[];
  stats: Pick<ZipAdjacencyStats, 'delaunayEdges' | 'cutWater' | 'cutLength' | 'reattached'>;
}): ZipAdjacency {
  const { n, rep, reps, kept } = args;
  const repGraph = adjacencyFromEdges(
    reps.length,
    kept.map((e) => e.a),
    kept.map((e) => e.b),
  );
  const repIndex = new Int32Array(n).fill(-1);
  reps.forEach((zip, k) => (repIndex[zip] = k));
  const from: number[] = [];
  const to: number[] = [];
  for (const e of kept) {
    from.push(reps[e.a]!);
    to.push(reps[e.b]!);
  }
  for (let i = 0; i < n; i++) {
    const r = rep[i]!;
    if (r === i) continue;
    from.push(i);
    to.push(r);
    const k = repIndex[r]!;
    for (let j = repGraph.offsets[k]!; j < repGraph.offsets[k + 1]!; j++) {
      from.push(i);
      to.push(reps[repGraph.neighbors[j]!]!);
    }
  }
  const graph = adjacencyFromEdges(n, from, to);
  const { label, count } = components(graph);
  const sizes = new Array<number>(count).fill(0);
  for (const l of label) sizes[l]!++;
  sizes.sort((a, b) => b - a);
  return {
    ...graph,
    stats: {
      zips: n,
      locations: reps.length,
      ...args.stats,
      edges: graph.neighbors.length / 2,
      components: count,
      componentSizes: sizes.slice(0, 12),
    },
  };
}
