// Provider office hours (time windows) for day routes.
import type { Db } from '../workspace';

/** weekday 1 = Monday … 7 = Sunday, 0 = every weekday; minutes after midnight. */
export type TimeWindowRow = { npi: number; weekday: number; openMin: number; closeMin: number };

export function timeWindowWriter(db: Db): { clear(): void; add(r: TimeWindowRow): void } {
  const ins = db.prepare(
    `INSERT INTO time_windows (npi, weekday, open_min, close_min) VALUES (@npi, @weekday, @openMin, @closeMin)
     ON CONFLICT(npi, weekday, open_min) DO UPDATE SET close_min = excluded.close_min`,
  );
  return {
    clear: () => void db.prepare(`DELETE FROM time_windows`).run(),
    add: (r) => void ins.run(r),
  };
}

export function readTimeWindows(db: Db): TimeWindowRow[] {
  return db
    .prepare(
      `SELECT npi, weekday, open_min AS openMin, close_min AS closeMin FROM time_windows ORDER BY npi, weekday, open_min`,
    )
    .all() as TimeWindowRow[];
}
