// Scoring / what-if benchmark (see bench/scoring/run.ts): bundles the TypeScript bench with esbuild
// and runs it. `node bench/scoring.bench.mjs [WORKSPACE]` (with a workspace: engine what-if timings).
import { runTsBench } from './tsBench.mjs';

await runTsBench('scoring');
