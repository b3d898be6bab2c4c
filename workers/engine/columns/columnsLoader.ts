// Builds the engine's in-memory columnar model from the workspace (providers, volumes, codes) and
// caches it in the context. Imports call invalidateColumns() after they commit.
import { loadGeoData } from '../../data/geoLoader';
import type { GeoData } from '../../data/geo';
import { readCodes } from '../../data/repos/codes';
import { readProviderColumnData, type DictColumn } from '../../data/providerColumnStore';
import { withMappedReads } from '../../data/mappedReads';
import {
  readVolumeColumn,
  readVolumeYears,
  sortLegacyChunks,
  volumeSnapshot,
  type VolumeBlobColumn,
} from '../../data/volumeStore';
import { applyCodeOrder, planCodeOrder, type CodeLayout } from '../../domain/codeOrder';
import { createNpiIndex, type NpiIndex } from '../../domain/npiIndex';
import type { CodeTable, ProviderColumns, VolumeColumns } from './columns';
import type { EngineContext } from '../runtime/context';
import { lazyProviderColumn, type LazyProviderColumn } from './lazyProviderColumn';

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
function translate(
  col: DictColumn,
  lookup: (value: string) => number,
  make: (n: number) => Int32Array,
): Int32Array {
  const ids = Int32Array.from(col.dict, (v) => (v ? lookup(v) : -1));
  const out = make(col.codes.length);
  for (let i = 0; i < out.length; i++) out[i] = ids[col.codes[i]!]!;
  return out;
}

function loadProviderColumns(ctx: EngineContext): ProviderColumns {
  const data = withMappedReads(ctx.ws.db, () => readProviderColumnData(ctx.ws.db));
  const count = data.count;
  const geo = getGeo(ctx);
  const npiIndex = createNpiIndex(data.npi);
  const indexOf = npiIndex.indexOf;
  const zipIndex = translate(
    data.zip5,
    (z) => geo.zips.indexOf(z),
    (n) => new Int32Array(n),
  );
  const specialties = data.specialty.dict;
  const specialty = new Uint16Array(count);
  for (let i = 0; i < count; i++) specialty[i] = Math.min(data.specialty.codes[i]!, 65_535);
  ctx.cached('providers:places', (): ProviderPlaces => ({
    zip5: data.zip5,
    state: data.state,
    county: data.county,
  }));
  const { system, systems, access, noSee } = data;
  const columns: ProviderColumns = {
    count,
    npi: data.npi,
    lat: data.lat,
    lon: data.lon,
    zipIndex,
    specialty,
    specialties,
    system,
    systems,
    access,
    noSee,
    indexOf,
  };
  npiIndexes.set(columns, npiIndex);
  return columns;
}

type VolumeLoaders = {
  [K in Exclude<keyof VolumeColumns, 'count' | 'code' | 'providerRun'>]: () => VolumeColumns[K];
};

/**
 * Volume columns read on first use: a market's scores read code, year, site, provider and one
 * measure, so the other measures stay on disk (each column of 6 M records is 25 MB to fault in).
 * Getters are own enumerable accessors so comparisons and spreads see the data.
 */
function lazyVolumeColumns(
  count: number,
  code: Uint32Array,
  load: Omit<VolumeLoaders, 'provider'>,
  providers: LazyProviderColumn,
): VolumeColumns {
  let pos: Uint8Array | undefined;
  let year: Uint16Array | undefined;
  let beneficiaries: Float32Array | undefined;
  let services: Float32Array | undefined;
  let payment: Float32Array | undefined;
  const columns: VolumeColumns = {
    count,
    code,
    get provider() {
      return providers.all();
    },
    get pos() {
      return (pos ??= load.pos());
    },
    get year() {
      return (year ??= load.year());
    },
    get beneficiaries() {
      return (beneficiaries ??= load.beneficiaries());
    },
    get services() {
      return (services ??= load.services());
    },
    get payment() {
      return (payment ??= load.payment());
    },
  };
  // not enumerable: comparisons and spreads see the columns only
  return Object.defineProperty(columns, 'providerRun', { value: providers.run, enumerable: false });
}

/**
 * The code column in code order, written over the stored-order codes (no second 25 MB array): each
 * known code's range is a fill; codes beyond the table keep their storage order at the end.
 */
