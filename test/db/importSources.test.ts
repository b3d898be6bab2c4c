// Sources, not files: parts of one format and year imported in one call (or with --append across
// calls) hold exactly what the whole file holds; duplicates are rejected, never summed; a replace that
// barely overlaps is refused; every refused import leaves the workspace exactly as it was.
import { mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { EngineFailure } from '../../workers/common/result';
import {
  CMS28,
  cmsRow,
  freshWorkspace,
  importInto,
  REAL,
  tmpDir,
  writeFile,
} from './importHelpers';
import { CMS2012, fingerprint, marketTotals, realLines } from './importSourceHelpers';

const failureOf = async (p: Promise<unknown>): Promise<EngineFailure> => {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof EngineFailure))
    throw new Error(
      `expected an EngineFailure, got ${e === null ? 'success' : String((e as Error)?.stack ?? e)}`,
    );
  return e;
};

/** Imports `bad` into a workspace holding the real 2012 excerpt; it must be refused and change nothing. */
async function refusedWithoutChange(
  files: string[],
  request: { year?: number; append?: boolean; replace?: boolean } = {},
) {
  const ws = freshWorkspace();
  await importInto(ws, { files: [CMS2012] });
  const before = fingerprint(ws);
  const totals = await marketTotals(ws);
  const f = await failureOf(importInto(ws, { files, ...request }));
  expect(fingerprint(ws)).toEqual(before);
  expect(before.integrity).toBe('ok');
  expect(await marketTotals(ws)).toEqual(totals);
  ws.close();
  return f.error;
}

