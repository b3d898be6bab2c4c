// Alignment with a routing server: a real HTTP server on 127.0.0.1 answering OSRM /table (and
// Valhalla /sources_to_targets) whose road network has a river the offline model knows nothing
// about — crossing it costs an hour. The river jogs so that a balanced split following it exists;
// the offline alignment cuts straight across it. With the server set, align (from scratch and
// rebalance) and a local-rebalance what-if must put fewer units across the river from their home,
// and say their travel costs came from the server; with the server down they fall back to exactly
// the offline alignment with a warning (or fail, per the setting); with no setting nothing changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlignRequest } from '../../workers/common/contract';
import { cancel, createCancelToken } from '../../workers/common/progress';
import { runAlign } from '../../workers/engine/align/run';
import type { EngineContext } from '../../workers/engine/runtime/context';
import { loadScenarioModel } from '../../workers/engine/scenarios/store';
import { alignService } from '../../workers/engine/align/alignService';
import { routingService } from '../../workers/engine/travel/routingService';
import { greatCircleKm } from '../../workers/domain/geo/distance';
import { travelMinutes } from '../../workers/domain/driveTime';
import {
  closedPort,
  startFakeRoutingServer,
  type FakeRoutingServer,
  type LatLon,
  type Leg,
} from './fakeRoutingServer';
import { makeWorld, zipId } from './alignFixture';

const W = 20;
const H = 8;
// Grid: lon = -100 + 0.1·col, lat = 40 + 0.1·row. The river runs between columns 8|9 in rows 0–3
// and between 10|11 in rows 4–7, so 4·9 + 4·11 = 80 units (half) lie west of it.
const riverLon = (lat: number) => (lat < 40.35 ? -100 + 0.85 : -100 + 1.05);
const east = (p: LatLon) => p.lon > riverLon(p.lat);
const leg = (a: LatLon, b: LatLon): Leg => {
  const km = greatCircleKm(a.lat, a.lon, b.lat, b.lon);
  return { seconds: 120 + 70 * km + (east(a) !== east(b) ? 3600 : 0), metres: 1300 * km };
};

let ctx: EngineContext;
let server: FakeRoutingServer;

beforeAll(async () => {
  ctx = makeWorld({ width: W, height: H }).ctx;
  server = await startFakeRoutingServer(leg);
});

afterAll(async () => {
  await server.close();
  ctx.ws.close();
});

async function setServer(
  url: string,
  o: { onFailure?: 'fallback' | 'fail'; kind?: 'osrm' | 'valhalla' } = {},
): Promise<void> {
  const r = await routingService(ctx).setRoutingSetting({
    kind: o.kind ?? 'osrm',
    url,
    onFailure: o.onFailure ?? 'fallback',
  });
  if (!r.ok) throw new Error(r.error.message);
}

async function clearServer(): Promise<void> {
  const r = await routingService(ctx).clearRoutingSetting();
  if (!r.ok) throw new Error(r.error.message);
}

