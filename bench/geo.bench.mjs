// Geography benchmark (see bench/geo/run.ts): bundles the TypeScript bench with esbuild and runs it.
// `node bench/geo.bench.mjs [--quick]` (--quick: skip the run-time rebuild of adjacency and cells).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'dist', 'bench', 'geo.bench.bundle.mjs');
await build({
  entryPoints: [join(here, 'geo', 'run.ts')],
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
