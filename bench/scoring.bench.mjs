// Scoring / what-if benchmark (see bench/scoring/run.ts): bundles the TypeScript bench with esbuild
// and runs it. `node bench/scoring.bench.mjs [WORKSPACE]` (with a workspace: engine what-if timings).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'dist', 'bench', 'scoring.bench.bundle.mjs');
await build({
  entryPoints: [join(here, 'scoring', 'run.ts')],
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
