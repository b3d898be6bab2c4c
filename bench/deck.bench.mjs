// Deck benchmark (issue 16): `tessera deck` for 3 scenarios (today + two options) of the national demo
// (200 territories) through the CLI: wall time, peak RSS (VmHWM of the CLI process), CPU seconds,
// slides and size. Targets: ≤ 20 s, < 1 GB. The PDF conversion (LibreOffice) is timed separately
// with --pdf, as it is another program.
//   node bench/deck.bench.mjs [--workspace FILE] [--pdf] [--keep]
// Without --workspace it copies /work/demo/demo.tessera if present, else builds the demo (not timed);
// the two options are made with `align --from baseline --max-disruption 0.1 / 0.2` (not timed).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { arg, cli, flag } from './benchCli.mjs';

const dir = mkdtempSync(join(tmpdir(), 'tessera-deck-bench-'));
let ws = arg('--workspace', '');

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
  if (existsSync('/work/demo/demo.tessera')) copyFileSync('/work/demo/demo.tessera', ws);
  else {
    console.log('building the national demo workspace (not timed)…');
    cliJson(['demo', ws]);
  }
}
const names = cliJson(['scenario', 'list', ws]);
const have = new Set((Array.isArray(names) ? names : (names.scenarios ?? [])).map((s) => s.name));
for (const [name, d] of [
  ['Option A', '0.1'],
  ['Option B', '0.2'],
]) {
  if (!have.has(name)) {
    console.log(`making "${name}" (align --from baseline --max-disruption ${d}; not timed)…`);
    cliJson(['align', ws, '--from', 'baseline', '--max-disruption', d, '--scenario', name]);
  }
}

async function timed(args) {
  const load = loadavg()[0].toFixed(1);
  const started = performance.now();
  const child = spawn(process.execPath, [cli, ...args, '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      cpuTicks = Math.max(cpuTicks, Number(stat[11]) + Number(stat[12]));
    } catch {
      /* process gone */
    }
  }, 100);
  const code = await new Promise((res) => child.on('close', res));
  clearInterval(poll);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0)
    throw new Error(`tessera ${args.join(' ')} failed (${code}): ${stderr.slice(-2000)}`);
  const result = JSON.parse(stdout.trim().split('\n').pop());
  return { seconds, peakMb: peakKb / 1024, cpuSeconds: cpuTicks / 100, load, result };
}

const out = join(dir, 'deck.pptx');
const r = await timed([
  'deck',
  ws,
  '--scenarios',
  'Option A,Option B',
  '--out',
  out,
  '--client',
  'Bench Client',
]);
const ok = r.seconds <= 20 && r.peakMb < 1024;
console.log(
  `deck: ${r.result.slides} slides, ${(r.result.bytes / 1024).toFixed(0)} kB, wall ${r.seconds.toFixed(1)} s (engine ${r.result.seconds.toFixed(1)} s), ` +
    `CPU ${r.cpuSeconds.toFixed(1)} s, peak RSS ${r.peakMb.toFixed(0)} MB, load ${r.load} on ${cpus().length} cores — ${ok ? 'within' : 'OUTSIDE'} ≤ 20 s, < 1 GB`,
);
if (flag('--pdf')) {
  const p = await timed([
    'deck',
    ws,
    '--scenarios',
    'Option A,Option B',
    '--out',
    join(dir, 'deck-pdf.pptx'),
    '--pdf',
  ]);
  console.log(
    `deck + PDF (LibreOffice): wall ${p.seconds.toFixed(1)} s, peak RSS of the CLI ${p.peakMb.toFixed(0)} MB (soffice is a separate process), load ${p.load}; ${p.result.pdfNote}`,
  );
}
if (flag('--keep')) console.log(`kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });
