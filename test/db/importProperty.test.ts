// Property: any split of the real CMS 2012 excerpt into k = 1…10 parts — with or without the header
// repeated in every part, mixed gzip and plain, as a zip, as a DuckDB-written Parquet folder, in one
// call or with --append across calls — holds exactly what the whole file holds: providers and rows
// exactly, sums within 1e-9 relative (market totals as `tessera market --json` computes them).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshWorkspace, importInto, tmpDir, writeFile } from './importHelpers';
import { CMS2012, duckdb, marketTotals, realLines, rng } from './importSourceHelpers';

type Totals = Awaited<ReturnType<typeof marketTotals>>;

function expectSameTotals(got: Totals, want: Totals): void {
  expect(got.providers).toBe(want.providers);
  expect(got.rows).toBe(want.rows);
  for (const k of ['services', 'beneficiaries', 'payment'] as const)
    expect(Math.abs(got[k] - want[k])).toBeLessThanOrEqual(1e-9 * Math.abs(want[k]));
  expect(Object.keys(got.byCode).sort()).toEqual(Object.keys(want.byCode).sort());
  for (const [code, [p, s]] of Object.entries(want.byCode)) {
    expect(got.byCode[code]![0]).toBe(p);
    expect(Math.abs(got.byCode[code]![1] - s)).toBeLessThanOrEqual(1e-9 * Math.abs(s) + 1e-9);
  }
}

/** k-1 distinct random cut points over n rows → k non-empty slices. */
function cuts(n: number, k: number, rand: () => number): [number, number][] {
  const points = new Set<number>();
  while (points.size < k - 1) points.add(1 + Math.floor(rand() * (n - 1)));
  const sorted = [0, ...[...points].sort((a, b) => a - b), n];
  return sorted.slice(1).map((end, i) => [sorted[i]!, end]);
}

describe('any split of the real fixture holds what the whole file holds', () => {
  const { header, rows } = realLines();
  let whole: Totals;
  beforeAll(async () => {
    const ws = freshWorkspace();
    await importInto(ws, { files: [CMS2012] });
    whole = await marketTotals(ws);
    ws.close();
  }, 180_000);

  const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  for (const seed of seeds) {
    it(`seed ${seed}: plain/gzip parts, headers repeated or not, one call and --append across calls`, async () => {
      const rand = rng(seed);
      const k = seed; // k = 1…10
      const repeatHeaders = rand() < 0.5;
      const dir = tmpDir();
      const paths = cuts(rows.length, k, rand).map(([a, b], i) => {
        const withHeader = i === 0 || repeatHeaders;
        const text =
          [...(withHeader ? [header] : []), ...rows.slice(a, b)].join('\n') +
          (rand() < 0.5 ? '\n' : '');
        return rand() < 0.5
          ? writeFile(dir, `part-${i}.txt.gz`, gzipSync(text))
          : writeFile(dir, `part-${i}.txt`, text);
      });
      const one = freshWorkspace();
      const r = await importInto(one, { files: paths, year: 2012 });
      expect(r.sources).toHaveLength(1);
      expect(r.sources[0]!.read).toEqual({
        rows: rows.length,
        imported: rows.length,
        rejected: 0,
        duplicates: 0,
      });
      for (const f of r.files) expect(f.rows).toBe(f.imported + f.rejected);
      expectSameTotals(await marketTotals(one), whole);
      one.close();
      if (!repeatHeaders && k > 1) return; // parts without a header are parts of the call that has it
      const across = freshWorkspace();
      for (let i = 0; i < paths.length; i++)
        await importInto(across, { files: [paths[i]!], year: 2012, append: i > 0 });
      expectSameTotals(await marketTotals(across), whole);
      across.close();
    }, 180_000);
  }

  it('as a zip of parts (some gzip inside), k = 7', async () => {
    const rand = rng(77);
    const dir = tmpDir();
    const names = cuts(rows.length, 7, rand).map(([a, b], i) => {
      const text = [header, ...rows.slice(a, b)].join('\n');
      return i % 2
        ? writeFile(dir, `p${i}.txt.gz`, gzipSync(text))
        : writeFile(dir, `p${i}.txt`, text);
    });
    const zip = join(dir, 'parts.zip');
    execFileSync('python3', [
      '-c',
      `import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED); [z.write(p, p.split('/')[-1]) for p in sys.argv[2:]]; z.close()`,
      zip,
      ...names,
    ]);
    const ws = freshWorkspace();
    const r = await importInto(ws, { files: [zip], year: 2012 });
    expect(r.files).toHaveLength(7);
    expectSameTotals(await marketTotals(ws), whole);
  }, 180_000);

  for (const k of [1, 4, 10]) {
    it(`as a DuckDB-written Parquet folder of ${k} parts (typed columns)`, async () => {
      const rand = rng(1000 + k);
      const dir = tmpDir();
      const folder = join(dir, 'parquet');
      mkdirSync(folder);
      const sql: string[] = [];
      cuts(rows.length, k, rand).forEach(([a, b], i) => {
        const tsv = writeFile(dir, `s${i}.txt`, [header, ...rows.slice(a, b)].join('\n'));
        sql.push(
          `COPY (SELECT * FROM read_csv('${tsv}', delim='\t', header=true)) TO '${join(folder, `part-${String(i).padStart(5, '0')}.parquet`)}' (FORMAT parquet)`,
        );
      });
      writeFile(folder, '_SUCCESS', '');
      await duckdb(...sql);
      const ws = freshWorkspace();
      const r = await importInto(ws, { files: [folder], year: 2012 });
      expect(r.files.map((f) => f.container)).toEqual(Array(k).fill('parquet'));
      expect(r.sources[0]!.read).toEqual({
        rows: rows.length,
        imported: rows.length,
        rejected: 0,
        duplicates: 0,
      });
      expectSameTotals(await marketTotals(ws), whole);
    }, 180_000);
  }
});