describe('a claims year in parts', { timeout: 180_000 }, () => {
  it('two halves in one call hold what the whole file holds (the issue: 8,514 kept of 17,028)', async () => {
    const { header, rows } = realLines();
    const dir = tmpDir();
    const a = writeFile(dir, 'a.txt', [header, ...rows.slice(0, 8514)].join('\n'));
    const b = writeFile(dir, 'b.txt', [header, ...rows.slice(8514)].join('\n'));
    const whole = freshWorkspace();
    await importInto(whole, { files: [CMS2012] });
    const ws = freshWorkspace();
    const r = await importInto(ws, { files: [a, b], year: 2012 });
    expect(r.sources).toHaveLength(1);
    expect(r.sources[0]).toMatchObject({
      parts: 2,
      read: { rows: 17028, imported: 17028, rejected: 0 },
      holds: [{ year: 2012, rows: 17028, providers: 2151 }],
    });
    const t = await marketTotals(ws);
    expect(t).toEqual(await marketTotals(whole));
    expect(t.byCode['99213']![1]).toBe(130384);
    for (const f of r.files) expect(f.rows).toBe(f.imported + f.rejected);
  });

  it('a second call replaces by default, is refused when it barely overlaps, and --append adds it', async () => {
    const { header, rows } = realLines();
    const dir = tmpDir();
    const a = writeFile(dir, 'a.txt', [header, ...rows.slice(0, 8514)].join('\n'));
    const b = writeFile(dir, 'b.txt', [header, ...rows.slice(8514)].join('\n'));
    const ws = freshWorkspace();
    await importInto(ws, { files: [a], year: 2012 });
    const before = fingerprint(ws);
    const f = await failureOf(importInto(ws, { files: [b], year: 2012 }));
    expect(f.error.code).toBe('CONFLICT');
    expect(f.error.message).toMatch(
      /b\.txt would replace .* 2012.*--append.*--replace.*unchanged/s,
    );
    expect(fingerprint(ws)).toEqual(before);
    const r = await importInto(ws, { files: [b], year: 2012, append: true });
    expect(r.sources[0]!.mode).toBe('append');
    expect(r.sources[0]!.holds).toEqual([
      { year: 2012, rows: 17028, providers: 2151, services: expect.any(Number) },
    ]);
    const whole = freshWorkspace();
    await importInto(whole, { files: [CMS2012] });
    expect(await marketTotals(ws)).toEqual(await marketTotals(whole));
    // --replace forces it: the year is then b alone
    const forced = await importInto(ws, { files: [b], year: 2012, replace: true });
    expect(forced.sources[0]!.holds[0]!.rows).toBe(rows.length - 8514);
    expect(forced.sources[0]!.replaced![0]!.rows).toBe(17028);
  });

  it('a replace by a file with the same providers but under half the rows is refused', async () => {
    const { header, rows } = realLines();
    const dir = tmpDir();
    // every provider's first row only: all NPIs in common, a fraction of the rows
    const seen = new Set<string>();
    const firsts = rows.filter((r) => {
      const npi = r.split('\t')[0]!;
      if (seen.has(npi)) return false;
      seen.add(npi);
      return true;
    });
    const e = await refusedWithoutChange(
      [writeFile(dir, 'firsts.txt', [header, ...firsts].join('\n'))],
      { year: 2012 },
    );
    expect(e.message).toMatch(/has 2,151 rows where the workspace holds 17,028 for 2012/);
  });

  it('a duplicated file is reported as duplicates and the totals stay those of one copy', async () => {
    const { header, rows } = realLines();
    const dir = tmpDir();
    const twice = writeFile(dir, 'twice_CY2012.txt', [header, ...rows, header, ...rows].join('\n'));
    const ws = freshWorkspace();
    const r = await importInto(ws, { files: [twice] });
    const f = r.files[0]!;
    expect(f).toMatchObject({
      rows: 34056,
      imported: 17028,
      rejected: 17028,
      duplicates: 17028,
      repeatedHeaders: 1,
    });
    expect(f.firstRejects[0]!.reason).toMatch(/^duplicate of line 2 \(file twice_CY2012\.txt\)/);
    expect(f.firstRejects[0]!.line).toBe(17031);
    const whole = freshWorkspace();
    await importInto(whole, { files: [CMS2012] });
    expect(await marketTotals(ws)).toEqual(await marketTotals(whole));
    // the same two copies as two parts of one call: the second part's rows are duplicates of the first's
    const ws2 = freshWorkspace();
    const r2 = await importInto(ws2, {
      files: [CMS2012, writeFile(dir, 'copy.txt', [header, ...rows].join('\n'))],
      year: 2012,
    });
    expect(r2.sources[0]!.read).toMatchObject({
      imported: 17028,
      rejected: 17028,
      duplicates: 17028,
    });
    expect(r2.files[1]!.firstRejects[0]!.reason).toMatch(
      /duplicate of line 2 \(file cms-provider-service-cy2012-excerpt\.txt\)/,
    );
    expect(await marketTotals(ws2)).toEqual(await marketTotals(whole));
  });

  it('diagnosis quarters: duplicates of NPI + ICD-10 + year are rejected, quarters append', async () => {
    const dir = tmpDir();
    const ws = freshWorkspace();
    const q1 = writeFile(
      dir,
      'dx_q1.csv',
      'npi,icd10,patients,year\n1234567893,E11.9,10,2023\n1245319599,E11.9,4,2023\n1234567893,E119,3,2023\n',
    );
    const r = await importInto(ws, { files: [q1] });
    expect(r.files[0]).toMatchObject({ rows: 3, imported: 2, rejected: 1, duplicates: 1 });
    expect(r.files[0]!.firstRejects[0]).toMatchObject({
      line: 4,
      reason: expect.stringMatching(/duplicate of line 2 \(file dx_q1\.csv\)/),
    });
    const q2 = writeFile(dir, 'dx_q2.csv', 'npi,icd10,patients,year\n1306849450,E11.9,7,2023\n');
    expect((await failureOf(importInto(ws, { files: [q2] }))).error.code).toBe('CONFLICT');
    const r2 = await importInto(ws, { files: [q2], append: true });
    expect(r2.sources[0]!.holds).toEqual([{ year: 2023, rows: 3, providers: 3, services: 21 }]);
  });
});

