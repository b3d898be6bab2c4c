// worker_threads entry: opens the engine for one workspace and exposes the contract with comlink.
import * as Comlink from 'comlink';
import { nodeEndpoint } from './nodeEndpoint';
import { parentPort, workerData } from 'node:worker_threads';
import { isEngineFailure } from '../../common/result';
import { openWorkspace } from '../../data/workspace';
import { createContext, type EngineContext } from './context';
import { createEngineFromContext, type Engine } from './engine';

type WorkerInit = { path: string; create: boolean };

if (!parentPort) throw new Error('engine worker must run in a worker thread');
const init = workerData as WorkerInit;

let engine: Engine | null = null;
let ctx: EngineContext | null = null;
let openError: unknown = null;
try {
  ctx = createContext(openWorkspace(init.path, { create: init.create }));
  engine = createEngineFromContext(ctx);
} catch (e) {
  openError = isEngineFailure(e)
    ? e.error
    : { code: 'INTERNAL', message: String((e as Error)?.message ?? e) };
}

const exposed = {
  /** Returns the open error, if the workspace could not be opened. */
  openStatus: () => openError,
  call: async (
    method: string,
    args: unknown[],
    onProgress?: (...x: unknown[]) => void,
    progressAt = -1,
  ) => {
    if (!engine) return { ok: false, error: openError };
    if (onProgress && progressAt >= 0)
      args[progressAt] = { ...(args[progressAt] as object), onProgress };
    const fn = (engine as unknown as Record<string, (...a: unknown[]) => unknown>)[method];
    if (typeof fn !== 'function') {
      return {
        ok: false,
        error: { code: 'BAD_INPUT', message: `Unknown engine method '${method}'.` },
      };
    }
    return fn(...args);
  },
  /** Drops every cache: another engine thread on the same workspace wrote to it. */
  invalidate: () => void ctx?.invalidate(),
  close: async () => engine?.close(),
};
export type ExposedEngine = typeof exposed;

Comlink.expose(exposed, nodeEndpoint(parentPort));
