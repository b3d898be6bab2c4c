// Builds the engine's in-memory columnar model from the workspace (providers, volumes, codes) and
// caches it in the context. Imports call invalidateColumns() after they commit.
import { loadGeoData } from '../data/geoLoader';
import type { GeoData } from '../data/geo';
import { readAccess } from '../data/repos/accessScores';
import { readAffiliations } from '../data/repos/affiliations';
import { readCodes } from '../data/repos/codes';
import { readProviderColumns } from '../data/repos/providers';
import { readVolumes } from '../data/volumeStore';
import { indexByCode, permute } from '../domain/marketSize';
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

/** Binary search over ascending NPIs; -1 when absent. */
function makeIndexOf(npi: Float64Array): (n: number) => number {
  return (n) => {
    let lo = 0;
    let hi = npi.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = npi[mid]!;
      if (v === n) return mid;
      if (v < n) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
}

function loadProviderColumns(ctx: EngineContext): ProviderColumns {
  const db = ctx.ws.db;
  const rows = readProviderColumns(db);
  const count = rows.npi.length;
  const geo = getGeo(ctx);
  const indexOf = makeIndexOf(rows.npi);
  const zipIndex = new Int32Array(count);
  const specialty = new Uint16Array(count);
  const specialties: string[] = [];
  const specialtyIds = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    zipIndex[i] = rows.zip5[i] ? geo.zips.indexOf(rows.zip5[i]!) : -1;
    const s = rows.specialty[i] ?? '';
    let id = specialtyIds.get(s);
    if (id === undefined) {
      id = specialties.length;
      specialties.push(s);
      specialtyIds.set(s, id);
    }
    specialty[i] = Math.min(id, 65_535);
  }
  const system = new Int32Array(count).fill(-1);
  const systems: { id: string; name: string }[] = [];
  const systemIds = new Map<string, number>();
  for (const a of readAffiliations(db)) {
    const i = indexOf(a.npi);
    let sid = systemIds.get(a.systemId);
    if (sid === undefined) {
      sid = systems.length;
      systems.push({ id: a.systemId, name: a.systemName });
      systemIds.set(a.systemId, sid);
    }
    if (i >= 0 && system[i] === -1) system[i] = sid;
  }
  const access = new Float32Array(count).fill(1);
  const noSee = new Uint8Array(count);
  for (const a of readAccess(db)) {
    const i = indexOf(a.npi);
    if (i < 0) continue;
    access[i] = a.accessScore;
    noSee[i] = a.noSee ? 1 : 0;
  }
  return { count, npi: rows.npi, lat: rows.lat, lon: rows.lon, zipIndex, specialty, specialties, system, systems, access, noSee, indexOf };
}

function loadVolumeColumns(ctx: EngineContext): VolumeColumns {
  const providers = getProviderColumns(ctx);
  const v = readVolumes(ctx.ws.db);
  const provider = new Int32Array(v.count);
  // Claims files are sorted by NPI, so consecutive records mostly share a provider: one lookup per run.
  let lastNpi = -1;
  let lastIndex = -1;
  for (let i = 0; i < v.count; i++) {
    const n = v.npi[i]!;
    if (n !== lastNpi) {
      lastNpi = n;
      lastIndex = providers.indexOf(n);
    }
    provider[i] = lastIndex;
  }
  // Records are kept in code order so a market query reads one contiguous run per code (random
  // access into 10 M-record columns cost ~1 µs per record in cache misses; contiguous runs do not).
  const codeCount = getCodeTable(ctx).code.length;
  const index = indexByCode({ count: v.count, code: v.codeId }, codeCount);
  const order = index.order!;
  const count = order.length; // records whose code is unknown to the code table are dropped here
  ctx.cached('volumes:byCode', () => ({ start: index.start }));
  return {
    count,
    provider: permute(provider, order, (n) => new Int32Array(n)),
    code: permute(v.codeId, order, (n) => new Uint32Array(n)),
    pos: permute(v.pos, order, (n) => new Uint8Array(n)),
    year: permute(v.year, order, (n) => new Uint16Array(n)),
    beneficiaries: permute(v.benes, order, (n) => new Float32Array(n)),
    services: permute(v.services, order, (n) => new Float32Array(n)),
    payment: permute(v.payment, order, (n) => new Float32Array(n)),
  };
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

/** Every volume record (claims and diagnosis volumes, all years) as columns, grouped by code. */
export function getVolumeColumns(ctx: EngineContext): VolumeColumns {
  return ctx.cached('volumes', () => loadVolumeColumns(ctx));
}

/** The code table indexed by codes.id. `idOf` matches case-insensitively. */
export function getCodeTable(ctx: EngineContext): CodeTable {
  return ctx.cached('codes', () => loadCodeTable(ctx));
}
