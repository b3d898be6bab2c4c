// Loads the precomputed unit geometry and adjacency packs (resources/geo/packs.json + *.bin, made
// by resources/scripts/build-geo.mjs with the pure code in workers/domain/geo). Cached per process.
import { EngineFailure } from '../common/result';
import type { UnitAdjacency, UnitShapes } from './geo';
import { geoResourceDir, loadGeoData, readGeoFile, readGeoJson } from './geoLoader';

type PackEntry = [type: string, byteOffset: number, length: number];
type PackIndex = Record<
  string,
  { arrays: Record<string, PackEntry>; stats?: Record<string, unknown> }
>;
type TypedArrays = Record<string, Float32Array | Uint32Array>;

const CONSTRUCTORS = { Float32Array, Uint32Array } as const;
const cache = new Map<string, unknown>();

function once<T>(key: string, load: () => T): T {
  if (!cache.has(key)) cache.set(key, load());
  return cache.get(key) as T;
}

function damaged(name: string, why: string): EngineFailure {
  return new EngineFailure(
    'BAD_FILE',
    `Bundled geometry ${name}.bin in ${geoResourceDir()} is damaged or from another version (${why}). ` +
      'Rebuild it with `node resources/scripts/build-geo.mjs`.',
  );
}

function readPack(name: string): { arrays: TypedArrays; stats: Record<string, unknown> } {
  const index = once('packs', () => readGeoJson<PackIndex>('packs.json'));
  const pack = index[name];
  if (!pack) throw damaged(name, 'missing from packs.json');
  const bin = readGeoFile(`${name}.bin`);
  // One aligned copy of the file; every array is a view on it.
  const buffer = new ArrayBuffer(bin.length);
  new Uint8Array(buffer).set(bin);
  const arrays: TypedArrays = {};
  for (const [key, [type, offset, length]] of Object.entries(pack.arrays)) {
    const Ctor = CONSTRUCTORS[type as keyof typeof CONSTRUCTORS];
    if (!Ctor || offset + length * Ctor.BYTES_PER_ELEMENT > bin.length) {
      throw damaged(name, `array ${key} (${type}) out of range`);
    }
    arrays[key] = new Ctor(buffer, offset, length);
  }
  return { arrays, stats: pack.stats ?? {} };
}

function u32(arrays: TypedArrays, key: string, name: string): Uint32Array {
  const a = arrays[key];
  if (!(a instanceof Uint32Array)) throw damaged(name, `array ${key} missing`);
  return a;
}

function adjacency(
  name: string,
  count: number,
): UnitAdjacency & { stats: Record<string, unknown> } {
  const { arrays, stats } = readPack(name);
  const offsets = u32(arrays, 'offsets', name);
  if (offsets.length !== count + 1)
    throw damaged(name, `${offsets.length - 1} units, table has ${count}`);
  return { offsets, neighbors: u32(arrays, 'neighbors', name), stats };
}

/** ZIP adjacency (Delaunay, pruned; rule in workers/domain/geo/zipAdjacency.ts), ZipTable order. */
export function loadZipAdjacency(): UnitAdjacency & { stats: Record<string, unknown> } {
  return once('zip-adjacency', () => adjacency('zip-adjacency', loadGeoData().zips.count));
}

/** County adjacency (shared borders + island bridges; workers/domain/geo/countyAdjacency.ts). */
export function loadCountyAdjacency(): UnitAdjacency & { stats: Record<string, unknown> } {
  return once('county-adjacency', () =>
    adjacency('county-adjacency', loadGeoData().counties.count),
  );
}

function shapes(kind: 'zip' | 'county'): UnitShapes {
  const name = kind === 'zip' ? 'zip-cells' : 'county-shapes';
  const geo = loadGeoData();
  const table = kind === 'zip' ? geo.zips : geo.counties;
  const ids = kind === 'zip' ? geo.zips.zip : geo.counties.fips;
  const { arrays } = readPack(name);
  const vertices = arrays.vertices;
  if (!(vertices instanceof Float32Array)) throw damaged(name, 'array vertices missing');
  const polygonStarts = u32(arrays, 'polygonStarts', name);
  if (polygonStarts.length !== ids.length + 1)
    throw damaged(name, `${polygonStarts.length - 1} units, table has ${ids.length}`);
  const centroids = new Float32Array(2 * ids.length);
  for (let i = 0; i < ids.length; i++) {
    centroids[2 * i] = table.lon[i]!;
    centroids[2 * i + 1] = table.lat[i]!;
  }
  return {
    unitKind: kind,
    ids,
    centroids,
    vertices,
    polygonStarts,
    ringStarts: u32(arrays, 'ringStarts', name),
    ringUnit: u32(arrays, 'ringUnit', name),
  };
}

/**
 * ZIP cells (Voronoi of ZIP centroids clipped to the US land outline) or county polygons
 * (us-atlas 1:10m), as flat binary arrays in ZipTable / CountyTable order.
 */
export function loadUnitShapes(kind: 'zip' | 'county'): UnitShapes {
  return once(`shapes:${kind}`, () => shapes(kind));
}
