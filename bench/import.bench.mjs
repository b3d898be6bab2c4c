// Import benchmark: a generated CMS 28-column CSV (≥ 2 M rows) imported end to end into a fresh
// workspace by the CLI, side by side with DuckDB's read_csv into a table on the same file, plus a
// parse-only comparison of the byte-level scanner with csv-parse. `node bench/import.bench.mjs [rows]`
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCmsFile } from './import/cmsFile.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const rows = Number(process.argv[2] ?? 2_000_000);
const dir = process.env.TESSERA_BENCH_DIR ?? '/tmp/tessera-bench';
mkdirSync(dir, { recursive: true });
const file = join(dir, `cms_D22_${rows}.csv`);
let t = Date.now();
const gen = await writeCmsFile(file, { rows });
console.log(
  `file: ${file} (${(gen.bytes / 1e6).toFixed(0)} MB, ${rows.toLocaleString('en-US')} rows${gen.reused ? ', reused' : `, generated in ${((Date.now() - t) / 1000).toFixed(1)} s`})`,
);

/** Runs a command under /usr/bin/time; returns wall seconds, peak RSS (MB) and stdout. */
function timed(cmd, args) {
  const hasTime = existsSync('/usr/bin/time');
  const started = process.hrtime.bigint();
  const r = hasTime
    ? spawnSync('/usr/bin/time', ['-f', 'TIME_RSS_KB=%M TIME_CPU=%U+%S', cmd, ...args], {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      })
    : spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const secs = Number(process.hrtime.bigint() - started) / 1e9;
  const kb = Number(/TIME_RSS_KB=(\d+)/.exec(r.stderr ?? '')?.[1] ?? NaN);
  const cpu = /TIME_CPU=([\d.]+)\+([\d.]+)/.exec(r.stderr ?? '');
  const cpuSecs = cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return { secs, cpuSecs, rssMb: kb / 1024, stdout: r.stdout };
}

// Tessera, end to end: process start, engine worker, parse, geocode, write, commit.
const ws = join(dir, 'import-bench.tessera');
for (const s of ['', '-wal', '-shm']) rmSync(ws + s, { force: true });
const tessera = timed(process.execPath, [
  join(root, 'dist/engine/cli.js'),
  'import',
  ws,
  file,
  '--json',
]);
const result = JSON.parse(tessera.stdout.trim().split('\n').pop());
const tRate = result.rows / tessera.secs;
console.log(
  `tessera import: ${result.rows.toLocaleString('en-US')} rows in ${tessera.secs.toFixed(2)} s = ${Math.round(tRate).toLocaleString('en-US')} rows/s end to end (in-engine ${Math.round(result.rows / result.files[0].seconds).toLocaleString('en-US')} rows/s), CPU ${tessera.cpuSecs.toFixed(2)} s, peak RSS ${tessera.rssMb.toFixed(0)} MB, rejected ${result.rejected}`,
);

// DuckDB read_csv into a table, same file, same machine, in its own process.
const duckPath = join(dir, 'import-bench.duckdb');
for (const s of ['', '.wal']) rmSync(duckPath + s, { force: true });
const duckScript = `
import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(${JSON.stringify(duckPath)});
const c = await db.connect();
await c.run(\`CREATE TABLE cms AS SELECT * FROM read_csv(${JSON.stringify(file).replaceAll('"', "'")}, header = true)\`);
const r = await c.runAndReadAll('SELECT count(*) AS n FROM cms');
console.log(String(r.getRows()[0][0]));
`;
const duck = timed(process.execPath, ['--input-type=module', '-e', duckScript]);
const duckRows = Number(duck.stdout.trim().split('\n').pop());
const dRate = duckRows / duck.secs;
console.log(
  `duckdb read_csv → table: ${duckRows.toLocaleString('en-US')} rows in ${duck.secs.toFixed(2)} s = ${Math.round(dRate).toLocaleString('en-US')} rows/s, CPU ${duck.cpuSecs.toFixed(2)} s (both cores), peak RSS ${duck.rssMb.toFixed(0)} MB`,
);
const load = (await import('node:os')).loadavg()[0];
console.log(
  `machine load average ${load.toFixed(1)} on ${(await import('node:os')).cpus().length} cores (figures scale down with load)`,
);
console.log(
  `tessera / duckdb: ${(tRate / dRate).toFixed(2)}x (targets: ≥ 300,000 rows/s, ≥ 2x duckdb, < 1 GB RSS)`,
);

// Parse-only: byte-level scanner vs csv-parse on the first 60 MB of the same file.
const out = join(root, 'dist', 'bench', 'parseCompare.mjs');
await build({
  entryPoints: [join(here, 'import', 'parseCompare.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: out,
  packages: 'external',
  logLevel: 'warning',
});
t = Date.now();
const cmp = spawnSync(process.execPath, [out, file, '60000000'], { cwd: root, encoding: 'utf8' });
if (cmp.status !== 0) throw new Error(cmp.stderr);
const c = JSON.parse(cmp.stdout.trim());
console.log(
  `parse only (${c.rows.toLocaleString('en-US')} rows): scanner ${c.scannerRowsPerSec.toLocaleString('en-US')} rows/s, csv-parse ${c.csvParseRowsPerSec.toLocaleString('en-US')} rows/s (${(c.scannerRowsPerSec / c.csvParseRowsPerSec).toFixed(1)}x, checksums agree: ${c.checksumsAgree})`,
);
