// Saved market definitions (JSON validated by domain/market before it is written or after it is read).
import type { Db } from '../workspace';

export type StoredMarket = { name: string; definition: string; updatedAt: string };

export function saveMarketRow(db: Db, name: string, definitionJson: string, now: string): void {
  db.prepare(
    `INSERT INTO markets (name, definition, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at`,
  ).run(name, definitionJson, now);
}

export function readMarketRow(db: Db, name: string): StoredMarket | undefined {
  const r = db
    .prepare(
      `SELECT name, definition, updated_at AS updatedAt FROM markets WHERE name = ? COLLATE NOCASE`,
    )
    .get(name);
  return r as StoredMarket | undefined;
}

/** Most recently saved first. */
export function listMarketRows(db: Db): StoredMarket[] {
  return db
    .prepare(
      `SELECT name, definition, updated_at AS updatedAt FROM markets ORDER BY updated_at DESC, name`,
    )
    .all() as StoredMarket[];
}

export function deleteMarketRow(db: Db, name: string): boolean {
  return db.prepare(`DELETE FROM markets WHERE name = ? COLLATE NOCASE`).run(name).changes > 0;
}
