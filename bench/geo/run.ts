// Geography benchmark: load times of the bundled tables and packs, adjacency statistics, drive-time
// matrix throughput, and (unless --quick) the cost of building ZIP adjacency and ZIP cells at run
// time, which is why they are precomputed by resources/scripts/build-geo.mjs.
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { loadGeoData } from '../../workers/data/geoLoader';
import {
  loadCountyAdjacency,
  loadUnitShapes,
  loadZipAdjacency,
} from '../../workers/data/geoShapes';
import { travelMatrix } from '../../workers/domain/driveTime';
import type { MultiPolygon } from '../../workers/domain/geo/clipping';
import { createLandIndex, type LandPolygons } from '../../workers/domain/geo/landIndex';
import { tileLand } from '../../workers/domain/geo/landTiles';
import { buildZipAdjacency } from '../../workers/domain/geo/zipAdjacency';
import { buildZipCells } from '../../workers/domain/geo/zipCells';

const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');

/** Wall and CPU time (CPU is the steadier figure on a shared, loaded machine). */
function timed<T>(label: string, f: () => T): T {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = f();
  const used = process.cpuUsage(cpu);
  console.log(
    `${label}: ${(performance.now() - t).toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms CPU`,
  );
  return value;
}

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
const geo = timed('loadGeoData (ZIP + county tables)', loadGeoData);
console.log(`  ${geo.zips.count} ZIPs, ${geo.counties.count} counties`);
const zipAdj = timed('loadZipAdjacency', loadZipAdjacency);
console.log(`  ${JSON.stringify(zipAdj.stats)}`);
const countyAdj = timed('loadCountyAdjacency', loadCountyAdjacency);
console.log(`  ${JSON.stringify(countyAdj.stats)}`);
const zipShapes = timed('loadUnitShapes(zip)', () => loadUnitShapes('zip'));
console.log(
  `  ${zipShapes.vertices.length / 2} vertices, ${zipShapes.ringUnit.length} rings, ${(zipShapes.vertices.byteLength / 1e6).toFixed(1)} MB`,
);
const countyShapes = timed('loadUnitShapes(county)', () => loadUnitShapes('county'));
console.log(
  `  ${countyShapes.vertices.length / 2} vertices, ${countyShapes.ringUnit.length} rings`,
);

const n = 1000;
const pick = (k: number) => (k * 7919) % geo.zips.count;
const pts = (offset: number) => ({
  lat: Float32Array.from({ length: n }, (_, k) => geo.zips.lat[pick(k + offset)]!),
  lon: Float32Array.from({ length: n }, (_, k) => geo.zips.lon[pick(k + offset)]!),
  density: Uint8Array.from({ length: n }, (_, k) => geo.zips.density[pick(k + offset)]!),
});
const t = performance.now();
travelMatrix(pts(0), pts(n));
const ms = performance.now() - t;
console.log(
  `travelMatrix ${n}×${n}: ${ms.toFixed(0)} ms (${((n * n) / ms / 1000).toFixed(1)} M pairs/s)`,
);

if (!quick) {
  const topo = require('us-atlas/nation-10m.json') as Topology;
  const fc = feature(topo, topo.objects.nation as GeometryCollection);
  const land: MultiPolygon = [];
  for (const f of fc.features)
    if (f.geometry?.type === 'MultiPolygon') land.push(...(f.geometry.coordinates as MultiPolygon));
  const landIndex = timed('runtime: land index', () => createLandIndex(land as LandPolygons));
  const landTiles = timed('runtime: land tiles', () => tileLand(land));
  timed('runtime: ZIP adjacency (Delaunay + pruning)', () =>
    buildZipAdjacency({ lat: geo.zips.lat, lon: geo.zips.lon, land: landIndex }),
  );
  const REG: Record<string, number> = { AK: 1, HI: 2, PR: 3, VI: 3, GU: 4, AS: 5, MP: 6 };
  const region = Uint8Array.from(geo.zips.state, (s) => REG[s] ?? 0);
  timed('runtime: ZIP cells (Voronoi + clip to nation)', () =>
    buildZipCells({ lat: geo.zips.lat, lon: geo.zips.lon, region, landIndex, landTiles }),
  );
}
