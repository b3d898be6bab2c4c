// A territory's week accounts in columnar form: what the engine gathers (typed arrays, cheap to
// post to the route worker thread) and the WeekAccount objects the planner works on, built from it
// on whichever thread plans the week.
import type { Tier } from '../../common/contract';
import type { TimeWindow } from './dayProblem';
import type { WeekAccount } from './weekModel';

export type AccountColumns = {
  npi: Float64Array;
  lat: Float64Array;
  lon: Float64Array;
  /** 1 = A, 2 = B, 3 = C, 0 = none. */
  tier: Uint8Array;
  callsPerYear: Float64Array;
  visitMinutes: Float64Array;
  density: Uint8Array;
  /** Display names (null or a missing entry: "NPI <npi>"). */
  names: (string | undefined)[] | null;
  /** Window rows of account j: winStart[j] .. winStart[j + 1] - 1; weekday 0 = every weekday. */
  winStart: Int32Array;
  winDay: Uint8Array;
  winOpen: Uint16Array;
  winClose: Uint16Array;
};

const TIERS: (Tier | null)[] = [null, 'A', 'B', 'C'];

/** Windows by ISO weekday from an account's rows: weekday 0 rows fill Mon–Fri unless a day has its own. */
export function windowsFromRows(
  day: ArrayLike<number>,
  open: ArrayLike<number>,
  close: ArrayLike<number>,
  from: number,
  to: number,
): Map<number, TimeWindow[]> {
  const every: TimeWindow[] = [];
  const days = new Map<number, TimeWindow[]>();
  for (let r = from; r < to; r++) {
    const win = { open: open[r]!, close: close[r]! };
    const d = day[r]!;
    if (d === 0) every.push(win);
    else days.set(d, [...(days.get(d) ?? []), win]);
  }
  if (every.length > 0) for (let d = 1; d <= 5; d++) if (!days.has(d)) days.set(d, every);
  return days;
}

export function accountsFromColumns(c: AccountColumns): WeekAccount[] {
  const n = c.npi.length;
  const out: WeekAccount[] = new Array(n);
  for (let j = 0; j < n; j++) {
    const npi = c.npi[j]!;
    const a = c.winStart[j]!;
    const b = c.winStart[j + 1]!;
    out[j] = {
      id: String(npi),
      name: c.names?.[j] || `NPI ${npi}`,
      tier: TIERS[c.tier[j]!] ?? null,
      lat: c.lat[j]!,
      lon: c.lon[j]!,
      callsPerYear: c.callsPerYear[j]!,
      visitMinutes: c.visitMinutes[j]!,
      density: c.density[j]!,
      windows: b > a ? windowsFromRows(c.winDay, c.winOpen, c.winClose, a, b) : undefined,
    };
  }
  return out;
}
