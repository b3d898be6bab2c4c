// The export's files as the people who receive them use them: workbooks checked against the ECMA-376
// schemas and round-tripped through openpyxl, for the demo's baseline and for a rebalanced scenario.
// Needs xmllint (Debian libxml2-utils) and python3 with openpyxl + pillow.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../workers/common/contract';
import { openEngine, type Engine } from '../../workers/engine/runtime/engine';
import { openpyxlRoundTrip, validateWorkbooks } from './ooxmlCheck';

const dir = mkdtempSync(join(tmpdir(), 'tessera-export-files-'));
let engine: Engine;
let baseline: ExportResult;
let rebalanced: ExportResult;

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
}, 400_000);

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

  it('openpyxl keeps the map picture of every pack on a load/save round trip', () => {
    for (const path of workbooks(rebalanced).filter((p) => p.includes('packs'))) {
      const r = openpyxlRoundTrip(path);
      expect(r.before.Overview).toBe(1);
      expect(r.after.Overview).toBe(1);
    }
  }, 120_000);
});
