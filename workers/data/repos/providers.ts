// Provider rows: upserts from claims / NPPES imports and the column read the engine caches.
import type { Db } from '../workspace';

export type ProviderRecord = {
  npi: number;
  entityType: string;
  lastOrOrg: string;
  firstName: string;
  credentials: string;
  gender: string;
  specialty: string;
  taxonomy: string;
  address: string;
  city: string;
  state: string;
  zip5: string;
  countyFips: string;
  lat: number | null;
  lon: number | null;
  ruca: number | null;
  source: string;
};

/**
 * Later imports win for every field they carry; an empty value never erases a known one (a CMS file
 * has no taxonomy, an NPPES file no specialty: importing both keeps both).
 */
const UPSERT = `
INSERT INTO providers (npi, entity_type, last_or_org, first_name, credentials, gender, specialty, taxonomy,
  address, city, state, zip5, county_fips, lat, lon, ruca, source)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(npi) DO UPDATE SET
  entity_type = coalesce(nullif(excluded.entity_type, ''), entity_type),
  last_or_org = coalesce(nullif(excluded.last_or_org, ''), last_or_org),
  first_name = coalesce(nullif(excluded.first_name, ''), first_name),
  credentials = coalesce(nullif(excluded.credentials, ''), credentials),
  gender = coalesce(nullif(excluded.gender, ''), gender),
  specialty = coalesce(nullif(excluded.specialty, ''), specialty),
  taxonomy = coalesce(nullif(excluded.taxonomy, ''), taxonomy),
  address = CASE WHEN excluded.zip5 <> '' THEN excluded.address ELSE address END,
  city = CASE WHEN excluded.zip5 <> '' THEN excluded.city ELSE city END,
  state = coalesce(nullif(excluded.state, ''), state),
  zip5 = coalesce(nullif(excluded.zip5, ''), zip5),
  county_fips = CASE WHEN excluded.zip5 <> '' THEN excluded.county_fips ELSE county_fips END,
  lat = CASE WHEN excluded.zip5 <> '' THEN excluded.lat ELSE lat END,
  lon = CASE WHEN excluded.zip5 <> '' THEN excluded.lon ELSE lon END,
  ruca = coalesce(excluded.ruca, ruca),
  source = excluded.source`;

export type ProviderWriter = { upsert(p: ProviderRecord): void };

export function providerWriter(db: Db): ProviderWriter {
  const stmt = db.prepare(UPSERT);
  // positional binding: about twice as fast as named parameters from an object
  return {
    upsert: (p) =>
      void stmt.run(
        p.npi, p.entityType, p.lastOrOrg, p.firstName, p.credentials, p.gender, p.specialty, p.taxonomy,
        p.address, p.city, p.state, p.zip5, p.countyFips, p.lat, p.lon, p.ruca, p.source,
      ),
  };
}

export type ProviderColumnRows = {
  npi: Float64Array;
  lat: Float32Array;
  lon: Float32Array;
  zip5: string[];
  specialty: string[];
};

/** All providers ordered by NPI, as columns. */
export function readProviderColumns(db: Db): ProviderColumnRows {
  const count = (db.prepare(`SELECT count(*) AS n FROM providers`).get() as { n: number }).n;
  const out: ProviderColumnRows = {
    npi: new Float64Array(count),
    lat: new Float32Array(count),
    lon: new Float32Array(count),
    zip5: new Array<string>(count),
    specialty: new Array<string>(count),
  };
  const rows = db
    .prepare(`SELECT npi, lat, lon, zip5, specialty FROM providers ORDER BY npi`)
    .raw()
    .iterate() as IterableIterator<[number, number | null, number | null, string, string]>;
  let i = 0;
  for (const [npi, lat, lon, zip5, specialty] of rows) {
    if (i >= count) break;
    out.npi[i] = npi;
    out.lat[i] = lat ?? NaN;
    out.lon[i] = lon ?? NaN;
    out.zip5[i] = zip5;
    out.specialty[i] = specialty;
    i += 1;
  }
  return out;
}

export function providerCount(db: Db): { providers: number; geocoded: number } {
  return db.prepare(`SELECT count(*) AS providers, count(lat) AS geocoded FROM providers`).get() as {
    providers: number;
    geocoded: number;
  };
}

export type ProviderDetail = { npi: number; name: string; specialty: string; city: string; state: string; zip5: string };

export function providerDetails(db: Db, npis: number[]): ProviderDetail[] {
  const stmt = db.prepare(
    `SELECT npi, trim(first_name || ' ' || last_or_org) AS name, specialty, city, state, zip5 FROM providers WHERE npi = ?`,
  );
  return npis.map((n) => stmt.get(n) as ProviderDetail | undefined).filter((p): p is ProviderDetail => p !== undefined);
}

/** State, ZIP5 and county FIPS of every provider, ordered by NPI (same order as readProviderColumns). */
export function readProviderPlaces(db: Db): { state: string[]; zip5: string[]; county: string[] } {
  const rows = db.prepare(`SELECT state, zip5, county_fips FROM providers ORDER BY npi`).raw().all() as [string, string, string][];
  return { state: rows.map((r) => r[0]), zip5: rows.map((r) => r[1]), county: rows.map((r) => r[2]) };
}
