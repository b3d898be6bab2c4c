import { describe, expect, it } from 'vitest';
import type { RouteDay } from '../../../workers/common/contract';
import { epochDay } from '../../../workers/domain/route/calendar';
import { parseHhmm } from '../../../workers/domain/route/dayProblem';
import { dueCount } from '../../../workers/domain/route/dueVisits';
import { planWeekPure } from '../../../workers/domain/route/week';
import { HOME, territory, weekInput } from './weekFixture';

const min = (t: string) => parseHhmm(t);

function checkDayTimes(day: RouteDay) {
  let clock = min(day.startTime);
  for (const s of day.stops) {
    expect(min(s.arrive)).toBeGreaterThanOrEqual(clock - 1);
    expect(min(s.depart)).toBeGreaterThanOrEqual(min(s.arrive));
    if (s.window) {
      expect(min(s.start!)).toBeGreaterThanOrEqual(min(s.window.open) - 1);
      expect(min(s.depart)).toBeLessThanOrEqual(min(s.window.close) + 1);
    }
    clock = min(s.depart);
  }
  expect(min(day.endTime)).toBeLessThanOrEqual(17 * 60 + 30 + 1);
}

describe('due visits', () => {
  it('over a year of consecutive plans, an account gets exactly its calls per year', () => {
    for (const calls of [4, 12, 24, 52]) {
      let total = 0;
      for (let w = 0; w < 44; w++)
        total += dueCount({
          id: `x${calls}`,
          callsPerYear: calls,
          daysPerYear: 220,
          firstWorkingDay: 5000 + w * 5,
          days: 5,
        });
      expect(total).toBe(calls);
    }
  });
});

