// NPI → health system (IDN) affiliations.
import type { Db } from '../workspace';

export type AffiliationRow = { npi: number; systemId: string; systemName: string };

/** Replaces every affiliation: an affiliations file is the user's current, complete list. */
export function affiliationWriter(db: Db): { clear(): void; add(a: AffiliationRow): void } {
  const ins = db.prepare(
    `INSERT INTO affiliations (npi, system_id, system_name) VALUES (?, ?, ?)
     ON CONFLICT(npi, system_id) DO UPDATE SET system_name = excluded.system_name`,
  );
  return {
    clear: () => void db.prepare(`DELETE FROM affiliations`).run(),
    add: (a) => void ins.run(a.npi, a.systemId, a.systemName),
  };
}

/** Affiliations in insertion order (the first listed affiliation of a provider is its primary). */
export function readAffiliations(db: Db): AffiliationRow[] {
  return db
    .prepare(
      `SELECT npi, system_id AS systemId, system_name AS systemName FROM affiliations ORDER BY rowid`,
    )
    .all() as AffiliationRow[];
}

export function affiliationCount(db: Db): number {
  return (db.prepare(`SELECT count(*) AS n FROM affiliations`).get() as { n: number }).n;
}
