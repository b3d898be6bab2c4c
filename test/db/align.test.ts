import { describe, expect, it } from 'vitest';
import { cancel, createCancelToken } from '../../workers/common/progress';
import { EngineFailure } from '../../workers/common/result';
import { runAlign } from '../../workers/engine/align/run';
import { runWhatIf } from '../../workers/engine/scenarios/history';
import { loadScenarioModel } from '../../workers/engine/scenarios/store';
import { makeWorld, zipId } from './alignFixture';

const assignmentOf = (ctx: Parameters<typeof loadScenarioModel>[0], name: string) => {
  const m = loadScenarioModel(ctx, name);
  return [...m.unitTerritory].map((t) => m.territories[t]?.id ?? '-');
};

describe('align from scratch (6×6 grid, equal ZIPs)', () => {
  it('reaches exact balance where it is achievable, contiguous, and saves the first alignment as the baseline', () => {
    const w = makeWorld({ width: 6, height: 6 });
    const r = runAlign(w.ctx, { territories: 4, scenario: 'four', seed: 7 });
    expect(r.territories).toBe(4);
    expect(r.units).toBe(36);
    expect(r.metrics.within5).toBe(1);
    expect(r.metrics.maxMinRatio).toBeCloseTo(1, 6);
    expect(r.metrics.noncontiguous).toBe(0);
    expect(r.metrics.perTerritory.map((t) => t.units)).toEqual([9, 9, 9, 9]);
    expect(r.metrics.perTerritory.every((t) => t.indexRatio > 0.999 && t.indexRatio < 1.001)).toBe(
      true,
    );
    expect(r.metrics.infeasibilities).toEqual([]);
    const model = loadScenarioModel(w.ctx, 'four');
    expect(model.isBaseline).toBe(true);
    expect([...model.unitTerritory].every((t) => t >= 0)).toBe(true);
    expect(new Set(model.territories.map((t) => t.region)).size).toBeGreaterThan(0);
  });

  it('is deterministic for a seed', () => {
    const w = makeWorld({ width: 6, height: 6, volume: (i) => 50 + ((i * 37) % 11) * 10 });
    runAlign(w.ctx, { territories: 3, scenario: 'a', seed: 3 });
    runAlign(w.ctx, { territories: 3, scenario: 'b', seed: 3 });
    expect(assignmentOf(w.ctx, 'a')).toEqual(assignmentOf(w.ctx, 'b'));
  });

  it('refuses an existing name unless replacing', () => {
    const w = makeWorld({ width: 4, height: 4 });
    runAlign(w.ctx, { territories: 2, scenario: 'x' });
    runAlign(w.ctx, { territories: 2, scenario: 'y' });
    expect(() => runAlign(w.ctx, { territories: 2, scenario: 'y' })).toThrowError(/already exists/);
    expect(runAlign(w.ctx, { territories: 2, scenario: 'y', replace: true }).scenario).toBe('y');
  });
});

describe('progress and cancellation', () => {
  it('reports solver progress and, when cancelled, saves nothing', () => {
    const w = makeWorld({ width: 6, height: 6 });
    const phases = new Set<string>();
    runAlign(
      w.ctx,
      { territories: 3, scenario: 'ok' },
      { onProgress: (p) => void phases.add(p.phase) },
    );
    expect(phases.size).toBeGreaterThan(0);
    const token = createCancelToken();
    cancel(token);
    let error: unknown;
    try {
      runAlign(w.ctx, { territories: 3, scenario: 'cancelled' }, { cancel: token });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EngineFailure);
    expect((error as EngineFailure).error.code).toBe('CANCELLED');
    expect(() => loadScenarioModel(w.ctx, 'cancelled')).toThrowError(/No scenario named/);
  });
});

