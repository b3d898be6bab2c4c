// Issue 13: one truth about the market — a scenario keeps the market it was scored with when another
// market is saved; preset names are refused; renames carry scenarios along; compare needs one market.
import { describe, expect, it } from 'vitest';
import { DEFAULT_MARKET_NAME, medtechPreset } from '../../workers/domain/market/presets';
import { runCompare } from '../../workers/engine/scenarios/history';
import { computeScenarioMetrics } from '../../workers/engine/scenarios/metrics';
import { scoringService } from '../../workers/engine/scoring/scoringService';
import { runAlign } from '../../workers/engine/align/run';
import { runWhatIf } from '../../workers/engine/scenarios/history';
import { makeWorld } from './alignFixture';

describe('one truth about the market', () => {
  it('pins an unmarked scenario before another market becomes the default, refuses preset names, renames', async () => {
    const w = makeWorld({ width: 4, height: 4, volume: (i) => (i < 8 ? 200 : 50) });
    runAlign(w.ctx, { territories: 2, scenario: 's', seed: 1 });
    w.ctx.ws.db.prepare(`UPDATE scenarios SET market = NULL WHERE name = 's'`).run();
    w.ctx.invalidate();
    const before = computeScenarioMetrics(w.ctx, 's');
    expect(before.market).toBe(DEFAULT_MARKET_NAME);
    const api = scoringService(w.ctx);
    const preset = await api.saveMarket({ ...medtechPreset(DEFAULT_MARKET_NAME) });
    expect(!preset.ok && preset.error.code).toBe('CONFLICT');
    expect(
      (
        await api.saveMarket({
          ...medtechPreset('Knees'),
          codeSets: [{ name: 'TKA', codes: ['27447'], weight: 2 }],
        })
      ).ok,
    ).toBe(true);
    const after = computeScenarioMetrics(w.ctx, 's');
    expect(after.market).toBe(before.market);
    expect(after.within5).toBe(before.within5);
    // explicitly another market: the same alignment scored with it, named in the result
    expect(computeScenarioMetrics(w.ctx, 's', 'Knees').market).toBe('Knees');
    // a scenario recorded with Knees, then compare: refused without a market, one market with it
    runWhatIf(w.ctx, { scenario: 's', op: { kind: 'setMarket', market: 'Knees' }, saveAs: 'k' });
    expect(() => runCompare(w.ctx, ['s', 'k'])).toThrow(/different markets/);
    const c = runCompare(w.ctx, ['s', 'k'], 'Knees');
    expect(c.market).toBe('Knees');
    expect(c.metrics.map((m) => m.market)).toEqual(['Knees', 'Knees']);
    const renamed = await api.renameMarket({ from: 'Knees', to: 'Knee arthroplasty' });
    expect(renamed.ok).toBe(true);
    const row = w.ctx.ws.db.prepare(`SELECT market FROM scenarios WHERE name = 'k'`).get() as {
      market: string;
    };
    expect(row.market).toBe('Knee arthroplasty');
    expect((await api.renameMarket({ from: 'medtech', to: 'x' })).ok).toBe(false);
  });
});
