import { describe, expect, it } from 'vitest';
import { solveAlignment } from '../../../workers/domain/align/index';
import { EngineFailure } from '../../../workers/common/result';
import { gridProblem, loads, pieces } from './instances';

describe('infeasible balance is explained, not looped on', () => {
  it('reports an indivisible unit with how much it exceeds the band', () => {
    const p = gridProblem({ rows: 10, cols: 10, k: 4 });
    p.value[44] = 100; // total 199, mean 49.75: this unit alone is 2.01× the mean
    const sol = solveAlignment(p);
    const inf = sol.infeasibilities.find((i) => i.kind === 'indivisible-unit');
    expect(inf?.unit).toBe(44);
    expect(inf?.excess).toBeCloseTo(100 - 1.15 * (199 / 4), 6);
    expect(inf?.message).toContain('U4_4');
    // The unit's territory keeps little else; the other three share the rest evenly.
    const l = loads(p, sol.assignment, 4);
    const t = sol.assignment[44]!;
    const others = l.filter((_, i) => i !== t);
    expect(Math.max(...others) - Math.min(...others)).toBeLessThanOrEqual(2);
    expect(l[t]).toBeLessThanOrEqual(103);
    expect(pieces(p, sol.assignment, 4).every((x) => x === 1)).toBe(true);
  });

  it('explains why the other territories fall short when indivisible units hold much of the index', () => {
    const p = gridProblem({ rows: 10, cols: 10, k: 5 });
    p.value[11] = 60;
    p.value[88] = 60; // total 218, mean 43.6: each giant is 1.38× the mean and sits alone
    const sol = solveAlignment(p);
    const l = loads(p, sol.assignment, 5).sort((a, b) => a - b);
    // Each giant's territory holds little beyond it; the other three share the rest evenly.
    for (const x of l.slice(3)) expect(x).toBeLessThanOrEqual(63);
    for (const x of l.slice(0, 3)) expect(Math.abs(x - 98 / 3)).toBeLessThanOrEqual(2.5);
    const short = sol.infeasibilities.filter((i) => i.kind === 'indivisible-shortfall');
    expect(short.length).toBe(3);
    expect(short[0]!.message).toMatch(/2 indivisible units hold 2\.75 territories' worth/);
    expect(sol.infeasibilities.filter((i) => i.kind === 'indivisible-unit').length).toBe(2);
  });

  it('reports locks that overload a territory, with the excess', () => {
    const p = gridProblem({ rows: 10, cols: 10, k: 4 });
    for (let u = 0; u < 40; u++) p.fixed[u] = 0; // 40 of 100 units locked to territory 0 (mean 25)
    const sol = solveAlignment(p);
    const inf = sol.infeasibilities.find((i) => i.kind === 'locked-overload');
    expect(inf?.territory).toBe(0);
    expect(inf?.excess).toBeCloseTo(40 - 1.15 * 25, 6);
    for (let u = 0; u < 40; u++) expect(sol.assignment[u]).toBe(0);
    // Territory 0 holds only its locks; the other 60 units split 20/20/20.
    expect(loads(p, sol.assignment, 4)).toEqual([40, 20, 20, 20]);
  });

  it('reports a lock to a territory that does not exist and treats the unit as free', () => {
    const p = gridProblem({ rows: 6, cols: 6, k: 2 });
    p.fixed[3] = 7;
    const sol = solveAlignment(p);
    expect(sol.infeasibilities.some((i) => i.kind === 'lock-conflict' && i.unit === 3)).toBe(true);
    expect(sol.assignment[3]).toBeLessThan(2);
  });

  it('reports a unit between 1.05 and 1.15 of the mean as too coarse for ±5 %', () => {
    const p = gridProblem({ rows: 10, cols: 10, k: 4 });
    p.value[0] = 37.9; // total 136.9, mean 34.225, ratio 1.107
    const sol = solveAlignment(p);
    const inf = sol.infeasibilities.find((i) => i.kind === 'coarse-unit');
    expect(inf?.unit).toBe(0);
    expect(inf?.excess).toBeCloseTo(37.9 - 1.05 * (136.9 / 4), 6);
  });

  it('rejects malformed problems with a message naming the problem', () => {
    const p = gridProblem({ rows: 3, cols: 3, k: 10 });
    expect(() => solveAlignment(p)).toThrow(EngineFailure);
    expect(() => solveAlignment(p)).toThrow(/only 9 units/);
    const q = gridProblem({ rows: 3, cols: 3, k: 2 });
    q.value[2] = Number.NaN;
    expect(() => solveAlignment(q)).toThrow(/U0_2/);
  });
});
