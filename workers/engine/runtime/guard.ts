// Converts thrown EngineFailures into Result values at the contract edge; unexpected errors are
// logged once with a reference the user can quote, and returned as INTERNAL.
import { randomBytes } from 'node:crypto';
import { fail, isEngineFailure, ok, type Result } from '../../common/result';

export async function guard<T>(work: () => T | Promise<T>): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (e) {
    if (isEngineFailure(e)) return { ok: false, error: e.error };
    const code = (e as { code?: string })?.code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED') {
      // another process (a CLI import, the workstation) holds the workspace's write lock
      return fail(
        'WORKSPACE_LOCKED',
        'Another Tessera process (an import from the command line, or the workstation) is writing to this workspace; this change was not made. Try again when it finishes.',
        { sqlite: code },
      );
    }
    const ref = randomBytes(4).toString('hex');
    console.error(`[tessera] internal error ref=${ref}:`, e);
    return fail(
      'INTERNAL',
      `Internal error (reference ${ref}): ${(e as Error)?.message ?? String(e)}. Please report it with this reference.`,
      { ref },
    );
  }
}
