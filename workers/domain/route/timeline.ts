// The one way a sequence of stops is turned into times. Every solver (exact, local search, brute
// force in the tests) uses these functions, so "optimal" always means optimal under this model.
//
// Lunch is a fixed break [lunchStart, lunchEnd): a drive that would cross it is paused for it, a
// visit that would overlap it starts after it, waiting through it counts as lunch. Each of these
// maps a later input time to a later-or-equal output time (monotone), which is what makes the
// label-dominance of the exact solver valid with time as the only resource.
import type { DayProblem } from './dayProblem';

/** Minutes of lateness that still count as on time (float noise). */
export const EPS = 1e-6;
/** Cost per minute of lateness or overtime in the penalised objective of the local search. */
export const LATE_PENALTY = 1000;

/** Arrival after driving `travel` minutes from `dep`, pausing for lunch if the drive crosses it. */
export function driveArrive(p: DayProblem, dep: number, travel: number): number {
  const arr = dep + travel;
  if (p.lunchEnd <= p.lunchStart || arr <= p.lunchStart || dep >= p.lunchEnd) return arr;
  if (dep < p.lunchStart) return arr + (p.lunchEnd - p.lunchStart);
  return p.lunchEnd + travel;
}

function avoidLunch(p: DayProblem, s: number, service: number): number {
  if (p.lunchEnd > p.lunchStart && s < p.lunchEnd && s + service > p.lunchStart) return p.lunchEnd;
  return s;
}

/** Set by serviceStart: minutes the start is past the latest allowed start (0 when on time). */
export let lastLate = 0;
/** Set by serviceStart: index of the window used (-1 none). */
export let lastWindow = -1;

/** Service start at `node` for arrival `t`: the first window that can still hold the visit. */
export function serviceStart(p: DayProblem, node: number, t: number): number {
  const a = p.winOffset[node]!;
  const b = p.winOffset[node + 1]!;
  const service = p.service[node]!;
  lastLate = 0;
  lastWindow = -1;
  if (a === b) return avoidLunch(p, t, service);
  for (let w = a; w < b; w++) {
    const s = avoidLunch(p, Math.max(t, p.winOpen[w]!), service);
    if (s <= p.winLatest[w]! + EPS) {
      lastWindow = w;
      return s;
    }
  }
  const s = avoidLunch(p, Math.max(t, p.winOpen[b - 1]!), service);
  lastLate = s - p.winLatest[b - 1]!;
  lastWindow = b - 1;
  return s;
}

export type Evaluation = { drive: number; late: number; finish: number; cost: number };

/** Drive minutes, total lateness (windows + overtime) and finish time of `order[0..len)`. */
export function evaluate(p: DayProblem, order: ArrayLike<number>, len = order.length): Evaluation {
  const size = p.size;
  const end = p.n + 1;
  let t = p.dayStart;
  let prev = 0;
  let drive = 0;
  let late = 0;
  for (let k = 0; k < len; k++) {
    const node = order[k]!;
    const m = p.minutes[prev * size + node]!;
    drive += m;
    t = serviceStart(p, node, driveArrive(p, t, m));
    late += lastLate;
    t += p.service[node]!;
    prev = node;
  }
  const m = p.minutes[prev * size + end]!;
  drive += m;
  const finish = driveArrive(p, t, m);
  if (finish > p.dayEnd) late += finish - p.dayEnd;
  return { drive, late, finish, cost: drive + LATE_PENALTY * late };
}

/** Penalised cost only (hot path of the local search). */
export function costOf(p: DayProblem, order: ArrayLike<number>, len = order.length): number {
  return evaluate(p, order, len).cost;
}

export type StopTimes = {
  node: number;
  arrive: number;
  start: number;
  depart: number;
  /** Idle minutes before the visit, lunch excluded. */
  wait: number;
  late: number;
  legMinutes: number;
  legMiles: number;
  /** Window used, or null. */
  window: { open: number; close: number } | null;
};

export type DaySchedule = {
  leave: number;
  stops: StopTimes[];
  returnMinutes: number;
  returnMiles: number;
  finish: number;
  drive: number;
  miles: number;
  visit: number;
  wait: number;
  /** Lunch minutes that fall inside the working day. */
  lunch: number;
  late: number;
};

function lunchOverlap(p: DayProblem, a: number, b: number): number {
  return Math.max(0, Math.min(b, p.lunchEnd) - Math.max(a, p.lunchStart));
}

/**
 * Full timetable of an order. The departure from the start point is delayed by the idle time at
 * the first stop when that does not change the first visit's start (nobody waits in a car park).
 */
export function schedule(p: DayProblem, order: ArrayLike<number>): DaySchedule {
  let leave = p.dayStart;
  const first = order.length > 0 ? order[0]! : -1;
  if (first >= 0) {
    const m = p.minutes[first]!;
    const start = serviceStart(p, first, driveArrive(p, leave, m));
    const arrive = driveArrive(p, leave, m);
    const slack = start - arrive - lunchOverlap(p, arrive, start);
    if (slack > EPS) {
      const later = leave + slack;
      const a2 = driveArrive(p, later, m);
      if (Math.abs(serviceStart(p, first, a2) - start) <= EPS && a2 <= start) leave = later;
    }
  }
  const size = p.size;
  const stops: StopTimes[] = [];
  let t = leave;
  let prev = 0;
  let drive = 0;
  let miles = 0;
  let visit = 0;
  let wait = 0;
  let late = 0;
  for (let k = 0; k < order.length; k++) {
    const node = order[k]!;
    const m = p.minutes[prev * size + node]!;
    const arrive = driveArrive(p, t, m);
    const start = serviceStart(p, node, arrive);
    const w = lastWindow;
    const lateHere = lastLate;
    const depart = start + p.service[node]!;
    const idle = start - arrive - lunchOverlap(p, arrive, start);
    stops.push({
      node,
      arrive,
      start,
      depart,
      wait: Math.max(0, idle),
      late: lateHere,
      legMinutes: m,
      legMiles: p.miles[prev * size + node]!,
      window: w >= 0 ? { open: p.winOpen[w]!, close: p.winClose[w]! } : null,
    });
    drive += m;
    miles += p.miles[prev * size + node]!;
    visit += p.service[node]!;
    wait += Math.max(0, idle);
    late += lateHere;
    t = depart;
    prev = node;
  }
  const end = p.n + 1;
  const returnMinutes = p.minutes[prev * size + end]!;
  const returnMiles = p.miles[prev * size + end]!;
  const finish = driveArrive(p, t, returnMinutes);
  if (finish > p.dayEnd) late += finish - p.dayEnd;
  return {
    leave,
    stops,
    returnMinutes,
    returnMiles,
    finish,
    drive: drive + returnMinutes,
    miles: miles + returnMiles,
    visit,
    wait,
    lunch: lunchOverlap(p, leave, finish),
    late,
  };
}
