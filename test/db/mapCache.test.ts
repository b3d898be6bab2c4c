// Stored map payloads (data/repos/mapCache.ts, engine/map/storedPayloads.ts, schema v5): a scenario's provider
// points and layer are stored after they were built and sent by the next engine without loading the
// provider columns; any write to the data they are built from drops them, a write to one scenario's
// state drops that scenario's, and a payload built before a write is never stored.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../workers/common/result';
import type { Workspace } from '../../workers/data/workspace';
import { createContext } from '../../workers/engine/runtime/context';
import { createEngineFromContext } from '../../workers/engine/runtime/engine';
import { storeMapPayloads } from '../../workers/engine/map/storedPayloads';
import { buildDemoWorkspace } from './demoWorkspace';
import { CMS28, cmsRow, importInto, writeFile } from './importHelpers';

let ws: Workspace;

const rows = (scenarioId?: number) =>
  (
    ws.db
      .prepare(
        `SELECT count(*) AS n FROM map_cache ${scenarioId === undefined ? '' : 'WHERE scenario_id = ?'}`,
      )
      .get(...(scenarioId === undefined ? [] : [scenarioId])) as { n: number }
  ).n;
const scenarioId = (name: string) =>
  ws.db.prepare('SELECT id FROM scenarios WHERE name = ?').pluck().get(name) as number;
const engineOn = () => {
  const ctx = createContext(ws);
  return { ctx, api: createEngineFromContext(ctx) };
};
const value = async <T>(r: Promise<Result<T>>): Promise<T> => {
  const got = await r;
  if (!got.ok) throw new Error(got.error.message);
  return got.value;
};
/** Builds and stores the points and layer of a scenario with a new engine. */
const store = async (scenario = 'baseline') => {
  const e = engineOn();
  await value(e.api.providerPoints({ scenario }));
  await value(e.api.scenarioLayer({ scenario }));
  storeMapPayloads(e.ctx);
};

beforeAll(async () => {
  ({ ws } = await buildDemoWorkspace('tessera-map-cache-test-'));
}, 300_000);

afterAll(() => ws.close());

