// Random small day instances for the route tests: planar points in miles, a drive model of
// 1.25 circuity at 30 mph, seeded windows.
import {
  createDayProblem,
  DEFAULT_DAY,
  type DayProblem,
  type DayStopInput,
  type TimeWindow,
} from '../../../workers/domain/route/dayProblem';
import { createRng } from '../../../workers/domain/route/rng';

export type Pt = { x: number; y: number };

export function planarLeg(a: Pt, b: Pt) {
  const miles = Math.hypot(a.x - b.x, a.y - b.y) * 1.25;
  return { miles, minutes: (miles / 30) * 60 };
}

export function randomInstance(
  seed: number,
  n: number,
  opts: { windowShare?: number; radius?: number; service?: number; lunch?: number } = {},
): { problem: DayProblem; points: Pt[] } {
  const rng = createRng(seed);
  const radius = opts.radius ?? 15;
  const home: Pt = { x: 0, y: 0 };
  const pts: Pt[] = [];
  const stops: DayStopInput[] = [];
  for (let i = 0; i < n; i++) {
    pts.push({ x: (rng.next() * 2 - 1) * radius, y: (rng.next() * 2 - 1) * radius });
    let windows: TimeWindow[] | null = null;
    if (rng.next() < (opts.windowShare ?? 0.4)) {
      const open = 8 * 60 + Math.floor(rng.next() * 12) * 30;
      windows = [{ open, close: open + 90 + Math.floor(rng.next() * 4) * 30 }];
    }
    stops.push({ service: opts.service ?? 20, windows, priority: 1 + (i % 3) });
  }
  const nodes = [home, ...pts, home];
  const problem = createDayProblem({
    stops,
    settings: { ...DEFAULT_DAY, lunchMinutes: opts.lunch ?? DEFAULT_DAY.lunchMinutes },
    leg: (i, j) => planarLeg(nodes[i]!, nodes[j]!),
  });
  return { problem, points: pts };
}

export function* permutations(items: number[]): Generator<number[]> {
  if (items.length <= 1) {
    yield [...items];
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const p of permutations(rest)) yield [items[i]!, ...p];
  }
}
