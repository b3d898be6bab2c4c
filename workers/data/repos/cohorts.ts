// Cohorts: named sets of providers (schema v6). SQL for them lives here only.
import type { Db } from '../workspace';

export type CohortRow = { name: string; source: string; createdAt: string; providers: number };

export function listCohortRows(db: Db): CohortRow[] {
  return db
    .prepare(
      `SELECT c.name, c.source, c.created_at AS createdAt, (SELECT count(*) FROM cohort_members m WHERE m.cohort = c.name) AS providers
       FROM cohorts c ORDER BY c.name`,
    )
    .all() as CohortRow[];
}

export function cohortNpis(db: Db, name: string): number[] | null {
  const row = db.prepare(`SELECT name FROM cohorts WHERE name = ?`).get(name) as
    { name: string } | undefined;
  if (!row) return null;
  return (
    db.prepare(`SELECT npi FROM cohort_members WHERE cohort = ? ORDER BY npi`).all(row.name) as {
      npi: number;
    }[]
  ).map((r) => r.npi);
}

/** Creates or replaces a cohort with exactly these NPIs, in one transaction. */
export function writeCohort(
  db: Db,
  c: { name: string; source: string; createdAt: string; npis: number[] },
): void {
  db.transaction(() => {
    db.prepare(`DELETE FROM cohort_members WHERE cohort = ?`).run(c.name);
    db.prepare(`DELETE FROM cohorts WHERE name = ?`).run(c.name);
    db.prepare(`INSERT INTO cohorts (name, source, created_at) VALUES (?, ?, ?)`).run(
      c.name,
      c.source,
      c.createdAt,
    );
    const add = db.prepare(`INSERT OR IGNORE INTO cohort_members (cohort, npi) VALUES (?, ?)`);
    for (const npi of c.npis) add.run(c.name, npi);
  })();
}

export function deleteCohortRow(db: Db, name: string): boolean {
  return db.transaction(() => {
    db.prepare(`DELETE FROM cohort_members WHERE cohort = ?`).run(name);
    return db.prepare(`DELETE FROM cohorts WHERE name = ?`).run(name).changes > 0;
  })();
}
