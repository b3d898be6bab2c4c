// Provider trends on real data: the CMS CY2012 excerpt, plus a CY2013 derived from it by documented,
// seeded perturbations, both imported through the engine. Trend classes, tier changes and
// per-year volumes must equal an independent computation made here from the two files' bytes.
//
// (the derived year's perturbations: test/db/trendsFixture.ts)
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrendsResult } from '../../workers/common/contract';
import { openEngine, type Engine } from '../../workers/engine/runtime/engine';
import {
  classOf,
  CY2012,
  derive2013,
  market,
  readTsv,
  servicesByNpi,
  tiersOf,
} from './trendsFixture';

let engine: Engine;
let y12: Map<string, number>;
let y13: Map<string, number>;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-trends-'));
  const src = readTsv(readFileSync(CY2012, 'utf8'));
  const d = derive2013(src);
  const f13 = join(dir, 'cms-cy2013-derived.txt');
  writeFileSync(f13, [src.header, ...d.rows.map((r) => r.join('\t'))].join('\n'));
  engine = openEngine(join(dir, 'w.tessera'), { create: true });
  for (const [file, year] of [
    [CY2012, 2012],
    [f13, 2013],
  ] as const) {
    const r = await engine.importFiles({ files: [file], year });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.files[0]!.rejected).toBe(0);
  }
  y12 = servicesByNpi(src);
  y13 = servicesByNpi({ header: src.header, rows: d.rows });
}, 120_000);

afterAll(async () => {
  await engine?.close();
});

