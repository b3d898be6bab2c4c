// Time windows (office hours) of every provider in columnar form for the week planner. Read with a
// raw iterator: the demo's 535 k rows as objects (plus a Map per NPI) stayed in the heap for the
// whole session and cost ~10 s of garbage-collection marking in a 1 M-account export (profiled).
import type { Db } from './workspace';

/** Rows sorted by NPI: rows of npis[k] are start[k] .. start[k + 1] - 1. weekday 0 = every weekday. */
export type WindowColumns = {
  npis: Float64Array;
  start: Int32Array;
  weekday: Uint8Array;
  open: Uint16Array;
  close: Uint16Array;
};

export function readWindowColumns(db: Db): WindowColumns {
  const stmt = db
    .prepare(
      `SELECT npi, weekday, open_min, close_min FROM time_windows ORDER BY npi, weekday, open_min`,
    )
    .raw(true);
  const count = (db.prepare(`SELECT count(*) FROM time_windows`).pluck(true).get() as number) ?? 0;
  const weekday = new Uint8Array(count);
  const open = new Uint16Array(count);
  const close = new Uint16Array(count);
  const npiOfRow = new Float64Array(count);
  let r = 0;
  for (const row of stmt.iterate() as Iterable<[number, number, number, number]>) {
    if (r >= count) break;
    npiOfRow[r] = row[0];
    weekday[r] = row[1];
    open[r] = row[2];
    close[r] = row[3];
    r++;
  }
  let distinct = 0;
  for (let i = 0; i < r; i++) if (i === 0 || npiOfRow[i] !== npiOfRow[i - 1]) distinct++;
  const npis = new Float64Array(distinct);
  const start = new Int32Array(distinct + 1);
  let k = -1;
  for (let i = 0; i < r; i++) {
    if (i === 0 || npiOfRow[i] !== npiOfRow[i - 1]) {
      npis[++k] = npiOfRow[i]!;
      start[k] = i;
    }
  }
  start[distinct] = r;
  return {
    npis,
    start,
    weekday: weekday.subarray(0, r),
    open: open.subarray(0, r),
    close: close.subarray(0, r),
  };
}
