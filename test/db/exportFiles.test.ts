// The export's files as the people who receive them use them: workbooks checked against the ECMA-376
// schemas and round-tripped through openpyxl, for the demo's baseline and for a rebalanced scenario.
// Needs xmllint (Debian libxml2-utils) and python3 with openpyxl + pillow.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../workers/common/contract';
import { openEngine, type Engine } from '../../workers/engine/runtime/engine';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadUnitShapes } from '../../workers/data/geoShapes';
import { openWorkspace } from '../../workers/data/workspace';
import { loadProfile, parseCsv, veevaChecks, type Org } from './crmStandIn';
import { openpyxlRoundTrip, validateWorkbooks } from './ooxmlCheck';

const dir = mkdtempSync(join(tmpdir(), 'tessera-export-files-'));
let engine: Engine;
let baseline: ExportResult;
let rebalanced: ExportResult;
const crm: Record<string, ExportResult> = {};
let npis: string[] = [];
let repIds: string[] = [];

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

beforeAll(async () => {
  engine = openEngine(join(dir, 'ws.tessera'), { create: true });
  unwrap(await engine.createDemo({ providers: 3000, seed: 11, reps: 4 }));
  unwrap(await engine.align({ from: 'baseline', scenario: 'rebalanced', seed: 1 }));
  baseline = unwrap(
    await engine.exportScenario({ scenario: 'baseline', outDir: join(dir, 'baseline') }),
  );
  rebalanced = unwrap(
    await engine.exportScenario({ scenario: 'rebalanced', outDir: join(dir, 'rebalanced') }),
  );
  for (const profile of ['salesforce', 'veeva', 'generic'] as const) {
    crm[profile] = unwrap(
      await engine.exportScenario({
        scenario: 'rebalanced',
        outDir: join(dir, `crm-${profile}`),
        crm: profile,
        routes: false,
        maps: false,
      }),
    );
  }
  const ws = openWorkspace(join(dir, 'ws.tessera'));
  npis = (ws.db.prepare('SELECT npi FROM providers').all() as { npi: number }[]).map((r) =>
    String(r.npi).padStart(10, '0'),
  );
  repIds = (ws.db.prepare('SELECT rep_id FROM reps').all() as { rep_id: string }[]).map(
    (r) => r.rep_id,
  );
  ws.close();
}, 600_000);

afterAll(async () => {
  await engine.close();
});

const workbooks = (r: ExportResult) =>
  r.files.filter((f) => f.path.endsWith('.xlsx')).map((f) => join(r.outDir, f.path));

describe('export workbooks against ECMA-376', () => {
  it('every XML part of the master and of every rep pack validates (baseline and rebalanced)', () => {
    const books = [...workbooks(baseline), ...workbooks(rebalanced)];
    expect(books.length).toBe(2 + baseline.totals.packs + rebalanced.totals.packs);
    expect(validateWorkbooks(books)).toEqual([]);
  }, 600_000);

  it('the schema check itself rejects a drawing with editAs on a oneCellAnchor', async () => {
    const { writeFileSync, readFileSync } = await import('node:fs');
    const { execFileSync } = await import('node:child_process');
    const bad = join(dir, 'bad');
    execFileSync('unzip', [
      '-q',
      '-o',
      workbooks(rebalanced).find((p) => p.includes('packs'))!,
      '-d',
      bad,
    ]);
    const drawing = join(bad, 'xl', 'drawings', 'drawing1.xml');
    writeFileSync(
      drawing,
      readFileSync(drawing, 'utf8').replace(
        '<xdr:oneCellAnchor>',
        '<xdr:oneCellAnchor editAs="oneCell">',
      ),
    );
    execFileSync('zip', ['-q', '-r', join(dir, 'bad.xlsx'), '.'], { cwd: bad });
    expect(validateWorkbooks([join(dir, 'bad.xlsx')]).join('\n')).toMatch(/editAs/);
  });

  it('openpyxl keeps the map picture on a load/save round trip (a baseline and a rebalanced pack)', () => {
    for (const path of [
      workbooks(baseline).find((p) => p.includes('packs'))!,
      workbooks(rebalanced).find((p) => p.includes('packs'))!,
    ]) {
      const r = openpyxlRoundTrip(path);
      expect(r.before.Overview).toBe(1);
      expect(r.after.Overview).toBe(1);
    }
  }, 300_000);
});

