// Progress events and cancellation shared by every long-running engine call.

export type Progress = {
  /** Short machine-readable phase name, e.g. 'parse', 'write', 'solve', 'repair'. */
  phase: string;
  /** Units of work done and total (bytes for file reads, iterations for solvers). */
  done: number;
  total?: number;
  unit: 'bytes' | 'rows' | 'items' | 'iterations' | 'percent';
  /** Rows processed so far, when the unit is bytes. */
  rows?: number;
  ratePerSec?: number;
  etaSeconds?: number;
  file?: string;
  message?: string;
};

export type ProgressSink = (p: Progress) => void;

/**
 * Cancellation that works across worker_threads: a shared Int32 flag. A plain AbortSignal cannot be
 * cloned into a worker; a SharedArrayBuffer can, and a busy solver can poll it without yielding.
 */
export type CancelToken = { flag: Int32Array };

export function createCancelToken(): CancelToken {
  return { flag: new Int32Array(new SharedArrayBuffer(4)) };
}

export function cancel(token: CancelToken): void {
  Atomics.store(token.flag, 0, 1);
}

export function isCancelled(token: CancelToken | undefined): boolean {
  return token !== undefined && Atomics.load(token.flag, 0) === 1;
}

/** Options every long-running contract method accepts. */
export type CallOptions = {
  onProgress?: ProgressSink;
  cancel?: CancelToken;
};
