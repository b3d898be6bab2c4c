// Volume chunks written in code order, the columnar provider copy (rebuilt by imports, dropped by any
// other provider write), and the engine's column loaders over several imports and legacy chunks.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../workers/data/workspace';
import {
  buildProviderColumns,
  readProviderColumnData,
} from '../../workers/data/providerColumnStore';
import { CHUNK_ROWS, createChunkWriter, readVolumes } from '../../workers/data/volumeStore';
import {
  getProviderColumns,
  getProviderPlaces,
  getVolumeCodeIndex,
  getVolumeColumns,
} from '../../workers/engine/columns/columnsLoader';
import { createContext } from '../../workers/engine/runtime/context';
import {
  CMS28,
  cmsRow,
  count,
  freshWorkspace,
  importInto,
  tmpDir,
  writeFile,
} from './importHelpers';

const storedColumns = (ws: ReturnType<typeof freshWorkspace>) =>
  count(ws, `SELECT count(*) AS n FROM provider_columns`);
const triggers = (ws: ReturnType<typeof freshWorkspace>) =>
  count(
    ws,
    `SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('providers', 'affiliations', 'access_scores') AND name LIKE '%_columns_%'`,
  );

function addImport(ws: ReturnType<typeof freshWorkspace>): number {
  return Number(
    ws.db
      .prepare(
        `INSERT INTO imports (path, format, source_key, year, rows, imported, rejected, seconds, encoding, imported_at) VALUES ('t', 'cms-provider-service', 'cms:2022', 2022, 0, 0, 0, 0, 'utf-8', '')`,
      )
      .run().lastInsertRowid,
  );
}

describe('volume store', () => {
  it('writes each import sorted by code, keeping file order within a code, across several chunks', () => {
    const ws = freshWorkspace();
    const w = createChunkWriter(ws.db, addImport(ws), 2022);
    const n = CHUNK_ROWS + 1000;
    const codeOf = (i: number) => 1 + ((i * 7919) % 13);
    for (let i = 0; i < n; i++) w.append(1000000000 + i, codeOf(i), i % 3, i, i + 0.5, 2 * i);
    w.flush();
    expect(count(ws, `SELECT count(*) AS n FROM volume_chunks`)).toBe(2);
    const v = readVolumes(ws.db);
    expect(v.count).toBe(n);
    for (let i = 1; i < n; i++) {
      const same = v.codeId[i] === v.codeId[i - 1];
      expect(v.codeId[i]! > v.codeId[i - 1]! || (same && v.npi[i]! > v.npi[i - 1]!)).toBe(true);
    }
    // every record kept its own values
    for (let i = 0; i < n; i += 997) {
      const orig = v.npi[i]! - 1000000000;
      expect([v.codeId[i], v.pos[i], v.benes[i], v.services[i], v.payment[i], v.year[i]]).toEqual([
        codeOf(orig),
        orig % 3,
        Math.fround(orig),
        Math.fround(orig + 0.5),
        Math.fround(2 * orig),
        2022,
      ]);
    }
    ws.close();
  });
});

