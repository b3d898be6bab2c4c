import { openWorkspace } from '../../workers/data/workspace';
import { createContext } from '../../workers/engine/runtime/context';
import { prepareAlign } from '../../workers/engine/align/run';
import { transportBound } from '../../workers/domain/align/transportLp';
import { highsSolver, loadHighs } from '../../workers/engine/align/highsLp';

const ctx = createContext(openWorkspace(process.argv[2]!));
const job = prepareAlign(ctx, { territories: 200, useRoster: true, scenario: 'probe-x' });
const p = job.built.problem;
let nv = 0, nw = 0;
for (let u = 0; u < p.count; u++) { if (p.value[u]! > 0) nv++; if (p.weightForTravel[u]! > 0) nw++; }
console.log('units', p.count, 'with value', nv, 'with workload', nw, 'homes', p.homes?.lat.length);
const highs = await loadHighs();
for (const [low, high] of [[0.85, 1.15], [0.95, 1.05]] as const) {
  const t0 = performance.now();
  const b = transportBound(p, highsSolver(highs), { low, high });
  console.log(low, high, JSON.stringify({ viol: b.bandViolation, mean: b.meanMinutes, p90: b.p90Minutes, unbal: b.unbalancedMeanMinutes, rounds: b.rounds, cols: b.columns, status: b.status }), ((performance.now() - t0) / 1000).toFixed(1), 's');
}