describe('week planner', () => {
  it('says accounts are too far for a day trip rather than that the week is full', () => {
    const accounts = territory(3, 40);
    // ~600–900 road miles from home (17–26 h each way at the fixture's 35 mph): their estimated
    // share of the week overflows it, yet no day could hold one of them even alone.
    const far = Array.from({ length: 8 }, (_, k) => `19999999${String(k).padStart(2, '0')}`);
    far.forEach((id, k) =>
      accounts.push({
        id,
        name: `Far ${k}`,
        tier: 'A',
        lat: HOME.lat + 8 + k,
        lon: HOME.lon + k,
        callsPerYear: 52,
        visitMinutes: 30,
      }),
    );
    const week = planWeekPure(weekInput(accounts));
    const reasons = week.unscheduled.filter((u) => far.includes(u.npi)).map((u) => u.reason);
    expect(reasons.length).toBe(far.length);
    for (const r of reasons) expect(r).toMatch(/^(on every open day: )?too far for a day trip/);

    expect(week.days.some((d) => d.stops.length > 0)).toBe(true);
  });

  it('schedules every due visit of a light territory, within windows and the working day', () => {
    const week = planWeekPure(weekInput(territory(1, 120)));
    const due = week.visitsDue.A + week.visitsDue.B + week.visitsDue.C;
    const made = week.visitsMade.A + week.visitsMade.B + week.visitsMade.C;
    expect(due).toBeGreaterThan(10);
    expect(made).toBe(due);
    expect(week.unscheduled).toEqual([]);
    expect(week.days.map((d) => d.date)).toEqual([
      '2025-06-09',
      '2025-06-10',
      '2025-06-11',
      '2025-06-12',
      '2025-06-13',
    ]);
    for (const d of week.days) {
      checkDayTimes(d);
      expect(d.start).toMatchObject({ lat: HOME.lat, lon: HOME.lon });
      expect(d.end).toMatchObject({ lat: HOME.lat, lon: HOME.lon });
      expect(d.path!.length).toBe(d.stops.length + 2);
      const legs = d.stops.reduce((s, x) => s + x.driveMinutes, 0) + d.returnMinutes;
      expect(Math.abs(legs - d.driveMinutes)).toBeLessThan(0.5);
    }
  });

  it('when the week is over-full, Tier A visits are made first and the rest is reported with reasons', () => {
    const accounts = territory(2, 700, 0.45);
    const week = planWeekPure(weekInput(accounts));
    expect(week.visitsMade.A).toBe(week.visitsDue.A);
    expect(week.visitsMade.C).toBeLessThan(week.visitsDue.C);
    const missing =
      week.visitsDue.A +
      week.visitsDue.B +
      week.visitsDue.C -
      (week.visitsMade.A + week.visitsMade.B + week.visitsMade.C);
    expect(week.unscheduled.length).toBe(missing);
    for (const u of week.unscheduled) expect(u.reason).toMatch(/no time left|full/);
    const tierOf = new Map(accounts.map((a) => [a.id, a.tier]));
    expect(week.unscheduled.every((u) => tierOf.get(u.npi) !== 'A')).toBe(true);
    for (const d of week.days) checkDayTimes(d);
  });

  it('is deterministic for the same input and seed', () => {
    const a = planWeekPure(weekInput(territory(3, 200)));
    const b = planWeekPure(weekInput(territory(3, 200)));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('honours time windows, reports windows that cannot be met, and keeps closed days free', () => {
    const accounts = territory(4, 60);
    const a0 = accounts[0]!; // Tier A
    a0.windows = new Map([[2, [{ open: 13 * 60, close: 15 * 60 }]]]); // Tuesdays 13:00–15:00 only
    const a10 = accounts[10]!; // Tier A, a window shorter than the visit
    a10.windows = new Map([1, 2, 3, 4, 5].map((d) => [d, [{ open: 9 * 60, close: 9 * 60 + 10 }]]));
    const week = planWeekPure(weekInput(accounts, { firstDay: epochDay('2025-06-09') }));
    const where = week.days.flatMap((d) =>
      d.stops.filter((s) => s.npi === a0.id).map((s) => ({ d, s })),
    );
    const dueA0 = week.visitsDue.A > 0 ? where.length : 0;
    for (const { d, s } of where) {
      expect(d.weekday).toBe('Tue');
      expect(min(s.start!)).toBeGreaterThanOrEqual(13 * 60);
      expect(min(s.depart)).toBeLessThanOrEqual(15 * 60);
    }
    expect(dueA0).toBeLessThanOrEqual(1);
    const stuck = week.unscheduled.filter((u) => u.npi === a10.id);
    const placed = week.days.some((d) => d.stops.some((s) => s.npi === a10.id));
    expect(placed).toBe(false);
    if (stuck.length > 0) expect(stuck[0]!.reason).toMatch(/shorter than the 30-minute visit/);
    const flagged = week.days.flatMap((d) => d.infeasible).filter((x) => x.npi === a10.id);
    expect(flagged.length + stuck.length).toBeGreaterThanOrEqual(stuck.length > 0 ? 2 : 0);
  });

  it('with dayEnds=last-stop each day starts where the previous one ended and the week ends at home', () => {
    const week = planWeekPure(weekInput(territory(5, 150, 1.2), { dayEnds: 'last-stop' }));
    for (let d = 1; d < week.days.length; d++) {
      expect(week.days[d]!.start.lat).toBeCloseTo(week.days[d - 1]!.end.lat, 6);
      expect(week.days[d]!.start.lon).toBeCloseTo(week.days[d - 1]!.end.lon, 6);
    }
    const last = week.days[week.days.length - 1]!;
    expect(last.end).toMatchObject({ lat: HOME.lat, lon: HOME.lon });
    const first = week.days[0]!;
    if (first.stops.length > 0) {
      expect(first.returnMinutes).toBe(0);
      expect(first.end.label).toMatch(/overnight/);
    }
  });

  it('uses the given start and end points', () => {
    const start = { lat: 42.0, lon: -87.9, label: 'Airport hotel' };
    const end = { lat: 41.7, lon: -87.5, label: 'Office' };
    const week = planWeekPure(weekInput(territory(6, 80), { start, end, days: 3 }));
    expect(week.days.length).toBe(3);
    expect(week.days[0]!.start).toMatchObject(start);
    expect(week.days[2]!.end).toMatchObject(end);
    expect(week.days[1]!.start).toMatchObject({ lat: HOME.lat, lon: HOME.lon });
  });
});
