// Serves the engine contract to a renderer over any frame transport (WebSocket, Electron MessagePort).
// Decodes call/cancel frames, runs the method on the engine, streams progress and the result back.
// Everything a frame can carry is checked here, inside one boundary: the frame layout, the message
// shape, and the call's parameters against the method's zod schema (common/contract/schemas.ts).
// A bad call is answered INVALID_ARGUMENT naming the field; a frame that is not ours at all is
// reported to the transport, which closes the connection (WebSocket close code) — nothing a peer
// sends can throw into the host process.
import type { EngineApi } from '../common/contract';
import { checkCallArgs } from '../common/contract/schemas';
import { cancel, createCancelToken, type CancelToken, type Progress } from '../common/progress';
import { fail, type Result } from '../common/result';
import { decodeFrame, encodeFrame, type ServerMessage } from '../common/wire';

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

/** Time guard: a long job still running after this is cancelled (it ends CANCELLED, nothing half-saved). */
export const MAX_JOB_MS = 2 * 60 * 60 * 1000;

/** Calls one connection may have running at once; more are refused (a peer cannot queue unbounded work). */
export const MAX_IN_FLIGHT = 256;

export type CallPolicy = (method: string, args: unknown[]) => Result<unknown> | null;

/** Why a frame was not accepted: a WebSocket close code (RFC 6455 §7.4.1) and a short reason. */
export type FrameRefusal = { code: 1003 | 1007 | 1008; reason: string };

export type Dispatcher = {
  /** Handles one frame; returns null when it was accepted, else why the connection should close. */
  onFrame(frame: unknown): FrameRefusal | null;
  closeAll(): void;
};

type Call = { t: 'call'; id: number; method: string; args: unknown; progress: boolean };

const isId = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

export function createDispatcher(options: {
  engine: EngineApi;
  send: (frame: ArrayBuffer) => void;
  /** Optional gate (e.g. Electron's file-access allow-list): return a failure to refuse a call. */
  policy?: CallPolicy;
  /** Time guard of long jobs (default MAX_JOB_MS). */
  jobLimitMs?: number;
}): Dispatcher {
  const { engine, send, policy } = options;
  const jobLimitMs = options.jobLimitMs ?? MAX_JOB_MS;
  const active = new Map<number, CancelToken>();
  let running = 0;
  const post = (m: ServerMessage) => {
    try {
      send(encodeFrame(m));
    } catch (e) {
      // a result that cannot be encoded (or a transport gone) must not take the host down
      console.error(
        `[tessera] could not send the answer to call ${m.id}:`,
        (e as Error)?.message ?? e,
      );
    }
  };

  async function run(msg: Call): Promise<void> {
    running += 1;
    let guardTimer: ReturnType<typeof setTimeout> | undefined;
    try {
      const refusal = checkCallArgs(msg.method, msg.args);
      if (refusal) return post({ t: 'result', id: msg.id, result: refusal });
      const fn = (
        engine as unknown as Record<string, (...a: unknown[]) => Promise<Result<unknown>>>
      )[msg.method];
      if (typeof fn !== 'function') {
        return post({
          t: 'result',
          id: msg.id,
          result: fail('INVALID_ARGUMENT', `Unknown engine method '${msg.method}'.`, {
            method: msg.method,
            field: 'method',
          }),
        });
      }
      const args = [...(msg.args as unknown[])];
      const refused = policy?.(msg.method, args);
      if (refused) return post({ t: 'result', id: msg.id, result: refused });
      if (LONG_RUNNING.has(msg.method)) {
        const token = createCancelToken();
        active.set(msg.id, token);
        guardTimer = setTimeout(() => cancel(token), jobLimitMs);
        guardTimer.unref?.();
        args[1] = {
          cancel: token,
          onProgress: msg.progress
            ? (progress: Progress) => post({ t: 'progress', id: msg.id, progress })
            : undefined,
        };
      } else {
        args.length = Math.min(args.length, 1); // only the request object reaches the engine
      }
      const result = await fn.call(engine, ...args);
      post({ t: 'result', id: msg.id, result });
    } catch (e) {
      post({
        t: 'result',
        id: msg.id,
        result: fail(
          'INTERNAL',
          `Engine call ${msg.method} failed: ${(e as Error)?.message ?? String(e)}`,
        ),
      });
    } finally {
      clearTimeout(guardTimer);
      running -= 1;
      active.delete(msg.id);
    }
  }

  return {
    onFrame(frame) {
      if (!(frame instanceof ArrayBuffer))
        return { code: 1003, reason: 'engine frames are binary' };
      let msg: unknown;
      try {
        msg = decodeFrame<unknown>(frame);
      } catch {
        return { code: 1007, reason: 'not an engine frame' };
      }
      if (!msg || typeof msg !== 'object' || Array.isArray(msg))
        return { code: 1007, reason: 'frame content is not a message' };
      const m = msg as Record<string, unknown>;
      if (!isId(m.id)) return { code: 1007, reason: 'message id must be a whole number ≥ 0' };
      if (m.t === 'cancel') {
        const token = active.get(m.id);
        if (token) cancel(token);
        return null;
      }
      if (m.t !== 'call') return { code: 1007, reason: "message type must be 'call' or 'cancel'" };
      const id = m.id;
      if (typeof m.method !== 'string' || m.method.length === 0 || m.method.length > 100) {
        post({
          t: 'result',
          id,
          result: fail('INVALID_ARGUMENT', 'method must be the name of an engine method.', {
            field: 'method',
          }),
        });
        return null;
      }
      if (running >= MAX_IN_FLIGHT) {
        post({
          t: 'result',
          id,
          result: fail(
            'CONFLICT',
            `Too many calls in flight on this connection (${MAX_IN_FLIGHT}); wait for answers before sending more.`,
          ),
        });
        return null;
      }
      void run({ t: 'call', id, method: m.method, args: m.args, progress: m.progress === true });
      return null;
    },
    closeAll() {
      for (const token of active.values()) cancel(token);
      active.clear();
    },
  };
}
