// Market sizing benchmark (see bench/market/run.ts): bundles the TypeScript bench with esbuild and runs
// it. Prints load (open → provider/code/volume columns ready) seconds, first query ms, warm query
// median/p95 ms, each as wall and CPU time. `node bench/market.bench.mjs [rows] [path]` (default 10 M
// volume rows, 1 M providers); TESSERA_BENCH_REUSE=1 reuses the workspace at path.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'dist', 'bench', 'market.bench.bundle.mjs');
await build({
  entryPoints: [join(here, 'market', 'run.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: out,
  packages: 'external',
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __c } from 'node:module'; const require = __c(import.meta.url);",
  },
});
mkdirSync('/tmp/tessera-bench', { recursive: true });
const env = {
  ...process.env,
  TESSERA_GEO_DIR: process.env.TESSERA_GEO_DIR ?? join(here, '..', 'resources', 'geo'),
};
const r = spawnSync(process.execPath, [out, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env,
  cwd: join(here, '..'),
});
process.exit(r.status ?? 1);
