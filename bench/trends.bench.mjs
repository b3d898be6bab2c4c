// Trends benchmark (see bench/trends/run.ts): `node bench/trends.bench.mjs [--providers N] [--workspace F]`.
import { runTsBench } from './tsBench.mjs';

await runTsBench('trends');
