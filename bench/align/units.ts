// Benchmark units built from the bundled geography: every ZIP (centroid, density class,
// Delaunay adjacency from workers/domain/geo) or every county (us-atlas shared borders), with a
// synthetic heavy-tailed value per ZIP correlated with density (log-normal, denser ZIPs higher,
// ~15 % of ZIPs empty as PO-box/unique ZIPs are). Synthetic values, real geography: figures are
// labelled as such in the output.

import { feature, neighbors } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadGeoData } from '../../workers/data/geoLoader';
import { createLandIndex, type LandPolygons } from '../../workers/domain/geo/landIndex';
import { buildZipAdjacency } from '../../workers/domain/geo/zipAdjacency';
import { travelMinutes } from '../../workers/domain/driveTime';
import { createRng } from '../../workers/domain/align/prng';
import type { AlignProblem } from '../../workers/domain/align/types';

const require = createRequire(import.meta.url);

function atlas(name: string): Topology {
  return JSON.parse(readFileSync(require.resolve(`us-atlas/${name}`), 'utf8')) as Topology;
}

function normal(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(rng() + 1e-12)) * Math.cos(2 * Math.PI * rng());
}

export type ZipUnits = { problem: AlignProblem; county: string[] };

export function zipProblem(k: number, seed: number): ZipUnits {
  const { zips } = loadGeoData();
  const n = zips.count;
  const nation = atlas('nation-10m.json');
  const land = feature(nation, nation.objects.nation as GeometryCollection);
  const polygons: LandPolygons = land.features.flatMap((f) =>
    f.geometry.type === 'MultiPolygon'
      ? (f.geometry.coordinates as LandPolygons)
      : f.geometry.type === 'Polygon'
        ? [f.geometry.coordinates as LandPolygons[number]]
        : [],
  );
  const adj = buildZipAdjacency({ lat: zips.lat, lon: zips.lon, land: createLandIndex(polygons) });
  const rng = createRng(seed);
  const mu = [0, 0.8, 1.5, 2.0];
  const value = new Float64Array(n);
  const work = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    if (rng() < 0.15) continue;
    value[u] = Math.exp(mu[zips.density[u]!]! + 1.1 * normal(rng));
    work[u] = value[u]! * (0.7 + 0.6 * rng());
  }
  return {
    problem: baseProblem({
      ids: zips.zip,
      lat: Float64Array.from(zips.lat),
      lon: Float64Array.from(zips.lon),
      value,
      work,
      density: zips.density,
      adjStart: Int32Array.from(adj.offsets),
      adjList: Int32Array.from(adj.neighbors),
      k,
      seed,
    }),
    county: zips.county,
  };
}

export function countyProblem(zipUnits: ZipUnits, k: number, seed: number): AlignProblem {
  const topo = atlas('counties-10m.json');
  const geoms = (topo.objects.counties as GeometryCollection).geometries;
  const ids = geoms.map((g) => String(g.id));
  const index = new Map(ids.map((id, i) => [id, i]));
  const n = ids.length;
  const value = new Float64Array(n);
  const work = new Float64Array(n);
  const sLat = new Float64Array(n);
  const sLon = new Float64Array(n);
  const cnt = new Float64Array(n);
  const dens = new Float64Array(n);
  const zp = zipUnits.problem;
  for (let u = 0; u < zp.count; u++) {
    const c = index.get(zipUnits.county[u] ?? '');
    if (c === undefined) continue;
    value[c]! += zp.value[u]!;
    work[c]! += zp.weightForTravel[u]!;
    sLat[c]! += zp.lat[u]!;
    sLon[c]! += zp.lon[u]!;
    dens[c]! += zp.density[u]!;
    cnt[c]!++;
  }
  const { counties } = loadGeoData();
  const keep: number[] = [];
  for (let c = 0; c < n; c++) {
    const ci = counties.indexOf(ids[c]!);
    if (cnt[c]! > 0 || ci >= 0) keep.push(c);
  }
  const lat = new Float64Array(keep.length);
  const lon = new Float64Array(keep.length);
  const density = new Uint8Array(keep.length);
  keep.forEach((c, i) => {
    const ci = counties.indexOf(ids[c]!);
    lat[i] = ci >= 0 ? counties.lat[ci]! : sLat[c]! / cnt[c]!;
    lon[i] = ci >= 0 ? counties.lon[ci]! : sLon[c]! / cnt[c]!;
    density[i] = cnt[c]! > 0 ? Math.round(dens[c]! / cnt[c]!) : 0;
  });
  const pos = new Map(keep.map((c, i) => [c, i]));
  const nb = neighbors(geoms);
  const start = new Int32Array(keep.length + 1);
  const list: number[] = [];
  keep.forEach((c, i) => {
    for (const d of nb[c] ?? []) {
      const j = pos.get(d);
      if (j !== undefined) list.push(j);
    }
    start[i + 1] = list.length;
  });
  return baseProblem({
    ids: keep.map((c) => ids[c]!),
    lat,
    lon,
    value: Float64Array.from(keep, (c) => value[c]!),
    work: Float64Array.from(keep, (c) => work[c]!),
    density,
    adjStart: start,
    adjList: Int32Array.from(list),
    k,
    seed,
  });
}

function baseProblem(o: {
  ids: string[];
  lat: Float64Array;
  lon: Float64Array;
  value: Float64Array;
  work: Float64Array;
  density: Uint8Array;
  adjStart: Int32Array;
  adjList: Int32Array;
  k: number;
  seed: number;
}): AlignProblem {
  const n = o.ids.length;
  return {
    count: n,
    ids: o.ids,
    lat: o.lat,
    lon: o.lon,
    value: o.value,
    weightForTravel: o.work,
    floating: new Uint8Array(n),
    density: o.density,
    adjStart: o.adjStart,
    adjList: o.adjList,
    k: o.k,
    homes: null,
    fixed: new Int32Array(n).fill(-1),
    seed: o.seed,
    travelMinutes,
  };
}
