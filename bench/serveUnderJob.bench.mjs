// Reads under a long job (issue 12): on a copy of the demo workspace, `tessera serve` runs a national
// balance (align from scratch with the baseline's K) while the page asks for map frames
// (providerPoints) and metrics (scenarioMetrics); each answer is timed from send to the result
// frame. Then a second balance is cancelled mid-run and the time to its CANCELLED answer is taken.
// Acceptance: map frame and metrics ≤ 200 ms (median and p95) while the balance runs; cancel ≤ 1 s.
// `node bench/serveUnderJob.bench.mjs [workspace]` (default: a copy of /work/demo/demo.tessera,
// else a 300 000-provider demo built once).
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import WebSocket from 'ws';
import { root } from './benchCli.mjs';
import { benchWorkspace, startServe } from './serveClient.mjs';

const wireJs = await build({
  entryPoints: [join(root, 'workers/common/wire.ts')],
  bundle: true,
  format: 'esm',
  write: false,
  platform: 'neutral',
});
const { encodeFrame, decodeFrame } = await import(
  `data:text/javascript;base64,${Buffer.from(wireJs.outputFiles[0].text).toString('base64')}`
);

const source = process.argv[2] ?? '/work/demo/demo.tessera';
let workspace;
if (existsSync(source)) {
  workspace = join(mkdtempSync(join(tmpdir(), 'tessera-underjob-')), 'demo.tessera');
  copyFileSync(source, workspace); // never write to the shared demo
} else workspace = benchWorkspace(null, 300_000);

const { server, port, url } = await startServe(workspace);
const token = new URL(url).searchParams.get('token');
const ws = new WebSocket(`ws://127.0.0.1:${port}/engine?token=${token}`, {
  headers: { Origin: `http://127.0.0.1:${port}` },
});
ws.binaryType = 'arraybuffer';
await new Promise((ok, fail) => (ws.once('open', ok), ws.once('error', fail)));
let nextId = 1;
const pending = new Map();
ws.on('message', (data) => {
  const msg = decodeFrame(data);
  if (msg.t === 'result') {
    pending.get(msg.id)?.(msg.result);
    pending.delete(msg.id);
  }
});
function send(method, input, progress = false) {
  const id = nextId++;
  const t0 = performance.now();
  const done = new Promise((ok) =>
    pending.set(id, (result) => ok({ result, ms: performance.now() - t0 })),
  );
  ws.send(
    encodeFrame({ t: 'call', id, method, args: input === undefined ? [] : [input], progress }),
  );
  return { id, done };
}
const cancel = (id) => ws.send(encodeFrame({ t: 'cancel', id }));
const must = (r, what) => {
  if (!r.result.ok) throw new Error(`${what}: ${r.result.error.message}`);
  return r.result.value;
};
const q = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

const scenarios = must(await send('listScenarios').done, 'listScenarios');
const base = scenarios.find((s) => s.isBaseline) ?? scenarios[0];
const K = base.territories;
console.log(
  `workspace ${workspace}; baseline "${base.name}" with ${K} territories; load ${load()}`,
);
// the page has its map and metrics loaded before the user starts a balance
must(await send('providerPoints', { scenario: base.name }).done, 'providerPoints');
must(await send('scenarioMetrics', { scenario: base.name }).done, 'scenarioMetrics');
const idle = { map: [], metrics: [] };
for (let i = 0; i < 5; i++) {
  idle.map.push((await send('providerPoints', { scenario: base.name }).done).ms);
  idle.metrics.push((await send('scenarioMetrics', { scenario: base.name }).done).ms);
}

const job = send(
  'align',
  { territories: K, unit: 'zip', scenario: 'bench-national', replace: true },
  true,
);
let running = true;
const t0 = performance.now();
job.done.then(() => (running = false));
await new Promise((r) => setTimeout(r, 1500)); // the balance is under way (job thread started)
const during = { map: [], metrics: [] };
while (running && during.map.length < 30) {
  // a request sent while the balance runs counts, even when it is answered only after it (one thread)
  const m = await send('providerPoints', { scenario: base.name }).done;
  during.map.push(m.ms);
  if (!running) break;
  const s = await send('scenarioMetrics', { scenario: base.name }).done;
  during.metrics.push(s.ms);
  must(m, 'providerPoints');
  must(s, 'scenarioMetrics');
  await new Promise((r) => setTimeout(r, 100));
}
const stillRunning = running;
const first = await job.done;
const jobSeconds = (performance.now() - t0) / 1000;
must(first, 'align');
console.log(
  `national balance (K=${K}, zip): ${jobSeconds.toFixed(1)} s; ${during.map.length} map frames and ${during.metrics.length} metrics answered while it ran${stillRunning ? ' (sampling stopped at 30)' : ''}`,
);

// cancel a second balance mid-run
const second = send(
  'align',
  { territories: K, unit: 'zip', scenario: 'bench-national-2', replace: true },
  true,
);
await new Promise((r) => setTimeout(r, 3000));
const tc = performance.now();
cancel(second.id);
const cancelled = await second.done;
const cancelMs = performance.now() - tc;

const row = (name, xs) =>
  `${name}: median ${q(xs, 0.5)?.toFixed(0)} ms, p95 ${q(xs, 0.95)?.toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms (n=${xs.length})`;
console.log(row('idle map frame (providerPoints, 300 k points)', idle.map));
console.log(row('idle metrics (scenarioMetrics)', idle.metrics));
console.log(row('map frame under the balance', during.map));
console.log(row('metrics under the balance', during.metrics));
console.log(
  `cancel: answered ${cancelled.result.ok ? 'ok (finished before the cancel)' : cancelled.result.error.code} ${cancelMs.toFixed(0)} ms after the cancel frame`,
);
const okMap = during.map.length > 0 && q(during.map, 0.95) <= 200;
const okMetrics = during.metrics.length > 0 && q(during.metrics, 0.95) <= 200;
const okCancel =
  !cancelled.result.ok && cancelled.result.error.code === 'CANCELLED' && cancelMs <= 1000;
console.log(
  `acceptance: map p95 ≤ 200 ms ${okMap ? 'MET' : 'NOT MET'}; metrics p95 ≤ 200 ms ${okMetrics ? 'MET' : 'NOT MET'}; cancel ≤ 1 s ${okCancel ? 'MET' : 'NOT MET'}; load ${load()}`,
);
ws.close();
server.kill('SIGTERM');
