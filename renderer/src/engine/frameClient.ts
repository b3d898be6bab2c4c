// The renderer's side of the engine contract over any frame transport (WebSocket or Electron
// MessagePort). Returns an object typed as the contract: the UI calls engine methods, nothing else.
import type { EngineApi } from '../../../workers/common/contract';
import { isCancelled, type CallOptions, type Progress } from '../../../workers/common/progress';
import type { Result } from '../../../workers/common/result';
import {
  decodeFrame,
  encodeFrame,
  type ClientMessage,
  type ServerMessage,
} from '../../../workers/common/wire';

export type FrameTransport = {
  send(frame: ArrayBuffer): void;
  onFrame(handler: (frame: ArrayBuffer) => void): void;
  onClose(handler: (reason: string) => void): void;
};

/** The last engine calls with their round-trip times as the page saw them (read by bench/workstation.bench.mjs). */
export type CallTiming = { method: string; ms: number; bytes: number; at: number };
const callLog: CallTiming[] = [];
(globalThis as unknown as { tesseraCalls?: CallTiming[] }).tesseraCalls = callLog;

type Pending = {
  method: string;
  started: number;
  resolve: (r: Result<unknown>) => void;
  onProgress?: (p: Progress) => void;
  cancelPoll?: ReturnType<typeof setInterval>;
};

/** What a call answers once the connection is gone: never a wait without end. */
export const NOT_CONNECTED =
  'Not connected to the Tessera engine (the server stopped or the connection dropped): this action was not run. Tessera reconnects by itself when the server is back; then try again.';

export function engineOverFrames(transport: FrameTransport): EngineApi {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  let closed: string | null = null;
  const post = (m: ClientMessage) => transport.send(encodeFrame(m));

  transport.onFrame((frame) => {
    const msg = decodeFrame<ServerMessage>(frame);
    const p = pending.get(msg.id);
    if (!p) return;
    if (msg.t === 'progress') p.onProgress?.(msg.progress);
    else {
      pending.delete(msg.id);
      const now = performance.now();
      callLog.push({ method: p.method, ms: now - p.started, bytes: frame.byteLength, at: now });
      if (callLog.length > 200) callLog.splice(0, callLog.length - 200);
      if (p.cancelPoll) clearInterval(p.cancelPoll);
      p.resolve(msg.result);
    }
  });
  transport.onClose((reason) => {
    closed = reason;
    for (const [id, p] of pending) {
      if (p.cancelPoll) clearInterval(p.cancelPoll);
      p.resolve({
        ok: false,
        error: {
          code: 'INTERNAL',
          message: `Lost the connection to the Tessera engine (${reason}) before this call answered; it may or may not have finished. Tessera reconnects when the server is back; then check and try again.`,
          details: { disconnected: true },
        },
      });
      pending.delete(id);
    }
  });

  function call(method: string, input: unknown, opts?: CallOptions): Promise<Result<unknown>> {
    const id = nextId++;
    // a closed transport drops frames silently: answer at once instead of waiting for ever
    if (closed !== null)
      return Promise.resolve({
        ok: false,
        error: { code: 'INTERNAL', message: NOT_CONNECTED, details: { disconnected: true } },
      });
    return new Promise((resolve) => {
      const entry: Pending = {
        method,
        started: performance.now(),
        resolve,
        onProgress: opts?.onProgress,
      };
      if (opts?.cancel) {
        const token = opts.cancel;
        // The flag is flipped by the UI's Cancel button; a cancel frame tells the engine.
        entry.cancelPoll = setInterval(() => {
          if (isCancelled(token)) {
            post({ t: 'cancel', id });
            if (entry.cancelPoll) clearInterval(entry.cancelPoll);
          }
        }, 50);
      }
      pending.set(id, entry);
      const args = input === undefined ? [] : [input];
      try {
        post({ t: 'call', id, method, args, progress: Boolean(opts?.onProgress) });
      } catch (e) {
        pending.delete(id);
        if (entry.cancelPoll) clearInterval(entry.cancelPoll);
        resolve({
          ok: false,
          error: {
            code: 'INTERNAL',
            message: `${NOT_CONNECTED} (${(e as Error).message})`,
            details: { disconnected: true },
          },
        });
      }
    });
  }

  return new Proxy({} as EngineApi, {
    get(_t, prop) {
      if (prop === 'then' || typeof prop !== 'string') return undefined;
      return (input?: unknown, opts?: CallOptions) => call(prop, input, opts);
    },
  });
}
