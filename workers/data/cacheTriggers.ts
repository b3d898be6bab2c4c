// The cache-clearing triggers, written once: the migrations create them from these lists, and the
// repositories of the derived copies drop and restore the same lists around an import (a trigger
// firing costs ~0.8 µs per row written, and an import writes millions; it clears the copy once
// instead). Each list is what one shipped migration created, so it never changes: a new source
// table for a cache is a new migration with a new list, added to the cache's union below.
// test/db/cacheTriggers.test.ts checks that a fresh workspace holds exactly these triggers.
import type { Db } from './workspace';

export type CacheTrigger = {
  name: string;
  table: string;
  op: 'INSERT' | 'UPDATE' | 'DELETE';
  cache: string;
};

/** One trigger per write (insert, update, delete) to each table, each emptying `cache`. */
function clearOnWrite(
  cache: string,
  tables: readonly string[],
  prefix: (table: string) => string,
): CacheTrigger[] {
  return tables.flatMap((table) =>
    (['INSERT', 'UPDATE', 'DELETE'] as const).map((op) => ({
      name: `${prefix(table)}_${op.toLowerCase()}`,
      table,
      op,
      cache,
    })),
  );
}

/** Migration 2: writes to providers drop the columnar provider copy. */
export const PROVIDER_COLUMNS_V2 = clearOnWrite(
  'provider_columns',
  ['providers'],
  (t) => `${t}_columns`,
);
/** Migration 3: so do writes to the health systems and access scores it now carries. */
export const PROVIDER_COLUMNS_V3 = clearOnWrite(
  'provider_columns',
  ['affiliations', 'access_scores'],
  (t) => (t === 'access_scores' ? 'access_columns' : `${t}_columns`),
);
/** Migration 4: writes to the tables scoring reads drop the stored scores. */
export const SCORE_CACHE_V4 = clearOnWrite(
  'score_cache',
  ['providers', 'codes', 'volume_chunks', 'affiliations', 'access_scores', 'payments'],
  (t) => `${t}_scores`,
);
/** Migration 5: writes to the tables the map payloads are built from drop every stored payload
 * (the per-scenario triggers of migration 5 stay in place during an import: it writes no scenario). */
export const MAP_CACHE_V5 = clearOnWrite(
  'map_cache',
  ['providers', 'codes', 'volume_chunks', 'affiliations', 'access_scores', 'payments', 'reps'],
  (t) => `${t}_map`,
);

/** Every cache-clearing trigger of each derived copy, as the latest schema has them. */
export const PROVIDER_COLUMNS_TRIGGERS = [...PROVIDER_COLUMNS_V2, ...PROVIDER_COLUMNS_V3];
export const SCORE_CACHE_TRIGGERS = SCORE_CACHE_V4;
export const MAP_CACHE_TRIGGERS = MAP_CACHE_V5;

/** The CREATE TRIGGER statements (as a migration runs them; `ifNotExists` to restore after an import). */
export function triggerSql(triggers: readonly CacheTrigger[], ifNotExists = false): string {
  return triggers
    .map(
      (t) =>
        `CREATE TRIGGER ${ifNotExists ? 'IF NOT EXISTS ' : ''}${t.name} AFTER ${t.op} ON ${t.table} BEGIN DELETE FROM ${t.cache}; END;`,
    )
    .join('\n');
}

export function dropTriggers(db: Db, triggers: readonly CacheTrigger[]): void {
  for (const t of triggers) db.exec(`DROP TRIGGER IF EXISTS ${t.name}`);
}

export function restoreTriggers(db: Db, triggers: readonly CacheTrigger[]): void {
  db.exec(triggerSql(triggers, true));
}
