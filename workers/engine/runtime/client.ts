// Starts the engine in a worker thread and returns a proxy that implements the contract.
// Progress callbacks are wrapped with Comlink.proxy; cancellation travels as a SharedArrayBuffer.
import * as Comlink from 'comlink';
import { nodeEndpoint } from './nodeEndpoint';
import type { EngineApi } from '../../common/contract';
import { EngineFailure, type EngineError } from '../../common/result';
import { engineWorker } from './prestart';
import type { ExposedEngine } from './worker';

export type EngineClient = EngineApi & { close(): Promise<void> };

export async function startEngine(path: string, options: { create?: boolean } = {}): Promise<EngineClient> {
  const worker = engineWorker(path, options.create ?? false);
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
