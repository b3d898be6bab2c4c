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
import { createState, updateCentres } from '../../workers/domain/align/state';
import { graphComponents, simpleGraph } from '../../workers/domain/align/graph';
import { countyProblem, zipProblem } from './units';
import { availableParallelism, loadavg } from 'node:os';

type Row = { method: string; seconds: number; cpu: number; sol: AlignSolution; p: AlignProblem };

/** Wall seconds, and CPU seconds of this process (less sensitive to a shared, loaded machine). */
function timed(method: string, p: AlignProblem, f: () => AlignSolution): Row {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const sol = f();
  const c = process.cpuUsage(c0);
  return {
    method,
    seconds: (performance.now() - t0) / 1000,
    cpu: (c.user + c.system) / 1e6,
    sol,
    p,
  };
}

function print(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  console.log(
    'method              within±5%  withinBand  max/min  noncontig  travelMean  travelP90  seconds  cpu-s  infeasibilities',
  );
  for (const r of rows) {
    const q = alignmentQuality(r.p, r.sol);
    const extra =
      r.sol.disruption !== undefined ? `  disruption ${(r.sol.disruption * 100).toFixed(1)}%` : '';
    console.log(
      `${r.method.padEnd(20)}${pct(q.within5).padStart(9)}${pct(q.withinBand).padStart(12)}${q.maxMinRatio.toFixed(2).padStart(9)}` +
        `${String(q.noncontiguous).padStart(11)}${q.travelMeanMin.toFixed(1).padStart(12)}${q.travelP90Min.toFixed(1).padStart(11)}` +
        `${r.seconds.toFixed(2).padStart(9)}${r.cpu.toFixed(2).padStart(7)}  ${kinds(r.sol) || '-'}${extra}`,
    );
  }
}

function kinds(sol: AlignSolution): string {
  const count = new Map<string, number>();
  for (const i of sol.infeasibilities) count.set(i.kind, (count.get(i.kind) ?? 0) + 1);
  return [...count].map(([k, n]) => (n > 1 ? `${k}×${n}` : k)).join(',');
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** Rep home bases: K units drawn with probability ∝ value (reps live where the business is). */
function rosterHomes(p: AlignProblem, seed: number): { lat: Float64Array; lon: Float64Array } {
  const rng = createRng(seed);
  let total = 0;
  for (const v of p.value) total += v;
  const lat = new Float64Array(p.k);
  const lon = new Float64Array(p.k);
  for (let t = 0; t < p.k; t++) {
    let r = rng() * total;
    let u = 0;
    for (; u < p.count - 1; u++) if ((r -= p.value[u]!) <= 0) break;
    lat[t] = p.lat[u]!;
    lon[t] = p.lon[u]!;
  }
  return { lat, lon };
}

function compare(title: string, p: AlignProblem): AlignSolution {
  const withHomes: AlignProblem = { ...p, homes: rosterHomes(p, 5) };
  const rows = [
    timed('tessera', p, () => solveAlignment(p)),
    timed('tessera, fixed homes', withHomes, () => solveAlignment(withHomes)),
    timed('equal-zip-count', p, () => equalCountBaseline(p)),
    timed('k-means', p, () => kmeansBaseline(p)),
  ];
  // Stricter comparators: the same k-means clusters with centres moved to their workload centroid, and
  // placed exactly as Tessera places home bases (workload-weighted drive-time median, state.ts), so
  // the travel difference is the territories' alone.
  rows.push({ ...rows[3]!, method: 'k-means wl-centres', sol: workloadCentres(p, rows[3]!.sol) });
  rows.push({ ...rows[3]!, method: 'k-means, same homes', sol: tesseraHomes(p, rows[3]!.sol) });
  print(title, rows);
  console.log('workload share / mean travel (min) by density class, rural → dense urban:');
  for (const r of [rows[0]!, rows[3]!, rows[rows.length - 1]!])
    console.log(`  ${r.method.padEnd(22)}${byDensity(r.p, r.sol)}`);
  console.log(
    'travel on the mainland (largest land group) / minutes off-mainland units add to the mean:',
  );
  for (const r of [rows[0]!, rows[3]!])
    console.log(`  ${r.method.padEnd(22)}${mainlandSplit(r.p, r.sol)}`);
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
    timed('rebalance 10%', moved, () =>
      rebalance({ ...moved, initial: base.assignment, maxDisruption: 0.1 }),
    ),
  ];
  const legacy = equalCountBaseline(p);
  print('Rebalance of a legacy equal-ZIP-count alignment', [
    { method: 'legacy', seconds: 0, cpu: 0, sol: legacy, p },
    timed('rebalance 10%', p, () =>
      rebalance({ ...p, initial: legacy.assignment, maxDisruption: 0.1 }),
    ),
    timed('rebalance 30%', p, () =>
      rebalance({ ...p, initial: legacy.assignment, maxDisruption: 0.3 }),
    ),
  ]);
  print(`Rebalance after value drift (before: drifted values on the old alignment)`, [
    {
      method: 'before rebalance',
      seconds: 0,
      cpu: 0,
      sol: { ...base, territoryValue: new Float64Array(p.k) },
      p: moved,
    },
    ...rows,
  ]);
  // What-ifs get the previous centres back, as the engine keeps them with the scenario.
  const q: AlignProblem = { ...p, centres: { lat: base.centersLat, lon: base.centersLon } };
  const ops: Row[] = [
    timed('add territory', { ...p, k: p.k + 1 }, () => addTerritory(q, base.assignment)),
    timed('remove territory', { ...p, k: p.k - 1 }, () => removeTerritory(q, base.assignment, 7)),
    timed('local rebalance', p, () => localRebalance(q, base.assignment, [3, 4, 5])),
  ];
  print('What-if operations (from the solved alignment)', ops);
}

