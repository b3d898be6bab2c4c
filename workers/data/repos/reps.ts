// Rep roster.
import type { Db } from '../workspace';

export type RepRow = {
  repId: string;
  name: string;
  homeZip: string;
  lat: number | null;
  lon: number | null;
  level: string;
};

export function repWriter(db: Db): { clear(): void; add(r: RepRow): void } {
  const ins = db.prepare(
    `INSERT INTO reps (rep_id, name, home_zip, lat, lon, level) VALUES (@repId, @name, @homeZip, @lat, @lon, @level)
     ON CONFLICT(rep_id) DO UPDATE SET name = excluded.name, home_zip = excluded.home_zip, lat = excluded.lat, lon = excluded.lon, level = excluded.level`,
  );
  return { clear: () => void db.prepare(`DELETE FROM reps`).run(), add: (r) => void ins.run(r) };
}

export function readReps(db: Db): RepRow[] {
  return db
    .prepare(
      `SELECT rep_id AS repId, name, home_zip AS homeZip, lat, lon, level FROM reps ORDER BY rep_id`,
    )
    .all() as RepRow[];
}
