// Alignment benchmark: this solver vs equal-ZIP-count vs plain k-means on the same units and K,
// then rebalance under a 10 % disruption budget and the what-if operations. Prints figures.

import {
  addTerritory,
  alignmentQuality,
  equalCountBaseline,
  kmeansBaseline,
  localRebalance,
  rebalance,
  removeTerritory,
  solveAlignment,
  type AlignProblem,
  type AlignSolution,
} from '../../workers/domain/align/index';
import { createRng } from '../../workers/domain/align/prng';
import { countyProblem, zipProblem } from './units';

type Row = { method: string; seconds: number; sol: AlignSolution; p: AlignProblem };

function timed(method: string, p: AlignProblem, f: () => AlignSolution): Row {
  const t0 = performance.now();
  const sol = f();
  return { method, seconds: (performance.now() - t0) / 1000, sol, p };
}

function print(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  console.log('method              within±5%  withinBand  max/min  noncontig  travelMean  travelP90  seconds  infeasibilities');
  for (const r of rows) {
    const q = alignmentQuality(r.p, r.sol);
    const extra = r.sol.disruption !== undefined ? `  disruption ${(r.sol.disruption * 100).toFixed(1)}%` : '';
    console.log(
      `${r.method.padEnd(20)}${pct(q.within5).padStart(9)}${pct(q.withinBand).padStart(12)}${q.maxMinRatio.toFixed(2).padStart(9)}` +
        `${String(q.noncontiguous).padStart(11)}${q.travelMeanMin.toFixed(1).padStart(12)}${q.travelP90Min.toFixed(1).padStart(11)}` +
        `${r.seconds.toFixed(2).padStart(9)}  ${r.sol.infeasibilities.map((i) => i.kind).join(',') || '-'}${extra}`,
    );
  }
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function compare(title: string, p: AlignProblem): AlignSolution {
  const rows = [
    timed('tessera', p, () => solveAlignment(p)),
    timed('equal-zip-count', p, () => equalCountBaseline(p)),
    timed('k-means', p, () => kmeansBaseline(p)),
  ];
  print(title, rows);
  return rows[0]!.sol;
}

/** Values drift (±25 % per unit, a year of market change) so the alignment needs a rebalance. */
function drifted(p: AlignProblem, seed: number): AlignProblem {
  const rng = createRng(seed);
  const value = Float64Array.from(p.value, (v) => v * (0.75 + 0.5 * rng()));
  return { ...p, value, weightForTravel: Float64Array.from(value) };
}

function whatIfs(p: AlignProblem, base: AlignSolution): void {
  const moved = drifted(p, 99);
  const rows: Row[] = [
    timed('rebalance 10%', moved, () => rebalance({ ...moved, initial: base.assignment, maxDisruption: 0.1 })),
  ];
  print(`Rebalance after value drift (before: drifted values on the old alignment)`, [
    { method: 'before rebalance', seconds: 0, sol: { ...base, territoryValue: new Float64Array(p.k) }, p: moved },
    ...rows,
  ]);
  const ops: Row[] = [
    timed('add territory', { ...p, k: p.k + 1 }, () => addTerritory(p, base.assignment)),
    timed('remove territory', { ...p, k: p.k - 1 }, () => removeTerritory(p, base.assignment, 7)),
    timed('local rebalance', p, () => localRebalance(p, base.assignment, [3, 4, 5])),
  ];
  print('What-if operations (from the solved alignment)', ops);
}

function main(): void {
  const quick = process.argv.includes('--quick');
  const seed = 7;
  const t0 = performance.now();
  const zip = zipProblem(200, seed);
  console.log(`ZIP units: ${zip.problem.count} (real ZIP centroids + Delaunay adjacency, synthetic heavy-tailed values), built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const county = countyProblem(zip, 50, seed);
  console.log(`County units: ${county.count}`);
  const cBase = compare('County level, K = 50', county);
  whatIfs(county, cBase);
  if (quick) return;
  const zBase = compare('National ZIP level, K = 200', zip.problem);
  whatIfs(zip.problem, zBase);
}

main();
