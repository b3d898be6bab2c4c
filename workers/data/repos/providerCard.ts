// One provider's descriptive fields for the map's provider card.
import type { Db } from '../workspace';

export type ProviderCardRow = {
  npi: number;
  entity_type: string;
  last_or_org: string;
  first_name: string;
  credentials: string;
  specialty: string;
  address: string;
  city: string;
  state: string;
  zip5: string;
  lat: number | null;
  lon: number | null;
};

const statements = new WeakMap<Db, { get(npi: number): ProviderCardRow | undefined }>();

export function readProviderCard(db: Db, npi: number): ProviderCardRow | undefined {
  let stmt = statements.get(db);
  if (!stmt) {
    const prepared = db.prepare(
      `SELECT npi, entity_type, last_or_org, first_name, credentials, specialty, address, city, state, zip5, lat, lon
       FROM providers WHERE npi = ?`,
    );
    stmt = { get: (n: number) => prepared.get(n) as ProviderCardRow | undefined };
    statements.set(db, stmt);
  }
  return stmt.get(npi);
}
