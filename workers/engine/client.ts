// Starts the engine in a worker thread and returns a proxy that implements the contract.
// Progress callbacks are wrapped with Comlink.proxy; cancellation travels as a SharedArrayBuffer.
import * as Comlink from 'comlink';
import { nodeEndpoint } from './nodeEndpoint';
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EngineApi } from '../common/contract';
import { EngineFailure, type EngineError } from '../common/result';
import type { ExposedEngine } from './worker';

export type EngineClient = EngineApi & { close(): Promise<void> };

/** Finds the bundled worker next to the running bundle (dist/engine), or builds a path from source. */
function workerPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'engine-worker.js'), join(here, '..', '..', 'dist', 'engine', 'engine-worker.js')];
  // In a packaged app the worker is unpacked next to the asar archive (see electron-builder.yml).
  const unpacked = candidates.map((p) => p.replace(`app.asar${sep}`, `app.asar.unpacked${sep}`));
  const found = [...unpacked, ...candidates].find((p) => existsSync(p));
  if (!found) throw new Error(`engine worker bundle not found (looked in ${candidates.join(', ')}); run 'npm run build:engine'`);
  return found;
}

export async function startEngine(path: string, options: { create?: boolean } = {}): Promise<EngineClient> {
  const worker = new Worker(workerPath(), {
    workerData: { path, create: options.create ?? false },
    resourceLimits: { maxOldGenerationSizeMb: 16384 },
  });
  const remote = Comlink.wrap<ExposedEngine>(nodeEndpoint(worker));
  const openError = (await remote.openStatus()) as EngineError | null;
  if (openError) {
    await worker.terminate();
    throw new EngineFailure(openError.code, openError.message, openError.details);
  }
  const call = (method: string) =>
    async (...args: unknown[]) => {
      // Comlink proxies only top-level arguments: the progress callback travels as its own argument
      // and the worker puts it back into the options object at `progressAt`.
      let progress: ((...x: unknown[]) => void) | undefined;
      let progressAt = -1;
      const mapped = args.map((a, i) => {
        if (a && typeof a === 'object' && 'onProgress' in a && typeof (a as { onProgress: unknown }).onProgress === 'function') {
          const { onProgress, ...rest } = a as { onProgress: (...x: unknown[]) => void };
          progress = onProgress;
          progressAt = i;
          return rest;
        }
        return a;
      });
      return progress ? remote.call(method, mapped, Comlink.proxy(progress), progressAt) : remote.call(method, mapped);
    };
  const client = new Proxy({} as EngineClient, {
    get(_t, prop) {
      if (prop === 'close') {
        return async () => {
          await remote.close();
          await worker.terminate();
        };
      }
      if (prop === 'then') return undefined;
      return call(String(prop));
    },
  });
  return client;
}
