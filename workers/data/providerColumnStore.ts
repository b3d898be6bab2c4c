// Columnar copy of the providers table (the columns the engine keeps in memory), stored as typed-array
// blobs in `provider_columns`. Reading 1 M providers row by row through SQLite costs 1–3 s of CPU here
// (a JS array and several strings per row); reading these blobs costs a few ms. Imports rebuild it in
// their transaction; triggers on `providers` drop it on any other write, and a reader finding it
// missing or of the wrong size rebuilds it from the table (and stores it back when it can).
import { createNpiIndex } from '../domain/npiIndex';
import { writeIfFree } from './bestEffortWrite';
import { dropTriggers, PROVIDER_COLUMNS_TRIGGERS, restoreTriggers } from './cacheTriggers';
import type { Db } from './workspace';

/** A string column as dictionary codes: value of row i is dict[codes[i]]. */
export type DictColumn = { codes: Uint32Array; dict: string[] };

export type ProviderColumnData = {
  count: number;
  /** Ascending. */
  npi: Float64Array;
  /** NaN when not geocoded. */
  lat: Float32Array;
  lon: Float32Array;
  zip5: DictColumn;
  specialty: DictColumn;
  state: DictColumn;
  county: DictColumn;
  /** Health system of each provider (index into systems, -1 when unaffiliated): its first affiliation. */
  system: Int32Array;
  /** Every system of the affiliations, in order of first appearance. */
  systems: { id: string; name: string }[];
  /** Imported access score 0..1 (1 when none) and no-see flag. */
  access: Float32Array;
  noSee: Uint8Array;
};

const DICT_COLUMNS = ['zip5', 'specialty', 'state', 'county'] as const;

/**
 * Dictionary encoder for a text column whose usual values SQLite hands over as small integers (ZIP and
 * FIPS digits, two-letter states): those are looked up in a dense table, anything else by string.
 * Strings from SQLite cost an allocation and a hash each; 1 M providers × 3 columns of them made the
 * build about twice as slow.
 */
type Encoder = {
  codes: Uint32Array;
  dict: string[];
  dense: Int32Array;
  ids: Map<string, number>;
  text: (key: number) => string;
};

function encoder(count: number, denseSize: number, text: (key: number) => string): Encoder {
  return {
    codes: new Uint32Array(count),
    dict: [],
    dense: new Int32Array(denseSize).fill(-1),
    ids: new Map(),
    text,
  };
}

function encode(e: Encoder, i: number, v: string | number): void {
  let id: number | undefined;
  if (typeof v === 'number') {
    id = e.dense[v]!;
    if (id < 0) {
      const t = e.text(v);
      id = e.ids.get(t) ?? e.dict.push(t) - 1;
      e.ids.set(t, id);
      e.dense[v] = id;
    }
  } else {
    id = e.ids.get(v);
    if (id === undefined) {
      id = e.dict.push(v) - 1;
      e.ids.set(v, id);
    }
  }
  e.codes[i] = id;
}

const digits5 = (k: number): string => String(k).padStart(5, '0');
const letters2 = (k: number): string => String.fromCharCode(k >> 7, k & 127);
const asDigits5 = (col: string) =>
  `CASE WHEN ${col} GLOB '[0-9][0-9][0-9][0-9][0-9]' THEN CAST(${col} AS INTEGER) ELSE ${col} END`;

