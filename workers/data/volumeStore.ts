// Columnar volume storage: volume records are written in chunks of up to CHUNK_ROWS rows, each column a
// little-endian typed-array blob in `volume_chunks`. Loading 10 M records is ~150 blob copies instead
// of 10 M row decodes through SQLite.
//
// Each writer (one import, one data year) buffers its records and writes them sorted by code id
// (stable: file order is kept within a code). The engine keeps records grouped by code so a market
// query reads one contiguous run per code; with each import already in code order, loading is a blob
// copy plus, when several imports are present, a copy of each import's per-code runs (see
// groupByCode) instead of a 10 M-record gather that took ~13 s of CPU here.
import { EngineFailure } from '../common/result';
import { writeIfFree } from './bestEffortWrite';
import type { Db } from './workspace';

export const CHUNK_ROWS = 65_536;

export type VolumeRecordColumns = {
  count: number;
  npi: Uint32Array;
  codeId: Uint32Array;
  /** 0 unknown, 1 facility, 2 office */
  pos: Uint8Array;
  year: Uint16Array;
  benes: Float32Array;
  services: Float32Array;
  payment: Float32Array;
};

/** Collects the volume records of one import and one data year; flush() writes them in code order. */
export type ChunkWriter = {
  append(
    npi: number,
    codeId: number,
    pos: number,
    benes: number,
    services: number,
    payment: number,
  ): void;
  /** Sorts the buffered records by code and writes them as chunks. Call once at the end. */
  flush(): void;
  readonly written: number;
};

type Block = {
  npi: Uint32Array;
  codeId: Uint32Array;
  pos: Uint8Array;
  benes: Float32Array;
  services: Float32Array;
  payment: Float32Array;
};

const newBlock = (): Block => ({
  npi: new Uint32Array(CHUNK_ROWS),
  codeId: new Uint32Array(CHUNK_ROWS),
  pos: new Uint8Array(CHUNK_ROWS),
  benes: new Float32Array(CHUNK_ROWS),
  services: new Float32Array(CHUNK_ROWS),
  payment: new Float32Array(CHUNK_ROWS),
});

function bytes(a: ArrayBufferView, at: number, n: number, width: number): Buffer {
  return Buffer.from(a.buffer, a.byteOffset + at * width, n * width);
}

type Sortable = Exclude<keyof Block, 'codeId'>;
type Column = Uint32Array | Uint8Array | Float32Array;

/**
 * Counting sort of buffered blocks by code: code c's records go to [start[c], start[c+1]). One column
 * at a time, scattering in input order (stable; ~6 000 active write positions per column stay in
 * cache, unlike a gather, whose reads are all cache misses), freeing each input column as it goes.
 */
function sortBlocks(
  blocks: Block[],
  n: number,
  last: number,
  counts: Uint32Array,
  codeLimit: number,
) {
  const start = new Uint32Array(codeLimit + 1);
  for (let c = 0; c < codeLimit; c++) start[c + 1] = start[c]! + counts[c]!;
  const codeId = new Uint32Array(n);
  for (let c = 0; c < codeLimit; c++) if (counts[c]) codeId.fill(c, start[c]!, start[c + 1]!);
  // destination of every record, written over its (no longer needed) code: the column passes below
  // are then plain scatters with no cursor updates in their loop
  const cursor = start.slice(0, codeLimit);
  blocks.forEach((b, k) => {
    const code = b.codeId;
    const len = k === blocks.length - 1 ? last : CHUNK_ROWS;
    for (let i = 0; i < len; i++) code[i] = cursor[code[i]!]!++;
  });
  const scatter = (key: Sortable, out: Column): Column => {
    blocks.forEach((b, k) => {
      const src = b[key]!;
      const dest = b.codeId;
      const len = k === blocks.length - 1 ? last : CHUNK_ROWS;
      for (let i = 0; i < len; i++) out[dest[i]!] = src[i]!;
      (b as Partial<Block>)[key] = undefined; // release the input column
    });
    return out;
  };
  return {
    codeId,
    npi: scatter('npi', new Uint32Array(n)) as Uint32Array,
    pos: scatter('pos', new Uint8Array(n)) as Uint8Array,
    benes: scatter('benes', new Float32Array(n)) as Float32Array,
    services: scatter('services', new Float32Array(n)) as Float32Array,
    payment: scatter('payment', new Float32Array(n)) as Float32Array,
  };
}

