// The import log and re-import replacement.
import type { ImportFormat, ImportRecord } from '../../common/contract';
import type { Db } from '../workspace';

export function startImport(
  db: Db,
  r: { path: string; format: ImportFormat; year: number | null },
): number {
  const res = db
    .prepare(
      `INSERT INTO imports (path, format, source_key, year, rows, imported, rejected, seconds, encoding, imported_at)
       VALUES (?, ?, ?, ?, 0, 0, 0, 0, 'utf-8', ?)`,
    )
    .run(r.path, r.format, `${r.format}:${r.year ?? ''}`, r.year, new Date().toISOString());
  return Number(res.lastInsertRowid);
}

export type ImportTotals = {
  rows: number;
  imported: number;
  rejected: number;
  seconds: number;
  encoding: string;
  skipped: number;
  /** Sets the year when the file carried exactly one (diagnosis, payments). */
  years: number[];
};

export function finishImport(db: Db, id: number, t: ImportTotals): void {
  db.prepare(
    `UPDATE imports SET rows = ?, imported = ?, rejected = ?, seconds = ?, encoding = ?, skipped = ?,
       year = coalesce(year, ?) WHERE id = ?`,
  ).run(
    t.rows,
    t.imported,
    t.rejected,
    t.seconds,
    t.encoding,
    t.skipped,
    t.years.length === 1 ? t.years[0]! : null,
    id,
  );
}

export type Replacement =
  { kind: 'volumes'; family: string } | { kind: 'source'; sourceKey: string };

/** Whether replacePrevious would remove an earlier import's data (false on a first import). */
export function replacesEarlierData(
  db: Db,
  importId: number,
  r: Replacement,
  years: number[],
): boolean {
  if (r.kind === 'volumes') {
    const q = db.prepare(
      `SELECT 1 FROM volume_chunks WHERE year = ? AND import_id <> ? AND import_id IN (SELECT id FROM imports WHERE source_key LIKE ? || ':%') LIMIT 1`,
    );
    return years.some((y) => q.get(y, importId, r.family) !== undefined);
  }
  return (
    db
      .prepare(`SELECT 1 FROM imports WHERE id <> ? AND source_key = ? LIMIT 1`)
      .get(importId, r.sourceKey) !== undefined
  );
}

/**
 * Makes a new import replace what an earlier import of the same source put in: volume records of the
 * same family (CMS claims, diagnosis) and data years, or — for whole-table sources — the earlier
 * import records. Runs inside the import's transaction.
 */
export function replacePrevious(db: Db, importId: number, r: Replacement, years: number[]): void {
  if (r.kind === 'volumes') {
    const key = `${r.family}:${[...years].sort().join(',')}`;
    db.prepare(`UPDATE imports SET source_key = ? WHERE id = ?`).run(key, importId);
    const del = db.prepare(
      `DELETE FROM volume_chunks WHERE year = ? AND import_id <> ?
         AND import_id IN (SELECT id FROM imports WHERE source_key LIKE ? || ':%')`,
    );
    for (const y of years) del.run(y, importId, r.family);
    const yearList = years.length ? years.join(',') : 'NULL';
    db.prepare(
      `DELETE FROM imports WHERE id <> ? AND source_key LIKE ? || ':%'
         AND (year IS NULL OR year IN (${yearList}))
         AND NOT EXISTS (SELECT 1 FROM volume_chunks v WHERE v.import_id = imports.id)`,
    ).run(importId, r.family);
    return;
  }
  db.prepare(`UPDATE imports SET source_key = ? WHERE id = ?`).run(r.sourceKey, importId);
  db.prepare(`DELETE FROM imports WHERE id <> ? AND source_key = ?`).run(importId, r.sourceKey);
}

/** An imports row as SQLite returns it: the contract's ImportRecord with its snake_case timestamp. */
type ImportRow = Omit<ImportRecord, 'importedAt'> & { imported_at: string };

export function listImports(db: Db): ImportRecord[] {
  return (
    db
      .prepare(
        `SELECT id, path, format, year, rows, imported, rejected, seconds, imported_at FROM imports ORDER BY id`,
      )
      .all() as ImportRow[]
  ).map((r) => ({
    id: r.id,
    path: r.path,
    format: r.format,
    year: r.year,
    rows: r.rows,
    imported: r.imported,
    rejected: r.rejected,
    seconds: r.seconds,
    importedAt: r.imported_at,
  }));
}

/** Volume records of one family and year: rows, distinct NPIs, summed services. */
export type VolumeHolding = { rows: number; npis: Set<number>; services: number };

/**
 * What the volume records of a family (cms, diagnosis) hold for a year: of one import (`only`),
 * of every import but one (`except`), or all. Reads the npi and services column blobs.
 */
export function volumeHolding(
  db: Db,
  family: string,
  year: number,
  which: { only?: number; except?: number } = {},
): VolumeHolding {
  const filter =
    which.only !== undefined
      ? 'AND import_id = ?'
      : which.except !== undefined
        ? 'AND import_id <> ?'
        : '';
  const args: unknown[] = [year, family];
  if (which.only !== undefined) args.push(which.only);
  else if (which.except !== undefined) args.push(which.except);
  const sql = `SELECT n, npi, services FROM volume_chunks WHERE year = ?
    AND (import_id IN (SELECT id FROM imports WHERE source_key LIKE ? || ':%') ${which.only !== undefined ? 'OR 1' : ''}) ${filter}`;
  const out: VolumeHolding = { rows: 0, npis: new Set(), services: 0 };
  for (const r of db.prepare(sql).iterate(...args) as Iterable<{
    n: number;
    npi: Buffer;
    services: Buffer;
  }>) {
    const npi = new Uint32Array(r.npi.buffer.slice(r.npi.byteOffset, r.npi.byteOffset + r.n * 4));
    const srv = new Float32Array(
      r.services.buffer.slice(r.services.byteOffset, r.services.byteOffset + r.n * 4),
    );
    out.rows += r.n;
    for (let i = 0; i < r.n; i++) {
      out.npis.add(npi[i]!);
      out.services += srv[i]!;
    }
  }
  return out;
}

/** Marks an import as part of its family/years without removing earlier data (--append). */
export function keepPrevious(db: Db, importId: number, r: Replacement, years: number[]): void {
  const key = r.kind === 'volumes' ? `${r.family}:${[...years].sort().join(',')}` : r.sourceKey;
  db.prepare(`UPDATE imports SET source_key = ? WHERE id = ?`).run(key, importId);
}