async function align(
  req: AlignRequest,
  opts?: Parameters<ReturnType<typeof alignService>['align']>[1],
) {
  const r = await alignService(ctx).align({ replace: true, seed: 1, ...req }, opts);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Units on the other side of the river from their territory's home base. */
function acrossRiver(name: string): number {
  const m = loadScenarioModel(ctx, name);
  let n = 0;
  m.unitTerritory.forEach((t, u) => {
    const home = m.territories[t]!;
    const unit = { lat: 40 + Math.floor(u / W) * 0.1, lon: -100 + (u % W) * 0.1 };
    if (east(unit) !== east({ lat: home.homeLat, lon: home.homeLon })) n++;
  });
  return n;
}

const assignment = (name: string) => Array.from(loadScenarioModel(ctx, name).unitTerritory);

describe('alignment on road times from a routing server', () => {
  it('with no setting: the offline alignment exactly, labelled offline', async () => {
    const r = await align({ territories: 2, scenario: 'service-offline' });
    runAlign(ctx, { territories: 2, scenario: 'direct-offline', seed: 1 });
    expect(r.alignTravel).toEqual({
      source: 'offline',
      warning: null,
      pairs: 0,
      routedPairs: 0,
      calibration: null,
    });
    expect(assignment('service-offline')).toEqual(assignment('direct-offline'));
    expect(acrossRiver('direct-offline')).toBe(8); // the straight cut: 4 units each way
  });

  it('from scratch with a server: homes keep to their side of the river, balance holds, travel comes from the server', async () => {
    await setServer(server.url);
    const before = server.calls.osrm;
    const progress: { phase: string; done: number; total?: number }[] = [];
    const r = await align(
      { territories: 2, scenario: 'routed' },
      { onProgress: (p) => progress.push(p) },
    );
    expect(r.alignTravel?.source).toBe('osrm');
    expect(r.alignTravel?.warning).toBeNull();
    expect(r.alignTravel?.routedPairs).toBe(r.alignTravel?.pairs);
    expect(r.alignTravel!.pairs).toBeGreaterThanOrEqual(W * H);
    expect(server.calls.osrm - before).toBeGreaterThan(0);
    expect(acrossRiver('routed')).toBe(0);
    expect(r.alignTravel?.refinement).toMatchObject({ moved: 8, kept: true });
    expect(r.alignTravel!.refinement!.minutesAfter).toBeLessThan(
      r.alignTravel!.refinement!.minutesBefore - 2,
    ); // 8 of 160 units spared a 60-min crossing
    expect(r.metrics.within5).toBe(1);
    expect(r.metrics.noncontiguous).toBe(0);
    expect(r.metrics.travelSource).toBe('osrm');
    expect(progress.filter((p) => p.phase === 'road times').at(-1)).toMatchObject({
      done: 2,
      total: 2,
    });
    expect(progress.some((p) => p.phase === 'road-time sample')).toBe(true);
    expect(r.alignTravel?.calibration?.pairs).toBeGreaterThan(50);
    expect(loadScenarioModel(ctx, 'routed').params.travel?.source).toBe('osrm');
  });

  it('rebalance from the offline alignment moves units back across the river to their own side', async () => {
    const r = await align({ from: 'direct-offline', scenario: 'rebalanced', maxDisruption: 0.2 });
    expect(r.alignTravel?.source).toBe('osrm');
    expect(acrossRiver('rebalanced')).toBe(0);
    expect(r.metrics.within5).toBe(1);
  });

  it('a local-rebalance what-if solves on road times and says so', async () => {
    runAlign(ctx, { territories: 2, scenario: 'whatif', seed: 1, replace: true });
    const ids = loadScenarioModel(ctx, 'whatif').territories.map((t) => t.id);
    const r = await alignService(ctx).whatIf({
      scenario: 'whatif',
      op: { kind: 'rebalanceLocal', territoryIds: ids },
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.alignTravel?.source).toBe('osrm');
    expect(acrossRiver('whatif')).toBe(0);
    const moved = await alignService(ctx).whatIf({
      scenario: 'whatif',
      op: { kind: 'renameTerritory', territoryId: ids[0]!, name: 'West' },
    });
    if (!moved.ok) throw new Error(moved.error.message);
    expect(moved.value.alignTravel).toBeUndefined(); // no solve, no solver travel to report
  });

  it('add-rep with a home ZIP asks road times from the new home too; without one the result says its travel was offline', async () => {
    runAlign(ctx, { territories: 2, scenario: 'add', seed: 1, replace: true });
    const before = server.calls.osrm;
    const withHome = await alignService(ctx).whatIf({
      scenario: 'add',
      op: { kind: 'addRep', name: 'North', homeZip: zipId(W * (H - 1) + 4) },
      saveAs: 'add-home',
    });
    if (!withHome.ok) throw new Error(withHome.error.message);
    expect(withHome.value.alignTravel?.source).toBe('osrm');
    expect(withHome.value.alignTravel?.warning).toBeNull();
    expect(server.calls.osrm).toBeGreaterThan(before);
    const placed = await alignService(ctx).whatIf({
      scenario: 'add',
      op: { kind: 'addRep', name: 'Placed' },
      saveAs: 'add-placed',
    });
    if (!placed.ok) throw new Error(placed.error.message);
    expect(placed.value.alignTravel?.source).toBe('osrm');
    expect(placed.value.alignTravel?.warning).toMatch(
      /new rep's home base is placed during the step/,
    );
    const removed = await alignService(ctx).whatIf({
      scenario: 'add-home',
      op: { kind: 'removeRep', territoryId: loadScenarioModel(ctx, 'add-home').territories[2]!.id },
    });
    if (!removed.ok) throw new Error(removed.error.message);
    expect(removed.value.alignTravel?.source).toBe('osrm');
    expect(acrossRiver('add-home')).toBe(0);
  });

  it('a local what-if asks road times only from the homes it can change', async () => {
    runAlign(ctx, { territories: 6, scenario: 'six', seed: 1, replace: true });
    const model = loadScenarioModel(ctx, 'six');
    const corner = model.territories[model.unitTerritory[0]!]!.id;
    const r = await alignService(ctx).whatIf({
      scenario: 'six',
      op: { kind: 'rebalanceLocal', territoryIds: [corner] },
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.alignTravel?.source).toBe('osrm');
    // Every home asked would be ≥ 4 pairs per unit (each unit under its 4 nearest homes).
    expect(r.value.alignTravel!.pairs).toBeGreaterThan(0);
    expect(r.value.alignTravel!.pairs).toBeLessThan(4 * W * H);
  });

  it('a Valhalla server is used the same way', async () => {
    await setServer(server.url, { kind: 'valhalla' });
    const before = server.calls.valhalla;
    const r = await align({ territories: 2, scenario: 'valhalla' });
    expect(r.alignTravel?.source).toBe('valhalla');
    expect(server.calls.valhalla).toBeGreaterThan(before);
    expect(acrossRiver('valhalla')).toBe(0);
  });

  it('cancel while road times are fetched: CANCELLED, nothing saved', async () => {
    await setServer(`${server.url}/fresh`); // another URL, so nothing comes from the pair cache
    const token = createCancelToken();
    const r = await alignService(ctx).align(
      { territories: 2, scenario: 'cancelled', seed: 3 },
      {
        cancel: token,
        onProgress: (p) => {
          if (p.phase === 'road-time sample' || p.phase === 'road times') cancel(token);
        },
      },
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('CANCELLED');
    const list = await alignService(ctx).listScenarios();
    expect(list.ok && list.value.map((s) => s.name)).not.toContain('cancelled');
  });

  it('a server that is down: the offline alignment with a warning, or ROUTING_UNAVAILABLE when set to fail', async () => {
    await setServer(`http://127.0.0.1:${await closedPort()}`);
    const r = await align({ territories: 2, scenario: 'down' });
    expect(r.alignTravel?.source).toBe('offline');
    expect(r.alignTravel?.warning).toMatch(/connection refused/);
    expect(r.alignTravel?.routedPairs).toBe(0);
    expect(assignment('down')).toEqual(assignment('direct-offline'));

    await setServer(`http://127.0.0.1:${await closedPort()}`, { onFailure: 'fail' });
    const failed = await alignService(ctx).align({
      territories: 2,
      scenario: 'down-fail',
      seed: 1,
    });
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.error.code).toBe('ROUTING_UNAVAILABLE');
    await clearServer();
  });
});

describe('calibration of the offline model', () => {
  it('a server twice as slow as the offline model everywhere: factor ≈ 2, the same alignment', async () => {
    const slow = await startFakeRoutingServer((a, b) => ({
      seconds: 2 * 60 * travelMinutes(a.lat, a.lon, b.lat, b.lon, 1),
      metres: 1000,
    }));
    try {
      await setServer(slow.url);
      const r = await align({ territories: 2, scenario: 'twice-as-slow' });
      expect(r.alignTravel?.source).toBe('osrm');
      expect(r.alignTravel?.calibration?.factors[1]).toBeCloseTo(2, 2);
      expect(assignment('twice-as-slow')).toEqual(assignment('direct-offline'));
      expect(r.metrics.travelMeanMin).toBeGreaterThan(
        1.9 *
          runAlign(ctx, { territories: 2, scenario: 'offline-again', seed: 1, replace: true })
            .metrics.travelMeanMin,
      );
    } finally {
      await clearServer();
      await slow.close();
    }
  });
});

/** Units on the other side of the river from most of their territory's units. */
function wrongSide(c: EngineContext, name: string): number {
  const m = loadScenarioModel(c, name);
  const sides = m.territories.map(() => [0, 0]);
  const side = (u: number) =>
    east({ lat: 40 + Math.floor(u / W) * 0.1, lon: -100 + (u % W) * 0.1 }) ? 1 : 0;
  m.unitTerritory.forEach((t, u) => sides[t]![side(u)]!++);
  return sides.reduce((n, [a, b]) => n + Math.min(a!, b!), 0);
}

describe('rebalancing a scenario without home bases (imported alignment, no roster)', () => {
  it("runs again around the first run's centres on road times, within the disruption budget", async () => {
    const w = makeWorld({ width: W, height: H });
    const ins = w.ctx.ws.db.prepare(
      'INSERT INTO alignment_import (unit_kind, unit, territory_id, district, region, rep_id) VALUES (?, ?, ?, ?, ?, ?)',
    );
    w.zips.forEach((z, i) => ins.run('zip', z, i % W < W / 2 ? 'WEST' : 'EAST', '', '', ''));
    runAlign(w.ctx, {
      from: 'baseline',
      scenario: 'offline-rebalanced',
      maxDisruption: 0.2,
      seed: 1,
    });
    const service = alignService(w.ctx);
    const set = await routingService(w.ctx).setRoutingSetting({ kind: 'osrm', url: server.url });
    expect(set.ok).toBe(true);
    const r = await service.align({
      from: 'baseline',
      scenario: 'imported-rebalanced',
      maxDisruption: 0.2,
      seed: 1,
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.alignTravel?.source).toBe('osrm');
    expect(r.value.metrics.disruption!.opportunity).toBeLessThanOrEqual(0.2 + 1e-9);
    expect(wrongSide(w.ctx, 'offline-rebalanced')).toBe(8); // the straight cut, kept by the offline rebalance
    expect(wrongSide(w.ctx, 'imported-rebalanced')).toBe(0);
    w.ctx.ws.close();
  });
});

describe('fixed roster home bases (--fixed-homes)', () => {
  it("solves on road times from the reps' homes: nobody is across the river from their rep", async () => {
    const w = makeWorld({ width: W, height: H });
    // One rep in each half, both on row 3 (the river's top section is at 8|9).
    w.ctx.ws.db
      .prepare(
        "INSERT INTO reps (rep_id, name, home_zip, lat, lon, level) VALUES ('R1', 'Ann West', '', 40.3, -99.6, 'rep'), ('R2', 'Bob East', '', 40.3, -98.6, 'rep')",
      )
      .run();
    runAlign(w.ctx, { territories: 2, scenario: 'fixed-offline', seed: 1, useRoster: true });
    const set = await routingService(w.ctx).setRoutingSetting({ kind: 'osrm', url: server.url });
    expect(set.ok).toBe(true);
    const r = await alignService(w.ctx).align({
      territories: 2,
      scenario: 'fixed-routed',
      seed: 1,
      useRoster: true,
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.alignTravel?.source).toBe('osrm');
    expect(r.value.alignTravel?.calibration).toBeNull(); // homes known: no calibration needed
    expect(wrongSide(w.ctx, 'fixed-offline')).toBeGreaterThan(0);
    expect(wrongSide(w.ctx, 'fixed-routed')).toBe(0);
    w.ctx.ws.close();
  });
});
