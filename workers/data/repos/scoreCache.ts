// Stored provider scores (table score_cache, schema v4): the per-provider arrays of a market's scores
// as one little-endian blob, so a workspace opens onto its map without reading and scoring every
// volume record (≈ 1 s of CPU on 1 M providers). Triggers drop every row on any write to the tables
// scoring reads; the key carries the scoring version and the market definition.
//
// Only providers with any non-zero value are stored (their indexes, then each array's values): a
// procedure market scores a small share of a national file, and on this VM every fresh megabyte read
// costs ~4 ms of page faults (see mappedReads.ts), so the dense 29 MB of 1 M providers cost ~0.5 s.
import { withMappedReads } from '../mappedReads';
import type { Db } from '../workspace';

/** The Float32 arrays stored, in blob order; tier (Uint8Array) comes last. */
export const SCORE_ARRAYS = ['potential', 'accessiblePotential', 'callsPerYear', 'workloadHours', 'history', 'accessDifficulty', 'volume'] as const;
export type ScoreArrays = { [K in (typeof SCORE_ARRAYS)[number]]: Float32Array } & { tier: Uint8Array };

/** The tables scoring reads; a write to any of them drops every stored score (migration 4's triggers). */
const SOURCE_TABLES = ['providers', 'codes', 'volume_chunks', 'affiliations', 'access_scores', 'payments'] as const;
const TRIGGERS = SOURCE_TABLES.flatMap((table) =>
  ['insert', 'update', 'delete'].map((op) => {
    const name = `${table}_scores_${op}`;
    return { name, sql: `CREATE TRIGGER IF NOT EXISTS ${name} AFTER ${op.toUpperCase()} ON ${table} BEGIN DELETE FROM score_cache; END` };
  }),
);

/**
 * An import writes millions of rows and a trigger firing costs ~0.8 µs per row (see
 * providerColumnStore.ts): inside its transaction it drops the stored scores and these triggers once,
 * and restores the triggers before committing (a rollback restores both).
 */
export function suspendScoreTriggers(db: Db): void {
  db.exec('DELETE FROM score_cache');
  for (const t of TRIGGERS) db.exec(`DROP TRIGGER IF EXISTS ${t.name}`);
}

export function restoreScoreTriggers(db: Db): void {
  for (const t of TRIGGERS) db.exec(t.sql);
}

/** Rows kept: the active market and a few recent ones. */
const KEEP_ROWS = 4;
/** Bytes per stored provider: index, each Float32 value, tier. */
const ENTRY_BYTES = 4 + 4 * SCORE_ARRAYS.length + 1;

/** Row meta as stored: the caller's meta plus how many providers the blob holds. */
type StoredMeta = { stored: number; meta: unknown };

export function readStoredScores(db: Db, key: string, count: number): { arrays: ScoreArrays; meta: unknown } | null {
  const row = withMappedReads(db, () => db.prepare('SELECT n, meta, data FROM score_cache WHERE key = ?').get(key)) as
    | { n: number; meta: string; data: Buffer }
    | undefined;
  if (!row || row.n !== count) return null;
  const { stored, meta } = JSON.parse(row.meta) as StoredMeta;
  if (row.data.byteLength !== stored * ENTRY_BYTES) return null;
  // A typed-array view needs an aligned offset; copy only when SQLite's buffer is not aligned.
  const data = row.data.byteOffset % 4 === 0 ? row.data : Buffer.from(row.data);
  const index = new Uint32Array(data.buffer, data.byteOffset, stored);
  const arrays = {} as ScoreArrays;
  SCORE_ARRAYS.forEach((name, k) => {
    const values = new Float32Array(data.buffer, data.byteOffset + 4 * stored * (k + 1), stored);
    const out = new Float32Array(count);
    for (let j = 0; j < stored; j++) out[index[j]!] = values[j]!;
    arrays[name] = out;
  });
  const tiers = new Uint8Array(data.buffer, data.byteOffset + 4 * stored * (SCORE_ARRAYS.length + 1), stored);
  arrays.tier = new Uint8Array(count);
  for (let j = 0; j < stored; j++) arrays.tier[index[j]!] = tiers[j]!;
  return { arrays, meta };
}

export function writeStoredScores(db: Db, o: { key: string; count: number; arrays: ScoreArrays; meta: unknown }): void {
  const { count, arrays } = o;
  const columns = SCORE_ARRAYS.map((name) => arrays[name]);
  const keep: number[] = [];
  for (let i = 0; i < count; i++) if (arrays.tier[i] !== 0 || columns.some((a) => a[i] !== 0)) keep.push(i);
  const stored = keep.length;
  const bytes = new ArrayBuffer(stored * ENTRY_BYTES);
  new Uint32Array(bytes, 0, stored).set(keep);
  columns.forEach((a, k) => {
    const values = new Float32Array(bytes, 4 * stored * (k + 1), stored);
    for (let j = 0; j < stored; j++) values[j] = a[keep[j]!]!;
  });
  const tiers = new Uint8Array(bytes, 4 * stored * (SCORE_ARRAYS.length + 1), stored);
  for (let j = 0; j < stored; j++) tiers[j] = arrays.tier[keep[j]!]!;
  const meta: StoredMeta = { stored, meta: o.meta };
  db.prepare('INSERT OR REPLACE INTO score_cache (key, n, meta, data) VALUES (?, ?, ?, ?)').run(o.key, count, JSON.stringify(meta), new Uint8Array(bytes));
  db.prepare(`DELETE FROM score_cache WHERE rowid NOT IN (SELECT rowid FROM score_cache ORDER BY rowid DESC LIMIT ${KEEP_ROWS})`).run();
}
