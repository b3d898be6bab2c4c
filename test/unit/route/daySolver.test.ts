import { describe, expect, it } from 'vitest';
import {
  createDayProblem,
  DEFAULT_DAY,
  type DayProblem,
  type DayStopInput,
} from '../../../workers/domain/route/dayProblem';
import { solveExact } from '../../../workers/domain/route/exact';
import { prizeOfSet, tierCounts } from '../../../workers/domain/route/objective';
import { legsFor, relaxed, fitsAlone } from '../../../workers/domain/route/reasons';
import { createRng } from '../../../workers/domain/route/rng';
import { solveDay } from '../../../workers/domain/route/sequenceDay';
import {
  driveArrive,
  EPS,
  evaluate,
  lastLate,
  serviceStart,
} from '../../../workers/domain/route/timeline';
import { dumasNames, loadDumas } from './dumas';
import { planarLeg, type Pt } from './instances';

/** Exact enumeration: every feasible order of every subset (depth-first, a partial route is
 *  extended only while it meets its windows), best by tier counts then drive. */
function enumerateBest(p: DayProblem, stops: number[]) {
  let bestPrize = -1;
  let bestDrive = Infinity;
  const size = p.size;
  const end = p.n + 1;
  const path: number[] = [];
  const used = new Set<number>();
  const walk = (prev: number, t: number, drive: number) => {
    const back = p.minutes[prev * size + end]!;
    if (driveArrive(p, t, back) <= p.dayEnd + EPS) {
      const prize = prizeOfSet(p, path);
      if (prize > bestPrize || (prize === bestPrize && drive + back < bestDrive - 1e-9)) {
        bestPrize = prize;
        bestDrive = drive + back;
      }
    }
    for (const v of stops) {
      if (used.has(v)) continue;
      const m = p.minutes[prev * size + v]!;
      const s = serviceStart(p, v, driveArrive(p, t, m));
      if (lastLate > EPS) continue;
      used.add(v);
      path.push(v);
      walk(v, s + p.service[v]!, drive + m);
      path.pop();
      used.delete(v);
    }
  };
  walk(0, p.dayStart, 0);
  return { prize: bestPrize, drive: bestDrive };
}

/** An over-full rep day: tiers, lunch, windows; `bent` makes drives break the triangle inequality. */
function repDay(seed: number, n: number, bent = false): DayProblem {
  const rng = createRng(seed);
  const pts: Pt[] = [{ x: 0, y: 0 }];
  const stops: DayStopInput[] = [];
  for (let i = 0; i < n; i++) {
    pts.push({ x: (rng.next() * 2 - 1) * 18, y: (rng.next() * 2 - 1) * 18 });
    const windowed = rng.next() < 0.5;
    const open = 8 * 60 + Math.floor(rng.next() * 14) * 30;
    stops.push({
      service: 30 + Math.floor(rng.next() * 4) * 15,
      windows: windowed ? [{ open, close: open + 60 + Math.floor(rng.next() * 4) * 30 }] : null,
      priority: 1 + Math.floor(rng.next() * 3),
    });
  }
  const nodes = [...pts, pts[0]!];
  const bend = Array.from({ length: nodes.length }, () => 1 + rng.next() * 0.6);
  return createDayProblem({
    stops,
    settings: DEFAULT_DAY,
    leg: (i, j) => {
      const c = planarLeg(nodes[i]!, nodes[j]!);
      // A per-node factor on every leg: a direct leg can then be slower than a detour.
      return bent ? { miles: c.miles, minutes: c.minutes * bend[i]! * bend[j]! } : c;
    },
  });
}

function violatesTriangle(p: DayProblem): boolean {
  for (let a = 0; a < p.size - 1; a++)
    for (let b = 1; b < p.size; b++)
      for (let c = 1; c <= p.n; c++) {
        if (
          a !== b &&
          c !== a &&
          c !== b &&
          p.minutes[a * p.size + c]! + p.minutes[c * p.size + b]! <
            p.minutes[a * p.size + b]! - 1e-6
        )
          return true;
      }
  return false;
}

describe('day solver: Dumas TSPTW n20 and n40 as one day each', () => {
  it('serves every instance completely, mean gap to the proven optimum <= 0.5 %, each <= 2 %', () => {
    const names = dumasNames();
    expect(names.length).toBe(50);
    const gaps: number[] = [];
    for (const name of names) {
      const d = loadDumas(name);
      const stops = Array.from({ length: d.n }, (_, i) => i + 1);
      const sol = solveDay(d.problem, stops, { seed: 1 });
      expect(sol.dropped, name).toEqual([]);
      expect(sol.order.length).toBe(d.n);
      const e = evaluate(d.problem, sol.order);
      expect(e.late, name).toBeLessThanOrEqual(EPS);
      expect(e.drive).toBeGreaterThanOrEqual(d.optimum - 1e-6);
      const gap = e.drive / d.optimum - 1;
      expect(gap, name).toBeLessThanOrEqual(0.02);
      gaps.push(gap);
    }
    expect(gaps.reduce((s, g) => s + g, 0) / gaps.length).toBeLessThanOrEqual(0.005);
  }, 120_000);
});

