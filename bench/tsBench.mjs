// Shared runner for benchmarks written in TypeScript: bundles bench/<name>/run.ts with esbuild into
// dist/bench and runs it in a child process with this process's arguments; exits with its status.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export async function runTsBench(name) {
  const out = join(here, '..', 'dist', 'bench', `${name}.bench.bundle.mjs`);
  await build({
    entryPoints: [join(here, name, 'run.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: out,
    packages: 'external',
    logLevel: 'warning',
  });
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
}
