import { describe, expect, it } from 'vitest';
import { createContext } from '../../workers/engine/runtime/context';
import { marketService } from '../../workers/engine/scoring/marketService';
import { getProviderColumns, getVolumeColumns } from '../../workers/engine/columns/columnsLoader';
import { CMS28, cmsRow, freshWorkspace, importInto, tmpDir, writeFile } from './importHelpers';

// Hand-computed fixture: 3 providers (NY 10001, NY 10001, CA 94103), codes 27447/27130/99213, two years.
const ROWS_2022 = [
  cmsRow({
    npi: '1000000001',
    zip: '10001',
    state: 'NY',
    code: '27447',
    pos: 'F',
    benes: '10',
    srvcs: '12',
    pay: '1000',
  }),
  cmsRow({
    npi: '1000000001',
    zip: '10001',
    state: 'NY',
    code: '27130',
    pos: 'F',
    benes: '5',
    srvcs: '5',
    pay: '900',
  }),
  cmsRow({
    npi: '1000000001',
    zip: '10001',
    state: 'NY',
    code: '99213',
    pos: 'O',
    benes: '100',
    srvcs: '300',
    pay: '50',
  }),
  cmsRow({
    npi: '1000000002',
    zip: '10001',
    state: 'NY',
    code: '27447',
    pos: 'O',
    benes: '20',
    srvcs: '20.5',
    pay: '800',
  }),
  cmsRow({
    npi: '1000000003',
    zip: '94103',
    state: 'CA',
    code: '27130',
    pos: 'F',
    benes: '30',
    srvcs: '31',
    pay: '1100',
  }),
];
const ROWS_2021 = [
  cmsRow({
    npi: '1000000003',
    zip: '94103',
    state: 'CA',
    code: '27447',
    pos: 'F',
    benes: '99',
    srvcs: '99',
    pay: '10',
  }),
];

async function setup() {
  const dir = tmpDir();
  const ws = freshWorkspace(dir);
  await importInto(ws, {
    files: [
      writeFile(dir, 'm_D22_.csv', [CMS28, ...ROWS_2022].join('\n')),
      writeFile(dir, 'm_D21_.csv', [CMS28, ...ROWS_2021].join('\n')),
    ],
  });
  return { ws, ctx: createContext(ws) };
}

describe('market sizing', () => {
  it('totals, per code and per state for a code set, latest year by default', async () => {
    const { ws, ctx } = await setup();
    const r = await marketService(ctx).marketSize({
      codes: ['27447', '27130', 'ZZZZZ'],
      by: 'state',
    });
    if (!r.ok) throw new Error(r.error.message);
    const m = r.value;
    expect(m.year).toBe(2022);
    expect(m.unknownCodes).toEqual(['ZZZZZ']);
    expect(m.providers).toBe(3);
    expect(m.services).toBeCloseTo(12 + 5 + 20.5 + 31, 6);
    expect(m.beneficiaries).toBe(10 + 5 + 20 + 30);
    expect(m.payment).toBeCloseTo(12 * 1000 + 5 * 900 + 20.5 * 800 + 31 * 1100, 0);
    expect(m.byCode.map((c) => [c.code, c.providers, c.services, c.beneficiaries])).toEqual([
      ['27447', 2, 32.5, 30],
      ['27130', 2, 36, 35],
    ]);
    expect(m.groups.map((g) => [g.key, g.providers, g.services, g.beneficiaries])).toEqual([
      ['NY', 2, 37.5, 35],
      ['CA', 1, 31, 30],
    ]);
    ws.close();
  });

  it('respects --year, groups by ZIP and by county FIPS', async () => {
    const { ws, ctx } = await setup();
    const svc = marketService(ctx);
    const y = await svc.marketSize({ codes: ['27447'], year: 2021 });
    expect(y.ok && [y.value.providers, y.value.services]).toEqual([1, 99]);
    const z = await svc.marketSize({ codes: ['27447', '27130'], by: 'zip' });
    expect(z.ok && z.value.groups.map((g) => [g.key, g.providers])).toEqual([
      ['10001', 2],
      ['94103', 1],
    ]);
    const c = await svc.marketSize({ codes: ['27447', '27130'], by: 'county' });
    expect(c.ok && c.value.groups.map((g) => g.key)).toEqual(['36061', '06075']); // New York County NY, San Francisco CA
    ws.close();
  });

  it('rejects an empty code list and finds codes by prefix or description', async () => {
    const { ws, ctx } = await setup();
    const svc = marketService(ctx);
    const bad = await svc.marketSize({ codes: [' '] });
    expect(!bad.ok && bad.error.code).toBe('BAD_INPUT');
    const s = await svc.searchCodes({ query: '2744' });
    expect(s.ok && s.value.map((h) => [h.code, h.providers, h.services])).toEqual([
      ['27447', 3, 131.5],
    ]);
    ws.close();
  });

  it('column loaders: providers ordered by NPI and volume records mapped to provider indexes', async () => {
    const { ws, ctx } = await setup();
    const p = getProviderColumns(ctx);
    expect(Array.from(p.npi)).toEqual([1000000001, 1000000002, 1000000003]);
    expect(p.indexOf(1000000002)).toBe(1);
    expect(p.indexOf(42)).toBe(-1);
    expect(p.zipIndex[0]).toBeGreaterThanOrEqual(0);
    const v = getVolumeColumns(ctx);
    expect(v.count).toBe(6);
    expect(Array.from(v.provider).sort()).toEqual([0, 0, 0, 1, 2, 2]);
    ws.close();
  });
});
