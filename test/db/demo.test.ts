// End to end: createDemo generates the files, imports them through the real import pipeline into a
// fresh workspace, and marks it synthetic. Small size (3 000 providers) with the bundled ZIP table.
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoResult } from '../../workers/common/contract';
import { createCancelToken, cancel } from '../../workers/common/progress';
import { removeStaleDemoFolders } from '../../workers/data/demoFiles';
import { openEngine, type Engine } from '../../workers/engine/runtime/engine';

const dir = mkdtempSync(join(tmpdir(), 'tessera-demo-test-'));
let engine: Engine;
let result: DemoResult;

beforeAll(async () => {
  engine = openEngine(join(dir, 'demo.tessera'), { create: true });
  const r = await engine.createDemo({ providers: 3000, seed: 5, reps: 6 });
  if (!r.ok) throw new Error(r.error.message);
  result = r.value;
});

afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('createDemo', () => {
  it('imports every demo file without rejects and reports what it built', () => {
    expect(result.synthetic).toBe(true);
    expect(result.providers).toBe(3000);
    expect(result.territories).toBe(6);
    expect(result.import.rejected).toBe(0);
    expect(result.import.providers).toBe(3000);
    const formats = result.import.files.map((f) => f.format);
    expect(formats).toEqual([
      'cms-provider-service',
      'affiliations',
      'access',
      'open-payments',
      'time-windows',
      'diagnosis',
      'roster',
      'alignment',
    ]);
    const claims = result.import.files[0]!;
    expect(claims.year).toBe(2022);
    expect(claims.imported).toBe(result.volumeRows);
    expect(claims.ungeocodedZips.count).toBe(0);
  });

  it('leaves a workspace marked synthetic with geocoded providers, reps and affiliations', async () => {
    const info = await engine.info();
    if (!info.ok) throw new Error(info.error.message);
    expect(info.value.synthetic).toBe(true);
    expect(info.value.providers).toBe(3000);
    expect(info.value.geocodedProviders).toBe(3000);
    expect(info.value.reps).toBe(6);
    expect(info.value.affiliations).toBeGreaterThan(300);
    expect(info.value.years).toEqual([2022]);
  });

  it('supports market sizing on its procedure codes', async () => {
    const m = await engine.marketSize({ codes: ['27447', '27130'] });
    if (!m.ok) throw new Error(m.error.message);
    expect(m.value.providers).toBeGreaterThan(10);
    expect(m.value.services).toBeGreaterThan(m.value.providers * 11);
    expect(m.value.beneficiaries).toBeLessThanOrEqual(m.value.services);
  });

  it('removes its temporary files', () => {
    const folders = new Set(result.import.files.map((f) => dirname(f.path)));
    expect(folders.size).toBe(1);
    for (const folder of folders) {
      expect(folder.startsWith(join(tmpdir(), 'tessera-demo-'))).toBe(true);
      expect(existsSync(folder)).toBe(false);
    }
  });

  it('refuses to add demo data to a workspace that already holds data', async () => {
    const again = await engine.createDemo({ providers: 3000, seed: 5 });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('CONFLICT');
  });

  it('rejects an out-of-range size with a clear message', async () => {
    const fresh = openEngine(join(dir, 'bad.tessera'), { create: true });
    const r = await fresh.createDemo({ providers: 10 });
    await fresh.close();
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('BAD_INPUT');
      expect(r.error.message).toMatch(/--providers 10/);
    }
  });

  it('is cancellable and leaves the workspace empty and unmarked', async () => {
    const fresh = openEngine(join(dir, 'cancelled.tessera'), { create: true });
    const token = createCancelToken();
    cancel(token);
    const r = await fresh.createDemo({ providers: 2000 }, { cancel: token });
    const info = await fresh.info();
    await fresh.close();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('CANCELLED');
    if (!info.ok) throw new Error(info.error.message);
    expect(info.value.providers).toBe(0);
    expect(info.value.synthetic).toBe(false);
  });

  it('builds the same workspace content from the same seed', async () => {
    const twin = openEngine(join(dir, 'twin.tessera'), { create: true });
    const r = await twin.createDemo({ providers: 3000, seed: 5, reps: 6 });
    const a = await engine.marketSize({ codes: ['99214', 'J0178', '33361'] });
    const b = await twin.marketSize({ codes: ['99214', 'J0178', '33361'] });
    await twin.close();
    if (!r.ok || !a.ok || !b.ok) throw new Error('demo or market failed');
    expect(r.value.volumeRows).toBe(result.volumeRows);
    expect({ ...b.value, millis: 0 }).toEqual({ ...a.value, millis: 0 });
  });

  it('removes demo folders a killed run left behind, and only old ones', () => {
    const stale = mkdtempSync(join(tmpdir(), 'tessera-demo-'));
    const fresh = mkdtempSync(join(tmpdir(), 'tessera-demo-'));
    writeFileSync(join(stale, 'synthetic_demo_roster.csv'), 'rep_id,name\n');
    const sevenHoursAgo = (Date.now() - 7 * 3600 * 1000) / 1000;
    utimesSync(stale, sevenHoursAgo, sevenHoursAgo);
    expect(removeStaleDemoFolders()).toBeGreaterThanOrEqual(1);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    rmSync(fresh, { recursive: true, force: true });
  });
});
