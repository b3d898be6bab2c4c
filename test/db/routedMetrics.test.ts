// Territory drive-time statistics with a routing server: a real HTTP server on 127.0.0.1 answering
// OSRM /table with known times. The scenario metrics' workload-weighted mean and P90 follow the
// server's home → account times; with no setting they are the offline figures exactly; a down server
// falls back to those same offline figures with a warning (or fails, when the setting says so);
// repeated reads and what-ifs only ask the server for what changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineContext } from '../../workers/engine/runtime/context';
import { getProviderColumns } from '../../workers/engine/columns/columnsLoader';
import { runAlign } from '../../workers/engine/align/run';
import { computeScenarioMetrics, scenarioScores } from '../../workers/engine/scenarios/metrics';
import { loadScenarioModel } from '../../workers/engine/scenarios/store';
import { alignService } from '../../workers/engine/align/alignService';
import { routingService } from '../../workers/engine/travel/routingService';
import {
  closedPort,
  startFakeRoutingServer,
  type FakeRoutingServer,
  type LatLon,
  type Leg,
} from './fakeRoutingServer';
import { makeWorld, zipId } from './alignFixture';

// Times that depend on both ends and differ clearly from the offline model.
const leg = (a: LatLon, b: LatLon): Leg => ({
  seconds: 300 + 4000 * Math.abs(a.lat - b.lat) + 2500 * Math.abs(a.lon - b.lon),
  metres: 1000,
});
const serverMinutes = (a: LatLon, b: LatLon) => leg(a, b)!.seconds / 60;

let ctx: EngineContext;
let server: FakeRoutingServer;

beforeAll(async () => {
  ctx = makeWorld({ width: 6, height: 4, perZip: 3 }).ctx;
  runAlign(ctx, { territories: 3, scenario: 's', seed: 1 });
  server = await startFakeRoutingServer(leg);
});

afterAll(async () => {
  await server.close();
  ctx.ws.close();
});

async function setServer(url: string, onFailure: 'fallback' | 'fail' = 'fallback'): Promise<void> {
  const r = await routingService(ctx).setRoutingSetting({ kind: 'osrm', url, onFailure });
  if (!r.ok) throw new Error(r.error.message);
}

