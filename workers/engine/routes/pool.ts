// Worker threads that run the week planner with the offline drive model and draw export pack maps
// (engine/routes/routeWorker.ts). The
// planner is CPU-bound pure code (~20–40 ms per territory); a national batch or an export plans
// hundreds of weeks, and the engine thread has other work (gathering inputs, writing workbooks), so
// the weeks go to other cores. open() returns null when the bundled worker is absent (tests run
// the TypeScript sources; callers then plan on the engine thread with the same planner and result).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { UnitGeometry } from '../../common/contract/map';
import type { TerritoryMapInput } from '../../domain/export/territoryMap';
import type { PlannedWeek } from '../../domain/route/week';
import type { AccountColumns } from '../../domain/route/weekAccounts';
import type { LeanWeekJob } from './weekPlanner';

/** A pack map's inputs (TerritoryMapInput without the geometry, which is sent once). */
export type MapArgs = Omit<TerritoryMapInput, 'geometry' | 'rings' | 'unitTerritory'>;
export type PackMapImage = { png: Buffer; milesAcross: number };

export type WorkerRequest =
  | { kind: 'week'; id: number; input: LeanWeekJob['input']; columns: AccountColumns }
  | { kind: 'geometry'; geometry: UnitGeometry; unitTerritory: Int32Array }
  | { kind: 'map'; id: number; args: MapArgs };
export type WorkerReply =
  | { id: number; week: PlannedWeek }
  | { id: number; map: { png: Uint8Array; milesAcross: number } }
  | { id: number; error: string };

/**
 * The bundled worker next to this bundle (dist/engine), or dist/engine seen from dist/bench;
 * TESSERA_ROUTE_WORKER names another build of it (tests bundle one).
 */
function workerFile(): string | null {
  const named = process.env.TESSERA_ROUTE_WORKER;
  if (named) return existsSync(named) ? named : null;
  for (const rel of ['./route-worker.js', '../engine/route-worker.js']) {
    try {
      const file = fileURLToPath(new URL(rel, import.meta.url));
      if (existsSync(file)) return file;
    } catch {
      return null;
    }
  }
  return null;
}

type Pending = {
  resolve: (reply: WorkerReply) => void;
  reject: (e: Error) => void;
  worker: number;
};

export class RoutePool {
  private next = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly load: number[];

  private constructor(private readonly workers: Worker[]) {
    this.load = workers.map(() => 0);
    workers.forEach((w, k) => {
      w.on('message', (m: WorkerReply) => this.settle(m));
      w.on('error', (e) => this.failWorker(k, e));
      w.on('exit', (code) =>
        this.failWorker(k, new Error(`route worker exited with code ${code}`)),
      );
    });
  }

  /**
   * A pool of `threads` workers (default: one per core, at most 2 below the engine's own thread's
   * share), or null when worker planning is unavailable or disabled (TESSERA_ROUTE_THREADS=0).
   */
  static open(threads?: number): RoutePool | null {
    const env = process.env.TESSERA_ROUTE_THREADS;
    const wanted =
      env !== undefined && env !== ''
        ? Number(env)
        : (threads ?? Math.min(2, availableParallelism()));
    if (!(wanted >= 1)) return null;
    const file = workerFile();
    if (!file) return null;
    return new RoutePool(Array.from({ length: Math.floor(wanted) }, () => new Worker(file)));
  }

  get size(): number {
    return this.workers.length;
  }

  /** Plans one week on the least busy worker. Call close() when done (workers keep the process alive). */
  async plan(job: Pick<LeanWeekJob, 'input' | 'columns'>): Promise<PlannedWeek> {
    const reply = await this.send((id) => ({
      kind: 'week',
      id,
      input: job.input,
      columns: job.columns,
    }));
    if (!('week' in reply)) throw new Error('route worker answered a week with something else');
    return reply.week;
  }

  /** Sends the unit geometry pack maps are drawn on (once, to every worker). */
  setMapGeometry(geometry: UnitGeometry, unitTerritory: Int32Array): void {
    for (const w of this.workers)
      w.postMessage({ kind: 'geometry', geometry, unitTerritory } satisfies WorkerRequest);
  }

  /** Renders one territory map (raster + PNG) on a worker; setMapGeometry first. */
  async renderMap(args: MapArgs): Promise<PackMapImage> {
    const reply = await this.send((id) => ({ kind: 'map', id, args }));
    if (!('map' in reply)) throw new Error('route worker answered a map with something else');
    const png = reply.map.png;
    return {
      png: Buffer.from(png.buffer, png.byteOffset, png.byteLength),
      milesAcross: reply.map.milesAcross,
    };
  }

  private send(make: (id: number) => WorkerRequest): Promise<WorkerReply> {
    let k = 0;
    for (let i = 1; i < this.load.length; i++) if (this.load[i]! < this.load[k]!) k = i;
    if (this.load[k] === Number.POSITIVE_INFINITY)
      return Promise.reject(new Error('route workers are not running'));
    const id = this.next++;
    this.load[k]! += 1;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker: k });
      this.workers[k]!.postMessage(make(id));
    });
  }

  private settle(m: WorkerReply): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    this.load[p.worker]! -= 1;
    if ('error' in m) p.reject(new Error(m.error));
    else p.resolve(m);
  }

  private failWorker(k: number, e: Error): void {
    for (const [id, p] of this.pending) {
      if (p.worker !== k) continue;
      this.pending.delete(id);
      p.reject(e);
    }
    this.load[k] = Number.POSITIVE_INFINITY;
  }

  async close(): Promise<void> {
    for (const [, p] of this.pending) p.reject(new Error('route pool closed'));
    this.pending.clear();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
