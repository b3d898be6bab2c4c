import { describe, expect, it } from 'vitest';
import { alignmentQuality, solveAlignment } from '../../../workers/domain/align/index';
import { createState, recomputeLoads, travel } from '../../../workers/domain/align/state';
import { computeTargets } from '../../../workers/domain/align/targets';
import { seedTerritories } from '../../../workers/domain/align/solve';
import { refine } from '../../../workers/domain/align/refine';
import { flatBandPenalty, polishTravel } from '../../../workers/domain/align/travelPolish';
import type { AlignProblem } from '../../../workers/domain/align/types';
import { gridProblem, pieces } from './instances';

/** A 40 × 40 mainland grid (value 400) plus a 4 × 4 island far out at sea worth `islandShare` of a territory. */
function withIsland(k: number, islandShare: number): { p: AlignProblem; island: number[] } {
  const main = gridProblem({ rows: 40, cols: 40, k, value: () => 0.25 });
  const side = 4;
  const m = side * side;
  const n = main.count + m;
  // Island value I with I = share × (400 + I) / k.
  const islandValue = (islandShare * 400) / (k - islandShare);
  const lat = Float64Array.from({ length: n }, (_, u) =>
    u < main.count ? main.lat[u]! : 21 + Math.floor((u - main.count) / side) * 0.1,
  );
  const lon = Float64Array.from({ length: n }, (_, u) =>
    u < main.count ? main.lon[u]! : -157 + ((u - main.count) % side) * 0.1,
  );
  const value = Float64Array.from({ length: n }, (_, u) =>
    u < main.count ? main.value[u]! : islandValue / m,
  );
  const start = new Int32Array(n + 1);
  const list: number[] = Array.from(main.adjList);
  start.set(main.adjStart);
  for (let i = 0; i < m; i++) {
    const r = Math.floor(i / side);
    const c = i % side;
    if (r > 0) list.push(main.count + i - side);
    if (c > 0) list.push(main.count + i - 1);
    if (c < side - 1) list.push(main.count + i + 1);
    if (r < side - 1) list.push(main.count + i + side);
    start[main.count + i + 1] = list.length;
  }
  const p: AlignProblem = {
    ...main,
    count: n,
    ids: [...main.ids, ...Array.from({ length: m }, (_, i) => `I${i}`)],
    lat,
    lon,
    value,
    weightForTravel: Float64Array.from(value),
    floating: new Uint8Array(n),
    density: new Uint8Array(n),
    adjStart: start,
    adjList: Int32Array.from(list),
    fixed: new Int32Array(n).fill(-1),
  };
  return { p, island: Array.from({ length: m }, (_, i) => main.count + i) };
}

describe('islands', () => {
  // k = 20: one territory (5 %) may sit outside ±5 %, the room an island territory needs.
  it('gives an island worth 0.9 of a territory its own territory instead of filling it across the water', () => {
    const { p, island } = withIsland(20, 0.9);
    const sol = solveAlignment(p);
    const t = sol.assignment[island[0]!]!;
    expect(island.every((u) => sol.assignment[u] === t)).toBe(true);
    for (let u = 0; u < p.count - island.length; u++) expect(sol.assignment[u]).not.toBe(t);
    expect(sol.infeasibilities.map((i) => [i.kind, i.territory])).toEqual([['island', t]]);
    const q = alignmentQuality(p, sol);
    expect(q.withinBand).toBe(1);
    expect(q.within5).toBeCloseTo(19 / 20);
    expect(q.noncontiguous).toBe(0);
  });

  it('joins an island worth too little for a territory of its own to the mainland, within the band', () => {
    const { p, island } = withIsland(20, 0.3);
    const sol = solveAlignment(p);
    expect(sol.infeasibilities.filter((i) => i.kind === 'island')).toEqual([]);
    const q = alignmentQuality(p, sol);
    expect(q.within5).toBe(1);
    expect(q.noncontiguous).toBe(0);
    const t = sol.assignment[island[0]!]!;
    expect(Array.from(sol.assignment).filter((x) => x === t).length).toBeGreaterThan(island.length);
  });

  it('leaves islands to the ordinary balancing when no territory may sit outside ±5 %', () => {
    const { p } = withIsland(9, 0.9);
    const sol = solveAlignment(p);
    expect(sol.infeasibilities.filter((i) => i.kind === 'island')).toEqual([]);
    expect(alignmentQuality(p, sol).within5).toBe(1);
  });

  it('leaves islands to the ordinary balancing when units are locked', () => {
    const { p } = withIsland(20, 0.9);
    p.fixed[0] = 0;
    const sol = solveAlignment(p);
    expect(sol.infeasibilities.filter((i) => i.kind === 'island')).toEqual([]);
    expect(alignmentQuality(p, sol).within5).toBe(1);
  });
});

describe('travel polish', () => {
  it('is flat inside ±4.8 % of the mean and rises beyond it and beyond the band', () => {
    const pen = flatBandPenalty(100);
    expect(pen(100, 100)).toBe(0);
    expect(pen(95.3, 100)).toBe(0);
    expect(pen(104.7, 99)).toBe(0);
    expect(pen(95.1, 100)).toBeGreaterThan(1);
    expect(pen(94, 100)).toBeGreaterThan(pen(95.1, 100));
    // A giant's own target is its reference, but the 0.85–1.15 band still counts from the mean.
    expect(pen(112, 112)).toBe(0);
    expect(pen(118, 118)).toBeGreaterThan(10);
  });

  it('never adds travel, keeps every territory within ±5 % and in one piece', () => {
    const p = gridProblem({
      rows: 30,
      cols: 30,
      k: 10,
      value: (r, c) => 1 + ((r * 7 + c * 13) % 10) ** 2,
    });
    const s = createState(p, p.k, new Int32Array(p.count).fill(-1));
    computeTargets(s);
    seedTerritories(s);
    refine(s, { rounds: 6, passes: 40 });
    const cost = (): number => {
      let sum = 0;
      for (let u = 0; u < s.n; u++) sum += p.weightForTravel[u]! * travel(s, u, s.assign[u]!);
      return sum;
    };
    const before = cost();
    polishTravel(s, { pairRounds: 2 });
    recomputeLoads(s);
    expect(cost()).toBeLessThanOrEqual(before);
    const mean = s.load.reduce((a, b) => a + b, 0) / s.k;
    for (const l of s.load) expect(Math.abs(l / mean - 1)).toBeLessThanOrEqual(0.05);
    expect(pieces(p, s.assign, s.k).every((x) => x === 1)).toBe(true);
  });
});