/** The customer's org before the load: accounts carrying the NPI in an external-ID field, users, the territory type. */
function org(accountKey: string): Org {
  return {
    Account: npis.map((n) => ({ Id: `001${n}`, [accountKey]: n })),
    User: repIds.map((r) => ({ Id: `005${r}`, FederationIdentifier: r })),
    Territory2Type: [
      { DeveloperName: 'Tessera_Territory', MasterLabel: 'Tessera territory', Priority: '1' },
    ],
  };
}
const KEYS = (accountKey: string) => ({
  Account: [accountKey],
  User: ['FederationIdentifier', 'Email', 'Username'],
});

describe('CRM profiles load into the stand-in org', () => {
  it('Salesforce ETM: every file loads in manifest order, every account and rep is associated', () => {
    const d = join(crm.salesforce!.outDir, 'crm', 'salesforce');
    const r = loadProfile(d, org('NPI__c'), KEYS('NPI__c'));
    expect(r.problems).toEqual([]);
    expect(r.counts['ObjectTerritory2Association.csv']).toBe(crm.salesforce!.totals.accounts);
    expect(
      r.org.ObjectTerritory2Association!.every((a) => a.AssociationCause === 'Territory2Manual'),
    ).toBe(true);
    expect(r.counts['UserTerritory2Association.csv']).toBe(crm.salesforce!.totals.territories);
    expect(r.counts['Territory2Model.csv']).toBe(1);
    // Territories, their districts and regions, one root.
    expect(r.org.Territory2!.filter((t) => !t.ParentTerritory2Id)).toHaveLength(1);
    expect(readFileSync(join(d, 'README.txt'), 'utf8')).toMatch(
      /Territory2Model\.csv[\s\S]*Territory2\.csv[\s\S]*ObjectTerritory2Association\.csv[\s\S]*UserTerritory2Association\.csv/,
    );
  });

  it('the stand-in rejects what a real load rejects (the check can fail)', () => {
    const d = join(crm.salesforce!.outDir, 'crm', 'salesforce');
    // Accounts keyed on another field: no ObjectId resolves.
    expect(loadProfile(d, org('Other__c'), KEYS('Other__c')).problems.join('\n')).toMatch(
      /NPI__c is not an indexed|finds no record/,
    );
    // A user missing from the org.
    const o = org('NPI__c');
    o.User = o.User!.slice(1);
    expect(loadProfile(d, o, KEYS('NPI__c')).problems.join('\n')).toMatch(
      /UserId lookup FederationIdentifier = ".*" finds no record/,
    );
  });

  it('Veeva CRM: hierarchy, users, ATL with ";T081;" lists and Zip_to_Terr load, and the naming rules hold', () => {
    const d = join(crm.veeva!.outDir, 'crm', 'veeva');
    const r = loadProfile(d, org('NPI_vod__c'), KEYS('NPI_vod__c'));
    expect(r.problems).toEqual([]);
    expect(veevaChecks(r.org)).toEqual([]);
    expect(r.counts['Account_Territory_Loader_vod__c.csv']).toBe(crm.veeva!.totals.accounts);
    expect(r.counts['Zip_to_Terr_vod__c.csv']).toBe(crm.veeva!.totals.zips);
    expect(r.org.Account_Territory_Loader_vod__c![0]!.Territory_vod__c).toMatch(/^;T\d+;$/);
    // ZIPs keep their leading zeros.
    expect(r.org.Zip_to_Terr_vod__c!.some((z) => /^0\d{4}$/.test(z.Name!))).toBe(true);
    expect(
      veevaChecks({
        ...r.org,
        Territory2: [...r.org.Territory2!, { DeveloperName: 'X', Name: '0T 1' }],
      }).join('\n'),
    ).toMatch(/0T 1: begins with 0[\s\S]*0T 1: contains a space/);
  });

  it('generic: UTF-8 with BOM, ZIPs and NPIs in the ="00601" text form, row counts in the manifest', () => {
    const d = join(crm.generic!.outDir, 'crm', 'generic');
    const text = readFileSync(join(d, 'alignment.csv'), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    // The ="00601" form is written unquoted (a spreadsheet's formula text), so split plain lines here.
    const rows = text
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(rows[0]).toEqual(['territory', 'district', 'region', 'rep_id', 'zip']);
    expect(rows.slice(1).every((r) => /^="\d{5}"$/.test(r[4]!))).toBe(true);
    expect(rows.slice(1).some((r) => r[4]!.startsWith('="0'))).toBe(true);
    const manifest = parseCsv(readFileSync(join(d, 'manifest.csv'), 'utf8')).filter(
      (r) => r.length > 1,
    );
    expect(manifest.find((m) => m[1] === 'alignment.csv')![3]).toBe(String(rows.length - 1));
    expect(readFileSync(join(d, 'README.txt'), 'utf8')).toMatch(/="00601"/);
  });
});

async function sheetRows(path: string, name: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet(name);
  if (!ws) return [];
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

describe("the rep's own story", () => {
  it('every pack of the rebalanced scenario has a What changed sheet whose rows equal the master transfer matrix rows of its territory', async () => {
    const master = await sheetRows(join(rebalanced.outDir, 'rebalanced-alignment.xlsx'), 'Changes');
    const head = master.findIndex((r) => r[0] === 'Change');
    const cols = master[head]!;
    const at = (h: string) => cols.indexOf(h);
    const transfers = master.slice(head + 1).filter((r) => r[0] === 'Transfer');
    expect(transfers.length).toBeGreaterThan(0);
    // Every moved ZIP and account on the master carries a reason.
    const moves = master
      .slice(head + 1)
      .filter((r) => r[0] === 'ZIP moves' || r[0] === 'Account moves');
    expect(moves.length).toBe(rebalanced.totals.unitsMoved + rebalanced.totals.accountsMoved);
    for (const r of moves)
      expect(String(r[at('Reason')] ?? '')).toMatch(
        /ZIP moved|Account pinned|Health system kept whole|Rep added|Rep removed|released|Reassigned/,
      );
    const packs = rebalanced.files.filter((f) => f.path.startsWith('packs/'));
    let checked = 0;
    for (const f of packs) {
      const id = f.path.replace(/^packs\/|\.xlsx$/g, '');
      const rows = await sheetRows(join(rebalanced.outDir, f.path), 'What changed');
      expect(rows.length).toBeGreaterThan(0);
      const h = rows.findIndex((r) => r[0] === 'Change');
      const mine = (h >= 0 ? rows.slice(h + 1) : []).filter(
        (r) => r[0] === 'Gained from' || r[0] === 'Lost to',
      );
      const key = (dir: string, other: unknown, u: unknown, a: unknown, ta: unknown, o: unknown) =>
        `${dir}|${other}|${u}|${a}|${ta}|${Math.round(Number(o))}`;
      const fromMaster = transfers
        .filter((r) => r[at('To territory')] === id || r[at('From territory')] === id)
        .map((r) =>
          r[at('To territory')] === id
            ? key(
                'in',
                r[at('From territory')],
                r[at('ZIPs')],
                r[at('Accounts')],
                r[at('Tier A accounts')],
                r[at('Opportunity moved')],
              )
            : key(
                'out',
                r[at('To territory')],
                r[at('ZIPs')],
                r[at('Accounts')],
                r[at('Tier A accounts')],
                r[at('Opportunity moved')],
              ),
        );
      const fromPack = mine.map((r) =>
        key(r[0] === 'Gained from' ? 'in' : 'out', r[1], r[7], r[8], r[9], r[10]),
      );
      expect(fromPack.sort()).toEqual(fromMaster.sort());
      // The detail rows add up to the transfer rows.
      const accountsIn = (h >= 0 ? rows.slice(h + 1) : []).filter(
        (r) => r[0] === 'Account gained',
      ).length;
      expect(accountsIn).toBe(
        mine.filter((r) => r[0] === 'Gained from').reduce((s, r) => s + Number(r[8]), 0),
      );
      if (fromMaster.length) checked++;
    }
    expect(checked).toBeGreaterThan(0);
  }, 120_000);

  it('the overview says in plain words whether the territory is workable', async () => {
    const f = rebalanced.files.find((x) => x.path.startsWith('packs/'))!;
    const rows = await sheetRows(join(rebalanced.outDir, f.path), 'Overview');
    const w = rows.find((r) => r[0] === 'Workable?');
    expect(String(w?.[1])).toMatch(/^(Workable: mean drive|NOT WORKABLE as drawn)/);
  });

  it('the cover states the index weights actually used', async () => {
    const rows = await sheetRows(join(rebalanced.outDir, 'rebalanced-alignment.xlsx'), 'Summary');
    const flat = rows.flat().map(String);
    const i = flat.indexOf('Index weights used');
    expect(i).toBeGreaterThan(-1);
    const metrics = unwrap(await engine.scenarioMetrics({ scenario: 'rebalanced' }));
    expect(metrics).toBeDefined();
    // The demo has no history data: its weight is shown as 0 % used, with what was set.
    expect(flat[i + 2] ?? flat.slice(i + 1).find((v) => v.startsWith('workload'))).toMatch(
      /^workload 66\.7 %, potential 33\.3 %, history 0 % \(set: workload 60 %, potential 30 %, history 10 %; no history data/,
    );
  });
});

/** Every assigned unit's cell rings, straight from the unit geometry (what the territories must cover). */
function assignedCells(r: ExportResult): string {
  const zips = readFileSync(join(r.outDir, 'alignment.csv'), 'utf8')
    .slice(1)
    .trimEnd()
    .split('\r\n')
    .slice(1)
    .map((l) => l.split(',')[4]!.replace(/^="|"$/g, ''));
  const g = loadUnitShapes('zip');
  const index = new Map(g.ids.map((id, i) => [id, i]));
  const cells: number[][][][] = [];
  for (const z of zips) {
    const u = index.get(z);
    if (u === undefined) continue;
    const rings: number[][][] = [];
    for (let k = 0; k < g.ringUnit.length; k++) {
      if (g.ringUnit[k] !== u) continue;
      const ring: number[][] = [];
      for (let v = g.ringStarts[k]!; v < g.ringStarts[k + 1]!; v++)
        ring.push([g.vertices[2 * v]!, g.vertices[2 * v + 1]!]);
      if (ring.length >= 3) rings.push([...ring, ring[0]!]);
    }
    cells.push(rings);
  }
  const path = join(r.outDir, 'cells-for-check.json');
  writeFileSync(path, JSON.stringify({ cells }));
  return path;
}

describe('territories.geojson, checked with shapely (GEOS)', () => {
  for (const [name, get] of [
    ['baseline', () => baseline],
    ['rebalanced', () => rebalanced],
  ] as const) {
    const check = () => {
      const r = get();
      const out = execFileSync(
        'python3',
        [
          join(__dirname, '..', 'tools', 'geojson_check.py'),
          join(r.outDir, 'territories.geojson'),
          assignedCells(r),
        ],
        { encoding: 'utf8', maxBuffer: 64 << 20 },
      );
      return {
        r,
        check: JSON.parse(out.trim().split('\n').pop()!) as {
          features: number;
          invalid: unknown[];
          overlaps: unknown[];
          cells_area: number;
          symmetric_difference_area: number;
        },
      };
    };
    let result: ReturnType<typeof check> | null = null;
    it(`${name}: interiors pairwise disjoint, union equals the covered cells`, () => {
      result = check();
      expect(result.check.features).toBe(result.r.totals.territories);
      expect(result.check.overlaps).toEqual([]);
      expect(result.check.symmetric_difference_area / result.check.cells_area).toBeLessThan(1e-6);
    }, 300_000);
    it(`${name}: every feature valid`, () => {
      expect((result ?? check()).check.invalid).toEqual([]);
    }, 300_000);
  }

  it('the file says what the shapes are', () => {
    const geo = JSON.parse(
      readFileSync(join(rebalanced.outDir, 'territories.geojson'), 'utf8'),
    ) as { description: string; features: { properties: { shapes: string } }[] };
    expect(geo.description).toMatch(
      /cells drawn around ZIP centre points[\s\S]*not ZIP or ZCTA boundaries/,
    );
    expect(geo.features[0]!.properties.shapes).toBe(geo.description);
  });
});
