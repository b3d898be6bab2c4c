// Bundles the Node-side engine (CLI, server, worker entry points) into dist/engine with esbuild.
// Third-party packages stay external (better-sqlite3 is native). Rebuilds only when a source is newer.
import { build } from 'esbuild';
import { statSync, readdirSync, readFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const quiet = process.argv.includes('--quiet');
const force = process.argv.includes('--force');
const outdir = join(root, 'dist', 'engine');
// Pure-JavaScript packages loaded at start-up are bundled in: one file to compile instead of many
// modules to resolve, read and link (zod alone is dozens). Native and large packages stay external.
const BUNDLED = ['zod', 'comlink', 'commander', 'polygon-clipping', 'd3-delaunay', 'kdbush'];
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
  .filter((name) => !BUNDLED.includes(name))
  .flatMap((name) => [name, `${name}/*`]);
const entryPoints = {
  cli: join(root, 'workers/host/cli.ts'),
  'engine-worker': join(root, 'workers/engine/runtime/worker.ts'),
  'route-worker': join(root, 'workers/engine/routes/routeWorker.ts'),
};

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

const stamp = join(outdir, 'cli.js');
const stale =
  force ||
  !existsSync(stamp) ||
  Math.max(newestMtime(join(root, 'workers')), statSync(join(root, 'package.json')).mtimeMs) >
    statSync(stamp).mtimeMs;

if (stale) {
  mkdirSync(outdir, { recursive: true });
  // chunks (shared code, the lazily loaded CLI program) are named by content hash: drop the previous build's
  for (const f of readdirSync(outdir))
    if (/^(chunk|program)-[A-Z0-9]+\.js(\.map)?$/.test(f)) rmSync(join(outdir, f));
  const started = Date.now();
  await build({
    entryPoints: Object.fromEntries(Object.entries(entryPoints).filter(([, p]) => existsSync(p))),
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // code shared by the entry points goes to chunk-*.js; cli.js loads the command program (and its
    // packages) only after `serve` has started its engine worker (workers/host/cli.ts)
    splitting: true,
    target: 'node20',
    external,
    sourcemap: true,
    logLevel: quiet ? 'error' : 'info',
    banner: {
      js: "import { createRequire as __tsCreateRequire } from 'node:module'; const require = __tsCreateRequire(import.meta.url);",
    },
  });
  if (!quiet) console.error(`engine built in ${Date.now() - started} ms`);
}
