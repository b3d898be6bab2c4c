// Alignment on the demo workspace, the path users take (see bench/alignDemo/run.ts):
// `node bench/alignDemo.bench.mjs [workspace] [--no-lp] [--no-frontier]`.
import { runTsBench } from './tsBench.mjs';

await runTsBench('alignDemo');