async function metrics(name = 's') {
  const r = await alignService(ctx).scenarioMetrics({ scenario: name });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Expected per-territory weighted mean and exact weighted P90 of the server's home → account minutes. */
function expected(name: string): { mean: number; p90: number; n: number }[] {
  const model = loadScenarioModel(ctx, name);
  const scores = scenarioScores(ctx, model);
  const providers = getProviderColumns(ctx);
  return model.territories.map((home, t) => {
    const rows: [minutes: number, weight: number][] = [];
    for (let p = 0; p < model.providerTerritory.length; p++) {
      if (
        model.providerTerritory[p] !== t ||
        scores.tier[p] === 0 ||
        !(scores.workloadHours[p]! > 0)
      )
        continue;
      rows.push([
        serverMinutes(
          { lat: home.homeLat, lon: home.homeLon },
          { lat: providers.lat[p]!, lon: providers.lon[p]! },
        ),
        scores.workloadHours[p]!,
      ]);
    }
    const total = rows.reduce((s, r) => s + r[1], 0);
    const mean = rows.reduce((s, r) => s + r[0] * r[1], 0) / total;
    rows.sort((a, b) => a[0] - b[0]);
    let acc = 0;
    const p90 = rows.find((r) => (acc += r[1]) >= 0.9 * total)![0];
    return { mean, p90, n: rows.length };
  });
}

describe('territory drive-time statistics', () => {
  it('with no setting: the offline figures exactly, labelled offline', async () => {
    const m = await metrics();
    const offline = computeScenarioMetrics(ctx, 's');
    expect(m.travelSource).toBe('offline');
    expect(m.travelWarning).toBeNull();
    expect(m.travelMeanMin).toBe(offline.travelMeanMin);
    expect(m.travelP90Min).toBe(offline.travelP90Min);
    expect(m.perTerritory.map((t) => [t.travelMeanMin, t.travelP90Min])).toEqual(
      offline.perTerritory.map((t) => [t.travelMeanMin, t.travelP90Min]),
    );
    expect(m.travelMeanMin).toBeGreaterThan(0);
  });

  it("with a server: each territory's mean and P90 are the server's home → account times", async () => {
    await setServer(server.url);
    const m = await metrics();
    const want = expected('s');
    expect(m.travelSource).toBe('osrm');
    expect(m.travelWarning).toBeNull();
    want.forEach((w, t) => {
      expect(w.n).toBeGreaterThan(0);
      expect(m.perTerritory[t]!.travelMeanMin).toBeCloseTo(w.mean, 3);
      // P90 comes from 0.5-minute histogram bins: within one bin of the exact weighted P90.
      expect(Math.abs(m.perTerritory[t]!.travelP90Min - w.p90)).toBeLessThanOrEqual(0.5);
    });
    // Not the offline model's figures.
    expect(
      Math.abs(m.travelMeanMin - computeScenarioMetrics(ctx, 's').travelMeanMin),
    ).toBeGreaterThan(0.5);
    // Other figures are untouched.
    expect(m.within5).toBe(computeScenarioMetrics(ctx, 's').within5);
  });

  it('repeated reads do not ask again; a what-if asks only for the territories it changed', async () => {
    await metrics();
    const before = server.calls.osrm;
    await metrics();
    expect(server.calls.osrm).toBe(before);
    const model = loadScenarioModel(ctx, 's');
    const u = model.unitIds.indexOf(zipId(0));
    const from = model.unitTerritory[u]!;
    const to = model.territories[(from + 1) % 3]!.id;
    const progress: { phase: string; done: number; total?: number }[] = [];
    const r = await alignService(ctx).whatIf(
      { scenario: 's', op: { kind: 'moveUnits', units: [zipId(0)], to } },
      { onProgress: (p) => progress.push(p) },
    );
    if (!r.ok) throw new Error(r.error.message);
    const asked = server.calls.osrm - before;
    expect(asked).toBeGreaterThan(0);
    expect(asked).toBeLessThanOrEqual(r.value.changedTerritories.length);
    expect(r.value.metrics.travelSource).toBe('osrm');
    expect(progress.filter((p) => p.phase === 'drive times').at(-1)).toMatchObject({
      done: 3,
      total: 3,
    });
    expected('s').forEach((w, t) =>
      expect(r.value.metrics.perTerritory[t]!.travelMeanMin).toBeCloseTo(w.mean, 3),
    );
  });

  it('compare carries routed figures for every scenario', async () => {
    runAlign(ctx, { territories: 3, scenario: 'other', seed: 2 });
    const r = await alignService(ctx).compareScenarios({ scenarios: ['s', 'other'] });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.metrics.map((m) => m.travelSource)).toEqual(['osrm', 'osrm']);
    expected('other').forEach((w, t) =>
      expect(r.value.metrics[1]!.perTerritory[t]!.travelMeanMin).toBeCloseTo(w.mean, 3),
    );
  });

  it('a server that is down: the offline figures with a warning, or ROUTING_UNAVAILABLE when set to fail', async () => {
    await setServer(`http://127.0.0.1:${await closedPort()}`);
    const m = await metrics();
    const offline = computeScenarioMetrics(ctx, 's');
    expect(m.travelSource).toBe('offline');
    expect(m.travelWarning).toMatch(/connection refused/);
    expect(m.travelMeanMin).toBe(offline.travelMeanMin);
    expect(m.travelP90Min).toBe(offline.travelP90Min);
    expect(m.perTerritory.map((t) => t.travelMeanMin)).toEqual(
      offline.perTerritory.map((t) => t.travelMeanMin),
    );

    await setServer(`http://127.0.0.1:${await closedPort()}`, 'fail');
    const r = await alignService(ctx).scenarioMetrics({ scenario: 's' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('ROUTING_UNAVAILABLE');

    const cleared = await routingService(ctx).clearRoutingSetting();
    expect(cleared.ok).toBe(true);
    expect((await metrics()).travelSource).toBe('offline');
  });
});
