// Alignment on road times from a (stand-in) routing server: see bench/routedAlign/run.ts.
// `node bench/routedAlign.bench.mjs [workspace]` — without a workspace it builds the 300 k demo under
// the OS temp folder once and reuses it.
import { runTsBench } from './tsBench.mjs';

await runTsBench('routedAlign');
