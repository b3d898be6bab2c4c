// Map data benchmark: time from opening a national workspace (≥ 1 M providers) to the map data being
// ready in the renderer, and bytes transferred per provider. Measured end to end through
// `tessera serve`: spawn the server (engine opens the workspace), connect the WebSocket with the
// launch token and Origin like the page does, call providerPoints (+ unit geometry and the scenario
// layer), decode the binary frames. Targets: ≤ 2 s, ≤ 16 bytes per provider.
//   node bench/map.bench.mjs [--workspace FILE] [--providers N] [--drop-stored] [--profile DIR]
// --drop-stored opens a copy of the workspace without its stored scores and map payloads (what an
// open after an import or a market edit does); --profile DIR writes V8 CPU profiles of the server
// (main thread and workers) into DIR.
// Without --workspace it builds a synthetic national demo workspace (N = 1,000,000) in /tmp first.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { arg, flag } from './benchCli.mjs';
import { benchWorkspace, connect, cpuSeconds, startServe, value } from './serveClient.mjs';

let workspace = benchWorkspace(
  arg('--workspace', process.env.TESSERA_NATIONAL_WS),
  arg('--providers', '1000000'),
);

// What the workspace holds for the first frame before the open (read-only look), or drop it in a copy.
if (flag('--drop-stored')) {
  const copy = join(mkdtempSync(join(tmpdir(), 'tessera-map-bench-')), 'copy.tessera');
  copyFileSync(workspace, copy);
  const db = new Database(copy);
  for (const table of ['score_cache', 'map_cache'])
    if (db.prepare(`SELECT 1 FROM sqlite_master WHERE name = ?`).get(table))
      db.exec(`DELETE FROM ${table}`);
  db.close();
  workspace = copy;
}
const stored = (() => {
  const db = new Database(workspace, { readonly: true });
  const count = (table) =>
    db.prepare(`SELECT 1 FROM sqlite_master WHERE name = ?`).get(table)
      ? db.prepare(`SELECT count(*) AS n FROM ${table}`).get().n
      : 0;
  const baseline = db.prepare(`SELECT count(*) AS n FROM scenarios WHERE is_baseline = 1`).get().n;
  const found = `stored before the open: ${baseline} baseline, ${count('score_cache')} score sets, ${count('map_cache')} map payloads`;
  db.close();
  return found;
})();

const loadBefore = loadavg()[0];
const profileDir = arg('--profile', undefined);
const t0 = performance.now();
const { server, port, url } = await startServe(
  workspace,
  profileDir ? ['--cpu-prof', '--cpu-prof-interval=250', `--cpu-prof-dir=${profileDir}`] : [],
);
const tListening = performance.now();
const { call, close } = await connect({ port, url });

// What the renderer does on open: scenarios, then points, geometry and the scenario layer.
const tConnected = performance.now();
const scenarios = await call('listScenarios');
const tScenarios = performance.now();
const scenario = scenarios.result.ok
  ? (scenarios.result.value.find((s) => s.isBaseline) ?? scenarios.result.value[0])
  : undefined;
const tPoints0 = performance.now();
const points = await call('providerPoints', scenario ? { scenario: scenario.name } : {});
const tPoints = performance.now();
const p = value(points, 'providerPoints');
const geometry = await call('unitGeometry', { unitKind: scenario?.unitKind ?? 'zip' });
value(geometry, 'unitGeometry');
const tGeometry = performance.now();
const layer = scenario ? await call('scenarioLayer', { scenario: scenario.name }) : null;
if (layer) value(layer, 'scenarioLayer');
const tReady = performance.now();
const cpuReady = cpuSeconds(server.pid);

// Warm: the whole open sequence again on the running engine (a renderer reload or a second window).
const tWarm0 = performance.now();
await call('listScenarios');
await call('providerPoints', scenario ? { scenario: scenario.name } : {});
await call('unitGeometry', { unitKind: scenario?.unitKind ?? 'zip' });
if (scenario) await call('scenarioLayer', { scenario: scenario.name });
const tWarm = performance.now();

const s = (ms) => (ms / 1000).toFixed(2);
console.log(`providers on the map          ${p.count.toLocaleString('en-US')}  (${stored})`);
console.log(`server start (engine open)    ${s(tListening - t0)} s`);
console.log(`listScenarios, cold           ${s(tScenarios - tConnected)} s`);
console.log(
  `providerPoints, cold          ${s(tPoints - tPoints0)} s  (${(points.bytes / 1e6).toFixed(1)} MB frame; stored, or built from columns, scores and the model)`,
);
console.log(`unitGeometry, cold            ${s(tGeometry - tPoints)} s`);
console.log(`scenarioLayer, cold           ${s(tReady - tGeometry)} s`);
console.log(
  `open → map data ready         ${s(tReady - t0)} s  (target ≤ 2 s; points + ${scenario?.unitKind ?? 'zip'} geometry${layer ? ' + scenario layer' : ''}, decoded)`,
);
console.log(
  `server CPU to map data ready  ${cpuReady === null ? 'n/a' : `${cpuReady.toFixed(2)} s`}  (user + system, all threads; load average ${loadBefore.toFixed(2)} → ${loadavg()[0].toFixed(2)} on ${cpus().length} cores)`,
);
console.log(`connected → map data ready    ${s(tReady - tConnected)} s`);
console.log(
  `open sequence again, warm     ${s(tWarm - tWarm0)} s  (renderer reload on a running engine)`,
);
console.log(
  `bytes per provider            ${(points.bytes / p.count).toFixed(2)} B (target ≤ 16; whole frame incl. header)`,
);
console.log(
  `geometry frame                ${(geometry.bytes / 1e6).toFixed(1)} MB${layer ? `, scenario layer ${(layer.bytes / 1e3).toFixed(0)} kB` : ''}`,
);
close();
server.kill('SIGTERM');
