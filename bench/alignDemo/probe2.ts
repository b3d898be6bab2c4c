import { openWorkspace } from '../../workers/data/workspace';
import { createContext } from '../../workers/engine/runtime/context';
import { prepareAlign } from '../../workers/engine/align/run';
import { alignmentQuality, solveAlignment } from '../../workers/domain/align/index';

const ctx = createContext(openWorkspace(process.argv[2]!));
const job = prepareAlign(ctx, { territories: 200, useRoster: true, scenario: 'probe-x' });
const p = job.built.problem;
import { toSolution } from '../../workers/domain/align/state';
(globalThis as any).ALIGN_DEBUG = (w: string, s: any) => { const q = alignmentQuality(p, { ...toSolution(s), assignment: Int32Array.from(s.assign, (t: number) => (t < 0 ? 0 : t)) }); console.log(w, JSON.stringify(q), ((performance.now() - t0) / 1000).toFixed(1)); };
(globalThis as any).GROW = Number(process.env.GROW ?? 0);
const t0 = performance.now();
const sol = solveAlignment({ ...p, onProgress: undefined });
const q = alignmentQuality(p, sol);
console.log(JSON.stringify(q), ((performance.now() - t0) / 1000).toFixed(1), "s cpu", (process.cpuUsage().user/1e6).toFixed(1), sol.infeasibilities.map((x) => x.kind).join(','));