describe('infeasibility is explained', () => {
  it('names the indivisible unit that is larger than the band allows and by how much', () => {
    // ZIP 0 carries as much as 20 ordinary ZIPs: with 4 territories it alone exceeds 1.15× the mean.
    const w = makeWorld({ width: 5, height: 5, volume: (i) => (i === 0 ? 2000 : 100) });
    const r = runAlign(w.ctx, {
      territories: 4,
      scenario: 'big',
      seed: 1,
      indexWeights: { workload: 0, potential: 1, history: 0 },
    });
    const x = r.metrics.infeasibilities.find((i) => i.unit === zipId(0));
    expect(x).toBeDefined();
    expect(x!.kind).toMatch(/indivisible/);
    expect(x!.excess).toBeGreaterThan(0);
    expect(x!.message).toMatch(/index points/);
  });

  it('says there is nothing to balance when the market has no volume', () => {
    const w = makeWorld({ width: 3, height: 3, volume: () => 0 });
    expect(() => runAlign(w.ctx, { territories: 2 })).toThrowError(/nothing to balance/);
  });

  it('rejects a rebalance budget outside 0..1 with a message naming the flag', () => {
    const w = makeWorld({ width: 4, height: 4 });
    runAlign(w.ctx, { territories: 2, scenario: 'base' });
    expect(() => runAlign(w.ctx, { from: 'base', maxDisruption: 2 })).toThrowError(
      /--max-disruption/,
    );
  });
});

describe('locks, pins, health systems', () => {
  it('keeps locked units in place on a rebalance and honours the disruption budget', () => {
    const w = makeWorld({ width: 6, height: 6, volume: (i) => (i % 6 < 2 ? 300 : 60) });
    runAlign(w.ctx, {
      territories: 3,
      scenario: 'start',
      seed: 2,
      indexWeights: { workload: 0, potential: 1, history: 0 },
    });
    const before = loadScenarioModel(w.ctx, 'start');
    const locked = [zipId(0), zipId(7), zipId(35)];
    runWhatIf(w.ctx, { scenario: 'start', op: { kind: 'lockUnits', units: locked, locked: true } });
    // Unbalance it by hand, then rebalance with a 20 % budget.
    const target = before.territories[before.unitTerritory[0]!]!.id;
    runWhatIf(w.ctx, {
      scenario: 'start',
      op: { kind: 'moveUnits', units: [zipId(12), zipId(13), zipId(18), zipId(19)], to: target },
    });
    const moved = loadScenarioModel(w.ctx, 'start');
    const r = runAlign(w.ctx, { from: 'start', scenario: 'fixed', maxDisruption: 0.2, seed: 2 });
    const after = loadScenarioModel(w.ctx, 'fixed');
    for (const z of locked) {
      const u = after.unitIds.indexOf(z);
      expect(after.territories[after.unitTerritory[u]!]!.id).toBe(
        moved.territories[moved.unitTerritory[u]!]!.id,
      );
      expect(after.locked[u]).toBe(1);
    }
    expect(r.metrics.disruption).not.toBeNull();
    expect(r.metrics.disruption!.opportunity).toBeLessThanOrEqual(0.2 + 1e-9);
  });

  it('pins an account to a territory regardless of its ZIP, through a local rebalance', () => {
    const w = makeWorld({ width: 6, height: 6, perZip: 2 });
    runAlign(w.ctx, { territories: 4, scenario: 'p', seed: 5 });
    const m = loadScenarioModel(w.ctx, 'p');
    const npi = w.npis[0]!; // in ZIP 0 (a corner)
    const own = m.providerTerritory[0]!;
    const other = m.territories.find((_, i) => i !== own)!.id;
    runWhatIf(w.ctx, {
      scenario: 'p',
      op: { kind: 'pinAccounts', npis: [String(npi)], to: other },
    });
    runWhatIf(w.ctx, {
      scenario: 'p',
      op: { kind: 'rebalanceLocal', territoryIds: m.territories.map((t) => t.id) },
    });
    const after = loadScenarioModel(w.ctx, 'p');
    expect(after.territories[after.providerTerritory[0]!]!.id).toBe(other);
    expect(after.pins.get(0)).toBe(after.territories.findIndex((t) => t.id === other));
  });

  it('keeps every provider of a health system in one territory', () => {
    // System 1 has a provider in each corner of the grid.
    const corners = new Set([0, 5, 30, 35]);
    const w = makeWorld({
      width: 6,
      height: 6,
      systems: 1,
      system: (p) => (corners.has(p) ? 0 : -1),
    });
    runAlign(w.ctx, { territories: 4, scenario: 'sys', seed: 1, keepSystemsWhole: ['SYS1'] });
    const m = loadScenarioModel(w.ctx, 'sys');
    const ts = new Set([...corners].map((p) => m.providerTerritory[p]));
    expect(ts.size).toBe(1);
    expect(m.systems.get(0)).toBe([...ts][0]);
    expect(() =>
      runAlign(w.ctx, { territories: 4, scenario: 'bad', keepSystemsWhole: ['Nope'] }),
    ).toThrowError(EngineFailure);
  });
});
