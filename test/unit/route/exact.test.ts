import { describe, expect, it } from 'vitest';
import { solveExact } from '../../../workers/domain/route/exact';
import { EPS, evaluate } from '../../../workers/domain/route/timeline';
import { permutations, randomInstance } from './instances';

function bruteForce(seed: number, n: number, windowShare: number) {
  const { problem } = randomInstance(seed, n, { windowShare });
  const stops = Array.from({ length: n }, (_, i) => i + 1);
  let best = Infinity;
  for (const order of permutations(stops)) {
    const e = evaluate(problem, order);
    if (e.late <= EPS && e.drive < best) best = e.drive;
  }
  return { problem, stops, best };
}

describe('exact day sequencing (Held–Karp with windows)', () => {
  it('matches brute force over all permutations on 60 random instances of 3–8 stops', () => {
    let feasible = 0;
    let infeasible = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const n = 3 + (seed % 6);
      const { problem, stops, best } = bruteForce(seed, n, seed % 2 ? 0.6 : 0.3);
      const exact = solveExact(problem, stops);
      if (best === Infinity) {
        expect(exact).toBeNull();
        infeasible++;
      } else {
        expect(exact).not.toBeNull();
        expect(exact!.drive).toBeCloseTo(best, 6);
        const e = evaluate(problem, exact!.order);
        expect(e.late).toBeLessThanOrEqual(EPS);
        expect(e.drive).toBeCloseTo(best, 6);
        expect([...exact!.order].sort((a, b) => a - b)).toEqual(stops);
        feasible++;
      }
    }
    // Both outcomes must be exercised for the comparison to mean something.
    expect(feasible).toBeGreaterThan(20);
    expect(infeasible).toBeGreaterThan(0);
  });

  it('without windows equals the brute-force shortest tour through the lunch break', () => {
    for (let seed = 100; seed < 110; seed++) {
      const { problem, stops, best } = bruteForce(seed, 7, 0);
      expect(solveExact(problem, stops)!.drive).toBeCloseTo(best, 6);
    }
  });

  it('a 12-stop day is solved and feasible', () => {
    const { problem } = randomInstance(7, 12, { windowShare: 0.3, radius: 10 });
    const stops = Array.from({ length: 12 }, (_, i) => i + 1);
    const r = solveExact(problem, stops);
    expect(r).not.toBeNull();
    expect(evaluate(problem, r!.order).late).toBeLessThanOrEqual(EPS);
  });
});
