// A synthetic territory for week-planner tests: accounts scattered around a home base, a simple
// great-circle drive model (1.3 circuity, 35 mph), tiers A/B/C with the default call plan.
import type { Tier } from '../../../workers/common/contract';
import { epochDay } from '../../../workers/domain/route/calendar';
import { DEFAULT_DAY } from '../../../workers/domain/route/dayProblem';
import { createRng } from '../../../workers/domain/route/rng';
import type { TravelFn, WeekAccount, WeekPlanInput } from '../../../workers/domain/route/weekModel';

export const HOME = { lat: 41.88, lon: -87.63, label: 'Home' };

export const travel: TravelFn = (a, b) => {
  const r = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * r) / 2) ** 2 +
    Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lon - a.lon) * r) / 2) ** 2;
  const miles = 2 * 3958.8 * Math.asin(Math.sqrt(h)) * 1.3;
  return { miles, minutes: (miles / 35) * 60 };
};

export function territory(seed: number, count: number, spreadDeg = 0.35): WeekAccount[] {
  const rng = createRng(seed);
  const calls: Record<Tier, number> = { A: 24, B: 12, C: 4 };
  const minutes: Record<Tier, number> = { A: 30, B: 20, C: 15 };
  return Array.from({ length: count }, (_, i) => {
    const tier: Tier = i % 10 === 0 ? 'A' : i % 10 < 3 ? 'B' : 'C';
    return {
      id: String(1000000000 + i),
      name: `Account ${i}`,
      tier,
      lat: HOME.lat + (rng.next() * 2 - 1) * spreadDeg,
      lon: HOME.lon + (rng.next() * 2 - 1) * spreadDeg * 1.3,
      callsPerYear: calls[tier],
      visitMinutes: minutes[tier],
    };
  });
}

export function weekInput(
  accounts: WeekAccount[],
  over: Partial<WeekPlanInput> = {},
): WeekPlanInput {
  return {
    accounts,
    home: HOME,
    firstDay: epochDay('2025-06-09'),
    days: 5,
    day: DEFAULT_DAY,
    daysPerYear: 220,
    dayEnds: 'home',
    travel,
    seed: 7,
    ...over,
  };
}