describe('day solver: best tier mix, then the shortest drive (exact enumeration)', () => {
  const cases = Array.from({ length: 24 }, (_, k) => ({
    seed: 300 + k,
    n: 5 + (k % 6),
    bent: k % 2 === 1,
  }));
  it('the exact solver and the search both match enumeration on over-full tiered days of 5–10 stops', () => {
    let overFull = 0;
    let bent = 0;
    let searchMisses = 0;
    for (const c of cases) {
      const p = repDay(c.seed, c.n, c.bent);
      if (c.bent && violatesTriangle(p)) bent++;
      const stops = Array.from({ length: c.n }, (_, i) => i + 1);
      const best = enumerateBest(p, stops);
      for (const exactLimit of [12, 0]) {
        const sol = solveDay(p, stops, { seed: 3, exactLimit });
        const e = evaluate(p, sol.order);
        expect(e.late).toBeLessThanOrEqual(EPS);
        expect(
          prizeOfSet(p, sol.order),
          `seed ${c.seed} limit ${exactLimit} tiers ${tierCounts(p, sol.order)}`,
        ).toBe(best.prize);
        // The exact solver: the optimal drive. The search: within 1 % of it.
        if (exactLimit > 0) expect(e.drive, `seed ${c.seed}`).toBeCloseTo(best.drive, 6);
        else {
          expect(e.drive, `seed ${c.seed} search`).toBeLessThanOrEqual(best.drive * 1.01 + 1e-9);
          if (e.drive > best.drive + 1e-6) searchMisses++;
        }
        expect(sol.order.length + sol.dropped.length).toBe(c.n);
      }
      if (prizeOfSet(p, stops) > best.prize) overFull++;
    }
    // The comparison means something only if days are over-full and drives are not metric.
    expect(overFull).toBeGreaterThan(cases.length / 2);
    expect(bent).toBeGreaterThan(cases.length / 4);
    expect(searchMisses).toBeLessThanOrEqual(2);
  }, 60_000);

  it('a day that could end at 08:40 does not list nearby visits as having no time left', () => {
    // One Tier A visit 8:00–8:30 right at home; four Tier C visits a few minutes away.
    const pts: Pt[] = [
      { x: 0, y: 0 },
      { x: 1, y: 0 },
      { x: 1.5, y: 0.5 },
      { x: 1, y: 1 },
      { x: 0.5, y: 1.5 },
      { x: 0.2, y: 1 },
    ];
    const stops: DayStopInput[] = [
      { service: 30, windows: [{ open: 480, close: 520 }], priority: 1 },
      ...[1, 2, 3, 4].map(() => ({ service: 20, windows: null, priority: 3 })),
    ];
    const nodes = [pts[0]!, ...pts.slice(1), pts[0]!];
    const p = createDayProblem({
      stops,
      settings: DEFAULT_DAY,
      leg: (i, j) => planarLeg(nodes[i]!, nodes[j]!),
    });
    const sol = solveDay(p, [1, 2, 3, 4, 5], { seed: 1 });
    expect(sol.dropped).toEqual([]);
    expect(sol.order[0]).toBe(1);
  });
});

