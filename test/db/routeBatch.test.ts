// Week batches on the route worker thread give exactly the plans of the engine thread: the worker
// (workers/engine/routes/routeWorker.ts, bundled here with esbuild as the engine build does) runs the same
// pure planner on the same inputs. Also: pack maps drawn on the worker equal those drawn here.
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteWeek } from '../../workers/common/contract';
import { createContext, type EngineContext } from '../../workers/engine/runtime/context';
import { openEngine } from '../../workers/engine/runtime/engine';
import { openWorkspace } from '../../workers/data/workspace';
import { loadStateLayer, loadUsCities } from '../../workers/data/mapDecorLayers';
import { planAllWeeks } from '../../workers/engine/routes/batch';
import { RoutePool } from '../../workers/engine/routes/pool';
import { buildUnitGeometry } from '../../workers/engine/map/mapLayers';
import { indexUnitRings, renderTerritoryMap } from '../../workers/domain/export/territoryMap';
import { encodePng } from '../../workers/data/export/png';
import { loadScenarioModel } from '../../workers/engine/scenarios/store';

const dir = mkdtempSync(join(tmpdir(), 'tessera-route-batch-'));
let ctx: EngineContext;
// Bundled inside the repo (dist/, ignored) so its external packages resolve from node_modules;
// the geography it loads for the map decoration is named explicitly.
const workerJs = join(__dirname, '..', '..', 'dist', 'test', `route-worker-${process.pid}.js`);
process.env.TESSERA_GEO_DIR ??= join(__dirname, '..', '..', 'resources', 'geo');

beforeAll(async () => {
  const engine = openEngine(join(dir, 'batch.tessera'), { create: true });
  const r = await engine.createDemo({ providers: 3000, seed: 5, reps: 12 });
  await engine.close();
  if (!r.ok) throw new Error(r.error.message);
  await build({
    entryPoints: [join(__dirname, '../../workers/engine/routes/routeWorker.ts')],
    outfile: workerJs,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
    banner: {
      js: "import { createRequire as __tsCreateRequire } from 'node:module'; const require = __tsCreateRequire(import.meta.url);",
    },
  });
  ctx = createContext(openWorkspace(join(dir, 'batch.tessera')));
}, 300_000);

afterAll(() => {
  delete process.env.TESSERA_ROUTE_WORKER;
});

const withoutTiming = (w: RouteWeek) => ({ ...w, seconds: 0 });

describe('week batches on worker threads', () => {
  it('plan every territory exactly as the engine thread does', async () => {
    const req = { scenario: 'baseline', date: '2025-06-09' };
    delete process.env.TESSERA_ROUTE_WORKER;
    const here = await planAllWeeks(ctx, req, { threads: 0 });
    process.env.TESSERA_ROUTE_WORKER = workerJs;
    expect(RoutePool.open(1)).not.toBeNull();
    let done = 0;
    const there = await planAllWeeks(ctx, req, { threads: 2, onWeek: () => (done += 1) });
    expect(done).toBe(here.length);
    expect(here.length).toBe(12);
    expect(
      here.reduce((s, w) => s + w.days.reduce((t, d) => t + d.stops.length, 0), 0),
    ).toBeGreaterThan(0);
    expect(there.map(withoutTiming)).toEqual(here.map(withoutTiming));
  }, 300_000);

  it('draw pack maps on the worker identical to the engine thread', async () => {
    process.env.TESSERA_ROUTE_WORKER = workerJs;
    const pool = RoutePool.open(1)!;
    try {
      const model = loadScenarioModel(ctx, 'baseline');
      const geometry = buildUnitGeometry(ctx, model.unitKind);
      pool.setMapGeometry(geometry, model.unitTerritory);
      const args = {
        width: 200,
        height: 150,
        territory: 0,
        accounts: {
          lon: Float32Array.of(model.territories[0]!.homeLon),
          lat: Float32Array.of(model.territories[0]!.homeLat),
          tier: Uint8Array.of(1),
        },
        home: { lat: model.territories[0]!.homeLat, lon: model.territories[0]!.homeLon },
      };
      const remote = await pool.renderMap(args);
      const { raster, view } = renderTerritoryMap({
        ...args,
        geometry,
        rings: indexUnitRings(geometry),
        unitTerritory: model.unitTerritory,
        states: loadStateLayer(),
        cities: loadUsCities(),
      });
      expect(remote.milesAcross).toBe(view.milesAcross);
      expect(Buffer.compare(remote.png, await encodePng(raster))).toBe(0);
    } finally {
      await pool.close();
    }
  }, 300_000);
});
