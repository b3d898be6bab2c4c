// Dumas et al. (1995) TSPTW instances (test/fixtures/tsptw-dumas, copied from shared/fixtures) as
// one day each: the depot window is the day, service 0, one tier, no lunch.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createDayProblem, type DayProblem } from '../../../workers/domain/route/dayProblem';

export const DUMAS_DIR =
  process.env.DUMAS_DIR ?? join(__dirname, '..', '..', 'fixtures', 'tsptw-dumas');

export type Dumas = {
  name: string;
  problem: DayProblem;
  n: number;
  optimum: number;
  matrix: number[][];
  windows: [number, number][];
};

export function dumasNames(): string[] {
  return readdirSync(DUMAS_DIR)
    .filter((f) => /^n(20|40)w\d+\.\d+\.txt$/.test(f))
    .sort();
}

export function optima(): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of readFileSync(join(DUMAS_DIR, 'best_known.csv'), 'utf8').split('\n').slice(1)) {
    const c = line.split(',');
    if (c[0] === 'Dumas' && c[1]) out.set(c[1], Number(c[2]));
  }
  return out;
}

export function loadDumas(name: string, best = optima()): Dumas {
  const nums = readFileSync(join(DUMAS_DIR, name), 'utf8').trim().split(/\s+/).map(Number);
  const size = nums[0]!;
  const matrix: number[][] = [];
  let k = 1;
  for (let i = 0; i < size; i++) matrix.push(nums.slice(k + i * size, k + (i + 1) * size));
  k += size * size;
  const windows: [number, number][] = [];
  for (let i = 0; i < size; i++) windows.push([nums[k + 2 * i]!, nums[k + 2 * i + 1]!]);
  const n = size - 1;
  // Nodes: 0 = depot (start), 1..n = customers, n + 1 = depot (end).
  const city = (node: number) => (node === n + 1 ? 0 : node);
  const problem = createDayProblem({
    stops: windows
      .slice(1)
      .map(([open, close]) => ({ service: 0, windows: [{ open, close }], priority: 1 })),
    settings: { dayStart: windows[0]![0], dayEnd: windows[0]![1], lunchStart: 0, lunchMinutes: 0 },
    leg: (i, j) => ({ minutes: matrix[city(i)]![city(j)]!, miles: matrix[city(i)]![city(j)]! }),
  });
  return { name, problem, n, optimum: best.get(name)!, matrix, windows };
}
