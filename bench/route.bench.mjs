// Route benchmark (see bench/route/run.ts): bundles the TypeScript bench with esbuild and runs it.
// `node bench/route.bench.mjs [workspace]` — without a workspace it builds a synthetic national demo
// (300 000 providers, K = 200 territories) under the OS temp folder once and reuses it.
import { runTsBench } from './tsBench.mjs';

await runTsBench('route');
