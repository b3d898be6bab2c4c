// Fuzz: a few hundred seeded mutations of each format's base file (stray quotes, cut lines, doubled
// lines, binary bytes, huge numbers, NULs, CRs, truncation…), each imported into a workspace that
// already holds that format's data. Every outcome must be either an import whose every physical line
// is accounted for (lines in = header + imported + rejected + skipped + blank + repeated headers) or a
// refusal (an EngineFailure, never INTERNAL, never another exception) that left the workspace exactly
// as it was. A single stray quote costs at most one record.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineFailure } from '../../workers/common/result';
import type { ImportFileResult } from '../../workers/common/contract';
import { freshWorkspace, importInto, REAL, tmpDir, writeFile } from './importHelpers';
import { CMS2012, fingerprint, rng } from './importSourceHelpers';

const PER_FORMAT = Number(process.env.TESSERA_FUZZ_PER_FORMAT ?? 250);

type Base = { name: string; file: string; text: string; year?: number };

function firstLines(path: string, n: number): string {
  return (
    readFileSync(path, 'utf8')
      .split('\n')
      .slice(0, n + 1)
      .join('\n') + '\n'
  );
}

/** The 2012 excerpt's first rows rewritten as RFC 4180 CSV (quoted where a value has a comma). */
function asCsv(tsv: string): string {
  return tsv
    .split('\n')
    .map((l) =>
      l === ''
        ? ''
        : l
            .split('\t')
            .map((v) => (/[",\n]/.test(v) || v.includes(' ') ? `"${v.replaceAll('"', '""')}"` : v))
            .join(','),
    )
    .join('\n');
}

const BASES: Base[] = [
  { name: 'cms-2012-tsv', file: 'fz_CY2012.txt', text: firstLines(CMS2012, 150) },
  { name: 'cms-2012-csv', file: 'fz_CY2012.csv', text: asCsv(firstLines(CMS2012, 150)) },
  {
    name: 'nppes',
    file: 'npidata_fz.csv',
    text: firstLines(join(REAL, 'nppes-npidata-2025-excerpt-rewritten.csv'), 60),
  },
  {
    name: 'diagnosis',
    file: 'dx_fz.csv',
    text:
      'npi,icd10,patients,claims,year\n' +
      Array.from(
        { length: 150 },
        (_, i) => `${1003000000 + i * 13},E11.${i % 10},${i + 1},${2 * i + 1},2023`,
      ).join('\n') +
      '\n',
  },
  {
    name: 'alignment',
    file: 'align_fz.csv',
    text:
      'zip,territory_id,district,region\n' +
      Array.from(
        { length: 150 },
        (_, i) => `${String(60000 + i * 3)},"T${i % 12}, north",D${i % 4},R1`,
      ).join('\n') +
      '\n',
  },
];

type Mutation = (b: Uint8Array, r: () => number) => { bytes: Uint8Array; quotes: number };

const at = (n: number, r: () => number) => Math.floor(r() * n);
const enc = (s: string) => Buffer.from(s, 'latin1');
const splice = (b: Uint8Array, i: number, del: number, ins: Uint8Array) =>
  Buffer.concat([b.subarray(0, i), ins, b.subarray(i + del)]);
const lineStarts = (b: Uint8Array) => {
  const s = [0];
  for (let i = 0; i < b.length; i++) if (b[i] === 0x0a && i + 1 < b.length) s.push(i + 1);
  return s;
};

const MUTATIONS: Record<string, Mutation> = {
  strayQuote: (b, r) => ({ bytes: splice(b, at(b.length, r), 0, enc('"')), quotes: 1 }),
  quoteAtFieldStart: (b, r) => {
    const starts: number[] = [];
    for (let i = 1; i < b.length; i++) if (b[i - 1] === 0x2c || b[i - 1] === 0x09) starts.push(i);
    return { bytes: splice(b, starts[at(starts.length, r)] ?? 0, 0, enc('"')), quotes: 1 };
  },
  deleteRange: (b, r) => ({
    bytes: splice(b, at(b.length, r), 1 + at(200, r), new Uint8Array(0)),
    quotes: 0,
  }),
  duplicateLine: (b, r) => {
    const s = lineStarts(b);
    const k = 1 + at(s.length - 1, r);
    const end = s[k + 1] ?? b.length;
    return { bytes: splice(b, end, 0, b.subarray(s[k]!, end)), quotes: 0 };
  },
  binaryBytes: (b, r) => ({
    bytes: splice(
      b,
      at(b.length, r),
      0,
      Uint8Array.from({ length: 1 + at(40, r) }, () => at(256, r)),
    ),
    quotes: 2,
  }),
  hugeNumber: (b, r) => ({
    bytes: splice(
      b,
      at(b.length, r),
      0,
      enc(['1e39', '0x10', '-5', '1e308', 'NaN', '99999999999999999999999'][at(6, r)]!),
    ),
    quotes: 0,
  }),
  nul: (b, r) => ({ bytes: splice(b, at(b.length, r), 0, new Uint8Array([0])), quotes: 0 }),
  cr: (b, r) => ({ bytes: splice(b, at(b.length, r), 0, enc('\r')), quotes: 0 }),
  lf: (b, r) => ({ bytes: splice(b, at(b.length, r), 0, enc('\n')), quotes: 0 }),
  truncate: (b, r) => ({ bytes: b.subarray(0, at(b.length, r)), quotes: 0 }),
  delimiter: (b, r) => ({
    bytes: splice(b, at(b.length, r), 0, enc([',', '\t', ',,', '\t\t'][at(4, r)]!)),
    quotes: 0,
  }),
  headerBreak: (b, r) => ({
    bytes: splice(b, at(Math.max(1, b.indexOf(0x0a)), r), 1, enc('#')),
    quotes: 0,
  }),
  bomMiddle: (b, r) => ({
    bytes: splice(b, at(b.length, r), 0, new Uint8Array([0xef, 0xbb, 0xbf])),
    quotes: 0,
  }),
};

/** Physical lines of a text as the importer counts them. */
function physicalLines(b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < b.length; i++) if (b[i] === 0x0a) n++;
  return b.length > 0 && b[b.length - 1] !== 0x0a ? n + 1 : n;
}

function accounted(f: ImportFileResult): number {
  // skipped includes repeated headers (see pipeline)
  return (f.hasHeader ? 1 : 0) + f.imported + f.rejected + f.skipped + f.blankLines;
}

describe('import fuzz', () => {
  for (const base of BASES) {
    it(`${PER_FORMAT} mutated ${base.name} files: no stack trace, no silent line loss, refused imports change nothing`, async () => {
      const dir = tmpDir();
      const ws = freshWorkspace(dir);
      const original = Buffer.from(base.text, 'latin1');
      const basePath = writeFile(dir, base.file, original);
      const first = await importInto(ws, { files: [basePath] });
      const baseFile = first.files[0]!;
      expect(baseFile.lines).toBe(physicalLines(original));
      const names = Object.keys(MUTATIONS);
      const mutDir = join(dir, 'mutated');
      mkdirSync(mutDir);
      const rand = rng(0xc0ffee ^ (base.name.length * 7919));
      const stats = { imported: 0, refused: 0 };
      for (let i = 0; i < PER_FORMAT; i++) {
        const kind = names[i % names.length]!;
        const { bytes, quotes } = MUTATIONS[kind]!(original, rand);
        const path = writeFile(mutDir, base.file, bytes);
        const before = fingerprint(ws);
        let outcome: unknown;
        try {
          outcome = await importInto(ws, { files: [path] });
        } catch (e) {
          outcome = e;
        }
        const where = `${base.name} #${i} (${kind})`;
        if (outcome instanceof EngineFailure) {
          stats.refused++;
          expect(outcome.error.code, `${where}: ${outcome.error.message}`).not.toBe('INTERNAL');
          expect(outcome.error.message, where).toContain(base.file);
          expect(fingerprint(ws), `${where} changed the workspace although it was refused`).toEqual(
            before,
          );
          continue;
        }
        if (outcome instanceof Error) throw new Error(`${where}: ${outcome.stack}`);
        stats.imported++;
        const f = (outcome as { files: ImportFileResult[] }).files[0]!;
        expect(f.rows, where).toBe(f.imported + f.rejected);
        // the scanner saw every line, and every line is a header, a record, a skip or a blank —
        // except lines that legitimately continue a quoted field (none in the base files)
        expect(f.lines, where).toBe(physicalLines(bytes));
        const joined = f.lines - accounted(f);
        expect(joined, `${where}: ${joined} lines not accounted for`).toBe(f.continuationLines);
        // a line break inserted inside a quoted field makes one legitimate two-line record; nothing else may join lines
        expect(
          f.continuationLines,
          `${where}: ${f.continuationLines} lines joined to a record`,
        ).toBeLessThanOrEqual(kind === 'lf' ? 1 : 0);
        if (quotes === 1 && kind === 'quoteAtFieldStart') {
          // one stray quote costs at most one record
          expect(f.imported, where).toBeGreaterThanOrEqual(baseFile.imported - 1);
        }
      }
      expect(stats.imported + stats.refused).toBe(PER_FORMAT);
      ws.close();
    }, 120_000);
  }
});
