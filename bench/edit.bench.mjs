// Editing latency as the workstation sees it: a click-assign of one ZIP (what-if `moveUnits`) to
// the territory next to it, through `tessera serve` and its WebSocket, timed from the call to the
// answer carrying the updated scenario metrics, then to the map's scenario layer; and undo.
// Target (issue 4): metrics update within about 100 ms of a move.
//   node bench/edit.bench.mjs [--workspace FILE] [--providers N] [--moves N]
// Without --workspace it builds a synthetic demo workspace (N = 300,000 providers) in /tmp first.
// The moves are made on a copy of the baseline scenario ("edit bench"), which is deleted at the end.
import { cpus, loadavg } from 'node:os';
import { arg } from './benchCli.mjs';
import { benchWorkspace, connect, cpuSeconds, startServe, value } from './serveClient.mjs';

const workspace = benchWorkspace(
  arg('--workspace', process.env.TESSERA_NATIONAL_WS),
  arg('--providers', '300000'),
);
const moves = Number(arg('--moves', '40'));
const { server, port, url } = await startServe(workspace);
const { call, close } = await connect({ port, url });
try {
  const scenarios = value(await call('listScenarios'), 'listScenarios');
  const base = scenarios.find((s) => s.isBaseline) ?? scenarios[0];
  if (!base) throw new Error('the workspace has no scenario to edit');
  const geometry = value(await call('unitGeometry', { unitKind: base.unitKind }), 'unitGeometry');
  let layer = value(await call('scenarioLayer', { scenario: base.name }), 'scenarioLayer');
  value(await call('scenarioMetrics', { scenario: base.name }), 'scenarioMetrics');
  const name = 'edit bench';
  await call('deleteScenario', { scenario: name });
  const boundary = boundaryMoves(geometry, layer, moves + 1, 11);
  // the first move writes the working copy (like "Save as"), the timed ones edit it in place
  const tFirst = performance.now();
  value(
    await call('whatIf', { scenario: base.name, op: boundary[0], saveAs: name }),
    'whatIf saveAs',
  );
  const firstMs = performance.now() - tFirst;
  layer = value(await call('scenarioLayer', { scenario: name }), 'scenarioLayer');
  const toMetrics = [];
  const toLayer = [];
  const engineMs = [];
  const cpu0 = cpuSeconds(server.pid);
  for (const op of boundary.slice(1)) {
    const t0 = performance.now();
    const r = value(await call('whatIf', { scenario: name, op }), 'whatIf');
    const t1 = performance.now();
    value(await call('scenarioLayer', { scenario: name }), 'scenarioLayer');
    toMetrics.push(t1 - t0);
    toLayer.push(performance.now() - t0);
    engineMs.push(r.millis);
    if (r.metrics.perTerritory.length === 0)
      throw new Error('the what-if answered without metrics');
  }
  const cpuPerMove =
    cpu0 === null ? null : ((cpuSeconds(server.pid) - cpu0) * 1000) / toMetrics.length;
  const undoMs = [];
  for (let i = 0; i < Math.min(10, moves); i++) {
    const t0 = performance.now();
    value(await call('undo', { scenario: name }), 'undo');
    undoMs.push(performance.now() - t0);
  }
  const pts = value(await call('info'), 'info').providers;
  console.log(
    `workspace: ${pts.toLocaleString('en-US')} providers, ${geometry.ids.length.toLocaleString('en-US')} ${base.unitKind} units, ${layer.territoryIds.length} territories; load average ${loadavg()[0].toFixed(2)} on ${cpus().length} cores`,
  );
  console.log(
    `first edit of the session   ${firstMs.toFixed(0)} ms  (writes the working copy; the baseline's metrics were already loaded, as the page does)`,
  );
  console.log(
    `move one unit → metrics     ${stats(toMetrics)}  (target ≈ 100 ms; engine's own time ${stats(engineMs)})`,
  );
  console.log(`move one unit → map layer   ${stats(toLayer)}`);
  console.log(
    `server CPU per move          ${cpuPerMove === null ? 'n/a' : `${cpuPerMove.toFixed(0)} ms`} (metrics + map layer, all threads; steadier than wall time on a loaded machine)`,
  );
  console.log(`undo → metrics              ${stats(undoMs)}`);
  await call('deleteScenario', { scenario: name });
} finally {
  close();
  server.kill('SIGTERM');
}

function stats(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (f) => s[Math.min(s.length - 1, Math.floor(f * s.length))];
  return `median ${q(0.5).toFixed(0)} ms, p95 ${q(0.95).toFixed(0)} ms, max ${s[s.length - 1].toFixed(0)} ms (n = ${s.length})`;
}

/** Units on a territory boundary, each moved to the territory of its nearest unit that differs. */
function boundaryMoves(geometry, layer, count, seed) {
  const n = layer.unitTerritory.length;
  const ops = [];
  const used = new Set(); // each unit moves once: a unit drawn again would be a no-op move
  let x = seed;
  const rand = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 4294967296;
  for (let tries = 0; ops.length < count && tries < count * 200; tries++) {
    const u = Math.floor(rand() * n);
    const t = layer.unitTerritory[u];
    if (t === 0xffff || layer.locked[u] || used.has(u)) continue;
    const cx = geometry.centroids[2 * u];
    const cy = geometry.centroids[2 * u + 1];
    let best = -1;
    let bd = Infinity;
    for (let v = 0; v < n; v++) {
      if (v === u || layer.unitTerritory[v] === 0xffff) continue;
      const d = (geometry.centroids[2 * v] - cx) ** 2 + (geometry.centroids[2 * v + 1] - cy) ** 2;
      if (d < bd) {
        bd = d;
        best = v;
      }
    }
    if (best >= 0 && layer.unitTerritory[best] !== t) {
      used.add(u);
      ops.push({
        kind: 'moveUnits',
        units: [geometry.ids[u]],
        to: layer.territoryIds[layer.unitTerritory[best]],
      });
    }
  }
  return ops;
}
