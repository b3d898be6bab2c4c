// The cache-clearing triggers (workers/data/cacheTriggers.ts): the lists the repositories drop and
// restore around an import are exactly the triggers the migrations leave in a workspace (a trigger
// the lists missed would fire per row during an import; one they named wrongly would be dropped and
// never restored), each still clears its cache after a suspend/restore cycle, and a suspended one
// does not fire.
import { describe, expect, it } from 'vitest';
import {
  MAP_CACHE_TRIGGERS,
  PROVIDER_COLUMNS_TRIGGERS,
  SCORE_CACHE_TRIGGERS,
} from '../../workers/data/cacheTriggers';
import {
  finishProviderColumns,
  suspendProviderColumnTriggers,
} from '../../workers/data/providerColumnStore';
import {
  restoreMapCacheTriggers,
  suspendMapCacheTriggers,
} from '../../workers/data/repos/mapCache';
import { restoreScoreTriggers, suspendScoreTriggers } from '../../workers/data/repos/scoreCache';
import { openWorkspace, type Db } from '../../workers/data/workspace';

const caches = {
  provider_columns: PROVIDER_COLUMNS_TRIGGERS,
  score_cache: SCORE_CACHE_TRIGGERS,
  map_cache: MAP_CACHE_TRIGGERS,
};

/** Triggers in the schema that empty `cache` outright (not the per-scenario `WHERE scenario_id` ones). */
function schemaTriggers(db: Db, cache: string): string[] {
  const rows = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`)
    .all() as { name: string; sql: string }[];
  return rows.filter((r) => new RegExp(`DELETE FROM ${cache}; END`).test(r.sql)).map((r) => r.name);
}

describe('cache-clearing triggers', () => {
  it('the lists name exactly the triggers a new workspace has', () => {
    const ws = openWorkspace(':memory:', { create: true });
    for (const [cache, list] of Object.entries(caches)) {
      expect(list.map((t) => t.name).sort(), cache).toEqual(schemaTriggers(ws.db, cache));
      expect(list.length, cache).toBeGreaterThanOrEqual(3);
    }
    ws.close();
  });

  it('suspend drops them all and restore brings back working triggers', () => {
    const ws = openWorkspace(':memory:', { create: true });
    const db = ws.db;
    db.exec('BEGIN');
    suspendProviderColumnTriggers(db);
    suspendScoreTriggers(db);
    suspendMapCacheTriggers(db);
    for (const cache of Object.keys(caches)) expect(schemaTriggers(db, cache), cache).toEqual([]);
    // suspended: a write to a source table leaves a cache row alone
    db.exec(`INSERT INTO score_cache (key, n, meta, data) VALUES ('k', 0, '{}', x'')`);
    db.exec(
      `INSERT INTO codes (code, system, description) VALUES ('X0001', 'HCPCS', 'while suspended')`,
    );
    finishProviderColumns(db, false);
    restoreScoreTriggers(db);
    restoreMapCacheTriggers(db);
    db.exec('COMMIT');
    for (const [cache, list] of Object.entries(caches))
      expect(schemaTriggers(db, cache).length, cache).toBe(list.length);
    expect((db.prepare('SELECT count(*) AS n FROM score_cache').get() as { n: number }).n).toBe(1);
    // restored: a write to a source table empties the caches
    db.exec(`INSERT INTO map_cache (key, scenario_id, data) VALUES ('m', 1, x'')`);
    db.exec(`UPDATE codes SET description = 'after restore' WHERE code = 'X0001'`);
    expect((db.prepare('SELECT count(*) AS n FROM score_cache').get() as { n: number }).n).toBe(0);
    expect((db.prepare('SELECT count(*) AS n FROM map_cache').get() as { n: number }).n).toBe(0);
    ws.close();
  });
});
