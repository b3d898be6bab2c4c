import { describe, expect, it } from 'vitest';
import { runAlign } from '../../workers/engine/align/run';
import { computeScenarioMetrics } from '../../workers/engine/scenarios/metrics';
import {
  runCompare,
  runQuota,
  runRedo,
  runUndo,
  runWhatIf,
} from '../../workers/engine/scenarios/history';
import { BASELINE_NAME, loadScenarioModel } from '../../workers/engine/scenarios/store';
import { alignService } from '../../workers/engine/align/alignService';
import { makeWorld, zipId } from './alignFixture';
import type { EngineContext } from '../../workers/engine/runtime/context';

function importAlignment(
  ctx: EngineContext,
  rows: [
    kind: 'zip' | 'npi',
    unit: string,
    territory: string,
    district: string,
    region: string,
    rep: string,
  ][],
): void {
  const ins = ctx.ws.db.prepare(
    `INSERT INTO alignment_import (unit_kind, unit, territory_id, district, region, rep_id) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  for (const r of rows) ins.run(...r);
}

function roster(ctx: EngineContext): void {
  ctx.ws.db
    .prepare(
      `INSERT INTO reps (rep_id, name, home_zip, lat, lon, level) VALUES ('R1', 'Ann West', '10000', NULL, NULL, 'rep'), ('R2', 'Bob East', '', 40.0, -99.5, 'rep')`,
    )
    .run();
}

describe('baseline from the imported current alignment', () => {
  it('ZIP-keyed: territories, hierarchy and reps with home bases; uncovered ZIPs filled from neighbours', () => {
    const w = makeWorld({ width: 4, height: 2 });
    roster(w.ctx);
    // West half (columns 0-1) → W1, east half → E1; ZIP of column 3 row 1 (index 7) left out.
    const rows = w.zips.flatMap((z, i) =>
      i === 7
        ? []
        : [
            ['zip', z, i % 4 < 2 ? 'W1' : 'E1', 'D1', 'Central', i % 4 < 2 ? 'R1' : 'R2'] as [
              'zip',
              string,
              string,
              string,
              string,
              string,
            ],
          ],
    );
    importAlignment(w.ctx, rows);
    const m = loadScenarioModel(w.ctx, BASELINE_NAME);
    expect(m.isBaseline).toBe(true);
    const byId = new Map(m.territories.map((t) => [t.id, t]));
    expect([...byId.keys()].sort()).toEqual(['E1', 'W1']);
    expect(byId.get('W1')).toMatchObject({
      district: 'D1',
      region: 'Central',
      repName: 'Ann West',
      homeKnown: true,
    });
    expect(byId.get('E1')).toMatchObject({
      district: 'D1',
      region: 'Central',
      repName: 'Bob East',
      homeKnown: true,
    });
    expect(byId.get('W1')!.homeLat).toBeCloseTo(40); // ZIP 10000 centroid
    expect(byId.get('E1')!.homeLon).toBeCloseTo(-99.5);
    expect([...m.unitTerritory].map((t) => m.territories[t]!.id)).toEqual([
      'W1',
      'W1',
      'E1',
      'E1',
      'W1',
      'W1',
      'E1',
      'E1',
    ]);
    expect(m.params.method).toMatch(/1 uncovered units filled/);
  });

  it('NPI-keyed: every account keeps its imported territory (majority per ZIP + pins for the rest)', () => {
    const w = makeWorld({ width: 2, height: 1, perZip: 3 });
    const terr = ['A', 'A', 'B', 'B', 'B', 'A'];
    importAlignment(
      w.ctx,
      w.npis.map(
        (n, p) =>
          ['npi', String(n), terr[p]!, '', '', ''] as [
            'npi',
            string,
            string,
            string,
            string,
            string,
          ],
      ),
    );
    const m = loadScenarioModel(w.ctx, BASELINE_NAME);
    expect([...m.providerTerritory].map((t) => m.territories[t]!.id)).toEqual(terr);
    expect(m.pins.size).toBe(2);
  });
});

describe('what-if history', () => {
  it('undo and redo survive closing and reopening the workspace', () => {
    const w = makeWorld({ width: 4, height: 4 });
    runAlign(w.ctx, { territories: 2, scenario: 's', seed: 1 });
    const start = loadScenarioModel(w.ctx, 's');
    const u = start.unitIds.indexOf(zipId(0));
    const from = start.territories[start.unitTerritory[u]!]!.id;
    const to = start.territories.find((t) => t.id !== from)!.id;
    const r = runWhatIf(w.ctx, { scenario: 's', op: { kind: 'moveUnits', units: [zipId(0)], to } });
    expect(r.changedUnits).toEqual([zipId(0)]);
    expect(r.changedTerritories.sort()).toEqual([from, to].sort());
    expect(r.historyPosition).toBe(1);
    runWhatIf(w.ctx, {
      scenario: 's',
      op: { kind: 'setWeights', weights: { workload: 1, potential: 1, history: 0 } },
    });

    const ctx = w.reopen();
    const reopened = loadScenarioModel(ctx, 's');
    expect(reopened.historyPos).toBe(2);
    expect(reopened.params.indexWeights).toEqual({
      workload: 0.5,
      potential: 0.5,
      history: 0,
      access: 0,
    });
    expect(reopened.territories[reopened.unitTerritory[u]!]!.id).toBe(to);

    runUndo(ctx, 's');
    runUndo(ctx, 's');
    const undone = loadScenarioModel(ctx, 's');
    expect(undone.territories[undone.unitTerritory[u]!]!.id).toBe(from);
    expect(undone.params.indexWeights).toEqual(start.params.indexWeights);
    expect(() => runUndo(ctx, 's')).toThrowError(/Nothing to undo/);

    const redone = runRedo(ctx, 's');
    expect(redone.changedUnits).toEqual([zipId(0)]);
    expect(loadScenarioModel(ctx, 's').historyPos).toBe(1);
    // A new step after an undo drops the redo tail.
    runWhatIf(ctx, { scenario: 's', op: { kind: 'lockUnits', units: [zipId(1)], locked: true } });
    const last = loadScenarioModel(ctx, 's');
    expect(last.historyLength).toBe(2);
    expect(() => runRedo(ctx, 's')).toThrowError(/Nothing to redo/);
  });

  it('add and remove a rep, and save a what-if as a derived scenario', () => {
    const w = makeWorld({ width: 6, height: 6 });
    runAlign(w.ctx, { territories: 3, scenario: 'k3', seed: 4 });
    const added = runWhatIf(w.ctx, {
      scenario: 'k3',
      op: { kind: 'addRep', name: 'New rep' },
      saveAs: 'k4',
    });
    expect(added.scenario).toBe('k4');
    expect(added.metrics.territories).toBe(4);
    const k4 = loadScenarioModel(w.ctx, 'k4');
    expect(k4.parent).toBe('k3');
    expect(k4.territories.some((t) => t.name === 'New rep')).toBe(true);
    expect([...k4.unitTerritory].every((t) => t >= 0 && t < 4)).toBe(true);
    expect(loadScenarioModel(w.ctx, 'k3').territories).toHaveLength(3);
    const gone = k4.territories[0]!.id;
    const removed = runWhatIf(w.ctx, {
      scenario: 'k4',
      op: { kind: 'removeRep', territoryId: gone },
    });
    expect(removed.metrics.territories).toBe(3);
    expect(loadScenarioModel(w.ctx, 'k4').territories.map((t) => t.id)).not.toContain(gone);
    runUndo(w.ctx, 'k4');
    expect(loadScenarioModel(w.ctx, 'k4').territories.map((t) => t.id)).toContain(gone);
  });
});

describe('compare, quota, delete', () => {
  it('reports disruption and transfers between scenarios, and splits a quota that adds up', async () => {
    const w = makeWorld({ width: 4, height: 4 });
    runAlign(w.ctx, { territories: 2, scenario: 'one', seed: 1 });
    const m = loadScenarioModel(w.ctx, 'one');
    const to = m.territories[1 - m.unitTerritory[0]!]!.id;
    runWhatIf(w.ctx, {
      scenario: 'one',
      op: { kind: 'moveUnits', units: [zipId(0)], to },
      saveAs: 'two',
    });
    const c = runCompare(w.ctx, ['one', 'two']);
    expect(c.disruption[0]!.units).toBeCloseTo(1 / 16);
    expect(c.disruption[0]!.accounts).toBeCloseTo(1 / 16);
    expect(c.transfers).toHaveLength(1);
    expect(c.transfers[0]).toMatchObject({ against: 'two', to, units: 1, accounts: 1 });
    expect(computeScenarioMetrics(w.ctx, 'two').disruption!.units).toBeCloseTo(1 / 16);

    const q = runQuota(w.ctx, { scenario: 'two', nationalGoal: 1000 });
    expect(q.territories.reduce((s, t) => s + t.quota, 0)).toBeCloseTo(1000);
    expect(q.regions.reduce((s, r) => s + r.quota, 0)).toBeCloseTo(1000);
    expect(
      loadScenarioModel(w.ctx, 'two').territories.reduce((s, t) => s + t.quota, 0),
    ).toBeCloseTo(1000);

    const api = alignService(w.ctx);
    const del = await api.deleteScenario({ scenario: 'one' });
    expect(del.ok).toBe(false);
    if (!del.ok) expect(del.error.message).toMatch(/baseline/);
    expect((await api.deleteScenario({ scenario: 'two' })).ok).toBe(true);
    const missing = await api.scenarioMetrics({ scenario: 'two' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.code).toBe('NOT_FOUND');
  });
});