/** Reads every provider row (ordered by NPI) and dictionary-encodes the text columns. */
export function buildProviderColumns(db: Db): ProviderColumnData {
  const count = (db.prepare(`SELECT count(*) AS n FROM providers`).get() as { n: number }).n;
  const npi = new Float64Array(count);
  const lat = new Float32Array(count);
  const lon = new Float32Array(count);
  const zip5 = encoder(count, 100_000, digits5);
  const county = encoder(count, 100_000, digits5);
  const state = encoder(count, 128 * 128, letters2);
  const specialty = encoder(count, 0, String);
  const rows = db
    .prepare(
      `SELECT npi, lat, lon, ${asDigits5('zip5')}, specialty,
         CASE WHEN state GLOB '[A-Z][A-Z]' THEN unicode(state) * 128 + unicode(substr(state, 2)) ELSE state END,
         ${asDigits5('county_fips')}, a.access_score, a.no_see
       FROM providers p LEFT JOIN access_scores a USING (npi) ORDER BY npi`,
    )
    .raw()
    .iterate() as IterableIterator<
    [
      number,
      number | null,
      number | null,
      string | number,
      string,
      string | number,
      string | number,
      number | null,
      number | null,
    ]
  >;
  const access = new Float32Array(count);
  const noSee = new Uint8Array(count);
  let i = 0;
  for (const r of rows) {
    if (i >= count) break;
    npi[i] = r[0];
    lat[i] = r[1] ?? NaN;
    lon[i] = r[2] ?? NaN;
    encode(zip5, i, r[3]);
    encode(specialty, i, r[4]);
    encode(state, i, r[5]);
    encode(county, i, r[6]);
    access[i] = r[7] ?? 1;
    noSee[i] = r[8] === 1 ? 1 : 0;
    i += 1;
  }
  const column = (e: Encoder): DictColumn => ({ codes: e.codes, dict: e.dict });
  const { system, systems } = readSystems(db, npi);
  return {
    count,
    npi,
    lat,
    lon,
    zip5: column(zip5),
    specialty: column(specialty),
    state: column(state),
    county: column(county),
    system,
    systems,
    access,
    noSee,
  };
}

/** Each provider's first affiliation (by insertion order) as an index into the systems, numbered in SQL. */
function readSystems(
  db: Db,
  npi: Float64Array,
): { system: Int32Array; systems: { id: string; name: string }[] } {
  const systems = db
    .prepare(
      `SELECT system_id AS id, system_name AS name, min(rowid) AS first FROM affiliations GROUP BY system_id ORDER BY first`,
    )
    .all() as { id: string; name: string }[];
  const system = new Int32Array(npi.length).fill(-1);
  const index = createNpiIndex(npi);
  const rows = db
    .prepare(
      `SELECT a.npi, s.k FROM affiliations a
         JOIN (SELECT system_id, row_number() OVER (ORDER BY min(rowid)) - 1 AS k FROM affiliations GROUP BY system_id) s USING (system_id)
       ORDER BY a.rowid`,
    )
    .raw()
    .iterate() as IterableIterator<[number, number]>;
  for (const [n, k] of rows) {
    const i = index.indexOf(n);
    if (i >= 0 && system[i] === -1) system[i] = k;
  }
  return { system, systems: systems.map(({ id, name }) => ({ id, name })) };
}

const asBytes = (a: ArrayBufferView): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Replaces the stored provider columns (call inside the writing transaction). */
export function writeProviderColumns(db: Db, c: ProviderColumnData): void {
  db.prepare(`DELETE FROM provider_columns`).run();
  const ins = db.prepare(`INSERT INTO provider_columns (name, n, data, dict) VALUES (?, ?, ?, ?)`);
  ins.run('npi', c.count, asBytes(c.npi), '[]');
  ins.run('lat', c.count, asBytes(c.lat), '[]');
  ins.run('lon', c.count, asBytes(c.lon), '[]');
  for (const k of DICT_COLUMNS) ins.run(k, c.count, asBytes(c[k].codes), JSON.stringify(c[k].dict));
  ins.run(
    'system',
    c.count,
    asBytes(c.system),
    JSON.stringify(c.systems.map((x) => [x.id, x.name])),
  );
  ins.run('access', c.count, asBytes(c.access), '[]');
  ins.run('noSee', c.count, asBytes(c.noSee), '[]');
}

/** True when the stored columns are missing (a provider write since the last build dropped them). */
export function providerColumnsStale(db: Db): boolean {
  return db.prepare(`SELECT 1 FROM provider_columns WHERE name = 'npi'`).get() === undefined;
}

type Stored = { name: string; n: number; data: Buffer; dict: string };

/**
 * The blob as a typed array: a view on the Buffer SQLite handed back when it is aligned (it owns its
 * memory: no copy, no second allocation; first-touch page faults cost ~4 ms per MB in this VM), else a copy.
 */
