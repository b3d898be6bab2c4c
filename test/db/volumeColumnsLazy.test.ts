// The engine's volume columns over several code-sorted imports: each column is read on first use,
// placed straight into code order (runs across chunk borders), and a read after the stored chunks
// changed is refused rather than mixing two states of the data.
import { describe, expect, it } from 'vitest';
import { CHUNK_ROWS, createChunkWriter } from '../../workers/data/volumeStore';
import { getVolumeCodeIndex, getVolumeColumns } from '../../workers/engine/columns/columnsLoader';
import { createContext } from '../../workers/engine/runtime/context';
import { freshWorkspace } from './importHelpers';

function addImport(ws: ReturnType<typeof freshWorkspace>, year: number): number {
  return Number(
    ws.db
      .prepare(
        `INSERT INTO imports (path, format, source_key, year, rows, imported, rejected, seconds, encoding, imported_at) VALUES ('t', 'cms-provider-service', ?, ?, 0, 0, 0, 0, 'utf-8', '')`,
      )
      .run(`cms:${year}`, year).lastInsertRowid,
  );
}

/** Writes `n` records over codes 1..3 for one import; benes encodes (import, record) to trace placement. */
function writeImport(
  ws: ReturnType<typeof freshWorkspace>,
  year: number,
  n: number,
  tag: number,
): void {
  const w = createChunkWriter(ws.db, addImport(ws, year), year);
  for (let i = 0; i < n; i++)
    w.append(1000000001 + (i % 3), 1 + (i % 3), 1 + (i % 2), tag * 1e6 + i, i % 7, 1);
  w.flush();
}

describe('lazy volume columns over several imports', () => {
  it('places every column of two code-sorted imports into one code order, across chunk borders', () => {
    const ws = freshWorkspace();
    ws.db
      .prepare(
        `INSERT INTO codes (id, code, system) VALUES (1, 'A', 'HCPCS'), (2, 'B', 'HCPCS'), (3, 'C', 'HCPCS')`,
      )
      .run();
    ws.db
      .prepare(`INSERT INTO providers (npi) VALUES (1000000001), (1000000002), (1000000003)`)
      .run();
    const a = CHUNK_ROWS + 500; // more than one chunk: runs cross a chunk border
    const b = 900;
    writeImport(ws, 2021, a, 1);
    writeImport(ws, 2022, b, 2);
    const v = getVolumeColumns(createContext(ws));
    expect(v.count).toBe(a + b);
    const { start } = getVolumeCodeIndex(createContext(ws));
    for (let c = 1; c <= 3; c++) {
      const from = start[c]!;
      const to = start[c + 1]!;
      // each code's run: first import's records (file order), then the second's
      const expected = [
        ...Array.from({ length: a }, (_, i) => i)
          .filter((i) => 1 + (i % 3) === c)
          .map((i) => [2021, 1e6 + i, c - 1, 1 + (i % 2)]),
        ...Array.from({ length: b }, (_, i) => i)
          .filter((i) => 1 + (i % 3) === c)
          .map((i) => [2022, 2e6 + i, c - 1, 1 + (i % 2)]),
      ];
      const got = Array.from({ length: to - from }, (_, k) => [
        v.year[from + k]!,
        v.beneficiaries[from + k]!,
        v.provider[from + k]!,
        v.pos[from + k]!,
      ]);
      expect(got).toEqual(expected);
      for (let r = from; r < to; r++) expect(v.code[r]).toBe(c);
    }
    ws.close();
  });

  it('refuses to read a column after an import changed the stored chunks', () => {
    const ws = freshWorkspace();
    ws.db
      .prepare(
        `INSERT INTO codes (id, code, system) VALUES (1, 'A', 'HCPCS'), (2, 'B', 'HCPCS'), (3, 'C', 'HCPCS')`,
      )
      .run();
    ws.db
      .prepare(`INSERT INTO providers (npi) VALUES (1000000001), (1000000002), (1000000003)`)
      .run();
    writeImport(ws, 2021, 3000, 1);
    writeImport(ws, 2022, 3000, 2);
    const v = getVolumeColumns(createContext(ws));
    expect(v.year.length).toBe(6000);
    writeImport(ws, 2023, 10, 3);
    expect(() => v.services).toThrow(/changed while it was being read/);
    ws.close();
  });
});
