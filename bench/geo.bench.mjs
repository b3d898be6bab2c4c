// Geography benchmark (see bench/geo/run.ts): bundles the TypeScript bench with esbuild and runs it.
// `node bench/geo.bench.mjs [--quick]` (--quick: skip the run-time rebuild of adjacency and cells).
import { runTsBench } from './tsBench.mjs';

await runTsBench('geo');