function copyOut<T extends Float64Array | Float32Array | Uint32Array | Int32Array | Uint8Array>(
  src: Buffer,
  make: (n: number) => T,
  width: number,
): T {
  if (src.byteOffset % width === 0 && src.byteLength === src.buffer.byteLength) {
    const view = make(0);
    return new (view.constructor as new (b: ArrayBufferLike, o: number, n: number) => T)(
      src.buffer,
      src.byteOffset,
      src.length / width,
    );
  }
  const out = make(src.length / width);
  new Uint8Array(out.buffer).set(src);
  return out;
}

/**
 * The stored columns, or null when missing or not matching the providers table. The triggers keep it
 * current; as a cheap cross-check the first and last NPI must match the table's (count(*) would cost
 * ~90 ms on 1 M providers).
 */
function readStored(db: Db): ProviderColumnData | null {
  const rows = db.prepare(`SELECT name, n, data, dict FROM provider_columns`).all() as Stored[];
  const by = new Map(rows.map((r) => [r.name, r]));
  const count = by.get('npi')?.n ?? -1;
  const names = ['npi', 'lat', 'lon', ...DICT_COLUMNS, 'system', 'access', 'noSee'];
  if (count < 0 || !names.every((k) => by.get(k)?.n === count)) return null;
  const npi = copyOut(by.get('npi')!.data, (n) => new Float64Array(n), 8);
  // two subqueries: each uses the primary key (min and max together make SQLite scan ~150 ms)
  const ends = db
    .prepare(
      `SELECT (SELECT min(npi) FROM providers) AS lo, (SELECT max(npi) FROM providers) AS hi`,
    )
    .get() as { lo: number | null; hi: number | null };
  if (
    npi.length !== count ||
    (count === 0 ? ends.lo !== null : ends.lo !== npi[0] || ends.hi !== npi[count - 1])
  )
    return null;
  const dict = (k: (typeof DICT_COLUMNS)[number]): DictColumn => ({
    codes: copyOut(by.get(k)!.data, (n) => new Uint32Array(n), 4),
    dict: JSON.parse(by.get(k)!.dict) as string[],
  });
  return {
    count,
    npi,
    lat: copyOut(by.get('lat')!.data, (n) => new Float32Array(n), 4),
    lon: copyOut(by.get('lon')!.data, (n) => new Float32Array(n), 4),
    zip5: dict('zip5'),
    specialty: dict('specialty'),
    state: dict('state'),
    county: dict('county'),
    system: copyOut(by.get('system')!.data, (n) => new Int32Array(n), 4),
    systems: (JSON.parse(by.get('system')!.dict) as [string, string][]).map(([id, name]) => ({
      id,
      name,
    })),
    access: copyOut(by.get('access')!.data, (n) => new Float32Array(n), 4),
    noSee: copyOut(by.get('noSee')!.data, (n) => new Uint8Array(n), 1),
  };
}

/**
 * The provider columns: the stored copy when current, else built from the table and stored back
 * (best effort: skipped on a read-only workspace, inside another transaction, or when the workspace
 * is locked by another writer).
 */
export function readProviderColumnData(db: Db): ProviderColumnData {
  const stored = readStored(db);
  if (stored) return stored;
  const built = buildProviderColumns(db);
  writeIfFree(db, () => writeProviderColumns(db, built));
  return built;
}

/**
 * An import writes up to a million providers (and access scores, affiliations), and each trigger firing
 * costs ~0.8 µs per row (about +75 % on a provider upsert): the import drops the triggers inside its
 * transaction and calls finishProviderColumns before committing (a rollback restores them).
 */
export function suspendProviderColumnTriggers(db: Db): void {
  dropTriggers(db, PROVIDER_COLUMNS_TRIGGERS);
}

/**
 * Rebuilds the columnar copy when the import wrote providers, affiliations or access scores (or the
 * copy is missing) and restores the triggers.
 */
export function finishProviderColumns(db: Db, sourcesWritten: boolean): void {
  if (sourcesWritten || providerColumnsStale(db))
    writeProviderColumns(db, buildProviderColumns(db));
  restoreTriggers(db, PROVIDER_COLUMNS_TRIGGERS);
}