describe('columnar provider copy', () => {
  const rows = [
    cmsRow({
      npi: '1000000003',
      zip: '94103',
      state: 'CA',
      code: '27130',
      pos: 'F',
      benes: '30',
      srvcs: '31',
      pay: '1100',
      type: 'Orthopedic Surgery',
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
      npi: '1000000002',
      zip: '99999',
      state: 'NY',
      code: '27447',
      pos: 'O',
      benes: '20',
      srvcs: '20.5',
      pay: '800',
    }),
  ];

  it('is built by the import, matches the providers table, and the triggers are back after it', async () => {
    const dir = tmpDir();
    const ws = freshWorkspace(dir);
    await importInto(ws, { files: [writeFile(dir, 'a_D22_.csv', [CMS28, ...rows].join('\n'))] });
    expect(storedColumns(ws)).toBe(10);
    expect(triggers(ws)).toBe(9);
    const stored = readProviderColumnData(ws.db);
    expect(stored).toEqual(buildProviderColumns(ws.db));
    expect(Array.from(stored.npi)).toEqual([1000000001, 1000000002, 1000000003]);
    expect(Array.from(stored.lat, Number.isNaN)).toEqual([false, true, false]); // 99999 is not a ZIP
    const zip = (i: number) => stored.zip5.dict[stored.zip5.codes[i]!];
    expect([zip(0), zip(1), zip(2)]).toEqual(['10001', '99999', '94103']);
    ws.close();
  });

  it('is dropped by any other write to providers and rebuilt (and stored back) by the next load', async () => {
    const dir = tmpDir();
    const ws = freshWorkspace(dir);
    await importInto(ws, { files: [writeFile(dir, 'a_D22_.csv', [CMS28, ...rows].join('\n'))] });
    ws.db
      .prepare(`UPDATE providers SET specialty = 'Cardiology', state = 'NJ' WHERE npi = 1000000003`)
      .run();
    expect(storedColumns(ws)).toBe(0);
    const ctx = createContext(ws);
    const p = getProviderColumns(ctx);
    expect(p.specialties[p.specialty[2]!]).toBe('Cardiology');
    const places = getProviderPlaces(ctx);
    expect(places.state.dict[places.state.codes[2]!]).toBe('NJ');
    expect(storedColumns(ws)).toBe(10);
    ws.db
      .prepare(
        `INSERT INTO providers (npi, zip5, state, county_fips) VALUES (1000000000, '10001', 'ny ', '123')`,
      )
      .run();
    ctx.invalidate('providers');
    expect(Array.from(getProviderColumns(ctx).npi)).toEqual([
      1000000000, 1000000001, 1000000002, 1000000003,
    ]);
    // values outside the numeric fast paths (odd state, short FIPS, blank) come through as text
    const pl = getProviderPlaces(ctx);
    const at = (c: { codes: Uint32Array; dict: string[] }) => Array.from(c.codes, (k) => c.dict[k]);
    expect(at(pl.state)).toEqual(['ny ', 'NY', 'NY', 'NJ']);
    expect(at(pl.county)).toEqual(['123', '36061', '', '06075']);
    expect(at(pl.zip5)).toEqual(['10001', '10001', '99999', '94103']);
    ws.close();
  });

  it("carries each provider's first health system and access score, rebuilt when those files are imported", async () => {
    const dir = tmpDir();
    const ws = freshWorkspace(dir);
    await importInto(ws, { files: [writeFile(dir, 'a_D22_.csv', [CMS28, ...rows].join('\n'))] });
    await importInto(ws, {
      files: [
        writeFile(
          dir,
          'affiliations.csv',
          'npi,system_id,system_name\n1000000003,S2,Second\n1000000001,S1,First\n1000000003,S1,First\n1000000042,S3,Elsewhere\n',
        ),
        writeFile(dir, 'access.csv', 'npi,access_score,no_see\n1000000002,0.25,Y\n'),
      ],
    });
    expect(storedColumns(ws)).toBe(10);
    const p = getProviderColumns(createContext(ws));
    expect(p.systems).toEqual([
      { id: 'S2', name: 'Second' },
      { id: 'S1', name: 'First' },
      { id: 'S3', name: 'Elsewhere' },
    ]);
    expect(Array.from(p.system)).toEqual([1, -1, 0]);
    expect(Array.from(p.access)).toEqual([1, 0.25, 1]);
    expect(Array.from(p.noSee)).toEqual([0, 1, 0]);
    // a direct write to affiliations drops the copy; the next load sees it
    ws.db.prepare(`DELETE FROM affiliations WHERE system_id = 'S2'`).run();
    expect(storedColumns(ws)).toBe(0);
    expect(Array.from(getProviderColumns(createContext(ws)).system)).toEqual([0, -1, 0]);
    ws.close();
  });

  it('still loads when another connection holds the write lock (the copy is stored by a later load)', async () => {
    const dir = tmpDir();
    const ws = freshWorkspace(dir);
    await importInto(ws, { files: [writeFile(dir, 'a_D22_.csv', [CMS28, ...rows].join('\n'))] });
    ws.db.prepare(`UPDATE providers SET specialty = 'Cardiology' WHERE npi = 1000000003`).run();
    const other = openWorkspace(join(dir, 'w.tessera'));
    other.db.exec('BEGIN IMMEDIATE');
    const p = getProviderColumns(createContext(ws));
    expect(p.specialties[p.specialty[2]!]).toBe('Cardiology');
    expect(storedColumns(ws)).toBe(0);
    other.db.exec('ROLLBACK');
    other.close();
    getProviderColumns(createContext(ws));
    expect(storedColumns(ws)).toBe(10);
    ws.close();
  });

  it('a failed import leaves the stored copy and the triggers as they were', async () => {
    const dir = tmpDir();
    const ws = freshWorkspace(dir);
    await importInto(ws, { files: [writeFile(dir, 'a_D22_.csv', [CMS28, ...rows].join('\n'))] });
    const before = readProviderColumnData(ws.db);
    const more = [
      CMS28,
      cmsRow({
        npi: '1000000009',
        zip: '10001',
        state: 'NY',
        code: '27447',
        pos: 'O',
        benes: '1',
        srvcs: '1',
        pay: '1',
      }),
    ].join('\n');
    await expect(
      importInto(ws, {
        files: [writeFile(dir, 'b_D22_.csv', more), writeFile(dir, 'nope.csv', 'a,b\n1,2\n')],
      }),
    ).rejects.toThrow();
    expect(triggers(ws)).toBe(9);
    expect(storedColumns(ws)).toBe(10);
    expect(readProviderColumnData(ws.db)).toEqual(before);
    ws.close();
  });
});