async function trends(req: Partial<Parameters<Engine['trends']>[0]> = {}): Promise<TrendsResult> {
  const r = await engine.trends({ market, top: 1000, ...req });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('provider trends across two claims years', () => {
  it('classes every provider as the independent computation does', async () => {
    const r = await trends();
    expect([r.from, r.to, r.years]).toEqual([2012, 2013, [2012, 2013]]);
    const expected: Record<string, number> = { new: 0, rising: 0, stable: 0, falling: 0, gone: 0 };
    const npis = new Set([...y12.keys(), ...y13.keys()]);
    for (const npi of npis) {
      const c = classOf(y12.get(npi) ?? 0, y13.get(npi) ?? 0);
      if (c) expected[c]! += 1;
    }
    expect(r.classes).toEqual(expected);
    // every perturbation shows up
    for (const c of ['new', 'rising', 'stable', 'falling', 'gone'])
      expect(expected[c]).toBeGreaterThan(10);
    // each listed riser/faller carries its own class and both years' volumes
    for (const row of [...r.risers, ...r.fallers]) {
      expect(row.volumes).toEqual([y12.get(row.npi) ?? 0, y13.get(row.npi) ?? 0]);
      expect(row.trend).toBe(classOf(row.volumes[0]!, row.volumes[1]!));
    }
    const sum = (m: Map<string, number>) =>
      [...m]
        .filter(([n]) => classOf(y12.get(n) ?? 0, y13.get(n) ?? 0))
        .reduce((s, [, v]) => s + v, 0);
    expect(r.volumeByYear[0]).toBeCloseTo(sum(y12), 3);
    expect(r.volumeByYear[1]).toBeCloseTo(sum(y13), 3);
  });

  it('counts tier changes as an independent tiering of each year does', async () => {
    const r = await trends();
    const t12 = tiersOf(y12);
    const t13 = tiersOf(y13);
    const expected = new Map<string, number>();
    for (const npi of new Set([...y12.keys(), ...y13.keys()])) {
      if (!classOf(y12.get(npi) ?? 0, y13.get(npi) ?? 0)) continue;
      const k = `${t12.get(npi) ?? '-'}${t13.get(npi) ?? '-'}`;
      expected.set(k, (expected.get(k) ?? 0) + 1);
    }
    const got = new Map(r.tierChanges.map((c) => [`${c.from}${c.to}`, c.providers]));
    expect(got).toEqual(expected);
    expect(got.get('-A') ?? 0).toBeGreaterThan(0); // new A accounts exist (copies of strong providers)
  });

  it('filters without recomputing: classes, tiers, specialties', async () => {
    const all = await trends();
    const rising = await trends({ filter: { classes: ['rising'] } });
    expect(rising.classes.rising).toBe(all.classes.rising);
    expect(rising.classes.stable).toBe(0);
    expect(rising.risers.every((x) => x.trend === 'rising')).toBe(true);
    const a = await trends({ filter: { tiers: ['A'] } });
    expect(a.risers.concat(a.fallers).every((x) => x.tiers[1] === 'A')).toBe(true);
    const im = await trends({ filter: { specialties: ['internal medicine'] } });
    expect(im.risers.length).toBeGreaterThan(0);
    expect(im.risers.every((x) => x.specialty.toLowerCase() === 'internal medicine')).toBe(true);
  });

  it('ranks risers by the size of the change', async () => {
    const r = await trends({ top: 10 });
    expect(r.risers).toHaveLength(10);
    const changes = r.risers.map((x) => x.change);
    expect(changes).toEqual([...changes].sort((a, b) => b - a));
    const best = Math.max(
      ...[...new Set([...y12.keys(), ...y13.keys()])]
        .filter((n) => classOf(y12.get(n) ?? 0, y13.get(n) ?? 0))
        .map((n) => (y13.get(n) ?? 0) - (y12.get(n) ?? 0)),
    );
    expect(changes[0]).toBe(best);
  });

  it('refuses years the workspace does not hold and bad thresholds, naming what exists', async () => {
    const bad = await engine.trends({ market, from: 2011 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/2012, 2013/);
    const backwards = await engine.trends({ market, from: 2013, to: 2012 });
    expect(backwards.ok).toBe(false);
    const t = await engine.trends({ market, thresholds: { risingShare: -1 } });
    expect(t.ok).toBe(false);
    if (!t.ok) expect(t.error.code).toBe('BAD_INPUT');
  });
});

describe('cohorts', () => {
  it('saves a cohort from a file of NPIs, reporting every line that is not one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-cohort-'));
    const some = [...y12.keys()].slice(0, 5);
    const file = join(dir, 'targets.csv');
    writeFileSync(
      file,
      `\uFEFF"NPI","Name"\n${some.map((n) => `"${n}","x"`).join('\n')}\n12345,short\n${some[0]},again\n,empty\n1234567890,bad check digit\n`,
    );
    const r = await engine.saveCohort({ name: 'Targets', npiFile: file });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.providers).toBe(5);
    expect(r.value.duplicates).toBe(1);
    expect(r.value.rejected.map((x) => x.line)).toEqual([7, 9, 10]);
    const again = await engine.saveCohort({ name: 'targets', npis: [some[0]!] });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('CONFLICT');
    const binary = join(dir, 'x.csv');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
    const b = await engine.saveCohort({ name: 'Bin', npiFile: binary });
    expect(b.ok).toBe(false);
    if (!b.ok) expect(b.error.message).not.toMatch(/[\u0000-\u0008]/);
  });

  it('saves what a trends filter keeps and compares cohorts with everyone else', async () => {
    const rising = await trends({ filter: { classes: ['rising'] } });
    const saved = await engine.saveCohort({
      name: 'Risers',
      fromTrends: { market, filter: { classes: ['rising'] } },
    });
    if (!saved.ok) throw new Error(saved.error.message);
    expect(saved.value.providers).toBe(rising.classes.rising);
    const cmp = await engine.compareCohorts({ market, cohorts: ['Risers'] });
    if (!cmp.ok) throw new Error(cmp.error.message);
    const [risers, rest] = cmp.value.cohorts;
    expect(risers!.classes.rising).toBe(rising.classes.rising);
    expect(risers!.classes.stable).toBe(0);
    // independent: the cohort's and everyone else's volumes add up to the market's per year
    const all = await trends();
    for (let y = 0; y < 2; y++)
      expect(risers!.volumeByYear[y]! + rest!.volumeByYear[y]!).toBeCloseTo(
        all.volumeByYear[y]!,
        2,
      );
    expect(risers!.growthPerYear!).toBeGreaterThan(0.2);
    const inCohort = await trends({ filter: { cohort: 'Risers' } });
    expect(inCohort.classes).toEqual(rising.classes);
    const missing = await engine.compareCohorts({ market, cohorts: ['nope'] });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toMatch(/Risers/);
  });
});
