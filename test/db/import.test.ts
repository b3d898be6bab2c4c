import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCancelToken, cancel } from '../../workers/common/progress';
import { EngineFailure } from '../../workers/common/result';
import { readVolumes } from '../../workers/data/volumeStore';
import {
  CMS28,
  cmsRow,
  count,
  freshWorkspace,
  importInto,
  REAL,
  snapshot,
  tmpDir,
  writeFile,
} from './importHelpers';

const provider = (ws: ReturnType<typeof freshWorkspace>, npi: number) =>
  ws.db.prepare(`SELECT * FROM providers WHERE npi = ?`).get(npi) as
    Record<string, unknown> | undefined;

describe('import of the real public fixtures, as they are', () => {
  it('reads the CMS 2012 tab-delimited excerpt (year from CY2012 in the name, 9-digit ZIPs)', async () => {
    const ws = freshWorkspace();
    const r = await importInto(ws, {
      files: [join(REAL, 'cms-provider-service-cy2012-excerpt.txt')],
    });
    const f = r.files[0]!;
    expect(f).toMatchObject({
      format: 'cms-provider-service-2012',
      year: 2012,
      rows: 17028,
      imported: 17028,
      rejected: 0,
      providers: 2151,
    });
    expect(r.providers).toBe(2151);
    const p = provider(ws, 1003000126)!;
    expect(p).toMatchObject({
      last_or_org: 'ENKESHAFI',
      first_name: 'ARDALAN',
      zip5: '21502',
      state: 'MD',
      specialty: 'Internal Medicine',
      entity_type: 'I',
    });
    expect(p.lat).toEqual(expect.any(Number));
    const v = readVolumes(ws.db);
    expect(v.count).toBe(17028);
    // first data row: 99222 F, line_srvc_cnt 115, bene_unique_cnt 112, avg payment 108.11565217
    expect(v.npi[0]).toBe(1003000126);
    expect(v.pos[0]).toBe(1);
    expect(v.services[0]).toBe(115);
    expect(v.benes[0]).toBe(112);
    expect(v.payment[0]).toBeCloseTo(115 * 108.11565217, 1);
    ws.close();
  });

  it('reads the NPPES excerpt: primary taxonomy outside slot 1, float-rewritten ZIPs, deactivated NPIs skipped', async () => {
    const ws = freshWorkspace();
    const r = await importInto(ws, {
      files: [join(REAL, 'nppes-npidata-2025-excerpt-rewritten.csv')],
    });
    expect(r.files[0]).toMatchObject({
      format: 'nppes',
      rows: 921,
      imported: 921,
      rejected: 0,
      skipped: 79,
    });
    expect(provider(ws, 1215930367)).toMatchObject({
      taxonomy: '207RH0003X',
      zip5: '77090',
      entity_type: 'I',
    });
    expect(provider(ws, 1477556421)!.zip5).toBe('08051'); // "80511606.0": leading zero lost by the rewrite
    expect(provider(ws, 1003819020)).toMatchObject({
      entity_type: 'O',
      last_or_org: 'DIANON SYSTEM INC',
    });
    expect(count(ws, `SELECT count(*) AS n FROM providers WHERE lat IS NOT NULL`)).toBeGreaterThan(
      900,
    );
    ws.close();
  });

  it('imports the NPPES secondary practice locations file as extra provider locations', async () => {
    const ws = freshWorkspace();
    const r = await importInto(ws, { files: [join(REAL, 'nppes-pl-pfile-excerpt.csv')] });
    expect(r.files[0]).toMatchObject({ format: 'nppes-pl', rows: 9, imported: 9, rejected: 0 });
    expect(count(ws, `SELECT count(*) AS n FROM provider_locations WHERE npi = 1154324382`)).toBe(
      2,
    );
    ws.close();
  });
});