function codesInOrder(layout: CodeLayout, stored: Uint32Array): Uint32Array {
  if (layout.inOrder) return stored;
  const { start, codeCount, count } = layout;
  const tail: number[] = [];
  for (let i = 0; i < count; i++) if (stored[i]! >= codeCount) tail.push(stored[i]!);
  for (let c = 0; c < codeCount; c++)
    if (start[c + 1]! > start[c]!) stored.fill(c, start[c]!, start[c + 1]!);
  stored.set(tail, start[codeCount]!);
  return stored;
}

function loadVolumeColumns(ctx: EngineContext): VolumeColumns {
  const db = ctx.ws.db;
  const providers = getProviderColumns(ctx);
  const codeCount = getCodeTable(ctx).code.length;
  const snap = volumeSnapshot(db);
  const n = snap.count;
  const stored = withMappedReads(db, () =>
    readVolumeColumn(db, 'code_id', new Uint32Array(n), { snap }),
  );
  // Records are kept in code order so a market query reads one contiguous run per code (random
  // access into 10 M-record columns costs ~1 µs per record in cache misses; contiguous runs do not).
  // Imports store their records sorted by code, so this is one run (nothing moves) or, over several
  // imports, per-code runs that each column read places directly (no second copy).
  const layout = planCodeOrder(stored, n, codeCount);
  ctx.cached('volumes:byCode', () => ({ start: layout.start }));
  const legacy = !layout.inOrder && !layout.runs;
  const runs = layout.inOrder ? null : layout.runs;
  const read = <T extends Uint32Array | Uint8Array | Float32Array>(
    name: VolumeBlobColumn,
    make: (n: number) => T,
  ): T =>
    withMappedReads(db, () =>
      legacy
        ? applyCodeOrder(layout, readVolumeColumn(db, name, make(n), { snap }), make)
        : readVolumeColumn(db, name, make(n), { snap, runs }),
    );
  const load: VolumeLoaders = {
    provider: () =>
      providerIndex(providers).mapInPlace(
        read('npi', (k) => new Uint32Array(k)),
        n,
      ),
    pos: () => read('pos', (k) => new Uint8Array(k)),
    year: () =>
      withMappedReads(db, () =>
        legacy
          ? applyCodeOrder(
              layout,
              readVolumeYears(db, new Uint16Array(n), { snap }),
              (k) => new Uint16Array(k),
            )
          : readVolumeYears(db, new Uint16Array(n), { snap, runs }),
      ),
    beneficiaries: () => read('benes', (k) => new Float32Array(k)),
    services: () => read('services', (k) => new Float32Array(k)),
    payment: () => read('payment', (k) => new Float32Array(k)),
  };
  const code = legacy
    ? applyCodeOrder(layout, stored, (k) => new Uint32Array(k))
    : codesInOrder(layout, stored);
  if (!legacy) {
    const readNpis = () => read('npi', (k) => new Uint32Array(k));
    return lazyVolumeColumns(
      n,
      code,
      load,
      lazyProviderColumn({
        count: n,
        starts: layout.start,
        readNpis,
        index: providerIndex(providers),
      }),
    );
  }
  // chunks stored unsorted by an earlier version: read everything now, then store them sorted once
  // (the next open is a block copy); the lazy reads would otherwise see the rewritten order
  const eager: VolumeColumns = {
    count: n,
    code,
    provider: load.provider(),
    pos: load.pos(),
    year: load.year(),
    beneficiaries: load.beneficiaries(),
    services: load.services(),
    payment: load.payment(),
  };
  sortLegacyChunks(db);
  return eager;
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
    return /^[A-Z][0-9][0-9A-Z][0-9A-Z]{1,4}$/.test(k)
      ? ids.get(`${k.slice(0, 3)}.${k.slice(3)}`)
      : undefined;
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
  return ctx.cached('volumes:byCode', () => ({
    start: planCodeOrder(volumes.code, volumes.count, getCodeTable(ctx).code.length).start,
  }));
}

/** The code table indexed by codes.id. `idOf` matches case-insensitively. */
export function getCodeTable(ctx: EngineContext): CodeTable {
  return ctx.cached('codes', () => loadCodeTable(ctx));
}
