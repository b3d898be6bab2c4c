// County adjacency from the us-atlas topology: two counties are neighbours when they share a border
// arc (rook contiguity; Four Corners-style point contacts do not count), via topojson-client's
// `neighbors`. Island counties with no land border (Nantucket, Dukes, San Juan WA, the Hawaiian
// counties, Aleutian boroughs) are then attached Kruskal-style to the nearest county of another
// component by centroid distance, shortest first, up to BRIDGE_MAX_KM; farther ones (Hawaii vs the
// mainland, Puerto Rico, Alaska, the Pacific territories) stay their own components.
import { neighbors } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { greatCircleKm } from './distance';
import { adjacencyFromEdges, components, type Adjacency, unionFind } from './graph';

export const COUNTY_BRIDGE_MAX_KM = 130;
const NEAREST = 6;

export type CountyAdjacencyStats = {
  counties: number;
  borderPairs: number;
  bridged: number;
  components: number;
  componentSizes: number[];
};

export type CountyPoints = { fips: string[]; lat: ArrayLike<number>; lon: ArrayLike<number> };

/** `topology.objects.counties` as in us-atlas counties-10m.json; result aligned with `points.fips`. */
export function buildCountyAdjacency(
  topology: Topology,
  points: CountyPoints,
): Adjacency & { stats: CountyAdjacencyStats } {
  const collection = topology.objects.counties as GeometryCollection;
  const geometries = collection.geometries;
  const index = new Map(points.fips.map((f, i) => [f, i]));
  const order = geometries.map((g) => index.get(String(g.id)) ?? -1);
  const from: number[] = [];
  const to: number[] = [];
  neighbors(geometries).forEach((list, g) => {
    for (const h of list) {
      const a = order[g]!;
      const b = order[h]!;
      if (a >= 0 && b >= 0 && a < b) {
        from.push(a);
        to.push(b);
      }
    }
  });
  const borderPairs = from.length;
  const n = points.fips.length;
  const uf = unionFind(n);
  for (let e = 0; e < from.length; e++) uf.union(from[e]!, to[e]!);
  const candidates: { a: number; b: number; km: number }[] = [];
  for (let a = 0; a < n; a++) {
    const near: { b: number; km: number }[] = [];
    for (let b = 0; b < n; b++) {
      if (b === a) continue;
      const km = greatCircleKm(points.lat[a]!, points.lon[a]!, points.lat[b]!, points.lon[b]!);
      if (km <= COUNTY_BRIDGE_MAX_KM) near.push({ b, km });
    }
    near.sort((x, y) => x.km - y.km);
    for (const c of near.slice(0, NEAREST)) candidates.push({ a, b: c.b, km: c.km });
  }
  candidates.sort((x, y) => x.km - y.km);
  let bridged = 0;
  for (const c of candidates) {
    if (uf.union(c.a, c.b)) {
      from.push(c.a);
      to.push(c.b);
      bridged++;
    }
  }
  const graph = adjacencyFromEdges(n, from, to);
  const comp = components(graph);
  const sizes = new Array<number>(comp.count).fill(0);
  for (const l of comp.label) sizes[l]!++;
  sizes.sort((a, b) => b - a);
  return {
    ...graph,
    stats: {
      counties: n,
      borderPairs,
      bridged,
      components: comp.count,
      componentSizes: sizes.slice(0, 12),
    },
  };
}
