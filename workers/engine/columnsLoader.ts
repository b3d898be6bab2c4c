// Builds the engine's in-memory columnar model from the workspace (providers, volumes, codes) and
// caches it in the context. Imports call invalidateColumns() after they commit.
import { loadGeoData } from '../data/geoLoader';
import type { GeoData } from '../data/geo';
import { readCodes } from '../data/repos/codes';
import { readProviderColumnData, type DictColumn } from '../data/providerColumnStore';
import { readVolumes, sortLegacyChunks, type VolumeRecordColumns } from '../data/volumeStore';
import { applyCodeOrder, planCodeOrder } from '../domain/codeOrder';
import { createNpiIndex, type NpiIndex } from '../domain/npiIndex';
import type { CodeTable, ProviderColumns, VolumeColumns } from './columns';
import type { EngineContext } from './context';

export const COLUMN_CACHE_KEYS = ['providers', 'volumes', 'codes'] as const;

/** Drops the provider, volume and code caches (and any 'providers:*' etc. derived from them). */
export function invalidateColumns(ctx: EngineContext): void {
  ctx.invalidate(...COLUMN_CACHE_KEYS);
}

export function getGeo(ctx: EngineContext): GeoData {
  return ctx.cached('geo', () => loadGeoData());
}

/** NPI → provider index lookup (bucket table, see domain/npiIndex.ts), built with the provider columns. */
function providerIndex(providers: ProviderColumns): NpiIndex {
  return npiIndexes.get(providers) ?? createNpiIndex(providers.npi);
}
const npiIndexes = new WeakMap<ProviderColumns, NpiIndex>();

/** Per-provider text columns dictionary-encoded (same order as ProviderColumns), for grouping. */
export type ProviderPlaces = { zip5: DictColumn; state: DictColumn; county: DictColumn };

/** Dictionary value → index of the value in a lookup table (-1 when blank or unknown), one lookup per distinct value. */
function translate(col: DictColumn, lookup: (value: string) => number, make: (n: number) => Int32Array): Int32Array {
  const ids = Int32Array.from(col.dict, (v) => (v ? lookup(v) : -1));
  const out = make(col.codes.length);
  for (let i = 0; i < out.length; i++) out[i] = ids[col.codes[i]!]!;
  return out;
}

function loadProviderColumns(ctx: EngineContext): ProviderColumns {
  const data = readProviderColumnData(ctx.ws.db);
  const count = data.count;
  const geo = getGeo(ctx);
  const npiIndex = createNpiIndex(data.npi);
  const indexOf = npiIndex.indexOf;
  const zipIndex = translate(data.zip5, (z) => geo.zips.indexOf(z), (n) => new Int32Array(n));
  const specialties = data.specialty.dict;
  const specialty = new Uint16Array(count);
  for (let i = 0; i < count; i++) specialty[i] = Math.min(data.specialty.codes[i]!, 65_535);
  ctx.cached('providers:places', (): ProviderPlaces => ({ zip5: data.zip5, state: data.state, county: data.county }));
  const { system, systems, access, noSee } = data;
  const columns: ProviderColumns = { count, npi: data.npi, lat: data.lat, lon: data.lon, zipIndex, specialty, specialties, system, systems, access, noSee, indexOf };
  npiIndexes.set(columns, npiIndex);
  return columns;
}

