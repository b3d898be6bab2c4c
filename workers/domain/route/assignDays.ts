// Cluster-first step of the week planner: decide which due visits fit the week (most important
// first) and split them into days by a sweep around the home base, so each day is one "petal"
// of nearby accounts with about the same estimated workload. Routing then happens per day.

export type AssignInput = {
  /** Visits in priority order; `account` indexes the arrays below. */
  visits: { account: number; copy: number; copies: number }[];
  lat: ArrayLike<number>;
  lon: ArrayLike<number>;
  home: { lat: number; lon: number };
  /** Estimated minutes a visit costs: its length + its share of the drive. */
  estimate: ArrayLike<number>;
  /** Bit d set = the account can be visited on plan day d. */
  openDays: ArrayLike<number>;
  days: number;
  /** Working minutes in a day (day length minus lunch). */
  dayMinutes: number;
};

export type Assignment = { byDay: number[][]; overflow: number[] };

/** Room kept over the estimate before a visit is held back for the pool (estimates are rough). */
const ESTIMATE_SLACK = 1.1;

function angles(input: AssignInput): Float64Array {
  const c = Math.cos((input.home.lat * Math.PI) / 180);
  const out = new Float64Array(input.lat.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = Math.atan2(input.lat[i]! - input.home.lat, (input.lon[i]! - input.home.lon) * c);
  }
  return out;
}

/** Rotates angles so the sweep starts in the widest empty sector (no petal straddles a cluster). */
function sweepStart(theta: number[]): number {
  if (theta.length < 2) return -Math.PI;
  const s = [...theta].sort((a, b) => a - b);
  let best = s[0]! + 2 * Math.PI - s[s.length - 1]!;
  let at = s[0]!;
  for (let i = 1; i < s.length; i++) {
    const gap = s[i]! - s[i - 1]!;
    if (gap > best) {
      best = gap;
      at = s[i]!;
    }
  }
  return at;
}

function nearestOpenDay(mask: number, day: number, days: number, taken: Set<number>): number {
  for (let off = 0; off < days; off++) {
    for (const d of [day + off, day - off]) {
      if (d < 0 || d >= days) continue;
      if (mask & (1 << d) && !taken.has(d)) return d;
    }
  }
  return -1;
}

export function assignDays(input: AssignInput): Assignment {
  const { visits, days } = input;
  const capacity = days * input.dayMinutes * ESTIMATE_SLACK;
  const kept: number[] = [];
  const overflow: number[] = [];
  let load = 0;
  visits.forEach((v, i) => {
    const est = input.estimate[v.account]!;
    if (input.openDays[v.account] === 0) overflow.push(i);
    else if (load + est <= capacity || kept.length === 0) {
      kept.push(i);
      load += est;
    } else overflow.push(i);
  });
  const theta = angles(input);
  const start = sweepStart(kept.map((i) => theta[visits[i]!.account]!));
  const rel = (a: number) => {
    let r = theta[a]! - start;
    while (r < 0) r += 2 * Math.PI;
    return r;
  };
  const firstCopies = kept.filter((i) => visits[i]!.copy === 0);
  firstCopies.sort((x, y) => rel(visits[x]!.account) - rel(visits[y]!.account) || x - y);
  const total = kept.reduce((s, i) => s + input.estimate[visits[i]!.account]!, 0);
  const byDay: number[][] = Array.from({ length: days }, () => []);
  const dayOfAccount = new Map<number, Set<number>>();
  const place = (i: number, wanted: number) => {
    const v = visits[i]!;
    const taken = dayOfAccount.get(v.account) ?? new Set<number>();
    const d = nearestOpenDay(
      input.openDays[v.account]!,
      Math.min(days - 1, Math.max(0, wanted)),
      days,
      taken,
    );
    if (d < 0) {
      overflow.push(i);
      return;
    }
    taken.add(d);
    dayOfAccount.set(v.account, taken);
    byDay[d]!.push(i);
  };
  let acc = 0;
  const firstDay = new Map<number, number>();
  for (const i of firstCopies) {
    const est = input.estimate[visits[i]!.account]!;
    const wanted = Math.min(days - 1, Math.floor(((acc + est / 2) / Math.max(total, 1e-9)) * days));
    acc += est;
    firstDay.set(visits[i]!.account, wanted);
    place(i, wanted);
  }
  // Repeat visits of one account in the same plan are spaced evenly across the days.
  for (const i of kept) {
    const v = visits[i]!;
    if (v.copy === 0) continue;
    const base = firstDay.get(v.account) ?? 0;
    place(i, (base + Math.round((v.copy * days) / v.copies)) % days);
  }
  overflow.sort((a, b) => a - b);
  return { byDay, overflow };
}
