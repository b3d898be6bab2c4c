// Parameters that size work are refused with a clear error before the work starts: K above the
// cap or above the number of units, and exports to folders that are not regular folders.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, type Engine } from '../../workers/engine/runtime/engine';
import { buildDemoWorkspace } from './demoWorkspace';

let engine: Engine;
beforeAll(async () => {
  const { path, ws } = await buildDemoWorkspace('tessera-limits-');
  ws.close();
  engine = openEngine(path);
}, 120_000);
afterAll(async () => engine?.close());

describe('limits on work one request can ask for', () => {
  it('refuses a billion territories at once, without sizing anything by K', async () => {
    const t0 = performance.now();
    const r = await engine.align({ territories: 1_000_000_000 });
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('BAD_INPUT');
      expect(r.error.message).toMatch(/at most 5000/);
    }
  });

  it('refuses more territories than units with providers (K ≤ units)', async () => {
    const r = await engine.align({ territories: 4_000, unit: 'county' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('BAD_INPUT');
      expect(r.error.message).toMatch(/cannot be built from \d+ counties/);
      expect(r.error.details).toMatchObject({ field: 'territories' });
    }
  });

  it('refuses districts above the number of territories', async () => {
    const r = await engine.align({ territories: 4, districts: 9, scenario: 'x' });
    expect(!r.ok && r.error.message).toMatch(
      /--districts must be a whole number from 1 to the number of territories \(4\)/,
    );
  });

  it('refuses exports to /proc, /dev, a socket or a file before any work', async () => {
    const scenarios = await engine.listScenarios();
    const scenario = scenarios.ok ? scenarios.value[0]!.name : 'baseline';
    const dir = mkdtempSync(join(tmpdir(), 'tessera-limits-out-'));
    const sock = join(dir, 'sock');
    const srv = createServer();
    await new Promise<void>((ok) => srv.listen(sock, ok));
    try {
      for (const [outDir, why] of [
        ['/proc/self/export', /under \/proc/],
        ['/proc', /under \/proc/],
        ['/dev/null/x', /under \/dev|device/],
        ['/sys/kernel/x', /under \/sys/],
        [sock, /a socket/],
        [join(sock, 'inside'), /a socket/],
        [join(dir, 'sock', 'a', 'b'), /a socket/],
      ] as const) {
        const t0 = performance.now();
        const r = await engine.exportScenario({ scenario, outDir });
        expect(r.ok, outDir).toBe(false);
        if (!r.ok) {
          expect(r.error.code, outDir).toBe('BAD_INPUT');
          expect(r.error.message, outDir).toMatch(why);
        }
        expect(performance.now() - t0, outDir).toBeLessThan(2_000);
      }
    } finally {
      srv.close();
    }
  });
});
