// Office hours: npi, weekday (Mon..Sun, Monday, 1–7, or blank = every weekday), open, close (HH:MM).
import { timeWindowWriter } from '../../repos/timeWindows';
import { fieldStr } from '../fields';
import type { ImportEnv, RowMapper } from '../mapper';
import { plainRow } from './plain';
import { duplicateReason } from '../dupes';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** 1..7 (Monday..Sunday), 0 for blank (every weekday), -1 when not a weekday. */
export function parseWeekday(text: string): number {
  const t = text.trim().toLowerCase();
  if (t === '' || t === '*' || t === 'all' || t === 'weekdays') return 0;
  if (/^[1-7]$/.test(t)) return Number(t);
  const i = DAYS.indexOf(t.slice(0, 3));
  return i >= 0 && (t.length === 3 || (DAYS[i] !== undefined && `${t}`.startsWith(DAYS[i]!)))
    ? i + 1
    : -1;
}

/** Minutes after midnight from "8:00", "08:30", "17:45", "8:00 AM", "5:30pm", "24:00"; -1 when invalid. */
export function parseClock(text: string): number {
  const m = /^(\d{1,2}):(\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?$/i.exec(text.trim());
  if (!m) return -1;
  let h = Number(m[1]);
  const min = Number(m[2]);
  const ampm = m[3]?.toLowerCase()[0];
  if (ampm) {
    if (h < 1 || h > 12) return -1;
    if (ampm === 'a' && h === 12) h = 0;
    if (ampm === 'p' && h !== 12) h += 12;
  }
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return -1;
  return h * 60 + min;
}

export function timeWindowsMapper(env: ImportEnv): RowMapper {
  const h = env.header;
  const c = {
    npi: h.col('npi'),
    day: h.col('weekday', 'day'),
    open: h.col('open'),
    close: h.col('close'),
  };
  const w = timeWindowWriter(env.db);
  if (!env.append) w.clear();
  const dupes = new Map<string, { part: number; line: number }>();
  return {
    row(f) {
      const r = plainRow(env, f, c.npi);
      if (typeof r === 'string') return r;
      const dayText = fieldStr(f, c.day, env.decode);
      const weekday = parseWeekday(dayText);
      if (weekday < 0) return `weekday '${dayText}' is not Mon..Sun, 1–7 or blank`;
      const openText = fieldStr(f, c.open, env.decode);
      const closeText = fieldStr(f, c.close, env.decode);
      const openMin = parseClock(openText);
      const closeMin = parseClock(closeText);
      if (openMin < 0) return `open time '${openText}' is not HH:MM`;
      if (closeMin < 0) return `close time '${closeText}' is not HH:MM`;
      if (closeMin <= openMin) return `close ${closeText} is not after open ${openText}`;
      const key = `${r.npi}|${weekday}|${openMin}|${closeMin}`;
      const prev = dupes.get(key);
      if (prev) return duplicateReason('NPI, weekday and hours', prev, env.parts.names);
      dupes.set(key, { part: env.parts.current, line: f.line });
      w.add({ npi: r.npi, weekday, openMin, closeMin });
      return undefined;
    },
    finish: () => ({
      providers: 0,
      years: [],
      replaces: { kind: 'source', sourceKey: 'time-windows' },
    }),
  };
}