describe('records, not lines', { timeout: 180_000 }, () => {
  it('in the tab-delimited CMS file a quote is data: one " on line 102 costs nothing', async () => {
    const { header, rows } = realLines();
    const dir = tmpDir();
    const mutated = rows.slice();
    mutated[100] = mutated[100]!.replace('\t', '\t"');
    const ws = freshWorkspace();
    const r = await importInto(ws, {
      files: [writeFile(dir, 'q_CY2012.txt', [header, ...mutated].join('\n'))],
    });
    expect(r.files[0]).toMatchObject({ rows: 17028, imported: 17028, rejected: 0, lines: 17029 });
  });

  it('in a comma-delimited file one unclosed quote costs exactly one record and reading resumes', async () => {
    const dir = tmpDir();
    const body = Array.from({ length: 300 }, (_, i) =>
      cmsRow({
        npi: String(1000000000 + i * 7),
        zip: '35233',
        state: 'AL',
        code: '99213',
        pos: 'O',
        benes: '11',
        srvcs: '20',
        pay: '50',
      }),
    );
    // a quote that pairs with a later quote of its own line (the RUCA description's): a bad field count
    const early = body.slice();
    early[100] = early[100]!.replace(',SMITH,', ',"SMITH,');
    // a quote after the line's last quote: it would run to the next line's first quote and beyond
    const late = body.slice();
    late[100] = late[100]!.replace(/,70$/, ',"70');
    for (const [name, rows, reason] of [
      ['early', early, /has 17 fields/],
      ['late', late, /quote opens a field that does not close/],
    ] as const) {
      const path = writeFile(dir, `q_${name}_D22_.csv`, [CMS28, ...rows].join('\n'));
      const ws = freshWorkspace();
      const r = await importInto(ws, { files: [path] });
      expect(r.files[0]).toMatchObject({ rows: 300, imported: 299, rejected: 1, lines: 301 });
      expect(r.files[0]!.firstRejects[0]).toMatchObject({
        line: 102,
        reason: expect.stringMatching(reason),
      });
      ws.close();
    }
  });

  it('a quoted field that really spans lines is one record; one past the limit is rejected and reading resumes', async () => {
    const dir = tmpDir();
    const ws = freshWorkspace();
    const ok = writeFile(
      dir,
      'aff.csv',
      'npi,system_id,system_name\n1234567893,S1,"Mercy\nHealth"\n1245319599,S2,Baptist\n',
    );
    const r = await importInto(ws, { files: [ok] });
    expect(r.files[0]).toMatchObject({ rows: 2, imported: 2, rejected: 0, lines: 4 });
    const long = 'x'.repeat(70 * 1024);
    const over = writeFile(
      dir,
      'aff2.csv',
      `npi,system_id,system_name\n1234567893,S1,"Mercy\n${long}"\n1245319599,S2,Baptist\n1306849450,S3,Other\n`,
    );
    const r2 = await importInto(ws, { files: [over] });
    // line 2 rejected (its quote did not close within 64 KiB), line 3 (the long text + ") rejected, lines 4–5 imported
    expect(r2.files[0]).toMatchObject({ imported: 2, lines: 5 });
    expect(r2.files[0]!.firstRejects[0]).toMatchObject({ line: 2 });
    expect(r2.files[0]!.imported + r2.files[0]!.rejected).toBe(r2.files[0]!.rows);
  });

  it('"mostly rejected" counts lines: a fragment that would replace a year is refused', async () => {
    const { header, rows } = realLines();
    const dir = tmpDir();
    const broken = [
      header,
      ...rows.slice(0, 100),
      ...rows.slice(100, 17028).map((r) => r.replaceAll('\t', ';')),
    ].join('\n');
    const e = await refusedWithoutChange([writeFile(dir, 'broken_CY2012.txt', broken)]);
    expect(e.code).toBe('BAD_FILE');
    expect(e.message).toMatch(/16,928|16928/);
  });
});

