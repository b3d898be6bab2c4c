// End to end: a small synthetic workspace, a generated alignment, then `exportScenario`; the produced
// workbooks are opened with an independent reader (exceljs) and checked against the engine's metrics.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult, ScenarioMetrics } from '../../workers/common/contract';
import { cancel, createCancelToken } from '../../workers/common/progress';
import { openEngine, type Engine } from '../../workers/engine/runtime/engine';

const dir = mkdtempSync(join(tmpdir(), 'tessera-export-test-'));
let engine: Engine;
let result: ExportResult;
let metrics: ScenarioMetrics;

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function book(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

function findRow(ws: ExcelJS.Worksheet, firstCell: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === firstCell) return r;
  return -1;
}

beforeAll(async () => {
  engine = openEngine(join(dir, 'ws.tessera'), { create: true });
  unwrap(await engine.createDemo({ providers: 2500, seed: 3, reps: 5 }));
  unwrap(await engine.align({ territories: 5, scenario: 'plan', seed: 1 }));
  metrics = unwrap(await engine.scenarioMetrics({ scenario: 'plan' }));
  result = unwrap(await engine.exportScenario({ scenario: 'plan', outDir: join(dir, 'out') }));
}, 400_000);

afterAll(async () => {
  await engine.close();
});

describe('exportScenario', () => {
  it('lists every file with its size and row counts, and totals equal to the engine metrics', () => {
    const paths = result.files.map((f) => f.path);
    expect(paths.slice(0, 1)).toEqual(['plan-alignment.xlsx']);
    expect(paths).toEqual(
      expect.arrayContaining(['alignment.csv', 'accounts.csv', 'territories.geojson']),
    );
    expect(paths.filter((p) => p.startsWith('packs/'))).toHaveLength(5);
    for (const f of result.files) expect(f.bytes).toBeGreaterThan(0);
    const accounts = metrics.perTerritory.reduce((s, t) => s + t.accounts, 0);
    expect(result.totals.territories).toBe(5);
    expect(result.totals.accounts).toBe(accounts);
    expect(result.totals.potential).toBeCloseTo(
      metrics.perTerritory.reduce((s, t) => s + t.potential, 0),
      0,
    );
    expect(result.totals.against).toBe('baseline');
  });

  it('writes a master workbook whose Summary rows and totals match the metrics and the JSON result', async () => {
    const wb = await book(join(result.outDir, 'plan-alignment.xlsx'));
    // One transfer matrix (on Changes); ZIPs without accounts in an appendix sheet.
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'ZIPs',
      'ZIPs without accounts',
      'Accounts',
      'Roster',
      'Changes',
    ]);
    const zipSheet = wb.getWorksheet('ZIPs')!;
    const accountsCol = (zipSheet.getRow(1).values as unknown[]).indexOf('Accounts');
    expect(accountsCol).toBeGreaterThan(0);
    for (let r = 2; r <= zipSheet.rowCount; r++)
      expect(Number(zipSheet.getRow(r).getCell(accountsCol).value)).toBeGreaterThan(0);
    expect(result.files[0]!.rows.ZIPs! + result.files[0]!.rows['ZIPs without accounts']!).toBe(
      result.totals.zips,
    );
    const summary = wb.getWorksheet('Summary')!;
    const header = findRow(summary, 'Region');
    expect(header).toBeGreaterThan(3);
    expect(summary.getRow(header).values).toEqual(
      expect.arrayContaining([
        'Territory',
        'Rep',
        'Accounts',
        'Tier A',
        'Potential',
        'Index ÷ mean',
        'Balance band',
        'Quota',
        'Drive P90 (min)',
      ]),
    );
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: header });
    expect(summary.pageSetup.orientation).toBe('landscape');
    const totalRow = [...Array(summary.rowCount).keys()]
      .map((i) => summary.getRow(i + 1))
      .find((r) => r.getCell(4).value === 'National total')!;
    expect(totalRow).toBeDefined();
    expect(totalRow.getCell(7).value).toBe(result.totals.accounts);
    expect(totalRow.getCell(11).value as number).toBeCloseTo(result.totals.potential, 3);
    const territoryRows = [...Array(summary.rowCount - header).keys()]
      .map((i) => summary.getRow(header + 1 + i))
      .filter((r) => typeof r.getCell(3).value === 'string' && r.getCell(3).value !== '');
    expect(territoryRows).toHaveLength(5);
    for (const r of territoryRows) {
      const m = metrics.perTerritory.find((t) => t.territoryId === r.getCell(3).value)!;
      expect(r.getCell(7).value).toBe(m.accounts);
      expect(r.getCell(16).value as number).toBeCloseTo(m.indexRatio, 6);
    }
    // No formulas anywhere: every value shows without recalculation.
    for (const ws of wb.worksheets)
      ws.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
    const accounts = wb.getWorksheet('Accounts')!;
    expect(accounts.rowCount - 1).toBe(result.totals.accounts);
    expect(accounts.getCell('A2').value).toMatch(/^\d{10}$/);
    expect(result.files[0]!.rows.Accounts).toBe(result.totals.accounts);
    const changes = wb.getWorksheet('Changes')!;
    expect(String(changes.getCell('A1').value)).toContain('baseline');
    expect(result.files[0]!.rows['Changes: units']).toBe(result.totals.unitsMoved);
    // The transfer matrix is on the Changes sheet itself (one row per from → to pair), before the moves.
    const changesHeader = findRow(changes, 'Change');
    expect(changes.getRow(changesHeader).values).toEqual(
      expect.arrayContaining([
        'From territory',
        'To territory',
        'Accounts',
        'Tier A accounts',
        'Opportunity moved',
      ]),
    );
    const kinds = [...Array(changes.rowCount - changesHeader).keys()].map(
      (i) => changes.getRow(changesHeader + 1 + i).getCell(1).value,
    );
    const transfers = kinds.filter((k) => k === 'Transfer').length;
    expect(transfers).toBe(result.files[0]!.rows.Transfers);
    expect(transfers).toBeGreaterThan(0);
    expect(kinds.lastIndexOf('Transfer')).toBeLessThan(kinds.indexOf('ZIP moves'));
    const transferAccounts = [...Array(transfers).keys()].reduce(
      (sum, i) => sum + Number(changes.getRow(changesHeader + 1 + i).getCell(8).value),
      0,
    );
    expect(transferAccounts).toBe(result.totals.accountsMoved);
  }, 600_000);

  it('says so when a scenario has no changes instead of leaving an empty sheet', async () => {
    const r = unwrap(
      await engine.exportScenario({
        scenario: 'plan',
        baseline: 'plan',
        outDir: join(dir, 'same'),
        routes: false,
        maps: false,
      }),
    );
    expect(r.totals.changes).toBe(0);
    const wb = await book(join(r.outDir, 'plan-alignment.xlsx'));
    const changes = wb.getWorksheet('Changes')!;
    expect(String(changes.getCell('A2').value)).toMatch(
      /^No changes: every ZIP and every account is in the same territory/,
    );
    expect(wb.getWorksheet('Transfers')).toBeUndefined();
  }, 300_000);

  it('writes a rep pack with overview, map image, ranked targets, ZIPs and the week route', async () => {
    const pack = result.files.find((f) => f.path.startsWith('packs/'))!;
    const wb = await book(join(result.outDir, pack.path));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Overview',
      'What changed',
      'Targets',
      'ZIPs',
      'ZIPs without accounts',
      'Routes',
    ]);
    const overview = wb.getWorksheet('Overview')!;
    expect(overview.getImages()).toHaveLength(1);
    expect(String(overview.getCell('A1').value)).toMatch(/^Territory /);
    const targets = wb.getWorksheet('Targets')!;
    expect(targets.rowCount - 1).toBe(pack.rows.Targets);
    const tiers = [...Array(targets.rowCount - 1).keys()].map((i) =>
      String(targets.getCell(i + 2, 2).value),
    );
    expect([...tiers].sort()).toEqual(tiers);
    expect(targets.getCell('A2').value).toBe(1);
    const routes = wb.getWorksheet('Routes')!;
    expect(String(routes.getCell('A1').value)).toMatch(/^Week plan/);
    // Stop rows carry real clock times (a fraction of the day, shown hh:mm), increasing through the day.
    const head = findRow(routes, 'Day');
    const rows = [...Array(routes.rowCount - head).keys()].map((i) => routes.getRow(head + 1 + i));
    const isEnd = (r: ExcelJS.Row) => String(r.getCell(6).value).startsWith('End:');
    const stops = rows.filter((r) => typeof r.getCell(2).value === 'number' && !isEnd(r));
    expect(stops.length).toBe(pack.rows['Route stops']);
    // Each day's End row carries the day's visit count in the Stop column.
    expect(rows.filter(isEnd).reduce((sum, r) => sum + Number(r.getCell(2).value), 0)).toBe(
      pack.rows['Route stops'],
    );
    // exceljs reads a number with a time format back as a Date on Excel's 1899-12-30 epoch.
    const dayFraction = (v: unknown) =>
      v instanceof Date ? (v.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000 : Number(v);
    for (const r of stops) {
      const arrive = dayFraction(r.getCell(3).value);
      const depart = dayFraction(r.getCell(4).value);
      expect(arrive).toBeGreaterThan(0);
      expect(depart).toBeGreaterThanOrEqual(arrive);
      expect(depart).toBeLessThan(1);
      expect(r.getCell(3).numFmt).toBe('hh:mm');
    }
  });

  it('writes CRM CSVs and one dissolved feature per territory', () => {
    // UTF-8 with BOM for Excel users; ZIPs and NPIs in the ="00601" text form (see crm/generic/README.txt).
    const alignment = readFileSync(join(result.outDir, 'alignment.csv'), 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(alignment[0]).toBe('\ufeffterritory,district,region,rep_id,zip');
    expect(alignment[1]).toMatch(/,="\d{5}"$/);
    expect(alignment.length - 1).toBe(result.totals.zips);
    const accounts = readFileSync(join(result.outDir, 'accounts.csv'), 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(accounts[0]).toBe('\ufeffnpi,territory,rep_id,tier,calls_per_year,zip');
    expect(accounts[1]).toMatch(/^="\d{10}",/);
    expect(accounts.length - 1).toBe(result.totals.accounts);
    const geo = JSON.parse(readFileSync(join(result.outDir, 'territories.geojson'), 'utf8')) as {
      features: {
        properties: { territory: string; accounts: number };
        geometry: { type: string };
      }[];
    };
    expect(geo.features).toHaveLength(5);
    for (const f of geo.features) {
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
      expect(f.properties.accounts).toBe(
        metrics.perTerritory.find((t) => t.territoryId === f.properties.territory)!.accounts,
      );
    }
  });

  it('stops on cancel and removes what it wrote', async () => {
    const token = createCancelToken();
    cancel(token);
    const r = await engine.exportScenario(
      { scenario: 'plan', outDir: join(dir, 'cancelled'), routes: false },
      { cancel: token },
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('CANCELLED');
    expect(existsSync(join(dir, 'cancelled', 'plan-alignment.xlsx'))).toBe(false);
  });
});
