// Turns the planner's internal state into the contract's RouteDay / RouteWeek shape (times as
// HH:MM, per-leg minutes and miles, totals, a path for the map).
import type { RouteDay, RoutePoint, RouteStop, RouteWeek, Tier } from '../../common/contract';
import { dateOf, WEEKDAY_NAMES } from './calendar';
import { hhmm } from './dayProblem';
import type { DueVisit } from './dueVisits';
import { schedule } from './timeline';
import type { DayModel, WeekPlanInput, WeekPoints } from './weekModel';

export type PlannedWeek = Omit<RouteWeek, 'scenario' | 'territoryId'>;

export type WeekState = {
  input: WeekPlanInput;
  dates: number[];
  weekdays: number[];
  visits: DueVisit[];
  points: WeekPoints;
  models: DayModel[];
  orders: number[][];
  visitOf: Map<number, number>[];
  infeasible: { day: number; visit: number; reason: string }[];
  pending: { visit: number; reasons: string[]; windowOnly: boolean }[];
  exact?: boolean[];
};

const round1 = (x: number) => Math.round(x * 10) / 10;
const tierKey = (t: Tier | null): Tier => t ?? 'C';
const zeroTiers = (): Record<Tier, number> => ({ A: 0, B: 0, C: 0 });

function pointAt(s: WeekState, pt: number, label: string): RoutePoint {
  return { lat: s.points.lat[pt]!, lon: s.points.lon[pt]!, label };
}

function depotLabel(s: WeekState, pt: number): string {
  const { input, points } = s;
  if (
    pt === points.home ||
    (pt === points.start && !input.start) ||
    (pt === points.end && !input.end)
  )
    return input.home.label;
  if (pt === points.start) return input.start!.label;
  if (pt === points.end) return input.end!.label;
  return `overnight near ${input.accounts[points.accounts[pt]!]!.name}`;
}

function buildDayResult(s: WeekState, d: number): RouteDay {
  const m = s.models[d]!;
  const order = s.orders[d]!;
  const sch = schedule(m.problem, order);
  const stops: RouteStop[] = sch.stops.map((st, k) => {
    const visit = s.visits[s.visitOf[d]!.get(st.node)!]!;
    const acc = s.input.accounts[visit.account]!;
    const prevDepart = k === 0 ? sch.leave : sch.stops[k - 1]!.depart;
    const lunch = Math.max(
      0,
      Math.min(st.start, m.problem.lunchEnd) - Math.max(prevDepart, m.problem.lunchStart),
    );
    return {
      npi: acc.id,
      name: acc.name,
      tier: acc.tier,
      lat: acc.lat,
      lon: acc.lon,
      arrive: hhmm(st.arrive),
      start: hhmm(st.start),
      depart: hhmm(st.depart),
      waitMinutes: round1(st.wait),
      driveMinutes: round1(st.legMinutes),
      driveMiles: round1(st.legMiles),
      window: st.window ? { open: hhmm(st.window.open), close: hhmm(st.window.close) } : null,
      visitMinutes: round1(st.depart - st.start),
      lunchMinutes: round1(lunch),
      repeat: visit.copy > 0,
    };
  });
  const startPt = m.startPoint;
  const lastNode = order[order.length - 1];
  const endPt = m.openEnd
    ? lastNode !== undefined
      ? m.pointOfNode[lastNode]!
      : startPt
    : m.endPoint;
  const start = pointAt(s, startPt, depotLabel(s, startPt));
  const end = pointAt(
    s,
    endPt,
    m.openEnd
      ? `overnight near ${stops[stops.length - 1]?.name ?? start.label}`
      : depotLabel(s, endPt),
  );
  const work = sch.finish - sch.leave - sch.lunch;
  return {
    date: dateOf(s.dates[d]!),
    weekday: WEEKDAY_NAMES[s.weekdays[d]!]!,
    start,
    end,
    stops,
    driveMinutes: round1(sch.drive),
    driveMiles: round1(sch.miles),
    visitMinutes: round1(sch.visit),
    returnMinutes: round1(sch.returnMinutes),
    returnMiles: round1(sch.returnMiles),
    waitMinutes: round1(sch.wait),
    lunchMinutes: round1(sch.lunch),
    startTime: hhmm(sch.leave),
    endTime: hhmm(sch.finish),
    driveShare: work > 0 ? round1((sch.drive / work) * 1000) / 1000 : 0,
    exact: s.exact?.[d] ?? false,
    infeasible: s.infeasible
      .filter((x) => x.day === d)
      .map((x) => ({ npi: s.input.accounts[s.visits[x.visit]!.account]!.id, reason: x.reason })),
    path: [
      [start.lon, start.lat],
      ...stops.map((st): [number, number] => [st.lon, st.lat]),
      [end.lon, end.lat],
    ],
  };
}

function pendingReason(p: { reasons: string[]; windowOnly: boolean }): string {
  const unique = [...new Set(p.reasons)];
  if (unique.length <= 3) return unique.join('; ');
  const shown = unique.slice(0, 2).join('; ');
  return unique.length > 2 ? `${shown} (+${unique.length - 2} more days)` : shown;
}

export function weekResult(s: WeekState): PlannedWeek {
  const days = s.orders.map((_, d) => buildDayResult(s, d));
  const due = zeroTiers();
  const made = zeroTiers();
  const expected = zeroTiers();
  for (const v of s.visits) due[tierKey(s.input.accounts[v.account]!.tier)] += 1;
  for (const m of s.visitOf)
    for (const v of m.values()) made[tierKey(s.input.accounts[s.visits[v]!.account]!.tier)] += 1;
  for (const a of s.input.accounts)
    expected[tierKey(a.tier)] += (a.callsPerYear / s.input.daysPerYear) * s.dates.length;
  const totals = {
    driveMinutes: 0,
    driveMiles: 0,
    visitMinutes: 0,
    waitMinutes: 0,
    lunchMinutes: 0,
    workMinutes: 0,
  };
  for (const d of days) {
    totals.driveMinutes += d.driveMinutes;
    totals.driveMiles += d.driveMiles;
    totals.visitMinutes += d.visitMinutes;
    totals.waitMinutes += d.waitMinutes ?? 0;
    totals.lunchMinutes += d.lunchMinutes ?? 0;
    const [h0, m0] = d.startTime.split(':').map(Number) as [number, number];
    const [h1, m1] = d.endTime.split(':').map(Number) as [number, number];
    totals.workMinutes += h1 * 60 + m1 - (h0 * 60 + m0) - (d.lunchMinutes ?? 0);
  }
  for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] = round1(totals[k]);
  for (const t of ['A', 'B', 'C'] as Tier[]) expected[t] = round1(expected[t]);
  return {
    days,
    visitsDue: due,
    visitsMade: made,
    visitsExpected: expected,
    driveShare:
      totals.workMinutes > 0
        ? Math.round((totals.driveMinutes / totals.workMinutes) * 1000) / 1000
        : 0,
    unscheduled: s.pending
      .sort((a, b) => a.visit - b.visit)
      .map((p) => ({
        npi: s.input.accounts[s.visits[p.visit]!.account]!.id,
        reason: pendingReason(p),
      })),
    home: { lat: s.input.home.lat, lon: s.input.home.lon, label: s.input.home.label },
    totals,
    dayEnds: s.input.dayEnds,
  };
}
