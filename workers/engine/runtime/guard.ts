// Converts thrown EngineFailures into Result values at the contract edge; unexpected errors are
// logged once with a reference the user can quote, and returned as INTERNAL.
import { randomBytes } from 'node:crypto';
import { fail, isEngineFailure, ok, type Result } from '../../common/result';

export async function guard<T>(work: () => T | Promise<T>): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (e) {
    if (isEngineFailure(e)) return { ok: false, error: e.error };
    const ref = randomBytes(4).toString('hex');
    console.error(`[tessera] internal error ref=${ref}:`, e);
    return fail('INTERNAL', `Internal error (reference ${ref}): ${(e as Error)?.message ?? String(e)}. Please report it with this reference.`, { ref });
  }
}