describe('stored map payloads', () => {
  it('a new demo workspace holds its baseline and the baseline first map frame', async () => {
    expect(rows(scenarioId('baseline'))).toBe(2);
    const e = engineOn();
    await value(e.api.providerPoints({ scenario: 'baseline' }));
    await value(e.api.scenarioLayer({ scenario: 'baseline' }));
    expect(e.ctx.has('providers')).toBe(false);
  });

  it('stores the points and layer once built and a new engine sends the same data without loading providers', async () => {
    ws.db.exec('DELETE FROM map_cache');
    const a = engineOn();
    const points = await value(a.api.providerPoints({ scenario: 'baseline' }));
    const layer = await value(a.api.scenarioLayer({ scenario: 'baseline' }));
    expect(rows()).toBe(0); // queued, written a moment later or at close
    storeMapPayloads(a.ctx);
    expect(rows()).toBe(2);
    const b = engineOn();
    expect(await value(b.api.providerPoints({ scenario: 'baseline' }))).toEqual(points);
    expect(await value(b.api.scenarioLayer({ scenario: 'baseline' }))).toEqual(layer);
    expect(b.ctx.has('providers')).toBe(false);
    expect(points.count).toBeGreaterThan(2000);
  });

  it('stores a built payload by itself once no further payload has been built for a moment', async () => {
    ws.db.exec('DELETE FROM map_cache');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const e = engineOn();
      await value(e.api.providerPoints({ scenario: 'baseline' }));
      vi.advanceTimersByTime(500);
      await value(e.api.scenarioLayer({ scenario: 'baseline' })); // restarts the wait
      vi.advanceTimersByTime(1000);
      expect(rows()).toBe(0);
      vi.advanceTimersByTime(1000);
      expect(rows()).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keys points by the market definition: the same market named explicitly hits, another market does not', async () => {
    await store();
    const active = ws.db
      .prepare(`SELECT value FROM meta WHERE key = 'market.active'`)
      .pluck()
      .get() as string;
    const same = engineOn();
    const named = await value(same.api.providerPoints({ scenario: 'baseline', market: active }));
    expect(same.ctx.has('providers')).toBe(false);
    const other = engineOn();
    const all = await value(other.api.providerPoints({ scenario: 'baseline', market: 'all' }));
    expect(other.ctx.has('providers')).toBe(true);
    expect(all.market).not.toBe(named.market);
  });

  it('is dropped by any write to the tables the payloads are built from', async () => {
    for (const table of [
      'providers',
      'codes',
      'volume_chunks',
      'affiliations',
      'access_scores',
      'payments',
      'reps',
    ]) {
      const has = ws.db.prepare(`SELECT rowid AS r FROM ${table} LIMIT 1`).get() as
        { r: number } | undefined;
      expect(has, table).toBeDefined();
      await store();
      expect(rows(), table).toBe(2);
      ws.db.prepare(`UPDATE ${table} SET rowid = rowid WHERE rowid = ?`).run(has!.r);
      expect(rows(), `after a write to ${table}`).toBe(0);
    }
  });

  it("a write to one scenario's state drops that scenario's payloads only", async () => {
    const e = engineOn();
    await value(
      e.api.whatIf({
        scenario: 'baseline',
        op: {
          kind: 'renameTerritory',
          territoryId: (await value(e.api.scenarioLayer({ scenario: 'baseline' })))
            .territoryIds[0]!,
          name: 'Copy',
        },
        saveAs: 'copy',
      }),
    );
    const [base, copy] = [scenarioId('baseline'), scenarioId('copy')];
    for (const table of [
      'scenario_territories',
      'scenario_units',
      'scenario_pins',
      'scenario_systems',
      'scenarios',
    ]) {
      const key = table === 'scenarios' ? 'id' : 'scenario_id';
      if (!ws.db.prepare(`SELECT 1 FROM ${table} WHERE ${key} = ?`).get(copy)) continue;
      await store('baseline');
      await store('copy');
      expect(rows(copy), table).toBe(2);
      ws.db.prepare(`UPDATE ${table} SET ${key} = ${key} WHERE ${key} = ?`).run(copy);
      expect(rows(copy), `after a write to ${table}`).toBe(0);
      expect(rows(base), `baseline kept after a write to ${table}`).toBe(2);
    }
    await store('copy');
    await value(e.api.deleteScenario({ scenario: 'copy' }));
    expect(rows(copy)).toBe(0);
  });

  it('never stores a payload built before a what-if, and stores the edited one', async () => {
    ws.db.exec('DELETE FROM map_cache');
    const e = engineOn();
    const before = await value(e.api.providerPoints({ scenario: 'baseline' }));
    const layer = await value(e.api.scenarioLayer({ scenario: 'baseline' }));
    // the ZIP with the most providers moves to another territory
    const unit = ws.db
      .prepare('SELECT zip5 FROM providers GROUP BY zip5 ORDER BY count(*) DESC LIMIT 1')
      .pluck()
      .get() as string;
    const from = (await value(e.api.unitGeometry({ unitKind: 'zip' }))).ids.indexOf(unit);
    const moved = layer.unitTerritory[from] === 0 ? 1 : 0;
    const to = layer.territoryIds[moved]!;
    await value(
      e.api.whatIf({ scenario: 'baseline', op: { kind: 'moveUnits', units: [unit], to } }),
    );
    storeMapPayloads(e.ctx);
    expect(rows()).toBe(0);
    const after = await value(e.api.scenarioLayer({ scenario: 'baseline' }));
    expect(after.unitTerritory[from]).toBe(moved);
    const points = await value(e.api.providerPoints({ scenario: 'baseline' }));
    storeMapPayloads(e.ctx);
    expect(rows()).toBe(2);
    const fresh = engineOn();
    expect(await value(fresh.api.scenarioLayer({ scenario: 'baseline' }))).toEqual(after);
    expect(await value(fresh.api.providerPoints({ scenario: 'baseline' }))).toEqual(points);
    expect(fresh.ctx.has('providers')).toBe(false);
    expect(points.territory).not.toEqual(before.territory);
  });

  const mapTriggers = () =>
    (
      ws.db
        .prepare(
          `SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%map_cache%'`,
        )
        .get() as { n: number }
    ).n;
  const dir = mkdtempSync(join(tmpdir(), 'tessera-map-cache-files-'));
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

  it('an import drops the stored payloads once and leaves the triggers in place', async () => {
    const triggers = mapTriggers();
    expect(triggers).toBe(7 * 3 + 4 * 3 + 2);
    await store();
    expect(rows()).toBe(2);
    await importInto(ws, { files: [writeFile(dir, 'one_D21_.csv', cms('1999999997'))] });
    expect(rows()).toBe(0);
    expect(mapTriggers()).toBe(triggers);
  });

  it('a failed import leaves the stored payloads and the triggers as they were', async () => {
    const triggers = mapTriggers();
    await store();
    await expect(
      importInto(ws, {
        files: [
          writeFile(dir, 'two_D21_.csv', cms('1999999996')),
          writeFile(dir, 'nope.csv', 'a,b\n1,2\n'),
        ],
      }),
    ).rejects.toThrow();
    expect(rows()).toBe(2);
    expect(mapTriggers()).toBe(triggers);
  });
});
