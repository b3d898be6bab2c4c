import { describe, expect, it } from 'vitest';
import { solveAlignment, alignmentQuality } from '../../../workers/domain/align/index';
import { gridProblem, loads, pieces } from './instances';

describe('solveAlignment', () => {
  it('balances a grid of equal units exactly when the count divides evenly', () => {
    const p = gridProblem({ rows: 20, cols: 20, k: 8 });
    const sol = solveAlignment(p);
    expect(loads(p, sol.assignment, 8)).toEqual(new Array(8).fill(50));
    expect(Array.from(sol.territoryValue)).toEqual(new Array(8).fill(50));
    expect(pieces(p, sol.assignment, 8)).toEqual(new Array(8).fill(1));
    expect(sol.infeasibilities).toEqual([]);
    expect(sol.stoppedEarly).toBe(false);
  });

  it('keeps heterogeneous values within ±5 % and every territory in one piece', () => {
    const p = gridProblem({
      rows: 40,
      cols: 40,
      k: 12,
      value: (r, c) => 1 + ((r * 7 + c * 13) % 10) ** 2,
    });
    const sol = solveAlignment(p);
    const q = alignmentQuality(p, sol);
    expect(q.within5).toBe(1);
    expect(q.noncontiguous).toBe(0);
    expect(pieces(p, sol.assignment, 12).every((x) => x === 1)).toBe(true);
    expect(sol.centersLat.every((x) => x >= 40 && x <= 44)).toBe(true);
  });

  it('is deterministic for a seed', () => {
    const p = gridProblem({
      rows: 24,
      cols: 24,
      k: 9,
      value: (r, c) => 1 + ((r * 3 + c * 5) % 7),
      seed: 42,
    });
    const a = solveAlignment(p);
    const b = solveAlignment({ ...p });
    expect(Array.from(a.assignment)).toEqual(Array.from(b.assignment));
    expect(Array.from(a.centersLat)).toEqual(Array.from(b.centersLat));
  });

  it('respects locked units', () => {
    const p = gridProblem({ rows: 16, cols: 16, k: 4 });
    // Lock the four corners to territories in a rotated order, and one interior unit.
    const locks: [number, number][] = [
      [0, 2],
      [15, 3],
      [16 * 15, 0],
      [16 * 16 - 1, 1],
      [8 * 16 + 8, 2],
    ];
    for (const [u, t] of locks) p.fixed[u] = t;
    const sol = solveAlignment(p);
    for (const [u, t] of locks) expect(sol.assignment[u]).toBe(t);
    expect(sol.infeasibilities.filter((i) => i.kind !== 'disconnected-lock')).toEqual([]);
  });

  it('uses fixed home bases as centres', () => {
    const p = gridProblem({ rows: 12, cols: 12, k: 2 });
    p.homes = { lat: Float64Array.from([40.2, 41.0]), lon: Float64Array.from([-89.9, -89.0]) };
    const sol = solveAlignment(p);
    expect(Array.from(sol.centersLat)).toEqual([40.2, 41.0]);
    // Inside ±4.8 % travel decides (the travel polish), so any split within 72 ± 3 is as good as exact.
    for (const l of loads(p, sol.assignment, 2)) expect(Math.abs(l - 72)).toBeLessThanOrEqual(3);
    // The unit at a home base belongs to that home's territory.
    expect(sol.assignment[2 * 12 + 1]).toBe(0);
    expect(sol.assignment[10 * 12 + 10]).toBe(1);
  });

  it('builds balanced territories around homes too clustered for nearest-rep territories, and says what it costs', () => {
    const p = gridProblem({ rows: 30, cols: 30, k: 20 });
    // 19 of 20 reps live in one corner; territories built around those homes cannot balance.
    const lat = new Float64Array(20);
    const lon = new Float64Array(20);
    for (let h = 0; h < 19; h++) {
      lat[h] = 40 + (h % 5) * 0.02;
      lon[h] = -90 + Math.floor(h / 5) * 0.02;
    }
    lat[19] = 42.9;
    lon[19] = -87.1;
    p.homes = { lat, lon };
    const sol = solveAlignment(p);
    for (const l of loads(p, sol.assignment, 20))
      expect(Math.abs(l - 45)).toBeLessThanOrEqual(0.05 * 45);
    expect(pieces(p, sol.assignment, 20).every((x) => x === 1)).toBe(true);
    expect(Array.from(sol.centersLat)).toEqual(Array.from(lat));
    expect(sol.infeasibilities.find((i) => i.kind === 'homes-uneven')?.message).toMatch(
      /20 of 20 territories would fall outside .* rises from [\d.]+ min \(nearest rep\) to [\d.]+ min/,
    );
    // The lone far-corner rep gets the territory holding the far corner.
    expect(sol.assignment[899]).toBe(19);
  });

  it('places floating blocks (no adjacency) and counts them in balance', () => {
    const p = gridProblem({ rows: 10, cols: 10, k: 4 });
    // Unit 55 becomes a floating health-system block worth 10 with no neighbours.
    const u = 55;
    const list: number[] = [];
    const start = new Int32Array(p.count + 1);
    for (let x = 0; x < p.count; x++) {
      if (x !== u)
        for (let e = p.adjStart[x]!; e < p.adjStart[x + 1]!; e++)
          if (p.adjList[e] !== u) list.push(p.adjList[e]!);
      start[x + 1] = list.length;
    }
    p.adjStart = start;
    p.adjList = Int32Array.from(list);
    p.floating[u] = 1;
    p.value[u] = 10;
    const sol = solveAlignment(p);
    const l = loads(p, sol.assignment, 4);
    expect(l.reduce((a, b) => a + b, 0)).toBe(109);
    expect(Math.max(...l) / Math.min(...l)).toBeLessThan(1.1);
    expect(pieces(p, sol.assignment, 4).every((x) => x === 1)).toBe(true);
  });

  it('links islands to the mainland instead of leaving territories in pieces', () => {
    // Two 8×8 grids 2° apart, no edges between them: the solver bridges them.
    const a = gridProblem({ rows: 8, cols: 8, k: 3 });
    const n = a.count * 2;
    const lat = new Float64Array(n);
    const lon = new Float64Array(n);
    const start = new Int32Array(n + 1);
    const list: number[] = [];
    for (let half = 0; half < 2; half++) {
      for (let u = 0; u < a.count; u++) {
        const x = half * a.count + u;
        lat[x] = a.lat[u]!;
        lon[x] = a.lon[u]! + half * 2;
        for (let e = a.adjStart[u]!; e < a.adjStart[u + 1]!; e++)
          list.push(a.adjList[e]! + half * a.count);
        start[x + 1] = list.length;
      }
    }
    const p = {
      ...a,
      count: n,
      ids: Array.from({ length: n }, (_, i) => `I${i}`),
      lat,
      lon,
      value: new Float64Array(n).fill(1),
      weightForTravel: new Float64Array(n).fill(1),
      floating: new Uint8Array(n),
      density: new Uint8Array(n),
      adjStart: start,
      adjList: Int32Array.from(list),
      fixed: new Int32Array(n).fill(-1),
      k: 3,
    };
    const sol = solveAlignment(p);
    const q = alignmentQuality(p, sol);
    expect(q.noncontiguous).toBe(0);
    expect(q.within5).toBe(1);
    // Over the raw adjacency at most one territory straddles the water.
    expect(alignmentQuality(p, sol, false).noncontiguous).toBeLessThanOrEqual(1);
  });

  it('reports progress and stops early with a complete assignment when asked', () => {
    const p = gridProblem({ rows: 30, cols: 30, k: 6 });
    const phases = new Set<string>();
    let calls = 0;
    const sol = solveAlignment({
      ...p,
      onProgress: (phase) => phases.add(phase),
      shouldStop: () => ++calls > 3,
    });
    expect(sol.stoppedEarly).toBe(true);
    expect(sol.assignment.every((t) => t >= 0 && t < 6)).toBe(true);
    expect(phases.has('allocate')).toBe(true);
  });

  it('honours an injected clock deadline', () => {
    const p = gridProblem({ rows: 30, cols: 30, k: 6 });
    let clock = 0;
    const sol = solveAlignment({ ...p, now: () => (clock += 10), deadlineMs: 100 });
    expect(sol.stoppedEarly).toBe(true);
    expect(sol.assignment.every((t) => t >= 0 && t < 6)).toBe(true);
  });
});
