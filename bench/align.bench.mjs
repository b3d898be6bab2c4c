// Alignment benchmark (see bench/align/run.ts): bundles the TypeScript bench with esbuild and
// runs it. `node bench/align.bench.mjs [--quick] [--zip-only] [--no-whatifs]` (--quick: county level
// only; --zip-only: ZIP level only; --no-whatifs: solves and baselines only, no rebalance / what-ifs).
import { runTsBench } from './tsBench.mjs';

await runTsBench('align');