describe('column loaders over several imports', () => {
  it('groups records of two years and a diagnosis import by code and maps NPIs to providers', async () => {
    const dir = tmpDir();
    const ws = freshWorkspace(dir);
    const y22 = [
      cmsRow({
        npi: '1000000001',
        zip: '10001',
        state: 'NY',
        code: '27447',
        pos: 'F',
        benes: '1',
        srvcs: '1',
        pay: '1',
      }),
      cmsRow({
        npi: '1000000002',
        zip: '10001',
        state: 'NY',
        code: '99213',
        pos: 'O',
        benes: '2',
        srvcs: '2',
        pay: '1',
      }),
      cmsRow({
        npi: '1000000003',
        zip: '94103',
        state: 'CA',
        code: '27447',
        pos: 'F',
        benes: '3',
        srvcs: '3',
        pay: '1',
      }),
    ];
    const y21 = [
      cmsRow({
        npi: '1000000002',
        zip: '10001',
        state: 'NY',
        code: '99213',
        pos: 'O',
        benes: '4',
        srvcs: '4',
        pay: '1',
      }),
      cmsRow({
        npi: '1000000003',
        zip: '94103',
        state: 'CA',
        code: '27447',
        pos: 'F',
        benes: '5',
        srvcs: '5',
        pay: '1',
      }),
    ];
    await importInto(ws, {
      files: [
        writeFile(dir, 'a_D22_.csv', [CMS28, ...y22].join('\n')),
        writeFile(dir, 'b_D21_.csv', [CMS28, ...y21].join('\n')),
      ],
    });
    await importInto(ws, {
      files: [
        writeFile(
          dir,
          'dx.csv',
          'npi,icd10,patients,year\n1000000001,E11.9,6,2022\n1000000007,E11.9,7,2022\n',
        ),
      ],
    });
    const ctx = createContext(ws);
    const p = getProviderColumns(ctx);
    const v = getVolumeColumns(ctx);
    const rec = Array.from({ length: v.count }, (_, i) => [
      v.code[i]!,
      p.npi[v.provider[i]!] ?? -1,
      v.year[i]!,
      v.beneficiaries[i]!,
    ]);
    expect(rec.map((r) => r[0])).toEqual([...rec.map((r) => r[0]!)].sort((a, b) => a - b));
    const { start } = getVolumeCodeIndex(ctx);
    for (let c = 0; c + 1 < start.length; c++) {
      for (let j = start[c]!; j < start[c + 1]!; j++) expect(v.code[j]).toBe(c);
    }
    expect(start[start.length - 1]).toBe(v.count);
    expect(
      rec.map(([, npi, year, benes]) => [npi, year, benes]).sort((a, b) => a[2]! - b[2]!),
    ).toEqual([
      [1000000001, 2022, 1],
      [1000000002, 2022, 2],
      [1000000003, 2022, 3],
      [1000000002, 2021, 4],
      [1000000003, 2021, 5],
      [1000000001, 2022, 6],
      [1000000007, 2022, 7],
    ]);
    ws.close();
  });

  it('still reads chunks stored unsorted (workspaces written before imports sorted them)', () => {
    const ws = freshWorkspace();
    ws.db
      .prepare(
        `INSERT INTO codes (id, code, system) VALUES (1, 'A', 'HCPCS'), (2, 'B', 'HCPCS'), (3, 'C', 'HCPCS')`,
      )
      .run();
    ws.db.prepare(`INSERT INTO providers (npi) VALUES (1000000001), (1000000002)`).run();
    const imp = addImport(ws);
    const b = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    const codes = [3, 1, 2, 1, 3, 2, 1];
    ws.db
      .prepare(
        `INSERT INTO volume_chunks (import_id, seq, year, n, npi, code_id, pos, benes, services, payment) VALUES (?, 0, 2022, 7, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        imp,
        b(Uint32Array.from(codes, (_, i) => 1000000001 + (i % 2))),
        b(Uint32Array.from(codes)),
        b(new Uint8Array(7)),
        b(Float32Array.from(codes, (_, i) => i)),
        b(new Float32Array(7)),
        b(new Float32Array(7)),
      );
    const v = getVolumeColumns(createContext(ws));
    expect(Array.from(v.code)).toEqual([1, 1, 1, 2, 2, 3, 3]);
    expect(Array.from(v.beneficiaries)).toEqual([1, 3, 6, 2, 5, 0, 4]);
    expect(Array.from(v.provider)).toEqual([1, 1, 0, 0, 1, 0, 0]);
    // the load stored them sorted (once): the same records, now one code-ordered run
    const stored = readVolumes(ws.db);
    expect(Array.from(stored.codeId)).toEqual([1, 1, 1, 2, 2, 3, 3]);
    expect(Array.from(stored.benes)).toEqual([1, 3, 6, 2, 5, 0, 4]);
    expect(Array.from(stored.year)).toEqual([2022, 2022, 2022, 2022, 2022, 2022, 2022]);
    expect(getVolumeColumns(createContext(ws))).toEqual(v);
    ws.close();
  });
});
