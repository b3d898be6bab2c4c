import { describe, expect, it } from 'vitest';
import {
  addTerritory,
  localRebalance,
  removeTerritory,
  solveAlignment,
  alignmentQuality,
} from '../../../workers/domain/align/index';
import { gridProblem, loads, pieces } from './instances';

const base = () => {
  const p = gridProblem({ rows: 30, cols: 30, k: 9, value: (r, c) => 1 + ((r * 5 + c * 3) % 4) });
  return { p, sol: solveAlignment(p) };
};

describe('what-if operations', () => {
  it('adds a territory where it is most needed and fills it', () => {
    const { p, sol } = base();
    const out = addTerritory(p, sol.assignment);
    expect(out.assignment.every((t) => t >= 0 && t < 10)).toBe(true);
    expect(out.centersLat.length).toBe(10);
    const l = loads(p, out.assignment, 10);
    const mean = l.reduce((a, b) => a + b, 0) / 10;
    expect(l[9]! / mean).toBeGreaterThan(0.85);
    expect(pieces(p, out.assignment, 10).every((x) => x === 1)).toBe(true);
    expect(alignmentQuality({ ...p, k: 10 }, out).withinBand).toBe(1);
  });

  it('adds a territory at a given home base', () => {
    const { p, sol } = base();
    const home = { lat: p.lat[0]!, lon: p.lon[0]! };
    const out = addTerritory(p, sol.assignment, { home });
    // The corner unit's old territory was the one split; the new territory sits in that corner.
    const newUnits = Array.from(out.assignment).filter((t) => t === 9).length;
    expect(newUnits).toBeGreaterThan(0);
    const old = sol.assignment[0]!;
    const touched = new Set<number>();
    for (let u = 0; u < p.count; u++) if (out.assignment[u] === 9) touched.add(sol.assignment[u]!);
    expect(touched.has(old)).toBe(true);
  });

  it('removes a territory: its units go to neighbours, later territories shift down', () => {
    const { p, sol } = base();
    const t = 4;
    const out = removeTerritory(p, sol.assignment, t);
    expect(out.assignment.every((a) => a >= 0 && a < 8)).toBe(true);
    expect(pieces(p, out.assignment, 8).every((x) => x === 1)).toBe(true);
    expect(alignmentQuality({ ...p, k: 8 }, out).withinBand).toBe(1);
    // Units far from the removed territory keep their (renumbered) territory.
    const adjacent = new Set<number>([t]);
    for (let u = 0; u < p.count; u++) {
      if (sol.assignment[u] !== t) continue;
      for (let e = p.adjStart[u]!; e < p.adjStart[u + 1]!; e++)
        adjacent.add(sol.assignment[p.adjList[e]!]!);
    }
    let farUnits = 0;
    let kept = 0;
    for (let u = 0; u < p.count; u++) {
      const a = sol.assignment[u]!;
      if (adjacent.has(a)) continue;
      farUnits++;
      const expected = a > t ? a - 1 : a;
      if (out.assignment[u] === expected) kept++;
    }
    expect(kept / Math.max(1, farUnits)).toBeGreaterThan(0.8);
  });

  it('moves a lock on a removed territory to a neighbour and says so', () => {
    const { p, sol } = base();
    const u = Array.from(sol.assignment).indexOf(2);
    p.fixed[u] = 2;
    const out = removeTerritory(p, sol.assignment, 2);
    expect(out.infeasibilities.some((i) => i.kind === 'lock-conflict' && i.unit === u)).toBe(true);
  });

  it('re-balances locally and leaves territories outside the neighbourhood untouched', () => {
    const p = gridProblem({ rows: 30, cols: 30, k: 9, value: (r, c) => 1 + ((r * 5 + c * 3) % 4) });
    // A deliberately unbalanced 3×3 block alignment: the top-left block gets extra rows.
    const assignment = Int32Array.from({ length: p.count }, (_, u) => {
      const r = Math.floor(u / 30);
      const c = u % 30;
      const br = r < 13 && c < 10 ? 0 : Math.min(2, Math.floor(r / 10));
      return br * 3 + Math.floor(c / 10);
    });
    const out = localRebalance(p, assignment, [0]);
    const before = loads(p, assignment, 9);
    const after = loads(p, out.assignment, 9);
    const mean = before.reduce((a, b) => a + b, 0) / 9;
    expect(Math.abs(after[0]! / mean - 1)).toBeLessThan(Math.abs(before[0]! / mean - 1));
    // Territories 2, 5, 6, 7, 8 do not touch territory 0 and must not change.
    for (let u = 0; u < p.count; u++) {
      if ([2, 5, 6, 7, 8].includes(assignment[u]!)) expect(out.assignment[u]).toBe(assignment[u]);
    }
    expect(pieces(p, out.assignment, 9).every((x) => x === 1)).toBe(true);
  });
});
