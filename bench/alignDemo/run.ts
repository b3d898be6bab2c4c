// Alignment on the path users take: the 300 k-provider demo workspace (a copy), its roster on.
// Runs through the engine (what `tessera align` runs): the default ZIP K = 200 (roster homes),
// --fixed-homes, the disruption frontier from the legacy baseline, and county K = 50; beside them,
// on the same units and homes, METIS (`gpmetis -contig`, Debian package `metis`) and k-means, with
// reps matched to their parts by the same assignment (Hungarian, workload-weighted drive), and the
// transportation LP bound over the same homes (HiGHS; balance band kept, contiguity relaxed).
// Every plan is scored by one metric code (domain/align/quality.ts, unit centroid → home) and the
// Tessera plans also by the scenario metrics the CLI prints (account → home).
// `node bench/alignDemo.bench.mjs [workspace] [--no-lp] [--no-frontier]`. Asserts nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  alignmentQuality,
  kmeansBaseline,
  transportBound,
  type AlignProblem,
  type AlignSolution,
} from '../../workers/domain/align/index';
import { createState, bridgedGraph } from '../../workers/domain/align/state';
import { rematchReps } from '../../workers/domain/align/solve';
import { computeTargets } from '../../workers/domain/align/targets';
import { toSphere } from '../../workers/domain/align/sphere';
import { openWorkspace } from '../../workers/data/workspace';
import { createContext } from '../../workers/engine/runtime/context';
import { createEngineFromContext } from '../../workers/engine/runtime/engine';
import { prepareAlign } from '../../workers/engine/align/run';
import { findScenarioRow, readScenarioState } from '../../workers/data/repos/scenarioRepo';
import { highsSolver, loadHighs } from '../../workers/engine/align/highsLp';

const args = process.argv.slice(2);
const source = args.find((a) => !a.startsWith('--')) ?? '/work/demo/demo.tessera';
if (!existsSync(source))
  throw new Error(
    `demo workspace ${source} not found: build one with 'node dist/engine/cli.js demo FILE'`,
  );
const ws = join(mkdtempSync(join(tmpdir(), 'tessera-align-demo-')), 'demo.tessera');
copyFileSync(source, ws);
const load = () => loadavg()[0]!.toFixed(1);
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

type Row = {
  method: string;
  q: ReturnType<typeof alignmentQuality>;
  seconds?: number;
  cpu?: number;
  cli?: { mean: number; p90: number; warned: number };
  note?: string;
};
const rows: Row[] = [];
function print(title: string, list: Row[]): void {
  console.log(`\n${title}`);
  console.log(
    'method                         ±5 %    band  max/min  pieces  drive mean  drive P90   (CLI mean / P90, warned)   wall s  cpu s  load',
  );
  for (const r of list) {
    const q = r.q;
    console.log(
      `${r.method.padEnd(28)}${pct(q.within5).padStart(8)}${pct(q.withinBand).padStart(8)}${q.maxMinRatio.toFixed(2).padStart(9)}${String(q.noncontiguous).padStart(8)}` +
        `${q.travelMeanMin.toFixed(1).padStart(12)}${q.travelP90Min.toFixed(1).padStart(11)}   ${r.cli ? `${r.cli.mean.toFixed(1)} / ${r.cli.p90.toFixed(1)}, ${r.cli.warned}`.padEnd(24) : ''.padEnd(24)}` +
        `${r.seconds !== undefined ? r.seconds.toFixed(1).padStart(8) : ''.padStart(8)}${r.cpu !== undefined ? r.cpu.toFixed(1).padStart(7) : ''.padStart(7)}  ${load()}${r.note ? `  ${r.note}` : ''}`,
    );
  }
}

const ctx = createContext(openWorkspace(ws));
const engine = createEngineFromContext(ctx);

/** The problem the engine solves for a request (units, values, homes), without solving it. */
function problemFor(req: Parameters<typeof prepareAlign>[1]): AlignProblem {
  return prepareAlign(ctx, {
    ...req,
    scenario: `bench-probe-${Math.random().toString(36).slice(2)}`,
  }).built.problem;
}

/** A plan read back from a saved scenario, as a solver solution over `p`'s units (homes as centres). */
function scenarioSolution(p: AlignProblem, name: string): AlignSolution {
  const row = findScenarioRow(ctx.ws.db, name);
  if (!row) throw new Error(`scenario ${name} not saved`);
  const st = readScenarioState(ctx.ws.db, row);
  const s = {
    territories: st.territories.map((t) => ({
      id: t.id,
      homeLat: t.homeLat ?? NaN,
      homeLon: t.homeLon ?? NaN,
    })),
  };
  const tIndex = new Map(s.territories.map((t, i) => [t.id, i]));
  const units = st.units;
  const assignment = Int32Array.from(p.ids, (id) => tIndex.get(units.get(id) ?? '') ?? 0);
  return {
    assignment,
    centersLat: Float64Array.from(s.territories, (t) => t.homeLat),
    centersLon: Float64Array.from(s.territories, (t) => t.homeLon),
    territoryValue: new Float64Array(p.k),
    infeasibilities: [],
    iterations: 0,
    stoppedEarly: false,
  };
}

