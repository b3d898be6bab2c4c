// Writes tiny PMTiles v3 archives for tests, by hand (the spec's header, one uncompressed root
// directory, JSON metadata, tile data): https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md
import { writeFileSync } from 'node:fs';
import { geoJSONToTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { PNG } from 'pngjs';

function varints(values) {
  const out = [];
  for (let v of values) {
    while (v >= 0x80) {
      out.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(v);
  }
  return Buffer.from(out);
}

/** Hilbert tile id of z/x/y (PMTiles numbering); z0 is 0. */
export function tileId(z, x, y) {
  let acc = 0;
  for (let t = 0; t < z; t++) acc += 4 ** t;
  const n = 2 ** z;
  let d = 0;
  for (let s = n / 2; s >= 1; s /= 2) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      [x, y] = [y, x];
    }
  }
  return acc + d;
}

/**
 * Writes an archive of the given tiles ({ z, x, y, data }) with tile type 2 (PNG) or 1 (MVT),
 * uncompressed, and returns its size in bytes.
 */
export function writePmtiles(
  path,
  { tiles, tileType, metadata = {}, bounds = [-180, -85, 180, 85] },
) {
  const sorted = tiles
    .map((t) => ({ ...t, id: tileId(t.z, t.x, t.y) }))
    .sort((a, b) => a.id - b.id);
  let offset = 0;
  const entries = sorted.map((t) => {
    const e = { id: t.id, offset, length: t.data.length };
    offset += t.data.length;
    return e;
  });
  const dir = Buffer.concat([
    varints([entries.length]),
    varints(entries.map((e, i) => e.id - (i ? entries[i - 1].id : 0))),
    varints(entries.map(() => 1)),
    varints(entries.map((e) => e.length)),
    varints(
      entries.map((e, i) =>
        i > 0 && e.offset === entries[i - 1].offset + entries[i - 1].length ? 0 : e.offset + 1,
      ),
    ),
  ]);
  const meta = Buffer.from(JSON.stringify(metadata));
  const data = Buffer.concat(sorted.map((t) => t.data));
  const header = Buffer.alloc(127);
  header.write('PMTiles', 0, 'ascii');
  header[7] = 3;
  const u64 = (at, v) => header.writeBigUInt64LE(BigInt(v), at);
  const rootAt = 127;
  const metaAt = rootAt + dir.length;
  const dataAt = metaAt + meta.length;
  u64(8, rootAt);
  u64(16, dir.length);
  u64(24, metaAt);
  u64(32, meta.length);
  u64(40, dataAt + data.length); // no leaf directories
  u64(48, 0);
  u64(56, dataAt);
  u64(64, data.length);
  u64(72, entries.length);
  u64(80, entries.length);
  u64(88, entries.length);
  header[96] = 1; // clustered
  header[97] = 1; // internal compression: none
  header[98] = 1; // tile compression: none
  header[99] = tileType;
  header[100] = Math.min(...sorted.map((t) => t.z));
  header[101] = Math.max(...sorted.map((t) => t.z));
  const e7 = (at, v) => header.writeInt32LE(Math.round(v * 1e7), at);
  e7(102, bounds[0]);
  e7(106, bounds[1]);
  e7(110, bounds[2]);
  e7(114, bounds[3]);
  header[118] = header[100];
  e7(119, (bounds[0] + bounds[2]) / 2);
  e7(123, (bounds[1] + bounds[3]) / 2);
  const file = Buffer.concat([header, dir, meta, data]);
  writeFileSync(path, file);
  return file.length;
}

/** A 256×256 PNG tile of one colour. */
export function solidPng([r, g, b]) {
  const png = new PNG({ width: 256, height: 256 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([r, g, b, 255], i);
  return PNG.sync.write(png);
}

/**
 * A z0 vector tile in the Protomaps basemap schema: a water polygon over the central US and a
 * highway across it (maplibre's own geojson-vt and vt-pbf encode it).
 */
export function protomapsTile() {
  const fc = (features) => ({ type: 'FeatureCollection', features });
  const water = fc([
    {
      type: 'Feature',
      properties: { kind: 'lake' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-105, 33],
            [-90, 33],
            [-90, 42],
            [-105, 42],
            [-105, 33],
          ],
        ],
      },
    },
  ]);
  const roads = fc([
    {
      type: 'Feature',
      properties: { kind: 'highway' },
      geometry: {
        type: 'LineString',
        coordinates: [
          [-120, 38],
          [-75, 38],
        ],
      },
    },
  ]);
  const earth = fc([
    {
      type: 'Feature',
      properties: { kind: 'earth' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-125, 25],
            [-66, 25],
            [-66, 49],
            [-125, 49],
            [-125, 25],
          ],
        ],
      },
    },
  ]);
  const tile = (geojson) => geoJSONToTile(geojson, 0, 0, 0, { extent: 4096 });
  return Buffer.from(
    fromGeojsonVt({ earth: tile(earth), water: tile(water), roads: tile(roads) }, { version: 2 }),
  );
}
