// Builds Tessera's bundled offline geography into resources/geo from npm packages:
//   zips.json/bin  ZIP centroids, city, state (npm `zipcodes`), county FIPS (point-in-polygon in
//                  us-atlas counties-10m), density class (spacing of neighbouring ZIP centroids)
//   counties.json  county FIPS, name, state, centroid (us-atlas counties-10m)
//   packs.json + *.bin  typed-array packs: zip-adjacency, zip-cells (Voronoi clipped to the nation),
//                  county-adjacency, county-shapes — computed by the pure domain code in
//                  workers/domain/geo (bundled on the fly by esbuild from resources/scripts/geo/derive.ts)
// Run: node resources/scripts/build-geo.mjs   (outputs are committed; re-run after upgrading
// `zipcodes` or `us-atlas`). Deterministic: same inputs → byte-identical outputs.
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { feature } from 'topojson-client';
import { STATE_BY_FIPS } from './geo/fips.mjs';
import { bboxOf, centroidOf, polygonsOf } from './geo/pointInPolygon.mjs';
import {
  assignCounties,
  completeZipRows,
  densityClasses,
  FAR_OFF_KM,
  hudCounties,
  readGazetteer,
  readHud,
  readZipRows,
} from './geo/zipTable.mjs';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(root, 'resources', 'geo');
const round = (v, d) => Math.round(v * 10 ** d) / 10 ** d;
const log = (msg) => process.stderr.write(`build-geo: ${msg}\n`);

function readCounties() {
  const topo = require('us-atlas/counties-10m.json');
  const fc = feature(topo, topo.objects.counties);
  return fc.features
    .map((f) => {
      const polygons = polygonsOf(f.geometry);
      const fips = String(f.id);
      return {
        fips,
        name: f.properties.name,
        state: STATE_BY_FIPS[fips.slice(0, 2)] ?? '',
        polygons,
        bbox: bboxOf(polygons),
      };
    })
    .filter((c) => c.polygons.length > 0)
    .sort((a, b) => (a.fips < b.fips ? -1 : 1));
}

/**
 * zips.json: { format, count, zips (5 chars each, concatenated), cities, states } and zips.bin
 * (little-endian, column after column): lat f32[n], lon f32[n], city index u16[n],
 * county index u16[n] (into counties.json, 0xffff none), state index u8[n], density u8[n].
 * Binary columns load with no parsing (the 2 MB all-JSON version took 100–250 ms to load).
 */
function writeZipTable(rows, county, density, counties) {
  const n = rows.length;
  const cities = [...new Set(rows.map((r) => r.city))].sort();
  const states = [...new Set(rows.map((r) => r.state))].sort();
  const cityIdx = new Map(cities.map((c, i) => [c, i]));
  const stateIdx = new Map(states.map((c, i) => [c, i]));
  const countyIdx = new Map(counties.map((c, i) => [c.fips, i]));
  if (cities.length > 0xffff || counties.length >= 0xffff) throw new Error('u16 index overflow');
  const buf = Buffer.alloc(n * 14);
  rows.forEach((r, i) => {
    buf.writeFloatLE(r.lat, 4 * i);
    buf.writeFloatLE(r.lon, 4 * (n + i));
    buf.writeUInt16LE(cityIdx.get(r.city), 8 * n + 2 * i);
    buf.writeUInt16LE(countyIdx.get(county[i]) ?? 0xffff, 10 * n + 2 * i);
    buf.writeUInt8(stateIdx.get(r.state), 12 * n + i);
    buf.writeUInt8(density[i], 13 * n + i);
  });
  writeJson('zips.json', {
    format: 'tessera-zips-1',
    source:
      'zipcodes (ZIP centroids) completed and corrected by the Census 2010 ZCTA gazetteer, HUD USPS ZIP-county crosswalk 2023Q1 (county: largest residential ratio), us-atlas counties-10m (county by point-in-polygon where HUD has none)',
    count: n,
    zips: rows.map((r) => r.zip).join(''),
    cities,
    states,
  });
  writeFileSync(join(outDir, 'zips.bin'), buf);
  log(`wrote ${join(outDir, 'zips.bin')}`);
}

function writeJson(name, value) {
  const path = join(outDir, name);
  writeFileSync(path, JSON.stringify(value));
  log(`wrote ${path}`);
}

