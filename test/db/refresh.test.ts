// The refresh report on real data: the CMS CY2012 excerpt with a current alignment (territories by
// state), then a derived CY2013 (test/db/trendsFixture.ts). Checked against independent figures: the
// plan's balance "before" equals the same plan's metrics in a workspace that holds only 2012, and the
// new / lost Tier A accounts equal an independent tiering of each year from the files' bytes.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefreshReport, ScenarioMetrics } from '../../workers/common/contract';
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

let both: Engine;
let only2012: Engine;
let report: RefreshReport;
let y12: Map<string, number>;
let y13: Map<string, number>;

/** Current alignment: one territory per state of the excerpt's ZIPs. */
function alignmentCsv(rows: string[][], header: string[]): string {
  const ZIP = header.indexOf('nppes_provider_zip');
  const ST = header.indexOf('nppes_provider_state');
  const zips = new Map<string, string>();
  for (const r of rows) zips.set(r[ZIP]!.slice(0, 5), r[ST]!);
  const states = [...new Set(zips.values())].sort();
  return [
    'zip,territory_id,district,region',
    ...[...zips].map(([z, st]) => `${z},T${String(states.indexOf(st) + 1).padStart(2, '0')},D1,R1`),
  ].join('\n');
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-refresh-'));
  const src = readTsv(readFileSync(CY2012, 'utf8'));
  const d = derive2013(src);
  const f13 = join(dir, 'cms-cy2013-derived.txt');
  writeFileSync(f13, [src.header, ...d.rows.map((r) => r.join('\t'))].join('\n'));
  const align = join(dir, 'alignment.csv');
  writeFileSync(align, alignmentCsv(src.rows, src.header.split('\t')));
  const open = async (name: string, files: [string, number | undefined][]) => {
    const e = openEngine(join(dir, name), { create: true });
    for (const [file, year] of files) {
      const r = await e.importFiles({ files: [file], year });
      if (!r.ok) throw new Error(r.error.message);
    }
    const saved = await e.saveMarket(market);
    if (!saved.ok) throw new Error(saved.error.message);
    return e;
  };
  both = await open('both.tessera', [
    [CY2012, 2012],
    [align, undefined],
    [f13, 2013],
  ]);
  only2012 = await open('2012.tessera', [
    [CY2012, 2012],
    [align, undefined],
  ]);
  const r = await both.refreshReport({ top: 1000 });
  if (!r.ok) throw new Error(r.error.message);
  report = r.value;
  y12 = servicesByNpi(src);
  y13 = servicesByNpi({ header: src.header, rows: d.rows });
}, 120_000);

afterAll(async () => {
  await both?.close();
  await only2012?.close();
});

describe('refresh report', () => {
  it('compares the plan on the year it was made on with the new year', () => {
    expect([report.scenario, report.market, report.previousYear, report.year]).toEqual([
      'baseline',
      market.name,
      2012,
      2013,
    ]);
    expect(report.before.territories).toBeGreaterThan(20);
  });

  it("gives the plan's balance on the previous year exactly as a workspace holding only that year", async () => {
    const m = await only2012.scenarioMetrics({ scenario: 'baseline' });
    if (!m.ok) throw new Error(m.error.message);
    const v: ScenarioMetrics = m.value;
    expect(report.before).toEqual({
      within5: v.within5,
      withinBand: v.withinBand,
      maxMinRatio: v.maxMinRatio,
      territories: v.territories,
    });
    // every territory listed as moved really changed band between the two years, and none is missing
    const after = await both.scenarioMetrics({ scenario: 'baseline' });
    if (!after.ok) throw new Error(after.error.message);
    const bandBefore = new Map(v.perTerritory.map((t) => [t.territoryId, t.band]));
    const changed = after.value.perTerritory
      .filter((t) => bandBefore.get(t.territoryId) !== t.band)
      .map((t) => t.territoryId)
      .sort();
    expect(report.territoriesMoved.map((t) => t.territoryId).sort()).toEqual(changed);
    expect(changed.length).toBeGreaterThan(0);
  });

  it('names the new and lost Tier A accounts of an independent tiering, each with a true reason', () => {
    const t12 = tiersOf(y12);
    const t13 = tiersOf(y13);
    const npis = [...new Set([...y12.keys(), ...y13.keys()])].filter((n) =>
      classOf(y12.get(n) ?? 0, y13.get(n) ?? 0),
    );
    const gained = npis.filter((n) => t13.get(n) === 'A' && t12.get(n) !== 'A').sort();
    const lost = npis.filter((n) => t12.get(n) === 'A' && t13.get(n) !== 'A').sort();
    expect(report.newTierACount).toBe(gained.length);
    expect(report.lostTierACount).toBe(lost.length);
    expect(report.newTierA.map((a) => a.npi).sort()).toEqual(gained);
    expect(report.lostTierA.map((a) => a.npi).sort()).toEqual(lost);
    for (const a of [...report.newTierA, ...report.lostTierA]) {
      const before = y12.get(a.npi) ?? 0;
      const after = y13.get(a.npi) ?? 0;
      expect([a.volumeBefore, a.volumeAfter]).toEqual([before, after]);
      if (before === 0) expect(a.reason).toMatch(/^new: no services in 2012/);
      else if (after === 0) expect(a.reason).toMatch(/no services in 2013/);
      else
        expect(a.reason).toContain(
          `${after > before ? '+' : ''}${Math.round((after / before - 1) * 100)} %`,
        );
      expect(a.territory).toMatch(/^T\d\d$/);
    }
  });

  it('writes every account whose tier changed to an alerts CSV a CRM can load', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-alerts-'));
    const file = join(dir, 'alerts.csv');
    const r = await both.refreshReport({ top: 0, alertsFile: file });
    if (!r.ok) throw new Error(r.error.message);
    const t12 = tiersOf(y12);
    const t13 = tiersOf(y13);
    const changed = [...new Set([...y12.keys(), ...y13.keys()])].filter(
      (n) =>
        classOf(y12.get(n) ?? 0, y13.get(n) ?? 0) && (t12.get(n) ?? '-') !== (t13.get(n) ?? '-'),
    );
    const text = readFileSync(file, 'utf8');
    expect(
      text.startsWith(
        '\uFEFFnpi,name,specialty,city,state,zip5,territory,tier_before,tier_after,volume_before,volume_after,reason\r\n',
      ),
    ).toBe(true);
    const lines = text.trim().split('\r\n').slice(1);
    expect(r.value.alerts).toEqual({ path: file, rows: changed.length });
    expect(lines.map((l) => l.split(',')[0]).sort()).toEqual(changed.sort());
    const bad = await both.refreshReport({ alertsFile: join(dir, 'no-such-folder', 'a.csv') });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/does not exist/);
  });

  it('says what it cannot check instead of reporting nothing', () => {
    expect(report.notChecked.join(' ')).toMatch(/deactivated/);
  });
});
