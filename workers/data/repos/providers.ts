// Provider rows: upserts from claims / NPPES imports, counts and details by NPI. The engine's column
// cache reads the columnar provider copy (data/providerColumnStore.ts), not these rows.
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
        p.npi,
        p.entityType,
        p.lastOrOrg,
        p.firstName,
        p.credentials,
        p.gender,
        p.specialty,
        p.taxonomy,
        p.address,
        p.city,
        p.state,
        p.zip5,
        p.countyFips,
        p.lat,
        p.lon,
        p.ruca,
        p.source,
      ),
  };
}

export function providerCount(db: Db): { providers: number; geocoded: number } {
  return db
    .prepare(`SELECT count(*) AS providers, count(lat) AS geocoded FROM providers`)
    .get() as {
    providers: number;
    geocoded: number;
  };
}

export type ProviderDetail = {
  npi: number;
  name: string;
  specialty: string;
  city: string;
  state: string;
  zip5: string;
};

export function providerDetails(db: Db, npis: number[]): ProviderDetail[] {
  const stmt = db.prepare(
    `SELECT npi, trim(first_name || ' ' || last_or_org) AS name, specialty, city, state, zip5 FROM providers WHERE npi = ?`,
  );
  return npis
    .map((n) => stmt.get(n) as ProviderDetail | undefined)
    .filter((p): p is ProviderDetail => p !== undefined);
}
