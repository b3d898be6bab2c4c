// Errors as values across every boundary (IPC, comlink, WebSocket, CLI): classes and custom fields
// do not survive structured clone, plain objects do.

export type ErrorCode =
  | 'BAD_INPUT'
  /** A call's parameters do not match the contract (checked at the host boundary; names the field). */
  | 'INVALID_ARGUMENT'
  | 'FILE_NOT_FOUND'
  | 'UNKNOWN_FORMAT'
  | 'BAD_FILE'
  | 'WORKSPACE_TOO_NEW'
  | 'WORKSPACE_LOCKED'
  | 'NOT_A_WORKSPACE'
  | 'NOT_FOUND'
  | 'NO_DATA'
  | 'INFEASIBLE'
  | 'CANCELLED'
  | 'CONFLICT'
  | 'ROUTING_UNAVAILABLE'
  | 'INTERNAL';

export type EngineError = {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: EngineError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
): Result<T> {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}

/** Thrown inside the engine for an expected failure; converted to a Result at the contract edge. */
export class EngineFailure extends Error {
  readonly error: EngineError;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'EngineFailure';
    this.error = details ? { code, message, details } : { code, message };
  }
}

export function isEngineFailure(e: unknown): e is EngineFailure {
  return e instanceof EngineFailure;
}
