import { describe, expect, it } from 'vitest';
import type { Tier } from '../../../workers/common/contract';
import { solveExact } from '../../../workers/domain/route/exact';
import { fitsAlone, legsFor } from '../../../workers/domain/route/reasons';
import { EPS, evaluate } from '../../../workers/domain/route/timeline';
import { planWeekDetailed, type WeekDetail } from '../../../workers/domain/route/week';
import type { WeekAccount } from '../../../workers/domain/route/weekModel';
import { territory, weekInput } from './weekFixture';

// `npm run test:fast` (vitest.fast.config.ts sets TESSERA_TEST_FAST) checks the Tier A guarantee on
// one over-full week; the full suite checks three (about 5 s more).
const FAST = process.env.TESSERA_TEST_FAST === '1';
const SEEDS = [
  [11, 0.3],
  [12, 0.4],
  [13, 0.5],
] as const;

/** An over-full territory where Tier A alone nearly fills the week (long visits, weekly calls). */
function heavyA(seed: number, count: number, aShare: number): WeekAccount[] {
  return territory(seed, count, 0.5).map((a, i) => {
    const tier: Tier =
      (i * 7919) % 100 < aShare * 100 ? 'A' : a.tier === 'A' ? 'B' : (a.tier ?? 'C');
    return {
      ...a,
      tier,
      callsPerYear: tier === 'A' ? 44 : a.callsPerYear,
      visitMinutes: tier === 'A' ? 50 : a.visitMinutes,
    };
  });
}

function tierOf(d: WeekDetail, day: number, node: number): number {
  return d.models[day]!.problem.priority[node]!;
}

/** Every Tier A visit left out: on every open day, proven not to fit with that day's Tier A visits. */
function checkTierAGuarantee(
  d: WeekDetail,
  accounts: WeekAccount[],
): { checked: number; aLeftOut: number } {
  let checked = 0;
  let aLeftOut = 0;
  for (const v of d.pending) {
    const acc = accounts[d.visits[v]!.account]!;
    if (acc.tier !== 'A') continue;
    aLeftOut++;
    for (let day = 0; day < d.models.length; day++) {
      const node = d.models[day]!.nodeOfPoint.get(d.pointOf.get(d.visits[v]!.account)!);
      if (node === undefined || d.visitOf[day]!.has(node)) continue;
      const tierA = d.orders[day]!.filter((x) => tierOf(d, day, x) === 1);
      expect(tierA.length + 1).toBeLessThanOrEqual(12);
      expect(
        solveExact(d.models[day]!.problem, [...tierA, node]),
        `Tier A ${acc.id} fits on day ${day} with its ${tierA.length} Tier A visits`,
      ).toBeNull();
      checked++;
    }
  }
  return { checked, aLeftOut };
}

