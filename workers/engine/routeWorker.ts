// worker_threads entry (bundled to dist/engine/route-worker.js): plans weeks of routes with the pure
// planner and the offline drive model, so a batch (every territory of a scenario, the rep packs of an
// export) can use the second core. The engine thread gathers each week's input (routePlanner
// weekJob) and posts it here; see routePool.ts. Only the offline model runs here: weeks with a
// routing server's drive times are planned on the engine thread (routedWeek.ts).
import { parentPort } from 'node:worker_threads';
import { offlineTravel } from '../domain/route/offlineTravel';
import { planWeekPure } from '../domain/route/week';
import type { RouteJobMessage, RouteReplyMessage } from './routePool';

if (!parentPort) throw new Error('route worker must run in a worker thread');
const port = parentPort;

port.on('message', (m: RouteJobMessage) => {
  let reply: RouteReplyMessage;
  try {
    reply = { id: m.id, week: planWeekPure({ ...m.input, travel: offlineTravel, symmetric: true }) };
  } catch (e) {
    reply = { id: m.id, error: (e as Error)?.message ?? String(e) };
  }
  port.postMessage(reply);
});
