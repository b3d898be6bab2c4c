// Calling the engine from the UI: unwrap Result values (errors become toasts with the engine's
// message), and run long calls as jobs with a progress bar and a cancel button.
import type { CallOptions, CancelToken, Progress, Result } from '../../../workers/common/contract';
import { fileName } from '../components/format';
import { getState, setState, toast, type Job } from '../state/store';

export class CallFailed extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/**
 * Awaits a contract call and returns its value; a failure is shown to the user and rethrown. `brief`:
 * the toast carries the message's first line only (the caller shows the whole message in place).
 */
export async function call<T>(
  pending: Promise<Result<T>>,
  what?: string,
  brief = false,
): Promise<T> {
  const result = await pending;
  if (result.ok) return result.value;
  const message = brief
    ? `${result.error.message.split('\n')[0]} (details in the panel)`
    : result.error.message;
  if (result.error.code !== 'CANCELLED') toast('error', `${what ? `${what}: ` : ''}${message}`);
  throw new CallFailed(result.error.code, result.error.message, result.error.details);
}

/** Like `call` but resolves null on failure instead of throwing (for fire-and-forget refreshes). */
export async function tryCall<T>(pending: Promise<Result<T>>, what?: string): Promise<T | null> {
  try {
    return await call(pending, what);
  } catch (e) {
    if (!(e instanceof CallFailed))
      toast('error', `${what ?? 'Engine call'}: ${(e as Error).message}`);
    return null;
  }
}

/**
 * A cancel token. SharedArrayBuffer only exists in cross-origin-isolated pages; the transports read
 * the flag when the user cancels (they are told through `cancel()` below), so a plain buffer is fine.
 */
export function createToken(): CancelToken {
  const buffer =
    typeof SharedArrayBuffer !== 'undefined' ? new SharedArrayBuffer(4) : new ArrayBuffer(4);
  return { flag: new Int32Array(buffer) };
}

let jobSeq = 0;

/**
 * Runs a long call as a visible job: progress bar, cancel, and removal when done. `onFailure` also
 * hears a failed or cancelled call (for panels that show the outcome in place).
 */
export async function runJob<T>(
  label: string,
  start: (opts: CallOptions) => Promise<Result<T>>,
  onFailure?: (error: CallFailed) => void,
): Promise<T | null> {
  const id = ++jobSeq;
  const token = createToken();
  const update = (patch: Partial<Job>) =>
    setState((s) => ({ jobs: s.jobs.map((j) => (j.id === id ? { ...j, ...patch } : j)) }));
  const cancel = () => {
    Atomics.store(token.flag, 0, 1);
    update({ message: 'Cancelling…', cancel: null });
  };
  setState((s) => ({
    jobs: [...s.jobs, { id, label, done: 0, total: null, message: 'Starting…', cancel, files: {} }],
  }));
  const onProgress = (p: Progress) =>
    setState((s) => ({
      jobs: s.jobs.map((j) =>
        j.id !== id
          ? j
          : {
              ...j,
              done: p.done,
              total: p.total ?? null,
              message: describe(p),
              files: p.file
                ? {
                    ...j.files,
                    [fileName(p.file)]: {
                      done: p.done,
                      total: p.total ?? null,
                    },
                  }
                : j.files,
            },
      ),
    }));
  try {
    return await call(start({ onProgress, cancel: token }), label, onFailure !== undefined);
  } catch (e) {
    onFailure?.(e instanceof CallFailed ? e : new CallFailed('INTERNAL', (e as Error).message));
    if (e instanceof CallFailed && e.code === 'CANCELLED') toast('info', `${label} cancelled`);
    else if (!(e instanceof CallFailed)) toast('error', `${label}: ${(e as Error).message}`);
    return null;
  } finally {
    setState((s) => ({ jobs: s.jobs.filter((j) => j.id !== id) }));
  }
}

function describe(p: Progress): string {
  const pct = p.total ? ` ${Math.round((100 * p.done) / p.total)}%` : '';
  const eta = p.etaSeconds !== undefined ? ` · ${Math.ceil(p.etaSeconds)} s left` : '';
  return `${p.message ?? p.phase}${pct}${eta}`;
}

export function jobsRunning(): boolean {
  return getState().jobs.length > 0;
}
