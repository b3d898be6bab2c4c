// Stored map payloads (table map_cache, schema v5): the first map frame's data of a scenario (provider
// points, scenario layer), each as one wire frame, so a workspace opens onto its map without loading
// provider columns, scores and the scenario model (≈ 0.4 s of CPU on 1 M providers). Triggers drop
// every row on any write to the tables the payloads are built from (scores, provider positions and systems,
// rep names and homes: cacheTriggers.ts), and a scenario's rows on any
// write to its state; the key carries the payload version, the geography and the market definition.
import { dropTriggers, MAP_CACHE_TRIGGERS, restoreTriggers } from '../cacheTriggers';
import { withMappedReads } from '../mappedReads';
import type { Db } from '../workspace';

/**
 * An import writes millions of rows to the source tables (a trigger firing costs ~0.8 µs per row):
 * inside its transaction it drops the stored payloads and these triggers once, and restores the
 * triggers before committing (a rollback restores both).
 */
export function suspendMapCacheTriggers(db: Db): void {
  db.exec('DELETE FROM map_cache');
  dropTriggers(db, MAP_CACHE_TRIGGERS);
}

export function restoreMapCacheTriggers(db: Db): void {
  restoreTriggers(db, MAP_CACHE_TRIGGERS);
}

/** Rows kept: points and layer of the last two scenario views (a national points frame is ~15 MB). */
const KEEP_ROWS = 4;

/** The stored frame under `key` (a copy the caller owns), or null. */
export function readMapPayload(db: Db, key: string): ArrayBuffer | null {
  const row = withMappedReads(db, () =>
    db.prepare('SELECT data FROM map_cache WHERE key = ?').get(key),
  ) as { data: Buffer } | undefined;
  if (!row) return null;
  const { data } = row;
  // SQLite hands back a Buffer of its own: use its memory when it is all of it, else copy
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength
    ? (data.buffer as ArrayBuffer)
    : (data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
}

/** Stores frames (call inside a write transaction) and keeps the newest KEEP_ROWS rows. */
export function writeMapPayloads(
  db: Db,
  rows: { key: string; scenarioId: number; frame: ArrayBuffer }[],
): void {
  const ins = db.prepare(
    'INSERT OR REPLACE INTO map_cache (key, scenario_id, data) VALUES (?, ?, ?)',
  );
  for (const r of rows) ins.run(r.key, r.scenarioId, new Uint8Array(r.frame));
  db.prepare(
    `DELETE FROM map_cache WHERE rowid NOT IN (SELECT rowid FROM map_cache ORDER BY rowid DESC LIMIT ${KEEP_ROWS})`,
  ).run();
}

/** Changes since this connection opened plus other connections' commits: equal values mean no write in between. */
export function writeGeneration(db: Db): string {
  const own = db.prepare('SELECT total_changes() AS n').get() as { n: number };
  return `${db.pragma('data_version', { simple: true }) as number}:${own.n}`;
}