describe('CMS layouts and file quirks', () => {
  it('28-column CSV with BOM, CRLF, quoted commas, fractional counts; truncated last line becomes a reject', async () => {
    const dir = tmpDir();
    const rows = [
      CMS28,
      cmsRow({
        npi: '1234567893',
        last: '"DOE, JR"',
        zip: '35233',
        state: 'AL',
        code: '27447',
        pos: 'F',
        benes: '20',
        srvcs: '22.5',
        pay: '1000',
      }),
      cmsRow({
        npi: '1234567893',
        zip: '35233',
        state: 'AL',
        code: 'j1100',
        pos: 'O',
        benes: '11',
        srvcs: '400.7',
        pay: '0.5',
      }),
      '1234567901,TRUNC,ATED,A',
    ];
    const path = writeFile(
      dir,
      'MUP_PHY_R24_P05_V10_D22_Prov_Svc.csv',
      `\uFEFF${rows.join('\r\n')}`,
    );
    const ws = freshWorkspace(dir);
    const r = await importInto(ws, { files: [path] });
    expect(r.files[0]).toMatchObject({
      format: 'cms-provider-service',
      year: 2022,
      rows: 3,
      imported: 2,
      rejected: 1,
    });
    expect(r.files[0]!.firstRejects[0]).toMatchObject({
      line: 4,
      reason: expect.stringMatching(/has 4 fields, expected 28/),
    });
    expect(provider(ws, 1234567893)).toMatchObject({
      last_or_org: 'DOE, JR',
      state: 'AL',
      ruca: 1,
    });
    const v = readVolumes(ws.db);
    expect(Array.from(v.services)).toEqual([22.5, Math.fround(400.7)]);
    expect(Array.from(v.pos)).toEqual([1, 2]);
    expect(v.payment[0]).toBe(22500);
    expect(ws.db.prepare(`SELECT code, description FROM codes ORDER BY id`).all()).toEqual([
      { code: '27447', description: 'Procedure 27447, per unit' },
      { code: 'J1100', description: 'Procedure j1100, per unit' },
    ]);
    expect(
      count(
        ws,
        `SELECT count(*) AS n FROM rejects WHERE line = 4 AND raw LIKE '1234567901,TRUNC%'`,
      ),
    ).toBe(1);
    ws.close();
  });

  it('29-column original with Rndrng_Prvdr_Gndr keeps gender', async () => {
    const dir = tmpDir();
    const header = CMS28.replace(
      'Rndrng_Prvdr_Crdntls,',
      'Rndrng_Prvdr_Crdntls,Rndrng_Prvdr_Gndr,',
    );
    const row = cmsRow({
      npi: '1234567893',
      zip: '10001',
      state: 'NY',
      code: '99213',
      pos: 'O',
      benes: '30',
      srvcs: '40',
      pay: '50',
    }).replace('M.D.,', 'M.D.,F,');
    const ws = freshWorkspace(dir);
    const r = await importInto(ws, {
      files: [writeFile(dir, 'cms29.csv', `${header}\n${row}\n`)],
      year: 2021,
    });
    expect(r.files[0]).toMatchObject({
      format: 'cms-provider-service',
      year: 2021,
      imported: 1,
      rejected: 0,
    });
    expect(provider(ws, 1234567893)).toMatchObject({ gender: 'F', zip5: '10001' });
    ws.close();
  });

  it('2012 tab layout: skips the 0000000001 copyright row, reads 9-digit ZIPs, upper-case header, Windows-1252 names', async () => {
    const dir = tmpDir();
    const header =
      'NPI\tNPPES_PROVIDER_LAST_ORG_NAME\tNPPES_PROVIDER_FIRST_NAME\tNPPES_PROVIDER_MI\tNPPES_CREDENTIALS\tNPPES_PROVIDER_GENDER\tNPPES_ENTITY_CODE\tNPPES_PROVIDER_STREET1\tNPPES_PROVIDER_STREET2\tNPPES_PROVIDER_CITY\tNPPES_PROVIDER_ZIP\tNPPES_PROVIDER_STATE\tNPPES_PROVIDER_COUNTRY\tPROVIDER_TYPE\tMEDICARE_PARTICIPATION_INDICATOR\tPLACE_OF_SERVICE\tHCPCS_CODE\tHCPCS_DESCRIPTION\tLINE_SRVC_CNT\tBENE_UNIQUE_CNT\tBENE_DAY_SRVC_CNT\tAVERAGE_MEDICARE_ALLOWED_AMT\tSTDEV_MEDICARE_ALLOWED_AMT\tAVERAGE_SUBMITTED_CHRG_AMT\tSTDEV_SUBMITTED_CHRG_AMT\tAVERAGE_MEDICARE_PAYMENT_AMT\tSTDEV_MEDICARE_PAYMENT_AMT';
    const copyright =
      '0000000001\tCPT copyright 2011 American Medical Association.  All Rights Reserved.' +
      '\t'.repeat(25);
    const row =
      '1003000126\tMU\xd1OZ\tANA\t\tM.D.\tF\tI\t1 ST\t\tCUMBERLAND\t215021854\tMD\tUS\tInternal Medicine\tY\tO\t99213\tOffice visit\t10.5\t11\t11\t70\t0\t100\t0\t50\t0';
    const bytes = Buffer.from(`${header}\n${copyright}\n${row}`, 'latin1');
    const ws = freshWorkspace(dir);
    const r = await importInto(ws, {
      files: [writeFile(dir, 'Medicare_Provider_Util_Payment_PUF_CY2013.txt', bytes)],
    });
    expect(r.files[0]).toMatchObject({
      format: 'cms-provider-service-2012',
      year: 2013,
      rows: 1,
      imported: 1,
      rejected: 0,
      skipped: 1,
      encoding: 'windows-1252',
    });
    expect(provider(ws, 1003000126)).toMatchObject({
      last_or_org: 'MUÑOZ',
      zip5: '21502',
      gender: 'F',
    });
    expect(readVolumes(ws.db).services[0]).toBe(10.5);
    ws.close();
  });

  it('asks for --year when neither --year nor the file name gives one, and changes nothing', async () => {
    const dir = tmpDir();
    const ws = freshWorkspace(dir);
    const before = snapshot(ws);
    const path = writeFile(
      dir,
      'claims.csv',
      `${CMS28}\n${cmsRow({ npi: '1234567893', zip: '10001', state: 'NY', code: '99213', pos: 'O', benes: '30', srvcs: '40', pay: '50' })}\n`,
    );
    await expect(importInto(ws, { files: [path] })).rejects.toThrow(/--year/);
    expect(snapshot(ws)).toEqual(before);
    ws.close();
  });

  it('names the expected columns when the format is unknown', async () => {
    const dir = tmpDir();
    const ws = freshWorkspace(dir);
    const err = await importInto(ws, { files: [writeFile(dir, 'x.csv', 'foo,bar\n1,2\n')] }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(EngineFailure);
    expect((err as EngineFailure).error.code).toBe('UNKNOWN_FORMAT');
    expect((err as EngineFailure).message).toMatch(/foo, bar/);
    expect((err as EngineFailure).message).toMatch(/Rndrng_NPI/);
    expect((err as EngineFailure).message).toMatch(/npi, system_id, system_name/);
    ws.close();
  });

  it('rejects bad rows with line and reason: malformed NPI, non-numeric counts, missing code', async () => {
    const dir = tmpDir();
    const good = cmsRow({
      npi: '1234567893',
      zip: '10001',
      state: 'NY',
      code: '99213',
      pos: 'O',
      benes: '30',
      srvcs: '40',
      pay: '50',
    });
    const lines = [
      CMS28,
      good,
      good.replace('1234567893', '12345'),
      good.replace(',30,40,', ',30,forty,'),
      good.replace(',99213,', ',,'),
    ];
    const ws = freshWorkspace(dir);
    const r = await importInto(ws, { files: [writeFile(dir, 'bad_D21_.csv', lines.join('\n'))] });
    expect(r.files[0]).toMatchObject({ rows: 4, imported: 1, rejected: 3 });
    const reasons = ws.db.prepare(`SELECT line, reason FROM rejects ORDER BY line`).all() as {
      line: number;
      reason: string;
    }[];
    expect(reasons.map((x) => x.line)).toEqual([3, 4, 5]);
    expect(reasons[0]!.reason).toMatch(/NPI/);
    expect(reasons[1]!.reason).toMatch(/Tot_Srvcs 'forty' is not a number/);
    expect(reasons[2]!.reason).toMatch(/HCPCS/);
    ws.close();
  });
});

describe('re-import and atomicity', () => {
  it('re-importing the same source and year replaces it instead of double counting', async () => {
    const dir = tmpDir();
    const body = `${CMS28}\n${cmsRow({ npi: '1234567893', zip: '10001', state: 'NY', code: '99213', pos: 'O', benes: '30', srvcs: '40', pay: '50' })}\n`;
    const ws = freshWorkspace(dir);
    await importInto(ws, { files: [writeFile(dir, 'a_D22_.csv', body)] });
    await importInto(ws, { files: [writeFile(dir, 'b_D22_.csv', body)] });
    await importInto(ws, { files: [writeFile(dir, 'c_D21_.csv', body)] });
    const v = readVolumes(ws.db);
    expect(v.count).toBe(2);
    expect(Array.from(v.year).sort()).toEqual([2021, 2022]);
    expect(
      (ws.db.prepare(`SELECT path FROM imports ORDER BY id`).all() as { path: string }[]).map((x) =>
        x.path.split('/').pop(),
      ),
    ).toEqual(['b_D22_.csv', 'c_D21_.csv']);
    ws.close();
  });

  it('a cancelled import (cancel token) rolls back every row it had written; the workspace is unchanged', async () => {
    const dir = tmpDir();
    const ws = freshWorkspace(dir);
    await importInto(ws, { files: [join(REAL, 'nppes-pl-pfile-excerpt.csv')] });
    const before = snapshot(ws);
    const token = createCancelToken();
    const second = writeFile(
      dir,
      'x_D22_.csv',
      `${CMS28}\n${cmsRow({ npi: '1234567893', zip: '10001', state: 'NY', code: '99213', pos: 'O', benes: '30', srvcs: '40', pay: '50' })}\n`,
    );
    let seen = 0;
    const run = importInto(
      ws,
      { files: [join(REAL, 'cms-provider-service-cy2012-excerpt.txt'), second] },
      {
        cancel: token,
        onProgress: () => {
          seen += 1;
          cancel(token);
        },
      },
    );
    cancel(token); // set before the first block is checked: the first file's rows are written, then undone
    const err = await run.catch((e: unknown) => e);
    expect((err as EngineFailure).error.code).toBe('CANCELLED');
    expect(seen).toBe(0);
    expect(snapshot(ws)).toEqual(before);
    expect(ws.db.inTransaction).toBe(false);
    ws.close();
  });
});
