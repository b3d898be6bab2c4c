// Stored provider scores (data/repos/scoreCache.ts, schema v4): a saved market's scores are stored
// after scoring and read back by the next engine on the workspace instead of re-scoring; any write to
// a table scoring reads drops them; ad hoc definitions are never stored.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../workers/data/workspace';
import { createContext } from '../../workers/engine/runtime/context';
import { getScores, resolveMarket } from '../../workers/engine/scoring/scores';
import { getVolumeColumns } from '../../workers/engine/columns/columnsLoader';
import { buildDemoWorkspace } from './demoWorkspace';
import { CMS28, cmsRow, importInto, writeFile } from './importHelpers';

let ws: Workspace;

const rows = () =>
  (ws.db.prepare('SELECT count(*) AS n FROM score_cache').get() as { n: number }).n;
const fresh = () => createContext(ws);

beforeAll(async () => {
  ({ ws } = await buildDemoWorkspace('tessera-score-cache-test-'));
}, 300_000);

afterAll(() => ws.close());

describe('stored provider scores', () => {
  it('stores the active market once and a new engine reads the same scores back', () => {
    ws.db.prepare('DELETE FROM score_cache').run();
    const computed = getScores(fresh());
    expect(rows()).toBe(1);
    // Mark the stored copy so reading it back is visible, then read it with a new engine context.
    ws.db
      .prepare(`UPDATE score_cache SET meta = json_set(meta, '$.meta.market', 'from store')`)
      .run();
    const read = getScores(fresh());
    expect(read.market).toBe('from store');
    expect(read.tier).toEqual(computed.tier);
    expect(read.accessiblePotential).toEqual(computed.accessiblePotential);
    expect(read.workloadHours).toEqual(computed.workloadHours);
    expect(read.thresholds).toEqual(computed.thresholds);
    expect(read.year).toBe(computed.year);
    expect(read.definition).toEqual(computed.definition);
  });

  it('scores the same whether the volumes provider column was filled in per code run or whole', () => {
    for (const market of [undefined, 'all', 'medtech']) {
      ws.db.prepare('DELETE FROM score_cache').run();
      const perRun = getScores(fresh(), market);
      ws.db.prepare('DELETE FROM score_cache').run();
      const ctx = fresh();
      void getVolumeColumns(ctx).provider; // the whole column first
      const whole = getScores(ctx, market);
      expect(perRun.tier, String(market)).toEqual(whole.tier);
      expect(perRun.potential, String(market)).toEqual(whole.potential);
      expect(perRun.history, String(market)).toEqual(whole.history);
      expect(perRun.volume, String(market)).toEqual(whole.volume);
    }
  });

  it('does not store ad hoc definitions', () => {
    ws.db.prepare('DELETE FROM score_cache').run();
    const ctx = fresh();
    const def = { ...resolveMarket(ctx, 'all'), name: 'edited live' };
    getScores(ctx, def);
    expect(rows()).toBe(0);
  });

  it('is dropped by any write to the tables scoring reads', () => {
    const tested: string[] = [];
    for (const table of [
      'providers',
      'codes',
      'volume_chunks',
      'affiliations',
      'access_scores',
      'payments',
    ]) {
      const has = ws.db.prepare(`SELECT rowid AS r FROM ${table} LIMIT 1`).get() as
        { r: number } | undefined;
      if (!has) continue;
      getScores(fresh());
      expect(rows(), table).toBe(1);
      ws.db.prepare(`UPDATE ${table} SET rowid = rowid WHERE rowid = ?`).run(has.r);
      expect(rows(), `after a write to ${table}`).toBe(0);
      tested.push(table);
    }
    expect(tested).toEqual(expect.arrayContaining(['providers', 'codes', 'volume_chunks']));
  });

  it('ignores a stored copy whose size does not match the providers', () => {
    ws.db.prepare('DELETE FROM score_cache').run();
    const computed = getScores(fresh());
    ws.db
      .prepare(`UPDATE score_cache SET n = n + 1, meta = json_set(meta, '$.meta.market', 'stale')`)
      .run();
    const again = getScores(fresh());
    expect(again.market).toBe(computed.market);
    expect(again.tier).toEqual(computed.tier);
  });

  const scoreTriggers = () =>
    (
      ws.db
        .prepare(
          `SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%DELETE FROM score_cache%'`,
        )
        .get() as { n: number }
    ).n;
  const dir = mkdtempSync(join(tmpdir(), 'tessera-score-cache-files-'));
  const cms = (npi: string) =>
    [
      CMS28,
      cmsRow({
        npi,
        zip: '10001',
        state: 'NY',
        code: '27447',
        pos: 'O',
        benes: '11',
        srvcs: '12',
        pay: '1300',
      }),
    ].join('\n');

  it('an import drops the stored scores once and leaves the triggers in place', async () => {
    getScores(fresh());
    expect(rows()).toBe(1);
    await importInto(ws, { files: [writeFile(dir, 'one_D21_.csv', cms('1999999999'))] });
    expect(rows()).toBe(0);
    expect(scoreTriggers()).toBe(18);
  });

  it('a failed import leaves the stored scores and the triggers as they were', async () => {
    getScores(fresh());
    expect(rows()).toBe(1);
    await expect(
      importInto(ws, {
        files: [
          writeFile(dir, 'two_D21_.csv', cms('1999999998')),
          writeFile(dir, 'nope.csv', 'a,b\n1,2\n'),
        ],
      }),
    ).rejects.toThrow();
    expect(rows()).toBe(1);
    expect(scoreTriggers()).toBe(18);
  });
});
