// Secondary practice locations of providers (NPPES pl_pfile).
import type { Db } from '../workspace';

export type ProviderLocationRow = {
  npi: number;
  address: string;
  city: string;
  state: string;
  zip5: string;
  countyFips: string;
  lat: number | null;
  lon: number | null;
};

export function locationWriter(db: Db): { clear(): void; add(r: ProviderLocationRow): void } {
  const ins = db.prepare(
    `INSERT INTO provider_locations (npi, address, city, state, zip5, county_fips, lat, lon)
     VALUES (@npi, @address, @city, @state, @zip5, @countyFips, @lat, @lon)
     ON CONFLICT(npi, address, zip5) DO UPDATE SET city = excluded.city, state = excluded.state`,
  );
  return {
    clear: () => void db.prepare(`DELETE FROM provider_locations`).run(),
    add: (r) => void ins.run(r),
  };
}

export function readLocations(db: Db, npi: number): ProviderLocationRow[] {
  return db
    .prepare(
      `SELECT npi, address, city, state, zip5, county_fips AS countyFips, lat, lon FROM provider_locations WHERE npi = ?`,
    )
    .all(npi) as ProviderLocationRow[];
}
