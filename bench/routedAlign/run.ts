// Alignment on road times: the 300 k-provider demo aligned (K = 200, ZIP) with no routing server and
// against a local stand-in OSRM server (test/db/fakeRoutingServer.ts, no real OSRM can run here)
// whose roads are 30 % slower than the offline model east of longitude −90° and 10 % faster west of
// it. Prints wall time, requests, pairs, calibration factors, balance, and the workload-weighted
// home → account drive time of both alignments measured on the server's times. Asserts nothing.
import { existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlignResult } from '../../workers/common/contract';
import { travelMinutes } from '../../workers/domain/driveTime';
import { openEngine } from '../../workers/engine/runtime/engine';
import { startFakeRoutingServer } from '../../test/db/fakeRoutingServer';

const slowEast = (lon: number) => (lon > -90 ? 1.3 : 0.9);

async function ensureWorkspace(path: string): Promise<void> {
  if (existsSync(path)) return;
  console.log(`building the national demo workspace ${path} (300 000 providers)…`);
  const engine = openEngine(path, { create: true });
  const r = await engine.createDemo({ providers: 300_000, seed: 1, reps: 200 });
  await engine.close();
  if (!r.ok) throw new Error(r.error.message);
}

function line(label: string, r: AlignResult, seconds: number, requests: number): void {
  const t = r.alignTravel;
  const m = r.metrics;
  const cal = t?.calibration
    ? `, calibration ${t.calibration.pairs} pairs, factors ${t.calibration.factors.join(' / ')}`
    : '';
  const refined = t?.refinement
    ? `, refinement moved ${t.refinement.moved} units (${t.refinement.kept ? 'kept' : 'not kept'}), unit → home road minutes ${t.refinement.minutesBefore} → ${t.refinement.minutesAfter}`
    : '';
  console.log(
    `${label}: ${seconds.toFixed(1)} s wall, ${requests} requests, solver travel ${t?.source ?? '?'} (${t?.routedPairs ?? 0} of ${t?.pairs ?? 0} home → unit pairs${cal}${refined}); ` +
      `${(m.within5 * 100).toFixed(1)} % within ±5 %, ${(m.withinBand * 100).toFixed(1)} % in band, ${m.noncontiguous} non-contiguous; ` +
      `travel mean / P90 ${m.travelMeanMin.toFixed(1)} / ${m.travelP90Min.toFixed(1)} min (${m.travelSource})${t?.warning ? `; warning: ${t.warning}` : ''}`,
  );
}

/** A local rebalance of one territory and its neighbours: the strips it asks (cold cache), its time and what it changed. */
async function localWhatIf(scenario: string): Promise<void> {
  const metrics = await engine.scenarioMetrics({ scenario });
  if (!metrics.ok) throw new Error(metrics.error.message);
  // The three mainland territories furthest from the mean index (Hawaii's few ZIPs have no neighbours).
  const worst = [...metrics.value.perTerritory]
    .filter((t) => t.units >= 120)
    .sort((a, b) => Math.abs(b.indexRatio - 1) - Math.abs(a.indexRatio - 1))
    .slice(0, 3);
  const ids = worst.map((t) => t.territoryId);
  await engine.deleteScenario({ scenario: `${scenario}-local` }); // a previous run's copy, if any
  const calls = server.calls.osrm;
  const t0 = performance.now();
  const r = await engine.whatIf({
    scenario,
    op: { kind: 'rebalanceLocal', territoryIds: ids },
    saveAs: `${scenario}-local`,
  });
  if (!r.ok) throw new Error(r.error.message);
  const t = r.value.alignTravel;
  console.log(
    `what-if: local rebalance of ${ids.join(', ')} and their neighbours with the server: ${((performance.now() - t0) / 1000).toFixed(1)} s wall (incl. routed metrics), ${server.calls.osrm - calls} requests, solver travel ${t?.source} (${t?.routedPairs} of ${t?.pairs} home → unit pairs), ${r.value.changedUnits.length} units and ${r.value.changedTerritories.length} territories changed, index ratios ${worst.map((w) => `${w.indexRatio.toFixed(3)} → ${r.value.metrics.perTerritory.find((x) => x.territoryId === w.territoryId)?.indexRatio.toFixed(3)}`).join(', ')}`,
  );
}

const ws = process.argv[2] ?? join(tmpdir(), 'tessera-routed-align-bench.tessera');
await ensureWorkspace(ws);
const roads: Parameters<typeof startFakeRoutingServer>[0] = (a, b) => ({
  seconds: 60 * travelMinutes(a.lat, a.lon, b.lat, b.lon, 1) * slowEast(b.lon),
  metres: 1000,
});
const server = await startFakeRoutingServer(roads);
const engine = openEngine(ws);
try {
  const run = async (label: string, req: Parameters<typeof engine.align>[0], via = server) => {
    const calls = via.calls.osrm;
    const t0 = performance.now();
    const r = await engine.align({ replace: true, seed: 1, ...req });
    if (!r.ok) throw new Error(r.error.message);
    line(label, r.value, (performance.now() - t0) / 1000, via.calls.osrm - calls);
    return r.value;
  };
  console.log(`load average ${loadavg()[0]!.toFixed(2)}`);
  await engine.clearRoutingSetting(); // a previous run's stand-in server is gone
  await run('offline, no server', { territories: 200, scenario: 'bench-offline' });
  const set = await engine.setRoutingSetting({ kind: 'osrm', url: server.url });
  if (!set.ok) throw new Error(set.error.message);
  const offline = await engine.scenarioMetrics({ scenario: 'bench-offline' });
  if (offline.ok)
    console.log(
      `offline alignment measured on the server's times: travel mean / P90 ${offline.value.travelMeanMin.toFixed(1)} / ${offline.value.travelP90Min.toFixed(1)} min`,
    );
  await localWhatIf('bench-offline');
  await run('with the server, from scratch', { territories: 200, scenario: 'bench-routed' });
  // The what-if above asked road times from the same homes: a second stand-in server (its own URL,
  // so its own entries in the client's per-pair cache) keeps the rebalance's figures cold too.
  const fresh = await startFakeRoutingServer(roads);
  try {
    const again = await engine.setRoutingSetting({ kind: 'osrm', url: fresh.url });
    if (!again.ok) throw new Error(again.error.message);
    await run(
      'with the server, rebalance of the offline alignment (10 % budget)',
      { from: 'bench-offline', scenario: 'bench-rebalanced', maxDisruption: 0.1 },
      fresh,
    );
  } finally {
    await fresh.close();
  }
  console.log(`load average ${loadavg()[0]!.toFixed(2)}`);
} finally {
  await engine.close();
  await server.close();
}
