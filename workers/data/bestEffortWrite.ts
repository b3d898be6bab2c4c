// Cache-like writes made while loading (derived data stored back for the next open): skipped on a
// read-only workspace or inside another transaction, and given up at once when another connection
// holds the write lock. Other errors are real and thrown.
import type { Db } from './workspace';

/** Runs `write` in its own immediate transaction if the workspace is free; returns whether it ran. */
export function writeIfFree(db: Db, write: () => void): boolean {
  if (db.readonly || db.inTransaction) return false;
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  try {
    db.pragma('busy_timeout = 0');
    db.transaction(write).immediate();
    return true;
  } catch (e) {
    if (!/^SQLITE_(BUSY|LOCKED|READONLY)/.test((e as { code?: string }).code ?? '')) throw e;
    return false;
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}
