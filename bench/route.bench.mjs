// Route benchmark (see bench/route/run.ts): bundles the TypeScript bench with esbuild and runs it.
// `node bench/route.bench.mjs [workspace]` — without a workspace it builds a synthetic national demo
// (300 000 providers, K = 200 territories) under the OS temp folder once and reuses it.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'dist', 'bench', 'route.bench.bundle.mjs');
await build({
  entryPoints: [join(here, 'route', 'run.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: out,
  packages: 'external',
  logLevel: 'warning',
});
const env = { ...process.env, TESSERA_GEO_DIR: process.env.TESSERA_GEO_DIR ?? join(here, '..', 'resources', 'geo') };
const r = spawnSync(process.execPath, [out, ...process.argv.slice(2)], { stdio: 'inherit', env, cwd: join(here, '..') });
process.exit(r.status ?? 1);