async function alignRun(
  label: string,
  req: Parameters<typeof engine.align>[0],
  p: AlignProblem,
): Promise<Row> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await engine.align({ replace: true, seed: 1, ...req });
  const c = process.cpuUsage(c0);
  if (!r.ok) throw new Error(r.error.message);
  const m = r.value.metrics;
  const sol = scenarioSolution(p, r.value.scenario);
  return {
    method: label,
    q: alignmentQuality(p, sol),
    seconds: (performance.now() - t0) / 1000,
    cpu: (c.user + c.system) / 1e6,
    cli: { mean: m.travelMeanMin, p90: m.travelP90Min, warned: m.territoryWarnings ?? 0 },
  };
}

/** METIS k-way with contiguity on the bridged unit graph, vertex weights = value (integers). */
function metis(p: AlignProblem): AlignSolution | null {
  if (spawnSync('gpmetis', ['-help']).error) {
    console.log('gpmetis not found: apt-get install metis (skipped)');
    return null;
  }
  const { graph } = bridgedGraph(p, toSphere(p.lat, p.lon));
  let total = 0;
  for (const v of p.value) total += v;
  const lines: string[] = [];
  let edges = 0;
  for (let u = 0; u < p.count; u++) {
    const nb = new Set<number>();
    for (let e = graph.start[u]!; e < graph.start[u + 1]!; e++)
      if (graph.list[e] !== u) nb.add(graph.list[e]! + 1);
    edges += nb.size;
    lines.push(`${Math.max(0, Math.round((p.value[u]! / total) * 1e7))} ${[...nb].join(' ')}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'tessera-metis-'));
  const file = join(dir, 'g.graph');
  writeFileSync(file, `${p.count} ${edges / 2} 010\n${lines.join('\n')}\n`);
  execFileSync('gpmetis', [file, String(p.k), '-contig', '-ufactor=30', '-seed=1'], {
    stdio: 'pipe',
  });
  const part = readFileSync(`${file}.part.${p.k}`, 'utf8').trim().split('\n').map(Number);
  return {
    assignment: Int32Array.from(part),
    centersLat: new Float64Array(p.k),
    centersLon: new Float64Array(p.k),
    territoryValue: new Float64Array(p.k),
    infeasibilities: [],
    iterations: 0,
    stoppedEarly: false,
  };
}

/** Reps to parts by the assignment problem the solver uses (Hungarian on Σ workload × drive), homes as centres. */
function withReps(p: AlignProblem, sol: AlignSolution): AlignSolution {
  const s = createState(p, p.k, Int32Array.from(sol.assignment));
  computeTargets(s);
  rematchReps(s);
  return {
    ...sol,
    assignment: Int32Array.from(s.assign),
    centersLat: Float64Array.from(p.homes!.lat),
    centersLon: Float64Array.from(p.homes!.lon),
  };
}

console.log(
  `alignment on the demo workspace ${source} (copy ${ws}); load ${load()}, ${new Date().toISOString()}`,
);
const zip = problemFor({ territories: 200 });
if (!zip.homes) throw new Error('the demo roster does not have 200 reps with a home');
const zipRows: Row[] = [];
zipRows.push(
  await alignRun('tessera default (roster)', { territories: 200, scenario: 'bench-default' }, zip),
);
zipRows.push(
  await alignRun(
    'tessera --fixed-homes',
    { territories: 200, scenario: 'bench-fixed', useRoster: true },
    zip,
  ),
);
const free = problemFor({ territories: 200, useRoster: false });
zipRows.push(
  await alignRun(
    'tessera --no-roster (centres)',
    { territories: 200, scenario: 'bench-free', useRoster: false },
    free,
  ),
);
zipRows.at(-1)!.note = 'engine-placed centres, not the reps';
{
  const t0 = performance.now();
  const m = metis(zip);
  if (m)
    zipRows.push({
      method: 'METIS -contig + rep match',
      q: alignmentQuality(zip, withReps(zip, m)),
      seconds: (performance.now() - t0) / 1000,
    });
  const t1 = performance.now();
  zipRows.push({
    method: 'k-means + rep match',
    q: alignmentQuality(zip, withReps(zip, kmeansBaseline(zip))),
    seconds: (performance.now() - t1) / 1000,
  });
}
if (!args.includes('--no-lp')) {
  const highs = await loadHighs();
  for (const [low, high] of [
    [0.95, 1.05],
    [0.85, 1.15],
  ] as const) {
    const t0 = performance.now();
    const b = transportBound(zip, highsSolver(highs, 600), { low, high });
    const q = {
      within5: low === 0.95 ? 1 : NaN,
      withinBand: 1,
      maxMinRatio: high / low,
      noncontiguous: NaN,
      travelMeanMin: b.meanMinutes,
      travelP90Min: b.p90Minutes,
    };
    zipRows.push({
      method: `LP bound, band ${low}–${high}`,
      q,
      seconds: (performance.now() - t0) / 1000,
      note: `${b.status}, ${b.rounds} rounds, ${b.columns} columns; nearest-rep (no band) mean ${b.unbalancedMeanMinutes.toFixed(1)} min`,
    });
  }
  const bound = zipRows.find((r) => r.method.startsWith('LP bound, band 0.95'))!.q;
  for (const r of zipRows.filter(
    (x) => x.method.startsWith('tessera') && !x.method.includes('no-roster'),
  )) {
    r.note = `mean ${(100 * (r.q.travelMeanMin / bound.travelMeanMin - 1)).toFixed(0)} % / P90 ${(100 * (r.q.travelP90Min / bound.travelP90Min - 1)).toFixed(0)} % above the ±5 % bound`;
  }
}
print(
  "ZIP, K = 200, the demo roster's 200 homes (drive = unit centroid → rep home, offline model)",
  zipRows,
);
rows.push(...zipRows);

if (!args.includes('--no-frontier')) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await engine.align({
    from: 'baseline',
    frontier: [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5],
    scenario: 'bench-frontier',
    replace: true,
    seed: 1,
  });
  const c = process.cpuUsage(c0);
  if (!r.ok) throw new Error(r.error.message);
  const f = r.value.frontier!;
  console.log(
    `\nDisruption frontier from the legacy baseline (${((performance.now() - t0) / 1000).toFixed(1)} s wall, ${((c.user + c.system) / 1e6).toFixed(1)} s cpu, load ${load()}): fragments repaired first — ${f.repaired.fragments} territories in pieces, ${pct(f.repaired.disruption)} of opportunity`,
  );
  console.log('budget  disruption   ±5 %    band  pieces  drive mean');
  for (const pt of f.points)
    console.log(
      `${pct(pt.budget).padStart(6)}${pct(pt.disruption).padStart(12)}${pct(pt.within5).padStart(8)}${pct(pt.withinBand).padStart(8)}${String(pt.noncontiguous).padStart(8)}${pt.travelMeanMin.toFixed(1).padStart(12)}${pt.keptPrevious ? '  (previous plan kept)' : ''}`,
    );
  console.log(
    `LP lower bound on the disruption needed: ${pct(f.lowerBound.within5)} (every territory within ±5 %), ${pct(f.lowerBound.band)} (0.85–1.15)`,
  );
}

{
  const county = problemFor({ territories: 50, unit: 'county' });
  const list: Row[] = [
    await alignRun(
      'tessera county K=50',
      { territories: 50, unit: 'county', scenario: 'bench-county' },
      county,
    ),
  ];
  const t0 = performance.now();
  const m = metis(county);
  if (m)
    list.push({
      method: 'METIS -contig (centroids)',
      q: alignmentQuality(county, { ...m, ...centroids(county, m) }),
      seconds: (performance.now() - t0) / 1000,
    });
  list.push({ method: 'k-means', q: alignmentQuality(county, kmeansBaseline(county)) });
  print(
    `County, K = 50 (no roster of 50: engine-placed centres${county.homes ? '; roster homes' : ''})`,
    list,
  );
}

function centroids(
  p: AlignProblem,
  sol: AlignSolution,
): { centersLat: Float64Array; centersLon: Float64Array } {
  const lat = new Float64Array(p.k);
  const lon = new Float64Array(p.k);
  const w = new Float64Array(p.k);
  for (let u = 0; u < p.count; u++) {
    const t = sol.assignment[u]!;
    const wu = p.weightForTravel[u]! + 1e-9;
    lat[t]! += wu * p.lat[u]!;
    lon[t]! += wu * p.lon[u]!;
    w[t]! += wu;
  }
  for (let t = 0; t < p.k; t++) {
    lat[t]! /= w[t]! || 1;
    lon[t]! /= w[t]! || 1;
  }
  return { centersLat: lat, centersLon: lon };
}
await engine.close();
