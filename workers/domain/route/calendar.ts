// Calendar arithmetic for route plans, on epoch days (days since 1970-01-01, UTC). Pure: the date
// is always an input, never read from a clock.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch day of 'YYYY-MM-DD', or NaN when the text is not a real calendar date. */
export function epochDay(date: string): number {
  const m = DATE.exec(date);
  if (!m) return Number.NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return Number.NaN;
  return Math.round(ms / 86_400_000);
}

export function dateOf(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** ISO weekday: 1 = Monday .. 7 = Sunday. */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export const WEEKDAY_NAMES = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The Monday after `day` (a Monday gives the following Monday). */
export function nextMonday(day: number): number {
  return day + (8 - isoWeekday(day));
}

/** `count` consecutive working days (Mon–Fri) from `day` (a weekend start moves to Monday). */
export function workingDays(day: number, count: number): number[] {
  const out: number[] = [];
  for (let d = day; out.length < count; d++) {
    if (isoWeekday(d) <= 5) out.push(d);
  }
  return out;
}

/** Number of working days (Mon–Fri) from Monday 1970-01-05 up to `day` (exclusive). */
export function workingDayIndex(day: number): number {
  const m = day - 4;
  const weeks = Math.floor(m / 7);
  const r = m - weeks * 7;
  return weeks * 5 + Math.min(r, 5);
}
