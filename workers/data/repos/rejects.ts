// Rejected rows: every row an import could not use, with file, line and reason.
import type { RejectedRow } from '../../common/contract';
import type { Db } from '../workspace';

export type RejectWriter = {
  add(line: number, reason: string, raw: string): void;
  readonly count: number;
};

export function rejectWriter(db: Db, importId: number, file: string): RejectWriter {
  const ins = db.prepare(
    `INSERT INTO rejects (import_id, file, line, reason, raw) VALUES (?, ?, ?, ?, ?)`,
  );
  let count = 0;
  return {
    add(line, reason, raw) {
      ins.run(importId, file, line, reason, raw);
      count += 1;
    },
    get count() {
      return count;
    },
  };
}

export function listRejects(
  db: Db,
  q: { importId?: number; limit: number; offset: number },
): { total: number; rows: RejectedRow[] } {
  const where = q.importId === undefined ? '' : 'WHERE import_id = ?';
  const args = q.importId === undefined ? [] : [q.importId];
  const total = (
    db.prepare(`SELECT count(*) AS n FROM rejects ${where}`).get(...args) as { n: number }
  ).n;
  const rows = db
    .prepare(
      `SELECT file, line, reason, raw FROM rejects ${where} ORDER BY import_id, line LIMIT ? OFFSET ?`,
    )
    .all(...args, q.limit, q.offset) as RejectedRow[];
  return { total, rows };
}
