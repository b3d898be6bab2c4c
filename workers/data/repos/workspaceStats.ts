// Counts shown by `tessera info`.
import type { WorkspaceInfo } from '../../common/contract';
import type { Db } from '../workspace';

/** The counting part of the contract's WorkspaceInfo. */
export type WorkspaceCounts = Omit<
  WorkspaceInfo,
  'path' | 'schemaVersion' | 'synthetic' | 'imports'
>;

const count = (db: Db, sql: string): number => (db.prepare(sql).get() as { n: number }).n;

export function workspaceCounts(db: Db): WorkspaceCounts {
  const p = db
    .prepare(`SELECT count(*) AS providers, count(lat) AS geocoded FROM providers`)
    .get() as { providers: number; geocoded: number };
  return {
    providers: p.providers,
    geocodedProviders: p.geocoded,
    codes: count(db, `SELECT count(*) AS n FROM codes`),
    volumeRows: count(db, `SELECT coalesce(sum(n), 0) AS n FROM volume_chunks`),
    years: (
      db.prepare(`SELECT DISTINCT year FROM volume_chunks ORDER BY year`).all() as {
        year: number;
      }[]
    ).map((r) => r.year),
    reps: count(db, `SELECT count(*) AS n FROM reps`),
    affiliations: count(db, `SELECT count(*) AS n FROM affiliations`),
    scenarios: count(db, `SELECT count(*) AS n FROM scenarios`),
  };
}