/** Balanced territories trade travel between classes: where the workload is and how far it is driven. */
function byDensity(p: AlignProblem, sol: AlignSolution): string {
  const w = [0, 0, 0, 0];
  const m = [0, 0, 0, 0];
  for (let u = 0; u < p.count; u++) {
    const t = sol.assignment[u]!;
    const d = p.density[u]!;
    const wu = p.weightForTravel[u]!;
    w[d]! += wu;
    m[d]! += wu * p.travelMinutes(sol.centersLat[t]!, sol.centersLon[t]!, p.lat[u]!, p.lon[u]!, d);
  }
  const total = w.reduce((a, b) => a + b, 0) || 1;
  return w
    .map(
      (wd, d) => `${((wd / total) * 100).toFixed(0)} % / ${(wd > 0 ? m[d]! / wd : 0).toFixed(1)}`,
    )
    .join('   ');
}

/**
 * Units off the mainland (Alaska, Hawaii, Puerto Rico, small islands) must share a territory with
 * mainland units when they hold too little value for a balanced one of their own; k-means gives
 * them small clusters. Splitting the mean shows where the travel is.
 */
function mainlandSplit(p: AlignProblem, sol: AlignSolution): string {
  const { label, count } = graphComponents(
    p.count,
    simpleGraph(p.count, { start: p.adjStart, list: p.adjList }),
    p.floating,
  );
  const size = new Int32Array(count);
  for (let u = 0; u < p.count; u++) if (label[u]! >= 0) size[label[u]!]!++;
  const main = size.indexOf(Math.max(...size));
  const sum = [0, 0];
  const w = [0, 0];
  for (let u = 0; u < p.count; u++) {
    const t = sol.assignment[u]!;
    const i = label[u] === main ? 0 : 1;
    sum[i]! +=
      p.weightForTravel[u]! *
      p.travelMinutes(sol.centersLat[t]!, sol.centersLon[t]!, p.lat[u]!, p.lon[u]!, p.density[u]!);
    w[i]! += p.weightForTravel[u]!;
  }
  const all = w[0]! + w[1]!;
  return `mainland ${(sum[0]! / w[0]!).toFixed(1)} min (${((100 * w[0]!) / all).toFixed(1)} % of workload); off-mainland +${(sum[1]! / all).toFixed(2)} min`;
}

function tesseraHomes(p: AlignProblem, sol: AlignSolution): AlignSolution {
  const k = sol.centersLat.length;
  const s = createState(p, k, Int32Array.from(sol.assignment));
  s.cLat.set(sol.centersLat);
  s.cLon.set(sol.centersLon);
  updateCentres(s);
  return { ...sol, centersLat: Float64Array.from(s.cLat), centersLon: Float64Array.from(s.cLon) };
}

function workloadCentres(p: AlignProblem, sol: AlignSolution): AlignSolution {
  const k = sol.centersLat.length;
  const sw = new Float64Array(k);
  const sx = new Float64Array(k);
  const sy = new Float64Array(k);
  const sz = new Float64Array(k);
  for (let u = 0; u < p.count; u++) {
    const t = sol.assignment[u]!;
    const w = p.weightForTravel[u]!;
    const la = (p.lat[u]! * Math.PI) / 180;
    const lo = (p.lon[u]! * Math.PI) / 180;
    sx[t]! += w * Math.cos(la) * Math.cos(lo);
    sy[t]! += w * Math.cos(la) * Math.sin(lo);
    sz[t]! += w * Math.sin(la);
    sw[t]! += w;
  }
  const centersLat = Float64Array.from(sol.centersLat);
  const centersLon = Float64Array.from(sol.centersLon);
  for (let t = 0; t < k; t++) {
    if (sw[t]! <= 0) continue;
    centersLat[t] = (Math.atan2(sz[t]!, Math.hypot(sx[t]!, sy[t]!)) * 180) / Math.PI;
    centersLon[t] = (Math.atan2(sy[t]!, sx[t]!) * 180) / Math.PI;
  }
  return { ...sol, centersLat, centersLon };
}

function main(): void {
  const quick = process.argv.includes('--quick');
  // --zip-only: skip the county level; --no-whatifs: skip rebalances and what-ifs (faster iteration).
  const zipOnly = process.argv.includes('--zip-only');
  const whatIfsToo = !process.argv.includes('--no-whatifs');
  const seed = 7;
  const t0 = performance.now();
  const zip = zipProblem(200, seed);
  console.log(
    `ZIP units: ${zip.problem.count} (real ZIP centroids + Delaunay adjacency, synthetic heavy-tailed values), built in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const county = countyProblem(zip, 50, seed);
  console.log(
    `County units: ${county.count}; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} on ${availableParallelism()} cores`,
  );
  if (!zipOnly) {
    const cBase = compare('County level, K = 50', county);
    if (whatIfsToo) whatIfs(county, cBase);
  }
  if (quick) return;
  const zBase = compare('National ZIP level, K = 200', zip.problem);
  if (whatIfsToo) whatIfs(zip.problem, zBase);
}

main();
