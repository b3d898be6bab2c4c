// Disruption frontier on a small legacy alignment: fragments repaired first, monotone in every
// balance figure, disruption within each budget, and the moves lower bound below every point.
import { describe, expect, it } from 'vitest';
import { disruptionFrontier, movesLowerBound } from '../../../workers/domain/align/index';
import { gridProblem } from './instances';

function legacy() {
  const p = gridProblem({
    rows: 16,
    cols: 16,
    k: 8,
    value: (r, c) => 1 + ((r * 5 + c * 3) % 7) + (r < 4 && c < 4 ? 6 : 0),
  });
  // Legacy: eight vertical stripes of 2 columns (uneven values), plus a fragment: unit (15,15) given to territory 0.
  const initial = new Int32Array(p.count);
  for (let u = 0; u < p.count; u++) initial[u] = Math.floor((u % 16) / 2);
  initial[15 * 16 + 15] = 0;
  return { ...p, initial };
}

describe('disruption frontier', () => {
  it('repairs fragments first, never gets worse with a larger budget, and stays within each budget', () => {
    const p = legacy();
    const f = disruptionFrontier(p, [0.3, 0.05, 0.1, 0.2]);
    expect(f.repaired.fragments).toBe(1);
    expect(f.points.map((x) => x.budget)).toEqual([0.05, 0.1, 0.2, 0.3]);
    for (const pt of f.points) {
      expect(pt.noncontiguous).toBe(0);
      expect(pt.disruption).toBeLessThanOrEqual(Math.max(pt.budget, f.repaired.disruption) + 1e-9);
    }
    for (let i = 1; i < f.points.length; i++) {
      expect(f.points[i]!.within5).toBeGreaterThanOrEqual(f.points[i - 1]!.within5);
      expect(f.points[i]!.withinBand).toBeGreaterThanOrEqual(f.points[i - 1]!.withinBand);
    }
    expect(f.points.at(-1)!.within5).toBeGreaterThan(f.points[0]!.within5);
    const bound = movesLowerBound(p, 0.95, 1.05);
    expect(bound).toBeGreaterThan(0);
    // Any point with every territory within ±5 % moved at least the bound.
    for (const pt of f.points)
      if (pt.within5 === 1) expect(pt.disruption).toBeGreaterThanOrEqual(bound - 1e-9);
  });

  it('the moves bound is exact on a two-territory instance', () => {
    // Two territories of 1×4 units: values 1,1,1,1 | 3,3,3,3 (mean 8); territory 1 must shed 4·(12−8.4)/… by the band.
    const p = gridProblem({ rows: 1, cols: 8, k: 2, value: (_r, c) => (c < 4 ? 1 : 3) });
    const initial = Int32Array.from({ length: 8 }, (_, u) => (u < 4 ? 0 : 1));
    // Opportunity = value; territory 1 holds 12, the band top is 1.05 × 8 = 8.4: 3.6 of 16 must move.
    expect(movesLowerBound({ ...p, initial }, 0.95, 1.05)).toBeCloseTo(3.6 / 16, 9);
  });
});
