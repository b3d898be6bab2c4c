import { describe, expect, it } from 'vitest';
import { medtechPreset } from '../../workers/domain/market/presets';
import { runAlign } from '../../workers/engine/align/run';
import { runWhatIf } from '../../workers/engine/scenarios/history';
import { computeScenarioMetrics } from '../../workers/engine/scenarios/metrics';
import { scoringService } from '../../workers/engine/scoring/scoringService';
import { DEFAULT_MARKET_NAME } from '../../workers/domain/market/presets';
import { makeWorld } from './alignFixture';

describe('markets in the workspace', () => {
  it('scores with the default market until one is saved, then with the active (last saved) one', async () => {
    const w = makeWorld({ width: 3, height: 3, volume: (i) => 10 * (i + 1) });
    const api = scoringService(w.ctx);
    const first = await api.score({ market: '' });
    expect(first.ok && first.value.market).toBe(DEFAULT_MARKET_NAME);
    if (first.ok) expect(first.value.totalPotential).toBe(450);

    const bad = await api.saveMarket({
      ...medtechPreset('Knees'),
      tiers: { aShare: 2, bShare: 0.2 },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('BAD_INPUT');
      expect(bad.error.message).toMatch(/tiers\.aShare/);
    }
    const saved = await api.saveMarket({
      ...medtechPreset('Knees'),
      codeSets: [{ name: 'TKA', codes: ['27447'], weight: 2 }],
    });
    expect(saved.ok).toBe(true);
    const active = await api.score({ market: '' });
    expect(active.ok && active.value.market).toBe('Knees');
    if (active.ok) {
      expect(active.value.totalPotential).toBe(900);
      expect(
        active.value.tiers.A.providers +
          active.value.tiers.B.providers +
          active.value.tiers.C.providers,
      ).toBe(9);
    }
    const list = await api.listMarkets();
    expect(list.ok && list.value.map((m) => m.name)).toEqual(['Knees']);
    const missing = await api.getMarket({ name: 'Hips' });
    expect(!missing.ok && missing.error.message).toMatch(/Saved markets: Knees/);
  });

  it('a what-if can change the market and the index weights of a scenario; metrics follow', () => {
    const w = makeWorld({ width: 4, height: 4, volume: (i) => (i < 8 ? 200 : 50) });
    runAlign(w.ctx, { territories: 2, scenario: 's', seed: 1 });
    const before = computeScenarioMetrics(w.ctx, 's');
    expect(before.market).toBe(DEFAULT_MARKET_NAME);
    runWhatIf(w.ctx, { scenario: 's', op: { kind: 'setMarket', market: 'medtech' } });
    const after = computeScenarioMetrics(w.ctx, 's');
    expect(after.market).toBe('MedTech — joint reconstruction');
    runWhatIf(w.ctx, {
      scenario: 's',
      op: { kind: 'setWeights', weights: { workload: 0, potential: 1, history: 0 } },
    });
    expect(computeScenarioMetrics(w.ctx, 's').indexWeights).toEqual({
      workload: 0,
      potential: 1,
      history: 0,
      access: 0,
    });
  });
});