describe('numbers and years', () => {
  const one = (o: Partial<Parameters<typeof cmsRow>[0]>) =>
    cmsRow({
      npi: '1234567893',
      zip: '35233',
      state: 'AL',
      code: '99213',
      pos: 'O',
      benes: '11',
      srvcs: '20',
      pay: '50',
      ...o,
    });

  it('rejects counts that cannot be stored, hex, negatives; keeps the good rows', async () => {
    const dir = tmpDir();
    const rows = [
      one({}),
      one({ npi: '1245319599', srvcs: '1e39' }),
      one({ npi: '1306849450', srvcs: '0x10' }),
      one({ npi: '1407849458', benes: '-3' }),
      one({ npi: '1508849452', pay: '1e308' }),
      one({ npi: '1609849456', srvcs: '1e30', pay: '1e30' }),
      one({ npi: '1710849450', srvcs: 'Infinity' }),
    ];
    const ws = freshWorkspace(dir);
    const r = await importInto(ws, {
      files: [writeFile(dir, 'n_D22_.csv', [CMS28, ...rows].join('\n'))],
    });
    const reasons = r.files[0]!.firstRejects.map((x) => x.reason);
    expect(r.files[0]).toMatchObject({ rows: 7, imported: 1, rejected: 6 });
    expect(reasons).toEqual([
      'Tot_Srvcs 1e39 is out of range',
      "Tot_Srvcs '0x10' is not a number",
      'Tot_Benes -3 is negative',
      'Avg_Mdcr_Pymt_Amt 1e308 is out of range',
      expect.stringMatching(/Tot_Srvcs × Avg_Mdcr_Pymt_Amt .* is out of range/),
      "Tot_Srvcs 'Infinity' is not a number",
    ]);
  });

  it('refuses --year outside 1990…next year, and diagnosis years out of range are rejected rows', async () => {
    const dir = tmpDir();
    const path = writeFile(dir, 'n.csv', [CMS28, one({})].join('\n'));
    const next = new Date().getUTCFullYear() + 1;
    for (const y of [-1, 0, 16, 3022, 4294967296, 1e308, next + 1]) {
      const ws = freshWorkspace();
      const f = await failureOf(importInto(ws, { files: [path], year: y }));
      expect(f.error.code).toBe('BAD_INPUT');
      expect(f.error.message).toMatch(/not a plausible data year/);
      ws.close();
    }
    const ws = freshWorkspace();
    const dx = writeFile(
      dir,
      'dx.csv',
      `npi,icd10,patients,year\n1234567893,E11.9,10,2023\n1234567893,E11.9,10,3022\n1234567893,E11.9,10,1e308\n1234567893,E10.9,10,${next}\n`,
    );
    const r = await importInto(ws, { files: [dx] });
    expect(r.files[0]).toMatchObject({ imported: 2, rejected: 2 });
    expect(r.files[0]!.firstRejects.map((x) => x.reason)).toEqual([
      expect.stringMatching(/year '3022' is not a data year/),
      expect.stringMatching(/year '1e308' is not a data year/),
    ]);
  });

  it('an NPPES row with a non-numeric entity code is a rejected row, not a deactivated NPI', async () => {
    const dir = tmpDir();
    const h =
      'NPI,Entity Type Code,Provider Organization Name (Legal Business Name),Provider Last Name (Legal Name),Provider First Name,Provider Business Practice Location Address Postal Code,Healthcare Provider Taxonomy Code_1,NPI Deactivation Date,NPI Reactivation Date';
    const p = writeFile(
      dir,
      'npidata.csv',
      `${h}\n1234567893,1,,LEE,ANN,60611,207Q00000X,,\n1245319599,X,,KIM,JO,60611,207Q00000X,,\n1306849450,,,,,,,05/01/2020,\n1407849458,,,DOE,J,60611,207Q00000X,,\n`,
    );
    const ws = freshWorkspace(dir);
    const r = await importInto(ws, { files: [p] });
    expect(r.files[0]).toMatchObject({ rows: 3, imported: 1, rejected: 2, skipped: 1 });
    expect(r.files[0]!.firstRejects.map((x) => x.reason)).toEqual([
      expect.stringMatching(/entity type code 'X'/),
      expect.stringMatching(/missing entity type code/),
    ]);
  });
});

