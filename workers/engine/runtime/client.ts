// Starts the engine in a worker thread and returns a proxy that implements the contract.
// Progress callbacks are wrapped with Comlink.proxy; cancellation travels as a SharedArrayBuffer.
//
// With `jobLane` (the interactive hosts: `tessera serve`, Electron) long jobs — a national balance,
// an import, an export, a demo build, a route plan — run on a second engine thread over the same
// workspace (SQLite WAL: readers never wait for the writer), started at the first job. The first
// thread keeps answering map frames, metrics and edits while a job runs. After a call that may
// have written, the other thread drops its caches so it never answers from stale columns.
import * as Comlink from 'comlink';
import type { Worker } from 'node:worker_threads';
import { nodeEndpoint } from './nodeEndpoint';
import type { EngineApi } from '../../common/contract';
import { EngineFailure, type EngineError } from '../../common/result';
import { engineWorker, spawnEngineWorker } from './prestart';
import type { ExposedEngine } from './worker';

export type EngineClient = EngineApi & { close(): Promise<void> };

/** Methods that run on the job thread when there is one. */
export const JOB_METHODS = new Set<string>([
  'importFiles',
  'createDemo',
  'align',
  'exportScenario',
  'route',
]);

/** Methods that only read the workspace (nothing to invalidate on the other thread after them). */
export const READ_METHODS = new Set<string>([
  'info',
  'rejects',
  'marketSize',
  'searchCodes',
  'listMarkets',
  'getMarket',
  'listScenarios',
  'scenarioMetrics',
  'compareScenarios',
  'providerPoints',
  'unitGeometry',
  'providerCard',
  'scenarioLayer',
  'pointTerritories',
  'healthSystemSites',
  'capacity',
  'radius',
  'route',
  'routingSetting',
  'testRouting',
]);

/** `dead` rejects when the thread ends (out of memory under its resourceLimits, a crash): calls on it fail instead of hanging. */
type Lane = { worker: Worker; remote: Comlink.Remote<ExposedEngine>; dead: Promise<never> };

async function openLane(worker: Worker): Promise<Lane> {
  const remote = Comlink.wrap<ExposedEngine>(nodeEndpoint(worker));
  const dead = new Promise<never>((_ok, fail) => {
    worker.once('error', (e) =>
      fail(
        new EngineFailure(
          'INTERNAL',
          `The engine thread stopped: ${(e as Error)?.message ?? e}${(e as { code?: string })?.code === 'ERR_WORKER_OUT_OF_MEMORY' ? ' (out of memory: ask for less work, e.g. fewer territories)' : ''}.`,
        ),
      ),
    );
    worker.once('exit', (code) =>
      fail(new EngineFailure('INTERNAL', `The engine thread exited (code ${code}).`)),
    );
  });
  dead.catch(() => undefined);
  const openError = (await remote.openStatus()) as EngineError | null;
  if (openError) {
    await worker.terminate();
    throw new EngineFailure(openError.code, openError.message, openError.details);
  }
  return { worker, remote, dead };
}

export async function startEngine(
  path: string,
  options: { create?: boolean; jobLane?: boolean } = {},
): Promise<EngineClient> {
  const reads = await openLane(engineWorker(path, options.create ?? false));
  let jobs: Promise<Lane> | null = null;
  const jobLane = () => (jobs ??= openLane(spawnEngineWorker(path, false)));

  const call =
    (method: string) =>
    async (...args: unknown[]) => {
      // Comlink proxies only top-level arguments: the progress callback travels as its own argument
      // and the worker puts it back into the options object at `progressAt`.
      let progress: ((...x: unknown[]) => void) | undefined;
      let progressAt = -1;
      const mapped = args.map((a, i) => {
        if (
          a &&
          typeof a === 'object' &&
          'onProgress' in a &&
          typeof (a as { onProgress: unknown }).onProgress === 'function'
        ) {
          const { onProgress, ...rest } = a as { onProgress: (...x: unknown[]) => void };
          progress = onProgress;
          progressAt = i;
          return rest;
        }
        return a;
      });
      const onJobs = options.jobLane === true && JOB_METHODS.has(method);
      const lane = onJobs ? await jobLane() : reads;
      try {
        const running = progress
          ? lane.remote.call(method, mapped, Comlink.proxy(progress), progressAt)
          : lane.remote.call(method, mapped);
        return await Promise.race([running, lane.dead]);
      } catch (e) {
        // a job thread that died is replaced at the next job; the reads thread keeps the workspace open
        if (onJobs) jobs = null;
        throw e;
      } finally {
        if (!READ_METHODS.has(method)) {
          // the other thread's caches may describe the workspace before this call
          if (onJobs) await reads.remote.invalidate();
          else if (jobs) await (await jobs).remote.invalidate().catch(() => undefined);
        }
      }
    };
  const client = new Proxy({} as EngineClient, {
    get(_t, prop) {
      if (prop === 'close') {
        return async () => {
          if (jobs) {
            const lane = await jobs.catch(() => null);
            if (lane) {
              await Promise.race([lane.remote.close(), lane.dead]).catch(() => undefined);
              await lane.worker.terminate();
            }
          }
          await reads.remote.close();
          await reads.worker.terminate();
        };
      }
      if (prop === 'then') return undefined;
      return call(String(prop));
    },
  });
  return client;
}
