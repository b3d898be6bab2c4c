// Route benchmark (see bench/route/run.ts): bundles the TypeScript bench with esbuild and runs it.
// `node bench/route.bench.mjs [workspace]` — without a workspace it builds a synthetic national demo
// (300 000 providers, K = 200 territories) under the OS temp folder once and reuses it.
// The engine bundle is built first: the national batch plans weeks on its route worker threads
// (dist/engine/route-worker.js), as `tessera export` does.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTsBench } from './tsBench.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
spawnSync(process.execPath, [join(root, 'resources', 'scripts', 'build-engine.mjs'), '--quiet'], {
  stdio: 'inherit',
});
await runTsBench('route');