describe('containers and what a file looks like', { timeout: 180_000 }, () => {
  it('gzip, zip (entries as parts of one source) and a folder with _SUCCESS/.crc give the whole file', async () => {
    const { header, rows } = realLines();
    const dir = tmpDir();
    const whole = freshWorkspace();
    await importInto(whole, { files: [CMS2012] });
    const expected = await marketTotals(whole);
    const half = (k: number) => [header, ...rows.slice(k * 8514, (k + 1) * 8514)].join('\n');
    const gz = writeFile(dir, 'part-0.txt.gz', gzipSync(half(0)));
    const plain = writeFile(dir, 'part-1.txt', half(1));
    const ws = freshWorkspace();
    const r = await importInto(ws, { files: [gz, plain], year: 2012 });
    expect(r.files.map((f) => f.container)).toEqual(['gzip', 'text']);
    expect(await marketTotals(ws)).toEqual(expected);
    // a Spark-style folder: part files, _SUCCESS and .crc checksums
    const folder = join(dir, 'spark');
    mkdirSync(folder);
    writeFile(folder, 'part-00000.txt.gz', gzipSync(half(0)));
    writeFile(folder, 'part-00001.txt', half(1));
    writeFile(folder, '_SUCCESS', '');
    writeFile(folder, '.part-00000.txt.gz.crc', 'crc garbage \u0000\u0001');
    const ws2 = freshWorkspace();
    const r2 = await importInto(ws2, { files: [folder], year: 2012 });
    expect(r2.files).toHaveLength(2);
    expect(await marketTotals(ws2)).toEqual(expected);
    // a zip of both halves, via Python's zipfile-compatible layout written by yazl-free means: DuckDB-free, use the zip CLI
    const { execFileSync } = await import('node:child_process');
    execFileSync('python3', [
      '-c',
      `import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED); [z.write(p, 'data/'+p.split('/')[-1]) for p in sys.argv[2:]]; z.writestr('README.txt.md','docs'); z.close()`,
      join(dir, 'both.zip'),
      gz,
      plain,
    ]);
    const ws3 = freshWorkspace();
    const r3 = await importInto(ws3, { files: [join(dir, 'both.zip')], year: 2012 });
    expect(r3.files.map((f) => f.container)).toEqual(['zip-entry', 'zip-entry']);
    expect(await marketTotals(ws3)).toEqual(expected);
  });

  it('a glob names the parts of one source', async () => {
    const { header, rows } = realLines();
    const dir = tmpDir();
    writeFile(dir, 'p1.txt', [header, ...rows.slice(0, 5000)].join('\n'));
    writeFile(dir, 'p2.txt', [header, ...rows.slice(5000)].join('\n'));
    const ws = freshWorkspace();
    const r = await importInto(ws, { files: [join(dir, 'p*.txt')], year: 2012 });
    expect(r.sources[0]).toMatchObject({ parts: 2, read: { imported: 17028 } });
  });

  it('UTF-16 text is read; binary, header-less and unknown files are refused with what they are, no bytes echoed', async () => {
    const dir = tmpDir();
    const { header, rows } = realLines();
    const text = [header, ...rows.slice(0, 50)].join('\n');
    const u16 = writeFile(
      dir,
      'u16_CY2012.txt',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    );
    const ws = freshWorkspace();
    const r = await importInto(ws, { files: [u16] });
    expect(r.files[0]).toMatchObject({ imported: 50, rejected: 0 });
    ws.close();
    const cases: [string, string | Uint8Array, RegExp][] = [
      [
        'x.csv',
        Buffer.concat([
          Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
          Buffer.alloc(64, 7),
        ]),
        /this is a PNG image/,
      ],
      [
        'x.xls',
        Buffer.concat([
          Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
          Buffer.alloc(64),
        ]),
        /Excel 97–2003 .xls.*save it as .xlsx or CSV/,
      ],
      [
        'nohead.csv',
        '1234567893,12,3.5\n1245319599,1,2\n',
        /looks like a CSV without a header line: its first line is numbers/,
      ],
      [
        'bin.dat',
        Buffer.from(Array.from({ length: 400 }, (_, i) => (i * 37) % 256)),
        /binary data|not a delimited/,
      ],
      ['x.json', '[{"npi": 1}]\n', /looks like JSON/],
      ['empty.csv', '', /is empty/],
      ['trunc.gz', gzipSync(text).subarray(0, 200), /truncated or damaged/],
    ];
    for (const [name, content, re] of cases) {
      const e = await refusedWithoutChange([writeFile(dir, name, content)], { year: 2012 });
      expect(e.message).toMatch(re);
      expect(e.message).toContain(name);
      expect(e.message).not.toMatch(/[\u0000-\u0008\u000e-\u001f\ufffd]/);
      expect(e.code).not.toBe('INTERNAL');
    }
  });

  it('a roster and an alignment import from .xlsx (first sheet, or --sheet NAME)', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const dir = tmpDir();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes').addRow(['read me']);
    const s = wb.addWorksheet('Reps');
    s.addRow(['rep_id', 'name', 'home_zip', 'level']);
    s.addRow(['R1', 'Ann Lee', '60611']);
    s.addRow(['R2', { richText: [{ text: 'Bo ' }, { text: 'Kim' }] }, 60614, 'senior']);
    s.addRow(['R1', 'Again', '60611']);
    const path = join(dir, 'roster.xlsx');
    await wb.xlsx.writeFile(path);
    const ws = freshWorkspace(dir);
    const wrong = await failureOf(importInto(ws, { files: [path] }));
    expect(wrong.error.message).toMatch(
      /roster\.xlsx: unrecognised file format \(line 1 has columns: read me\)/,
    );
    const missing = await failureOf(importInto(ws, { files: [path], sheet: 'Nope' }));
    expect(missing.error.message).toMatch(/no sheet named 'Nope'; the workbook has: Notes, Reps/);
    const r = await importInto(ws, { files: [path], sheet: 'Reps' });
    expect(r.files[0]).toMatchObject({
      format: 'roster',
      container: 'xlsx',
      rows: 3,
      imported: 2,
      rejected: 1,
    });
    expect(r.files[0]!.firstRejects[0]!.reason).toMatch(
      /duplicate of line 2 \(file roster\.xlsx\)/,
    );
    expect(ws.db.prepare(`SELECT rep_id, name, home_zip FROM reps ORDER BY rep_id`).all()).toEqual([
      { rep_id: 'R1', name: 'Ann Lee', home_zip: '60611' },
      { rep_id: 'R2', name: 'Bo Kim', home_zip: '60614' },
    ]);
    const wb2 = new ExcelJS.Workbook();
    const a = wb2.addWorksheet('Alignment');
    a.addRow(['zip', 'territory_id', 'district']);
    a.addRow(['60611', 'T1', 'D1']);
    a.addRow([60614, 'T2']);
    const ap = join(dir, 'align.xlsx');
    await wb2.xlsx.writeFile(ap);
    const r2 = await importInto(ws, { files: [ap] });
    expect(r2.files[0]).toMatchObject({ format: 'alignment', imported: 2, rejected: 0 });
  });
});