describe('week planner: Tier A first, as a guarantee', () => {
  it('no Tier A visit is left out that fits on some open day with that day’s Tier A visits', () => {
    let checked = 0;
    let aLeftOut = 0;
    let lowerMade = 0;
    for (const [seed, share] of FAST ? ([[13, 0.5]] as const) : SEEDS) {
      const accounts = heavyA(seed, 160, share);
      const d = planWeekDetailed(weekInput(accounts));
      const r = checkTierAGuarantee(d, accounts);
      checked += r.checked;
      aLeftOut += r.aLeftOut;
      lowerMade += d.week.visitsMade.B + d.week.visitsMade.C;
      for (let day = 0; day < d.orders.length; day++)
        expect(evaluate(d.models[day]!.problem, d.orders[day]!).late).toBeLessThanOrEqual(EPS);
    }
    // The check must have had Tier A visits left out to look at.
    expect(aLeftOut).toBeGreaterThan(0);
    expect(checked).toBeGreaterThan(0);
    expect(lowerMade).toBeGreaterThanOrEqual(0);
  }, 120_000);

  it('a lower-tier visit yields its slot: no Tier B/C visit is made on a day where a left-out higher-tier visit fits in its place', () => {
    // Two days; the previous plan put 8 Tier C visits on Monday and 11 Tier B visits on Tuesday,
    // where only 7 fit (60-minute visits next to home). The Tier B visits left over must take
    // Tier C slots on Monday.
    const near = (i: number, tier: 'B' | 'C'): WeekAccount => ({
      id: `${tier}${i}`,
      name: `${tier} ${i}`,
      tier,
      lat: 41.88 + 0.004 * (i % 4),
      lon: -87.63 + 0.004 * Math.floor(i / 4),
      callsPerYear: 110,
      visitMinutes: 60,
    });
    const cs = Array.from({ length: 8 }, (_, i) => near(i, 'C'));
    const bs = Array.from({ length: 11 }, (_, i) => near(i + 20, 'B'));
    const small = planWeekDetailed(
      weekInput([...cs, ...bs], { days: 2, previous: [cs.map((a) => a.id), bs.map((a) => a.id)] }),
    );
    expect(small.week.visitsDue.B).toBe(11);
    expect(small.week.visitsMade.B).toBe(11);
    expect(small.week.unscheduled.length).toBe(5);
    expect(small.week.unscheduled.every((u) => u.npi.startsWith('C'))).toBe(true);
    let swaps = check(small, [...cs, ...bs]);
    // And the same property on an over-full territory week.
    const big = heavyA(21, 200, 0.35);
    swaps += check(planWeekDetailed(weekInput(big)), big);
    expect(swaps).toBeGreaterThan(0);
  }, 60_000);

  function check(d: WeekDetail, accounts: WeekAccount[]): number {
    let swapsChecked = 0;
    for (const v of d.pending) {
      const prio =
        accounts[d.visits[v]!.account]!.tier === 'A'
          ? 1
          : accounts[d.visits[v]!.account]!.tier === 'B'
            ? 2
            : 3;
      if (prio === 3) continue;
      for (let day = 0; day < d.models.length; day++) {
        const p = d.models[day]!.problem;
        const node = d.models[day]!.nodeOfPoint.get(d.pointOf.get(d.visits[v]!.account)!);
        if (node === undefined || d.visitOf[day]!.has(node)) continue;
        const order = d.orders[day]!;
        for (const u of order) {
          if (p.priority[u]! <= prio) continue;
          const rest = order.filter((x) => x !== u);
          for (let pos = 0; pos <= rest.length; pos++) {
            swapsChecked++;
            expect(
              evaluate(p, [...rest.slice(0, pos), node, ...rest.slice(pos)]).late,
            ).toBeGreaterThan(EPS);
          }
        }
      }
    }
    return swapsChecked;
  }

  it('reasons for left-out visits are true: "too far" on every open day means it fits no day alone', () => {
    const accounts = heavyA(31, 120, 0.3);
    accounts.push({
      id: '1999999999',
      name: 'Far away',
      tier: 'A',
      lat: 47.6,
      lon: -122.3,
      callsPerYear: 52,
      visitMinutes: 30,
    });
    const d = planWeekDetailed(weekInput(accounts));
    const farIdx = d.pending.find((v) => accounts[d.visits[v]!.account]!.id === '1999999999');
    expect(farIdx).toBeDefined();
    const u = d.week.unscheduled.find((x) => x.npi === '1999999999')!;
    expect(u.reason).toMatch(/^on every open day: too far for a day trip/);
    for (let day = 0; day < d.models.length; day++) {
      const p = d.models[day]!.problem;
      const node = d.models[day]!.nodeOfPoint.get(d.pointOf.get(d.visits[farIdx!]!.account)!)!;
      expect(fitsAlone(p, node, legsFor(p, [...d.orders[day]!, node]))).toBe(false);
    }
    // Visits reported as not fitting beside a day's visits: truly no position on that day's route.
    for (const x of d.week.unscheduled) expect(x.reason.length).toBeGreaterThan(20);
  }, 60_000);
});

describe('week planner: a re-plan after moving accounts keeps the other days', () => {
  it('removing the accounts of one day changes only that day', () => {
    const accounts = territory(41, 150);
    const first = planWeekDetailed(weekInput(accounts)).week;
    const previous = first.days.map((day) => day.stops.map((s) => s.npi));
    const victimDay = 2;
    const moved = new Set(previous[victimDay]!.slice(0, 3));
    expect(moved.size).toBe(3);
    const rest = accounts.filter((a) => !moved.has(a.id));
    const again = planWeekDetailed(weekInput(rest, { previous })).week;
    const fresh = planWeekDetailed(weekInput(rest)).week;
    let sameFresh = 0;
    for (let day = 0; day < first.days.length; day++) {
      const ids = again.days[day]!.stops.map((s) => s.npi);
      if (day === victimDay) {
        for (const id of moved) expect(ids).not.toContain(id);
      } else {
        expect(ids, `day ${day}`).toEqual(previous[day]);
        expect(again.days[day]!.driveMinutes).toBe(first.days[day]!.driveMinutes);
      }
      if (
        JSON.stringify(fresh.days[day]!.stops.map((s) => s.npi)) === JSON.stringify(previous[day])
      )
        sameFresh++;
    }
    // Without the previous plan, the same change moves more than one day (why the warm start exists).
    expect(sameFresh).toBeLessThan(first.days.length - 1);
  }, 60_000);
});