export function createChunkWriter(db: Db, importId: number, year: number): ChunkWriter {
  const insert = db.prepare(
    `INSERT INTO volume_chunks (import_id, seq, year, n, npi, code_id, pos, benes, services, payment)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const nextSeq = db.prepare(
    `SELECT coalesce(max(seq) + 1, 0) AS s FROM volume_chunks WHERE import_id = ?`,
  );
  const blocks: Block[] = [];
  let block = newBlock();
  let n = 0; // rows in the current block
  let full = 0; // rows in earlier blocks
  let counts = new Uint32Array(1024);
  let sorted = true;
  let prevCode = 0;
  let flushed = false;
  blocks.push(block);
  const write = (cols: Block, total: number) => {
    // seq read at write time: several writers (one per data year) may share an import
    let seq = (nextSeq.get(importId) as { s: number }).s;
    for (let at = 0; at < total; at += CHUNK_ROWS, seq++) {
      const m = Math.min(CHUNK_ROWS, total - at);
      insert.run(
        importId,
        seq,
        year,
        m,
        bytes(cols.npi, at, m, 4),
        bytes(cols.codeId, at, m, 4),
        bytes(cols.pos, at, m, 1),
        bytes(cols.benes, at, m, 4),
        bytes(cols.services, at, m, 4),
        bytes(cols.payment, at, m, 4),
      );
    }
  };
  return {
    append(a, c, p, b, s, pay) {
      if (n === CHUNK_ROWS) {
        block = newBlock();
        blocks.push(block);
        full += n;
        n = 0;
      }
      block.npi[n] = a;
      block.codeId[n] = c;
      block.pos[n] = p;
      block.benes[n] = b;
      block.services[n] = s;
      block.payment[n] = pay;
      n += 1;
      if (c >= counts.length) {
        const grown = new Uint32Array(Math.max(c + 1, counts.length * 2));
        grown.set(counts);
        counts = grown;
      }
      counts[c]! += 1;
      if (c < prevCode) sorted = false;
      prevCode = c;
    },
    flush() {
      if (flushed) return;
      flushed = true;
      const total = full + n;
      if (total === 0) return;
      if (sorted && blocks.length === 1) write(blocks[0]!, total);
      else if (sorted) blocks.forEach((b, k) => write(b, k === blocks.length - 1 ? n : CHUNK_ROWS));
      else write(sortBlocks(blocks, total, n, counts, counts.length), total);
      blocks.length = 0;
    },
    get written() {
      return full + n;
    },
  };
}

type ChunkRow = {
  year: number;
  n: number;
  npi: Buffer;
  code_id: Buffer;
  pos: Buffer;
  benes: Buffer;
  services: Buffer;
  payment: Buffer;
};

/** A blob column of volume_chunks and its byte width. */
export type VolumeBlobColumn = 'npi' | 'code_id' | 'pos' | 'benes' | 'services' | 'payment';
const WIDTH: Record<VolumeBlobColumn, number> = {
  npi: 4,
  code_id: 4,
  pos: 1,
  benes: 4,
  services: 4,
  payment: 4,
};

/** What one load saw of the stored chunks: record count and a stamp that any import or removal changes. */
export type VolumeSnapshot = { count: number; stamp: string; year: number | undefined };

export function volumeSnapshot(db: Db, year?: number): VolumeSnapshot {
  const where = year === undefined ? '' : 'WHERE year = ?';
  const r = db
    .prepare(
      `SELECT coalesce(sum(n), 0) AS n, count(*) AS chunks, coalesce(max(rowid), 0) AS last, coalesce(sum(import_id * 65599 + seq), 0) AS ids FROM volume_chunks ${where}`,
    )
    .get(...(year === undefined ? [] : [year])) as {
    n: number;
    chunks: number;
    last: number;
    ids: number;
  };
  return { count: r.n, stamp: `${r.n}:${r.chunks}:${r.last}:${r.ids}`, year };
}

/**
 * Where stored records go: runs of storage positions [src, src+len) copied to [dst, dst+len) (the
 * engine's code order over several imports), or null to keep storage order.
 */
export type RecordRuns = {
  src: Uint32Array;
  dst: Uint32Array;
  len: Uint32Array;
  count: number;
} | null;

/** Calls place(row, from, to, n) for each piece of each stored chunk: n records from chunk offset `from` go to record `to`. */
function eachChunk(
  db: Db,
  select: string,
  snap: VolumeSnapshot,
  runs: RecordRuns,
  place: (row: Record<string, unknown>, from: number, to: number, n: number) => void,
): void {
  const now = volumeSnapshot(db, snap.year);
  if (now.stamp !== snap.stamp) {
    throw new EngineFailure(
      'CONFLICT',
      "The workspace's volume data changed while it was being read (an import ran). Run the action again.",
    );
  }
  const where = snap.year === undefined ? '' : 'WHERE year = ?';
  const rows = db
    .prepare(`SELECT n, ${select} FROM volume_chunks ${where} ORDER BY import_id, seq`)
    .iterate(...(snap.year === undefined ? [] : [snap.year])) as IterableIterator<
    Record<string, unknown> & { n: number }
  >;
  let at = 0;
  let r = 0;
  for (const row of rows) {
    const n = row.n;
    if (at + n > snap.count) break;
    if (!runs) place(row, 0, at, n);
    else {
      const end = at + n;
      while (r < runs.count && runs.src[r]! + runs.len[r]! <= at) r++;
      for (let k = r; k < runs.count && runs.src[k]! < end; k++) {
        const lo = Math.max(at, runs.src[k]!);
        const hi = Math.min(end, runs.src[k]! + runs.len[k]!);
        place(row, lo - at, runs.dst[k]! + lo - runs.src[k]!, hi - lo);
      }
    }
    at += n;
  }
}

/**
 * One blob column of every stored volume record, written into `out` (its length is snap.count) in
 * storage order (imports in turn, each by code) or placed by `runs`. Reading a single column keeps
 * a load to the bytes a computation needs: resident memory is what costs here (first-touch page
 * faults ~4 ms per MB in this VM).
 */
export function readVolumeColumn<T extends Uint32Array | Uint8Array | Float32Array>(
  db: Db,
  name: VolumeBlobColumn,
  out: T,
  o: { snap: VolumeSnapshot; runs?: RecordRuns },
): T {
  const width = WIDTH[name];
  const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  eachChunk(db, `${name} AS b`, o.snap, o.runs ?? null, (row, from, to, n) => {
    const b = row.b as Buffer;
    bytes.set(
      from === 0 && n * width === b.length ? b : b.subarray(from * width, (from + n) * width),
      to * width,
    );
  });
  return out;
}

/** The data year of every stored record (same placement as readVolumeColumn). */
export function readVolumeYears(
  db: Db,
  out: Uint16Array,
  o: { snap: VolumeSnapshot; runs?: RecordRuns },
): Uint16Array {
  eachChunk(db, 'year', o.snap, o.runs ?? null, (row, _from, to, n) =>
    out.fill(row.year as number, to, to + n),
  );
  return out;
}

/**
 * Reads every volume record of the workspace into typed arrays (optionally one data year), in storage
 * order: imports in turn, each import's records by code (see groupByCode for one code order).
 */
export function readVolumes(db: Db, year?: number): VolumeRecordColumns {
  const snap = volumeSnapshot(db, year);
  const n = snap.count;
  return {
    count: n,
    npi: readVolumeColumn(db, 'npi', new Uint32Array(n), { snap }),
    codeId: readVolumeColumn(db, 'code_id', new Uint32Array(n), { snap }),
    pos: readVolumeColumn(db, 'pos', new Uint8Array(n), { snap }),
    year: readVolumeYears(db, new Uint16Array(n), { snap }),
    benes: readVolumeColumn(db, 'benes', new Float32Array(n), { snap }),
    services: readVolumeColumn(db, 'services', new Float32Array(n), { snap }),
    payment: readVolumeColumn(db, 'payment', new Float32Array(n), { snap }),
  };
}

/** Number of volume records, by year. */
export function volumeCountsByYear(db: Db): { year: number; rows: number }[] {
  return db
    .prepare(`SELECT year, sum(n) AS rows FROM volume_chunks GROUP BY year ORDER BY year`)
    .all() as {
    year: number;
    rows: number;
  }[];
}

function typed<T extends Uint32Array | Uint8Array | Float32Array>(
  b: Buffer,
  make: (n: number) => T,
  width: number,
): T {
  const out = make(b.length / width);
  new Uint8Array(out.buffer).set(b);
  return out;
}

/**
 * Rewrites, in code order, the volume records of every (import, year) stored unsorted by a Tessera
 * version before imports sorted them, so later opens load them with block copies. Best effort, in its
 * own transaction (see writeIfFree); streams the chunks (memory: one import's records, as an import).
 * Returns how many records were rewritten.
 */
export function sortLegacyChunks(db: Db): number {
  const groups = db
    .prepare(
      `SELECT DISTINCT import_id AS importId, year FROM volume_chunks ORDER BY import_id, year`,
    )
    .all() as {
    importId: number;
    year: number;
  }[];
  const codes = db
    .prepare(`SELECT code_id FROM volume_chunks WHERE import_id = ? AND year = ? ORDER BY seq`)
    .pluck();
  const chunks = db.prepare(
    `SELECT npi, code_id, pos, benes, services, payment FROM volume_chunks WHERE import_id = ? AND year = ? ORDER BY seq`,
  );
  const drop = db.prepare(`DELETE FROM volume_chunks WHERE import_id = ? AND year = ?`);
  const isSorted = (g: (typeof groups)[number]): boolean => {
    let prev = 0;
    for (const b of codes.iterate(g.importId, g.year) as IterableIterator<Buffer>) {
      const c = typed(b, (n) => new Uint32Array(n), 4);
      for (let i = 0; i < c.length; i++) {
        if (c[i]! < prev) return false;
        prev = c[i]!;
      }
    }
    return true;
  };
  let rewritten = 0;
  writeIfFree(db, () => {
    for (const g of groups) {
      if (isSorted(g)) continue;
      const w = createChunkWriter(db, g.importId, g.year);
      for (const r of chunks.iterate(g.importId, g.year) as IterableIterator<
        Omit<ChunkRow, 'year' | 'n'>
      >) {
        const npi = typed(r.npi, (n) => new Uint32Array(n), 4);
        const code = typed(r.code_id, (n) => new Uint32Array(n), 4);
        const pos = typed(r.pos, (n) => new Uint8Array(n), 1);
        const benes = typed(r.benes, (n) => new Float32Array(n), 4);
        const services = typed(r.services, (n) => new Float32Array(n), 4);
        const payment = typed(r.payment, (n) => new Float32Array(n), 4);
        for (let i = 0; i < code.length; i++)
          w.append(npi[i]!, code[i]!, pos[i]!, benes[i]!, services[i]!, payment[i]!);
      }
      drop.run(g.importId, g.year);
      w.flush();
      rewritten += w.written;
    }
  });
  return rewritten;
}