describe('a second writer', () => {
  it('waits for another process holding the write lock, then gives a clear error; the workspace is unchanged', async () => {
    const dir = tmpDir();
    const ws = freshWorkspace(dir);
    await importInto(ws, { files: [join(REAL, 'nppes-pl-pfile-excerpt.csv')] });
    const before = fingerprint(ws);
    const other = new Database(join(dir, 'w.tessera'));
    other.exec('BEGIN IMMEDIATE');
    const messages: string[] = [];
    process.env.TESSERA_WRITE_WAIT_SECONDS = '1';
    try {
      const started = Date.now();
      const f = await failureOf(
        importInto(
          ws,
          { files: [CMS2012] },
          { onProgress: (p) => p.message && messages.push(p.message) },
        ),
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(f.error.code).toBe('WORKSPACE_LOCKED');
      expect(f.error.message).toMatch(
        /Another Tessera process .* is writing to this workspace .*Nothing was imported/,
      );
      expect(messages).toContain('another Tessera process is writing to this workspace; waiting…');
      // released while waiting: the import goes through
      process.env.TESSERA_WRITE_WAIT_SECONDS = '10';
      setTimeout(() => other.exec('ROLLBACK'), 400);
      const r = await importInto(ws, { files: [CMS2012] });
      expect(r.files[0]!.imported).toBe(17028);
    } finally {
      delete process.env.TESSERA_WRITE_WAIT_SECONDS;
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    }
    expect(before.integrity).toBe('ok');
  });
});

describe('a newer ZIP–county crosswalk imported into a workspace', () => {
  it('moves providers to the crosswalk county (largest residential ratio), also for later imports', async () => {
    const dir = tmpDir();
    const ws = freshWorkspace(dir);
    await importInto(ws, { files: [CMS2012] });
    const countyOf = () =>
      (
        ws.db.prepare(`SELECT county_fips AS c FROM providers WHERE npi = 1003000126`).get() as {
          c: string;
        }
      ).c;
    expect(countyOf()).toBe('24001'); // 21502 Cumberland MD: Allegany County in the bundled table
    const xw = writeFile(
      dir,
      'ZIP_COUNTY_122024.csv',
      'ZIP,COUNTY,USPS_ZIP_PREF_CITY,USPS_ZIP_PREF_STATE,RES_RATIO,BUS_RATIO,OTH_RATIO,TOT_RATIO\n21502,24001,CUMBERLAND,MD,0.3,0.5,0.5,0.35\n21502,24043,CUMBERLAND,MD,0.7,0.5,0.5,0.65\n',
    );
    const r = await importInto(ws, { files: [xw] });
    expect(r.files[0]).toMatchObject({ format: 'zip-county', imported: 2, rejected: 0 });
    expect(countyOf()).toBe('24043');
    await importInto(ws, { files: [CMS2012] }); // a re-import geocodes with the workspace's crosswalk
    expect(countyOf()).toBe('24043');
    // the bundled HUD 2023 Q1 crosswalk itself, as the gzip CSV it ships in, puts it back
    const hud = await importInto(ws, {
      files: [
        join(__dirname, '..', '..', 'resources', 'geo', 'sources', 'hud_zip_county_2023q1.csv.gz'),
      ],
    });
    expect(hud.files[0]).toMatchObject({
      format: 'zip-county',
      container: 'gzip',
      rows: 54447,
      rejected: 0,
    });
    expect(countyOf()).toBe('24001');
  });
});

describe('older Open Payments layouts (PY2013–PY2020: Physician_Profile_ID, no NPI)', () => {
  const OLD =
    'Change_Type,Covered_Recipient_Type,Teaching_Hospital_CCN,Teaching_Hospital_ID,Teaching_Hospital_Name,Physician_Profile_ID,Physician_First_Name,Physician_Last_Name,Applicable_Manufacturer_or_Applicable_GPO_Making_Payment_Name,Total_Amount_of_Payment_USDollars,Date_of_Payment,Program_Year';
  const rows = [
    'UNCHANGED,Covered Recipient Physician,,,,346085,ANN,LEE,Acme Pharma,120.50,03/02/2016,2016',
    'UNCHANGED,Covered Recipient Physician,,,,346085,ANN,LEE,Acme Pharma,30.00,05/02/2016,2016',
    'UNCHANGED,Covered Recipient Physician,,,,99999,BO,KIM,Acme Pharma,10.00,05/02/2016,2016',
    'UNCHANGED,Covered Recipient Teaching Hospital,050001,1234,GOOD HOSPITAL,,,,Acme Pharma,500.00,05/02/2016,2016',
  ];

  it('alone: recognised, with a message saying what is missing and what to do', async () => {
    const dir = tmpDir();
    const p = writeFile(dir, 'OP_DTL_GNRL_PGYR2016_P06302023.csv', [OLD, ...rows].join('\n'));
    const ws = freshWorkspace();
    const before = fingerprint(ws);
    const f = await failureOf(importInto(ws, { files: [p] }));
    expect(f.error.message).toMatch(
      /OP_DTL_GNRL_PGYR2016.*PY2013–PY2020 layout.*Physician_Profile_ID and has no NPI column.*Covered Recipient Profile Supplement/s,
    );
    expect(fingerprint(ws)).toEqual(before);
  });

  it('with the profile supplement in the same call: payments are matched to NPIs; unknown profiles are rejected rows', async () => {
    const dir = tmpDir();
    const p = writeFile(dir, 'OP_DTL_GNRL_PGYR2016_P06302023.csv', [OLD, ...rows].join('\n'));
    const sup = writeFile(
      dir,
      'OP_CVRD_RCPNT_PRFL_SPLMTL_P06302023.csv',
      'Covered_Recipient_Profile_ID,Covered_Recipient_NPI,Covered_Recipient_Profile_First_Name\n346085,1234567893,ANN\n12345,,NONPI\n',
    );
    const ws = freshWorkspace();
    const r = await importInto(ws, { files: [p, sup] });
    expect(r.sources.map((s) => s.format)).toEqual(['open-payments-profiles', 'open-payments']);
    const pay = r.files.find((f) => f.format === 'open-payments')!;
    expect(pay).toMatchObject({ rows: 3, imported: 2, rejected: 1, skipped: 1 });
    expect(pay.firstRejects[0]!.reason).toMatch(
      /Physician_Profile_ID 99999 is not in the Covered Recipient Profile Supplement/,
    );
    expect(
      ws.db.prepare(`SELECT npi, manufacturer, year, amount, payments FROM payments`).all(),
    ).toEqual([
      { npi: 1234567893, manufacturer: 'Acme Pharma', year: 2016, amount: 150.5, payments: 2 },
    ]);
  });
});
