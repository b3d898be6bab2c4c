// Import of one source as it ships (issue 19): the same generated 28-column CMS data, 2 M rows by
// default, as a plain CSV, a gzip CSV and an 8-part Parquet folder (written by DuckDB, Snappy), each
// imported end to end by the CLI (`node dist/engine/cli.js import`, process wall time), side by side
// in the same run with the current DuckDB (@duckdb/node-api, read_csv / read_parquet into a
// persistent table, then CHECKPOINT). Then the Parquet readers alone on the same folder: hyparquet
// (what Tessera uses) vs DuckDB's read_parquet into JS rows.
//   node bench/import-sources.bench.mjs [rows]      (npm run -s build first)
import { spawnSync } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { writeCmsFile } from './import/cmsFile.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const rows = Number(process.argv[2] ?? 2_000_000);
const dir = process.env.TESSERA_BENCH_DIR ?? '/tmp/tessera-bench';
mkdirSync(dir, { recursive: true });
const csv = join(dir, `cms_D22_${rows}.csv`);
const gen = await writeCmsFile(csv, { rows });
const gz = `${csv}.gz`;
if (!existsSync(gz) || statSync(gz).mtimeMs < statSync(csv).mtimeMs)
  await pipeline(createReadStream(csv), createGzip({ level: 6 }), createWriteStream(gz));
const pq = join(dir, `cms_D22_${rows}_parquet`);
const duckVersion = JSON.parse(
  (await import('node:fs')).readFileSync(
    join(root, 'node_modules/@duckdb/node-api/package.json'),
    'utf8',
  ),
).version;

function timed(cmd, args) {
  const started = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME_RSS_KB=%M TIME_CPU=%U+%S', cmd, ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const secs = Number(process.hrtime.bigint() - started) / 1e9;
  const kb = Number(/TIME_RSS_KB=(\d+)/.exec(r.stderr ?? '')?.[1] ?? NaN);
  const cpu = /TIME_CPU=([\d.]+)\+([\d.]+)/.exec(r.stderr ?? '');
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return {
    secs,
    cpuSecs: cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN,
    rssMb: kb / 1024,
    stdout: r.stdout,
  };
}

const duck = (sql) =>
  timed(process.execPath, [
    '--input-type=module',
    '-e',
    `
import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(process.argv[1] ?? ':memory:');
const c = await db.connect();
const t = performance.now();
${sql}
console.log(JSON.stringify({ queryMs: performance.now() - t, out: typeof out === 'undefined' ? null : out }));
`,
  ]);

if (!existsSync(join(pq, 'part-7.parquet'))) {
  rmSync(pq, { recursive: true, force: true });
  mkdirSync(pq);
  const per = Math.ceil(rows / 8);
  duck(`await c.run("CREATE TABLE t AS SELECT * FROM read_csv('${csv}', header = true, all_varchar = true)");
for (let k = 0; k < 8; k++) await c.run(\`COPY (SELECT * FROM t LIMIT ${per} OFFSET \${k * ${per}}) TO '${pq}/part-\${k}.parquet' (FORMAT parquet, COMPRESSION snappy)\`);`);
}
const mb = (p) =>
  (statSync(p).isDirectory()
    ? readdirSync(p).reduce((s, f) => s + statSync(join(p, f)).size, 0)
    : statSync(p).size) / 1e6;
console.log(
  `data: ${rows.toLocaleString('en-US')} rows; CSV ${mb(csv).toFixed(0)} MB, gzip ${mb(gz).toFixed(0)} MB, Parquet folder (8 parts, Snappy) ${mb(pq).toFixed(0)} MB${gen.reused ? ' (reused)' : ''}`,
);
console.log(
  `load average at start ${loadavg()[0].toFixed(1)} on ${cpus().length} cores; DuckDB ${duckVersion}`,
);

