// Weeks benchmark beside OR-Tools (see bench/weeks/run.ts). `node bench/weeks.bench.mjs [workspace]`.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTsBench } from './tsBench.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
spawnSync(process.execPath, [join(root, 'resources', 'scripts', 'build-engine.mjs'), '--quiet'], {
  stdio: 'inherit',
});
process.env.DUMAS_DIR ??= join(root, 'test', 'fixtures', 'tsptw-dumas');
await runTsBench('weeks');
