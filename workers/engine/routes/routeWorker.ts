// worker_threads entry (bundled to dist/engine/route-worker.js): the CPU-bound pure work of batches,
// run off the engine thread so it uses the second core: weeks of routes (the pure planner with the
// offline drive model) and, for exports, the territory maps of the rep packs (raster + PNG). The
// engine thread gathers each job's input and posts it here; see engine/routes/pool.ts. Only the offline
// model runs here: weeks with a routing server's drive times are planned on the engine thread
// (engine/routes/weekRoadTimes.ts).
import { parentPort } from 'node:worker_threads';
import { encodePng } from '../../data/export/png';
import { loadStateLayer, loadUsCities } from '../../data/mapDecorLayers';
import {
  indexUnitRings,
  renderTerritoryMap,
  type UnitRingIndex,
} from '../../domain/export/territoryMap';
import { offlineTravel } from '../../domain/route/offlineTravel';
import { planWeekPure } from '../../domain/route/week';
import { accountsFromColumns } from '../../domain/route/weekAccounts';
import type { UnitGeometry } from '../../common/contract/map';
import type { WorkerReply, WorkerRequest } from './pool';

if (!parentPort) throw new Error('route worker must run in a worker thread');
const port = parentPort;

let maps: { geometry: UnitGeometry; rings: UnitRingIndex; unitTerritory: Int32Array } | null = null;

async function handle(m: WorkerRequest): Promise<WorkerReply | null> {
  if (m.kind === 'geometry') {
    maps = {
      geometry: m.geometry,
      rings: indexUnitRings(m.geometry),
      unitTerritory: m.unitTerritory,
    };
    return null;
  }
  if (m.kind === 'week')
    return {
      id: m.id,
      week: planWeekPure({
        ...m.input,
        accounts: accountsFromColumns(m.columns),
        travel: offlineTravel,
        symmetric: true,
      }),
    };
  if (!maps) throw new Error('map requested before the unit geometry was sent');
  const { raster, view } = renderTerritoryMap({
    ...m.args,
    geometry: maps.geometry,
    rings: maps.rings,
    unitTerritory: maps.unitTerritory,
    states: loadStateLayer(),
    cities: loadUsCities(),
  });
  const png = await encodePng(raster);
  return { id: m.id, map: { png, milesAcross: view.milesAcross } };
}

port.on('message', (m: WorkerRequest) => {
  handle(m).then(
    (reply) => {
      if (!reply) return;
      if ('map' in reply) port.postMessage(reply, [reply.map.png.buffer as ArrayBuffer]);
      else port.postMessage(reply);
    },
    (e: unknown) =>
      port.postMessage({
        id: 'id' in m ? m.id : -1,
        error: (e as Error)?.message ?? String(e),
      } satisfies WorkerReply),
  );
});
