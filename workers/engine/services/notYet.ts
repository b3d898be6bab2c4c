// TEMPORARY: lets the engine compile while areas are built in parallel. Must be gone before release.
import { fail } from '../../common/result';

export function notYet<T extends object>(area: string): T {
  return new Proxy({} as T, {
    get: (_t, method) => async () => fail('INTERNAL', `${area}.${String(method)} is not implemented yet`),
    ownKeys: () => [],
  });
}