function loadVolumeColumns(ctx: EngineContext): VolumeColumns {
  const providers = getProviderColumns(ctx);
  const codeCount = getCodeTable(ctx).code.length;
  const v = readVolumes(ctx.ws.db);
  // Records are kept in code order so a market query reads one contiguous run per code (random
  // access into 10 M-record columns costs ~1 µs per record in cache misses; contiguous runs do not).
  // Imports store their records sorted by code, so this is usually a no-op or a few run copies.
  const layout = planCodeOrder(v.codeId, v.count, codeCount);
  ctx.cached('volumes:byCode', () => ({ start: layout.start }));
  // when records move (several imports), each loaded column is dropped once its ordered copy exists,
  // so the peak is one column above the final size rather than twice the data
  const take = <K extends keyof VolumeRecordColumns>(k: K): VolumeRecordColumns[K] => {
    const col = v[k];
    (v as Partial<VolumeRecordColumns>)[k] = undefined;
    return col;
  };
  const provider = applyCodeOrder(layout, providerIndex(providers).mapInPlace(take('npi'), v.count), (n) => new Int32Array(n));
  const pos = applyCodeOrder(layout, take('pos'), (n) => new Uint8Array(n));
  const year = applyCodeOrder(layout, take('year'), (n) => new Uint16Array(n));
  const beneficiaries = applyCodeOrder(layout, take('benes'), (n) => new Float32Array(n));
  const services = applyCodeOrder(layout, take('services'), (n) => new Float32Array(n));
  const payment = applyCodeOrder(layout, take('payment'), (n) => new Float32Array(n));
  // last: the per-record sort of unsorted chunks reads the loaded codes
  const code = applyCodeOrder(layout, take('codeId'), (n) => new Uint32Array(n));
  // chunks stored unsorted by an earlier version: store them sorted once, so the next open is a block copy
  if (!layout.inOrder && !layout.runs) sortLegacyChunks(ctx.ws.db);
  return { count: v.count, provider, code, pos, year, beneficiaries, services, payment };
}

function loadCodeTable(ctx: EngineContext): CodeTable {
  const rows = readCodes(ctx.ws.db);
  const size = rows.length ? rows[rows.length - 1]!.id + 1 : 0;
  const code = new Array<string>(size).fill('');
  const description = new Array<string>(size).fill('');
  const system = new Array<'HCPCS' | 'ICD10' | ''>(size).fill('');
  const drug = new Uint8Array(size);
  const ids = new Map<string, number>();
  for (const r of rows) {
    code[r.id] = r.code;
    description[r.id] = r.description;
    system[r.id] = r.system;
    drug[r.id] = r.drug;
    ids.set(r.code, r.id);
  }
  const idOf = (c: string): number | undefined => {
    const k = c.trim().toUpperCase();
    const id = ids.get(k);
    if (id !== undefined) return id;
    // ICD-10 codes are stored with their dot ("E11.9"); accept "E119" too
    return /^[A-Z][0-9][0-9A-Z][0-9A-Z]{1,4}$/.test(k) ? ids.get(`${k.slice(0, 3)}.${k.slice(3)}`) : undefined;
  };
  return { code, description, system, drug, idOf };
}

/** Every provider of the workspace as columns, ordered by NPI. */
export function getProviderColumns(ctx: EngineContext): ProviderColumns {
  return ctx.cached('providers', () => loadProviderColumns(ctx));
}

/** ZIP5, state and county FIPS of every provider, dictionary-encoded, same order as getProviderColumns. */
export function getProviderPlaces(ctx: EngineContext): ProviderPlaces {
  getProviderColumns(ctx);
  return ctx.cached('providers:places', (): ProviderPlaces => {
    const d = readProviderColumnData(ctx.ws.db);
    return { zip5: d.zip5, state: d.state, county: d.county };
  });
}

/** Every volume record (claims and diagnosis volumes, all years) as columns, grouped by code. */
export function getVolumeColumns(ctx: EngineContext): VolumeColumns {
  return ctx.cached('volumes', () => loadVolumeColumns(ctx));
}

/**
 * Where each code's records are in getVolumeColumns (they are kept grouped by code): the records of
 * code id c are [start[c], start[c+1]). Lets a computation over a few codes skip the other records.
 */
export function getVolumeCodeIndex(ctx: EngineContext): { start: Int32Array } {
  const volumes = getVolumeColumns(ctx); // its loader records the index
  return ctx.cached('volumes:byCode', () => ({ start: planCodeOrder(volumes.code, volumes.count, getCodeTable(ctx).code.length).start }));
}

/** The code table indexed by codes.id. `idOf` matches case-insensitively. */
export function getCodeTable(ctx: EngineContext): CodeTable {
  return ctx.cached('codes', () => loadCodeTable(ctx));
}