describe('day solver: every reason names the constraint that blocks the visit', () => {
  /** A visit v with given drive out/back from home, alone on a day (plus optional others). */
  function single(out: number, stop: DayStopInput, day = DEFAULT_DAY): DayProblem {
    return createDayProblem({
      stops: [stop],
      settings: day,
      leg: () => ({ minutes: out, miles: out / 2 }),
    });
  }
  const fits = (p: DayProblem, node: number) => solveExact(p, [node]) !== null;

  it('day-length: a day trip too long; with a longer day it fits', () => {
    const p = single(300, { service: 30, windows: null, priority: 1 });
    const d = solveDay(p, [1]).dropped[0]!;
    expect(d.block.kind).toBe('day-length');
    expect(d.reason).toMatch(/too far for a day trip: 300 min drive out/);
    expect(fits(p, 1)).toBe(false);
    expect(fits(relaxed(p, 1, { dayEnd: 24 * 60 }), 1)).toBe(true);
  });

  it('window-return: reachable in its window, but the drive back ends after the day', () => {
    const p = single(60, {
      service: 30,
      windows: [{ open: 16 * 60 + 30, close: 17 * 60 + 30 }],
      priority: 1,
    });
    const d = solveDay(p, [1]).dropped[0]!;
    expect(d.block.kind).toBe('window-return');
    expect(d.reason).toMatch(/60-minute drive back ends at 18:00, after the day's end 17:30/);
    expect(fits(p, 1)).toBe(false);
    expect(fits(relaxed(p, 1, { noWindow: true }), 1)).toBe(true);
    expect(fits(relaxed(p, 1, { dayEnd: 18 * 60 }), 1)).toBe(true);
  });

  it('window-reach: the window closes before it can be reached; starting earlier fixes it', () => {
    const p = single(90, { service: 30, windows: [{ open: 7 * 60, close: 9 * 60 }], priority: 2 });
    const d = solveDay(p, [1]).dropped[0]!;
    expect(d.block.kind).toBe('window-reach');
    expect(d.reason).toMatch(/earliest arrival 09:30/);
    expect(fits(p, 1)).toBe(false);
    expect(fits(relaxed(p, 1, { noWindow: true }), 1)).toBe(true);
    expect(fits(relaxed(p, 1, { dayStart: 7 * 60 }), 1)).toBe(true);
  });

  it('lunch: a window that holds the visit only over lunch', () => {
    const p = single(20, {
      service: 30,
      windows: [{ open: 11 * 60 + 50, close: 12 * 60 + 40 }],
      priority: 1,
    });
    const d = solveDay(p, [1]).dropped[0]!;
    expect(d.block.kind).toBe('lunch');
    expect(fits(p, 1)).toBe(false);
    expect(fits(relaxed(p, 1, { noLunch: true }), 1)).toBe(true);
  });

  it('window-short: a window shorter than the visit', () => {
    const p = single(10, {
      service: 30,
      windows: [{ open: 9 * 60, close: 9 * 60 + 10 }],
      priority: 1,
    });
    const d = solveDay(p, [1]).dropped[0]!;
    expect(d.block.kind).toBe('window-short');
    expect(fits(p, 1)).toBe(false);
  });

  it('an alone reason is not given when the visit fits through another stop (no triangle inequality)', () => {
    // Stops u = 1, v = 2, w = 3; end = 4 (home). Direct legs home<->v are 300 min (longer than the
    // day with the visit), every other leg 20 min: home->u->v->w->home is 80 min.
    const p = createDayProblem({
      stops: [
        { service: 10, windows: null, priority: 3 },
        { service: 10, windows: null, priority: 1 },
        { service: 10, windows: null, priority: 3 },
      ],
      settings: DEFAULT_DAY,
      leg: (i, j) => {
        const a = i === 4 ? 0 : i;
        const b = j === 4 ? 0 : j;
        return { minutes: (a === 0 && b === 2) || (a === 2 && b === 0) ? 300 : 20, miles: 1 };
      },
    });
    expect(solveExact(p, [2])).toBeNull();
    const sol = solveDay(p, [1, 2, 3]);
    expect(sol.dropped).toEqual([]);
    expect(evaluate(p, sol.order).drive).toBeCloseTo(80, 6);
    const lns = solveDay(p, [1, 2, 3], { exactLimit: 0 });
    expect(evaluate(p, lns.order).drive).toBeCloseTo(80, 6);
  });

  it('on random over-full days every reason is true: alone kinds fit once the named constraint is relaxed; capacity names visits it cannot fit beside', () => {
    const seen = new Map<string, number>();
    let provenCount = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const p = repDay(700 + seed, 9 + (seed % 4), seed % 2 === 0);
      const stops = Array.from({ length: p.n }, (_, i) => i + 1);
      const sol = solveDay(p, stops, { seed });
      const legs = legsFor(p, stops);
      for (const d of sol.dropped) {
        seen.set(d.block.kind, (seen.get(d.block.kind) ?? 0) + 1);
        const v = d.node;
        if (d.block.kind === 'capacity') {
          // Fits the day on its shortest way out and back (possibly through other stops).
          expect(fitsAlone(p, v, legs)).toBe(true);
          // The named visits are all kept on the day.
          for (const b of d.block.blockers!) expect(sol.order).toContain(b);
          if (d.block.proven) {
            // Higher tiers only, and no order of them with the visit exists.
            provenCount++;
            for (const b of d.block.blockers!)
              expect(p.priority[b]!).toBeLessThanOrEqual(p.priority[v]!);
            expect(solveExact(p, [...d.block.blockers!, v])).toBeNull();
          } else {
            // No room at any position of the day's route.
            for (let pos = 0; pos <= sol.order.length; pos++)
              expect(
                evaluate(p, [...sol.order.slice(0, pos), v, ...sol.order.slice(pos)]).late,
              ).toBeGreaterThan(EPS);
          }
          continue;
        }
        // Cannot be served in any order of the day (with or without the other stops).
        expect(fitsAlone(p, v, legs)).toBe(false);
        expect(solveExact(p, [v])).toBeNull();
        const relax =
          d.block.kind === 'day-length'
            ? { dayEnd: 48 * 60 }
            : d.block.kind === 'lunch'
              ? { noLunch: true }
              : d.block.kind === 'window-lunch'
                ? { noLunch: true, noWindow: true }
                : d.block.kind === 'window-short'
                  ? { noWindow: true }
                  : { noWindow: true };
        expect(fitsAlone(relaxed(p, v, relax), v, legs), `${d.block.kind}: ${d.reason}`).toBe(true);
      }
    }
    expect(seen.get('capacity') ?? 0).toBeGreaterThan(10);
    expect(provenCount).toBeGreaterThan(3);
  }, 60_000);
});
