// Stored provider scores (table score_cache, schema v4): the per-provider arrays of a market's scores
// as one little-endian blob, so a workspace opens onto its map without reading and scoring every
// volume record (≈ 1 s of CPU on 1 M providers). Triggers drop every row on any write to the tables
// scoring reads; the key carries the scoring version and the market definition.
//
// Market arrays are stored only for providers with any non-zero value (indexes, then values): a
// procedure market scores a small share of a national file, and on this VM every fresh megabyte read
// costs ~4 ms of page faults (see mappedReads.ts), so the dense 29 MB of 1 M providers cost ~0.5 s.
import { dropTriggers, restoreTriggers, SCORE_CACHE_TRIGGERS } from '../cacheTriggers';
import { withMappedReads } from '../mappedReads';
import type { Db } from '../workspace';

/** Arrays set for nearly every provider (access difficulty: 1 − access score), stored in full first. */
const DENSE = ['accessDifficulty'] as const;
/** Arrays non-zero only inside the market, stored for the providers where any of them (or tier) is set. */
const SPARSE = [
  'potential',
  'accessiblePotential',
  'callsPerYear',
  'workloadHours',
  'history',
  'volume',
] as const;
export const SCORE_ARRAYS = [...DENSE, ...SPARSE] as const;
export type ScoreArrays = { [K in (typeof SCORE_ARRAYS)[number]]: Float32Array } & {
  tier: Uint8Array;
};

/**
 * An import writes millions of rows and a trigger firing costs ~0.8 µs per row (see
 * providerColumnStore.ts): inside its transaction it drops the stored scores and these triggers once,
 * and restores the triggers before committing (a rollback restores both).
 */
export function suspendScoreTriggers(db: Db): void {
  db.exec('DELETE FROM score_cache');
  dropTriggers(db, SCORE_CACHE_TRIGGERS);
}

export function restoreScoreTriggers(db: Db): void {
  restoreTriggers(db, SCORE_CACHE_TRIGGERS);
}

/** Rows kept: the active market and a few recent ones. */
const KEEP_ROWS = 4;
/** Bytes: the dense arrays in full, then per stored provider its index, each sparse value and its tier. */
const blobBytes = (count: number, stored: number) =>
  4 * count * DENSE.length + stored * (4 + 4 * SPARSE.length + 1);

/** Row meta as stored: the caller's meta plus how many providers the sparse part holds. */
type StoredMeta = { stored: number; meta: unknown };

export function readStoredScores(
  db: Db,
  key: string,
  count: number,
): { arrays: ScoreArrays; meta: unknown } | null {
  const row = withMappedReads(db, () =>
    db.prepare('SELECT n, meta, data FROM score_cache WHERE key = ?').get(key),
  ) as { n: number; meta: string; data: Buffer } | undefined;
  if (!row || row.n !== count) return null;
  const { stored, meta } = JSON.parse(row.meta) as StoredMeta;
  if (row.data.byteLength !== blobBytes(count, stored)) return null;
  // A typed-array view needs an aligned offset; copy only when SQLite's buffer is not aligned.
  const data = row.data.byteOffset % 4 === 0 ? row.data : Buffer.from(row.data);
  let at = data.byteOffset;
  const f32 = (n: number) => new Float32Array(data.buffer, (at += 4 * n) - 4 * n, n);
  const arrays = {} as ScoreArrays;
  for (const name of DENSE) arrays[name] = f32(count).slice();
  const index = new Uint32Array(data.buffer, (at += 4 * stored) - 4 * stored, stored);
  for (const name of SPARSE) {
    const values = f32(stored);
    const out = new Float32Array(count);
    for (let j = 0; j < stored; j++) out[index[j]!] = values[j]!;
    arrays[name] = out;
  }
  const tiers = new Uint8Array(data.buffer, at, stored);
  arrays.tier = new Uint8Array(count);
  for (let j = 0; j < stored; j++) arrays.tier[index[j]!] = tiers[j]!;
  return { arrays, meta };
}

export function writeStoredScores(
  db: Db,
  o: { key: string; count: number; arrays: ScoreArrays; meta: unknown },
): void {
  const { count, arrays } = o;
  const sparse = SPARSE.map((name) => arrays[name]);
  const keep: number[] = [];
  for (let i = 0; i < count; i++)
    if (arrays.tier[i] !== 0 || sparse.some((a) => a[i] !== 0)) keep.push(i);
  const stored = keep.length;
  const bytes = new ArrayBuffer(blobBytes(count, stored));
  let at = 0;
  const f32 = (n: number) => new Float32Array(bytes, (at += 4 * n) - 4 * n, n);
  for (const name of DENSE) f32(count).set(arrays[name].subarray(0, count));
  new Uint32Array(bytes, (at += 4 * stored) - 4 * stored, stored).set(keep);
  for (const a of sparse) {
    const values = f32(stored);
    for (let j = 0; j < stored; j++) values[j] = a[keep[j]!]!;
  }
  const tiers = new Uint8Array(bytes, at, stored);
  for (let j = 0; j < stored; j++) tiers[j] = arrays.tier[keep[j]!]!;
  const meta: StoredMeta = { stored, meta: o.meta };
  db.prepare('INSERT OR REPLACE INTO score_cache (key, n, meta, data) VALUES (?, ?, ?, ?)').run(
    o.key,
    count,
    JSON.stringify(meta),
    new Uint8Array(bytes),
  );
  db.prepare(
    `DELETE FROM score_cache WHERE rowid NOT IN (SELECT rowid FROM score_cache ORDER BY rowid DESC LIMIT ${KEEP_ROWS})`,
  ).run();
}
