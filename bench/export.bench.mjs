// Export benchmark: `tessera export` of a national demo workspace (default 1 M providers, 500
// territories) through the CLI, with wall time, peak RSS (VmHWM of the CLI process, engine worker
// included) and what was written. Targets (issue 5): ≤ 60 s, RSS ≤ 1.5 GB.
//   node bench/export.bench.mjs [--workspace FILE --scenario NAME] [--providers N] [--territories K]
//                               [--no-routes] [--no-maps] [--keep]
// Without --workspace it builds the demo workspace and the K-territory scenario first (not timed).
// Needs the engine bundle (`npm run bench` builds it).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { arg, cli, flag } from './benchCli.mjs';

const providers = Number(arg('--providers', '1000000'));
const territories = Number(arg('--territories', '500'));
const dir = mkdtempSync(join(tmpdir(), 'tessera-export-bench-'));
let ws = arg('--workspace', '');
let scenario = arg('--scenario', `national${territories}`);

function cliJson(cmd) {
  const r = spawnSync(process.execPath, [cli, ...cmd, '--json'], {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0)
    throw new Error(
      `tessera ${cmd.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)} ${last.slice(0, 500)}`,
    );
  return JSON.parse(last);
}

if (!ws) {
  ws = join(dir, 'national.tessera');
  console.log(
    `building demo workspace: ${providers.toLocaleString('en-US')} providers, ${territories} territories (not timed)…`,
  );
  cliJson(['demo', ws, '--providers', String(providers)]);
  // The issue's size is 1 M accounts: score every code ('all'), not the demo's saved procedure
  // market, whose universe is a sixth of that.
  cliJson([
    'align',
    ws,
    '--territories',
    String(territories),
    '--scenario',
    scenario,
    '--market',
    'all',
  ]);
} else if (!existsSync(ws)) {
  throw new Error(`workspace ${ws} does not exist`);
}

const out = join(dir, 'export');
const extra = [
  ...(flag('--no-routes') ? ['--no-routes'] : []),
  ...(flag('--no-maps') ? ['--no-maps'] : []),
];
const load = loadavg()[0].toFixed(1);
const started = performance.now();
const child = spawn(
  process.execPath,
  [cli, 'export', ws, '--scenario', scenario, '--out', out, ...extra, '--json'],
  { stdio: ['ignore', 'pipe', 'pipe'] },
);
let stdout = '';
let stderr = '';
child.stdout.on('data', (d) => (stdout += d));
child.stderr.on('data', (d) => (stderr += d));
let peakKb = 0;
let cpuTicks = 0;
const poll = setInterval(() => {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    if (m) peakKb = Math.max(peakKb, Number(m[1]));
    // utime + stime (fields 14, 15) of the CLI process, engine worker thread and zlib pool included.
    const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    cpuTicks = Math.max(cpuTicks, Number(stat[11]) + Number(stat[12]));
  } catch {
    /* process gone */
  }
}, 100);
const code = await new Promise((res) => child.on('close', res));
clearInterval(poll);
const wall = (performance.now() - started) / 1000;
const last = stdout.trim().split('\n').pop() ?? '';
if (code !== 0) {
  console.error(stderr.slice(-3000), last.slice(0, 2000));
  process.exit(1);
}
const r = JSON.parse(last);
const packs = r.files.filter((f) => f.path.startsWith('packs/'));
const master = r.files[0];
const cells = (f) => Object.values(f.rows).reduce((s, n) => s + n, 0);
const mb = (b) => (b / 1e6).toFixed(1);
console.log(
  `export of "${scenario}" (${ws}), ${cpus().length} cores, load ${load} at start${extra.length ? `, ${extra.join(' ')}` : ''}`,
);
console.log(
  `  territories ${r.totals.territories}, accounts ${r.totals.accounts.toLocaleString('en-US')}, units ${r.totals.zips.toLocaleString('en-US')}, changes ${r.totals.changes.toLocaleString('en-US')}`,
);
console.log(`  master ${master.path}: ${mb(master.bytes)} MB, rows ${JSON.stringify(master.rows)}`);
console.log(
  `  packs: ${packs.length} workbooks, ${mb(packs.reduce((s, f) => s + f.bytes, 0))} MB, ${packs.reduce((s, f) => s + cells(f), 0).toLocaleString('en-US')} rows`,
);
for (const f of r.files.filter((f) => !f.path.startsWith('packs/') && f !== master))
  console.log(`  ${f.path}: ${mb(f.bytes)} MB ${JSON.stringify(f.rows)}`);
console.log(
  `  wall ${wall.toFixed(1)} s (engine ${r.seconds.toFixed(1)} s), CPU ${(cpuTicks / 100).toFixed(1)} s (user+sys, a proxy for wall time on an idle machine), peak RSS ${(peakKb / 1024).toFixed(0)} MB — targets ≤ 60 s, ≤ 1,536 MB`,
);
if (!flag('--keep')) rmSync(dir, { recursive: true, force: true });
else console.log(`  output kept in ${out}`);