const results = [];
for (const [name, input, duckSql] of [
  ['plain CSV', csv, `read_csv('${csv}', header = true)`],
  ['gzip CSV', gz, `read_csv('${gz}', header = true)`],
  ['Parquet folder, 8 parts', pq, `read_parquet('${pq}/*.parquet')`],
]) {
  const ws = join(dir, 'sources-bench.tessera');
  for (const s of ['', '-wal', '-shm']) rmSync(ws + s, { force: true });
  const load0 = loadavg()[0];
  const t = timed(process.execPath, [
    join(root, 'dist/engine/cli.js'),
    'import',
    ws,
    input,
    '--json',
  ]);
  const res = JSON.parse(t.stdout.trim().split('\n').pop());
  const engineSecs = res.files.reduce((s, f) => s + f.seconds, 0);
  const duckPath = join(dir, 'sources-bench.duckdb');
  for (const s of ['', '.wal']) rmSync(duckPath + s, { force: true });
  const d = timed(process.execPath, [
    '--input-type=module',
    '-e',
    `
import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(${JSON.stringify(duckPath)});
const c = await db.connect();
const t = performance.now();
await c.run("CREATE TABLE cms AS SELECT * FROM ${duckSql}");
await c.run('CHECKPOINT');
const q = performance.now() - t;
const r = await c.runAndReadAll('SELECT count(*) FROM cms');
console.log(JSON.stringify({ queryMs: q, n: Number(r.getRows()[0][0]) }));
`,
  ]);
  const dj = JSON.parse(d.stdout.trim().split('\n').pop());
  const row = {
    name,
    rows: res.rows,
    rejected: res.rejected,
    tessera: t.secs,
    engine: engineSecs,
    cpu: t.cpuSecs,
    rss: t.rssMb,
    duck: d.secs,
    duckQuery: dj.queryMs / 1000,
    duckRows: dj.n,
    duckRss: d.rssMb,
    load: [load0, loadavg()[0]],
  };
  results.push(row);
  console.log(
    `${name}: tessera ${row.tessera.toFixed(2)} s wall (engine ${row.engine.toFixed(2)} s, CPU ${row.cpu.toFixed(2)} s, peak RSS ${row.rss.toFixed(0)} MB, ${row.rows.toLocaleString('en-US')} rows, ${row.rejected} rejected) | duckdb ${row.duck.toFixed(2)} s wall (query+checkpoint ${row.duckQuery.toFixed(2)} s, peak RSS ${row.duckRss.toFixed(0)} MB, ${row.duckRows.toLocaleString('en-US')} rows) | duckdb/tessera ${(row.duck / row.tessera).toFixed(2)}x | load ${row.load.map((l) => l.toFixed(1)).join('→')}`,
  );
}
const [p, g, q] = results;
console.log(
  `gzip / plain (tessera wall): ${(g.tessera / p.tessera).toFixed(2)} (goal ≤ 1.3); Parquet / plain: ${(q.tessera / p.tessera).toFixed(2)} (goal ≤ 1.0); CSV duckdb/tessera ${(p.duck / p.tessera).toFixed(2)} (goal ≥ 2)`,
);

// Parquet readers alone: every row of the folder into JS arrays
const hyp = timed(process.execPath, [
  '--input-type=module',
  '-e',
  `
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { readdirSync } from 'node:fs';
const t = performance.now();
let n = 0;
for (const f of readdirSync('${pq}').filter((x) => x.endsWith('.parquet'))) {
  const file = await asyncBufferFromFile('${pq}/' + f);
  const metadata = await parquetMetadataAsync(file);
  let start = 0;
  for (const rg of metadata.row_groups) {
    const end = start + Number(rg.num_rows);
    await parquetRead({ file, metadata, compressors, rowStart: start, rowEnd: end, onComplete: (rows) => { n += rows.length; } });
    start = end;
  }
}
console.log(JSON.stringify({ ms: performance.now() - t, n }));
`,
]);
const dread = timed(process.execPath, [
  '--input-type=module',
  '-e',
  `
import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
const t = performance.now();
const reader = await c.streamAndReadUntil("SELECT * FROM read_parquet('${pq}/*.parquet')", Number.MAX_SAFE_INTEGER);
const n = reader.getRows().length;
console.log(JSON.stringify({ ms: performance.now() - t, n }));
`,
]);
const hj = JSON.parse(hyp.stdout.trim().split('\n').pop());
const dj = JSON.parse(dread.stdout.trim().split('\n').pop());
console.log(
  `Parquet → JS rows, ${hj.n.toLocaleString('en-US')} rows: hyparquet ${(hj.ms / 1000).toFixed(2)} s (peak RSS ${hyp.rssMb.toFixed(0)} MB); duckdb ${(dj.ms / 1000).toFixed(2)} s (peak RSS ${dread.rssMb.toFixed(0)} MB, ${dj.n.toLocaleString('en-US')} rows) | load ${loadavg()[0].toFixed(1)}`,
);