/** Bundles derive.ts (TypeScript + its domain imports) into a temporary module and imports it. */
async function loadDerive() {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-geo-'));
  const outfile = join(dir, 'derive.mjs');
  try {
    await build({
      entryPoints: [join(root, 'resources/scripts/geo/derive.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'error',
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Typed-array packs: `<name>.bin` holds the arrays back to back (8-byte aligned, little-endian);
 * packs.json maps each pack to { arrays: { key: [type, byteOffset, length] }, stats }.
 */
const packs = {};
function writePack(name, arrays, stats) {
  const entries = {};
  let offset = 0;
  for (const [key, arr] of Object.entries(arrays)) {
    entries[key] = [arr.constructor.name, offset, arr.length];
    offset += Math.ceil(arr.byteLength / 8) * 8;
  }
  const buf = Buffer.alloc(offset);
  for (const [key, arr] of Object.entries(arrays)) {
    Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength).copy(buf, entries[key][1]);
  }
  writeFileSync(join(outDir, `${name}.bin`), buf);
  packs[name] = { arrays: entries, ...(stats ? { stats } : {}) };
  log(`wrote ${name}.bin (${(offset / 1e6).toFixed(2)} MB)`);
}

const t0 = Date.now();
const counties = readCounties();
// ZIPs with no county polygon within 0.5° (Wake Island) are left out: no state, no map cell.
const sources = join(outDir, 'sources');
const hud = readHud(join(sources, 'hud_zip_county_2023q1.csv.gz'));
const gaz = readGazetteer(join(sources, 'zcta_gazetteer_2010.csv.gz'));
const withCentroids = counties.map((c) => ({ ...c, centroid: centroidOf(c.polygons) }));
const completed = completeZipRows(readZipRows(), hud, gaz, withCentroids);
log(
  `HUD/ZCTA: ${completed.added} HUD ZIPs added (${completed.addedAtCounty} at their county's centroid), ${completed.moved} centroids moved to the ZCTA internal point (> ${FAR_OFF_KM} km off)`,
);
const allRows = completed.rows;
const assigned = assignCounties(allRows, counties);
// a ZIP no county polygon is near (Wake Island) is kept when HUD names its county (96898 → Honolulu)
const ourFips = new Set(counties.map((c) => c.fips));
const keep = allRows.map(
  (r, i) => assigned.county[i] !== '' || ourFips.has(hud.get(r.zip)?.county ?? ''),
);
const rows = allRows.filter((_, i) => keep[i]);
const hudAssigned = hudCounties(
  rows,
  assigned.county.filter((_, i) => keep[i]),
  hud,
  counties,
);
const county = hudAssigned.county;
log(
  `county from HUD for ${hudAssigned.fromHud} ZIPs (${hudAssigned.notOurs} HUD counties not in us-atlas: polygon kept)`,
);
const { outside } = assigned;
const { density } = densityClasses(rows);
mkdirSync(outDir, { recursive: true });
writeJson('counties.json', {
  source: 'us-atlas counties-10m (Census cartographic boundaries 1:10m)',
  fips: counties.map((c) => c.fips),
  name: counties.map((c) => c.name),
  state: counties.map((c) => c.state),
  lat: counties.map((c) => round(centroidOf(c.polygons)[1], 4)),
  lon: counties.map((c) => round(centroidOf(c.polygons)[0], 4)),
});
writeZipTable(rows, county, density, counties);
log(
  `${rows.length} ZIPs (${outside} outside every county polygon: nearest assigned; ${allRows.length - rows.length} dropped), ${counties.length} counties`,
);
const { derive } = await loadDerive();
const derived = derive(
  {
    zips: {
      lat: Float32Array.from(rows, (r) => r.lat),
      lon: Float32Array.from(rows, (r) => r.lon),
      state: rows.map((r) => r.state),
    },
    counties: {
      fips: counties.map((c) => c.fips),
      lat: counties.map((c) => round(centroidOf(c.polygons)[1], 4)),
      lon: counties.map((c) => round(centroidOf(c.polygons)[0], 4)),
    },
    nation: require('us-atlas/nation-10m.json'),
    countiesTopology: require('us-atlas/counties-10m.json'),
  },
  log,
);
const { zipAdjacency, zipCells, countyAdjacency, countyShapes } = derived;
writePack(
  'zip-adjacency',
  { offsets: zipAdjacency.offsets, neighbors: zipAdjacency.neighbors },
  zipAdjacency.stats,
);
writePack('zip-cells', zipCells);
writePack(
  'county-adjacency',
  { offsets: countyAdjacency.offsets, neighbors: countyAdjacency.neighbors },
  countyAdjacency.stats,
);
writePack('county-shapes', countyShapes);
writeJson('packs.json', packs);
log(
  `density classes: ${[0, 1, 2, 3].map((c) => `${c}:${density.filter((d) => d === c).length}`).join(' ')}`,
);
log(`done in ${Date.now() - t0} ms`);
