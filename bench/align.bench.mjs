// Alignment benchmark (see bench/align/run.ts): bundles the TypeScript bench with esbuild and
// runs it. `node bench/align.bench.mjs [--quick]` (--quick: county level only).
import { runTsBench } from './tsBench.mjs';

await runTsBench('align');
