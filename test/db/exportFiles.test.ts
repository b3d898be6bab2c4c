// The export's files as the people who receive them use them: workbooks checked against the ECMA-376
// schemas and round-tripped through openpyxl, for the demo's baseline and for a rebalanced scenario.
// Needs xmllint (Debian libxml2-utils) and python3 with openpyxl + pillow.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../workers/common/contract';
import { openEngine, type Engine } from '../../workers/engine/runtime/engine';
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
  baseline = unwrap(await engine.exportScenario({ scenario: 'baseline', outDir: join(dir, 'baseline') }));
  rebalanced = unwrap(await engine.exportScenario({ scenario: 'rebalanced', outDir: join(dir, 'rebalanced') }));
  for (const profile of ['salesforce', 'veeva', 'generic'] as const) {
    crm[profile] = unwrap(await engine.exportScenario({ scenario: 'rebalanced', outDir: join(dir, `crm-${profile}`), crm: profile, routes: false, maps: false }));
  }
  const ws = openWorkspace(join(dir, 'ws.tessera'));
  npis = (ws.db.prepare('SELECT npi FROM providers').all() as { npi: number }[]).map((r) => String(r.npi).padStart(10, '0'));
  repIds = (ws.db.prepare('SELECT rep_id FROM reps').all() as { rep_id: string }[]).map((r) => r.rep_id);
  ws.close();
}, 600_000);

afterAll(async () => {
  await engine.close();
});

const workbooks = (r: ExportResult) => r.files.filter((f) => f.path.endsWith('.xlsx')).map((f) => join(r.outDir, f.path));

describe('export workbooks against ECMA-376', () => {
  it('every XML part of the master and of every rep pack validates (baseline and rebalanced)', () => {
    const books = [...workbooks(baseline), ...workbooks(rebalanced)];
    expect(books.length).toBe(2 + baseline.totals.packs + rebalanced.totals.packs);
    expect(validateWorkbooks(books)).toEqual([]);
  }, 120_000);

  it('the schema check itself rejects a drawing with editAs on a oneCellAnchor', async () => {
    const { writeFileSync, readFileSync } = await import('node:fs');
    const { execFileSync } = await import('node:child_process');
    const bad = join(dir, 'bad');
    execFileSync('unzip', ['-q', '-o', workbooks(rebalanced).find((p) => p.includes('packs'))!, '-d', bad]);
    const drawing = join(bad, 'xl', 'drawings', 'drawing1.xml');
    writeFileSync(drawing, readFileSync(drawing, 'utf8').replace('<xdr:oneCellAnchor>', '<xdr:oneCellAnchor editAs="oneCell">'));
    execFileSync('zip', ['-q', '-r', join(dir, 'bad.xlsx'), '.'], { cwd: bad });
    expect(validateWorkbooks([join(dir, 'bad.xlsx')]).join('\n')).toMatch(/editAs/);
  });

  it('openpyxl keeps the map picture on a load/save round trip (a baseline and a rebalanced pack)', () => {
    for (const path of [workbooks(baseline).find((p) => p.includes('packs'))!, workbooks(rebalanced).find((p) => p.includes('packs'))!]) {
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
    Territory2Type: [{ DeveloperName: 'Tessera_Territory', MasterLabel: 'Tessera territory', Priority: '1' }],
  };
}
const KEYS = (accountKey: string) => ({ Account: [accountKey], User: ['FederationIdentifier', 'Email', 'Username'] });

describe('CRM profiles load into the stand-in org', () => {
  it('Salesforce ETM: every file loads in manifest order, every account and rep is associated', () => {
    const d = join(crm.salesforce!.outDir, 'crm', 'salesforce');
    const r = loadProfile(d, org('NPI__c'), KEYS('NPI__c'));
    expect(r.problems).toEqual([]);
    expect(r.counts['ObjectTerritory2Association.csv']).toBe(crm.salesforce!.totals.accounts);
    expect(r.org.ObjectTerritory2Association!.every((a) => a.AssociationCause === 'Territory2Manual')).toBe(true);
    expect(r.counts['UserTerritory2Association.csv']).toBe(crm.salesforce!.totals.territories);
    expect(r.counts['Territory2Model.csv']).toBe(1);
    // Territories, their districts and regions, one root.
    expect(r.org.Territory2!.filter((t) => !t.ParentTerritory2Id)).toHaveLength(1);
    expect(readFileSync(join(d, 'README.txt'), 'utf8')).toMatch(/Territory2Model\.csv[\s\S]*Territory2\.csv[\s\S]*ObjectTerritory2Association\.csv[\s\S]*UserTerritory2Association\.csv/);
  });

  it('the stand-in rejects what a real load rejects (the check can fail)', () => {
    const d = join(crm.salesforce!.outDir, 'crm', 'salesforce');
    // Accounts keyed on another field: no ObjectId resolves.
    expect(loadProfile(d, org('Other__c'), KEYS('Other__c')).problems.join('\n')).toMatch(/NPI__c is not an indexed|finds no record/);
    // A user missing from the org.
    const o = org('NPI__c');
    o.User = o.User!.slice(1);
    expect(loadProfile(d, o, KEYS('NPI__c')).problems.join('\n')).toMatch(/UserId lookup FederationIdentifier = ".*" finds no record/);
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
    expect(veevaChecks({ ...r.org, Territory2: [...r.org.Territory2!, { DeveloperName: 'X', Name: '0T 1' }] }).join('\n')).toMatch(/0T 1: begins with 0[\s\S]*0T 1: contains a space/);
  });

  it('generic: UTF-8 with BOM, ZIPs and NPIs in the ="00601" text form, row counts in the manifest', () => {
    const d = join(crm.generic!.outDir, 'crm', 'generic');
    const text = readFileSync(join(d, 'alignment.csv'), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    // The ="00601" form is written unquoted (a spreadsheet's formula text), so split plain lines here.
    const rows = text.slice(1).trimEnd().split('\r\n').map((l) => l.split(','));
    expect(rows[0]).toEqual(['territory', 'district', 'region', 'rep_id', 'zip']);
    expect(rows.slice(1).every((r) => /^="\d{5}"$/.test(r[4]!))).toBe(true);
    expect(rows.slice(1).some((r) => r[4]!.startsWith('="0'))).toBe(true);
    const manifest = parseCsv(readFileSync(join(d, 'manifest.csv'), 'utf8')).filter((r) => r.length > 1);
    expect(manifest.find((m) => m[1] === 'alignment.csv')![3]).toBe(String(rows.length - 1));
    expect(readFileSync(join(d, 'README.txt'), 'utf8')).toMatch(/="00601"/);
  });
});
