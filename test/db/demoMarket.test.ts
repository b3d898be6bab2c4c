// A new demo workspace starts with a procedure market as its active market (domain/demo/market.ts):
// the default scoring uses it, and its universe and workload are a fraction of every-code's.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MARKET_NAME } from '../../workers/domain/demo/market';
import { openEngine, type Engine } from '../../workers/engine/runtime/engine';

const dir = mkdtempSync(join(tmpdir(), 'tessera-demo-market-test-'));
let engine: Engine;

beforeAll(async () => {
  engine = openEngine(join(dir, 'demo.tessera'), { create: true });
  const r = await engine.createDemo({ providers: 4000, seed: 5, reps: 6 });
  if (!r.ok) throw new Error(r.error.message);
}, 300_000);

afterAll(async () => {
  await engine.close();
});

describe('demo market', () => {
  it('is saved as the active market and scores a procedure universe, not every billing provider', async () => {
    const active = await engine.score({ market: '' });
    const all = await engine.score({ market: 'all' });
    if (!active.ok || !all.ok) throw new Error('scoring failed');
    expect(active.value.market).toBe(DEMO_MARKET_NAME);
    expect(active.value.scoredProviders).toBeGreaterThan(0);
    expect(active.value.scoredProviders).toBeLessThan(all.value.scoredProviders / 2);
    const hours = (s: typeof all.value) =>
      Object.values(s.tiers).reduce((a, t) => a + t.workloadHours, 0);
    expect(hours(active.value)).toBeLessThan(hours(all.value) / 2);
  });
});
