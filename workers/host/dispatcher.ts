// Serves the engine contract to a renderer over any frame transport (WebSocket, Electron MessagePort).
// Decodes call/cancel frames, runs the method on the engine, streams progress and the result back.
import type { EngineApi } from '../common/contract';
import { cancel, createCancelToken, type CancelToken, type Progress } from '../common/progress';
import { fail, type Result } from '../common/result';
import { decodeFrame, encodeFrame, type ClientMessage, type ServerMessage } from '../common/wire';

/** Contract methods that take CallOptions as their second argument. */
export const LONG_RUNNING = new Set<string>([
  'importFiles',
  'createDemo',
  'align',
  'whatIf',
  'exportScenario',
  'exportDeck',
  'route',
]);

export type CallPolicy = (method: string, args: unknown[]) => Result<unknown> | null;

export type Dispatcher = { onFrame(frame: ArrayBuffer): void; closeAll(): void };

export function createDispatcher(options: {
  engine: EngineApi;
  send: (frame: ArrayBuffer) => void;
  /** Optional gate (e.g. Electron's file-access allow-list): return a failure to refuse a call. */
  policy?: CallPolicy;
}): Dispatcher {
  const { engine, send, policy } = options;
  const active = new Map<number, CancelToken>();
  const post = (m: ServerMessage) => send(encodeFrame(m));

  async function run(msg: Extract<ClientMessage, { t: 'call' }>): Promise<void> {
    const fn = (engine as unknown as Record<string, (...a: unknown[]) => Promise<Result<unknown>>>)[msg.method];
    if (typeof fn !== 'function' || msg.method === 'close' || msg.method === 'then') {
      post({ t: 'result', id: msg.id, result: fail('BAD_INPUT', `Unknown engine method '${msg.method}'.`) });
      return;
    }
    const refused = policy?.(msg.method, msg.args);
    if (refused) {
      post({ t: 'result', id: msg.id, result: refused });
      return;
    }
    const args = [...msg.args];
    if (LONG_RUNNING.has(msg.method)) {
      const token = createCancelToken();
      active.set(msg.id, token);
      args[1] = {
        cancel: token,
        onProgress: msg.progress ? (progress: Progress) => post({ t: 'progress', id: msg.id, progress }) : undefined,
      };
    }
    try {
      const result = await fn.call(engine, ...args);
      post({ t: 'result', id: msg.id, result });
    } catch (e) {
      post({ t: 'result', id: msg.id, result: fail('INTERNAL', `Engine call ${msg.method} failed: ${(e as Error)?.message ?? String(e)}`) });
    } finally {
      active.delete(msg.id);
    }
  }

  return {
    onFrame(frame) {
      let msg: ClientMessage;
      try {
        msg = decodeFrame<ClientMessage>(frame);
      } catch {
        return; // not a frame of ours: ignore rather than crash the host
      }
      if (msg.t === 'cancel') {
        const token = active.get(msg.id);
        if (token) cancel(token);
      } else if (msg.t === 'call') {
        void run(msg);
      }
    },
    closeAll() {
      for (const token of active.values()) cancel(token);
      active.clear();
    },
  };
}
