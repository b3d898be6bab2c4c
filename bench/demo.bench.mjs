// Demo workspace benchmark: builds the synthetic demo workspace end to end through the CLI
// (generation of the real-format files + import through the regular importer) and prints seconds
// and rows/s. `node bench/demo.bench.mjs [--providers N] [--seed S]` (default size: 300 000).
// Needs the engine bundle (`npm run build:engine`; `npm run bench` builds it).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { arg, cli } from './benchCli.mjs';

const providers = Number(arg('--providers', '300000'));
const seed = arg('--seed', '1');

const dir = mkdtempSync(join(tmpdir(), 'tessera-demo-bench-'));
const ws = join(dir, 'demo.tessera');
const load = loadavg()[0].toFixed(1);
const started = performance.now();
const run = spawnSync(
  process.execPath,
  [cli, 'demo', ws, '--providers', String(providers), '--seed', seed, '--json'],
  {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  },
);
const wall = (performance.now() - started) / 1000;
const last = run.stdout.trim().split('\n').pop() ?? '';
let result;
try {
  result = JSON.parse(last);
} catch {
  result = null;
}
if (run.status !== 0 || !result?.ok) {
  process.stderr.write(`demo benchmark failed (exit ${run.status}):\n${run.stderr}\n${last}\n`);
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
}
const files = result.import.files;
const importSeconds = files.reduce((s, f) => s + f.seconds, 0);
const importedRows = files.reduce((s, f) => s + f.imported, 0);
const claims = files.find((f) => f.format === 'cms-provider-service');
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const workspaceMb = statSync(ws).size / 1e6;
rmSync(dir, { recursive: true, force: true });

console.log(
  `demo workspace, ${fmt(providers)} providers (seed ${seed}); 1-min load average at start ${load} on ${cpus().length} cores`,
);
console.log(`  end to end (CLI wall clock)   ${wall.toFixed(1)} s`);
console.log(`  engine createDemo             ${result.seconds.toFixed(1)} s`);
console.log(`    generate files              ${(result.seconds - importSeconds).toFixed(1)} s`);
console.log(
  `    import (all files)          ${importSeconds.toFixed(1)} s, ${fmt(importedRows)} rows, ${fmt(importedRows / importSeconds)} rows/s`,
);
console.log(
  `    import CMS claims file      ${claims.seconds.toFixed(1)} s, ${fmt(claims.imported)} rows, ${fmt(claims.imported / claims.seconds)} rows/s`,
);
console.log(
  `  overall                       ${fmt(importedRows / result.seconds)} rows/s (generated and imported)`,
);
console.log(
  `  workspace file                ${workspaceMb.toFixed(0)} MB; ${fmt(result.healthSystems)} health systems, ${fmt(result.territories)} territories`,
);
console.log(
  JSON.stringify({
    bench: 'demo',
    providers,
    seconds: result.seconds,
    wallSeconds: wall,
    generateSeconds: result.seconds - importSeconds,
    importSeconds,
    rows: importedRows,
    claimsRows: claims.imported,
    load: Number(load),
  }),
);
