// What every engine service is handed: the open workspace and the in-memory columnar caches built
// from it. Services read columns from here, call pure domain functions, and write results back
// through repository modules in workers/data. Caches are loaded lazily and dropped on writes.
import type { Workspace } from '../../data/workspace';

export type EngineContext = {
  ws: Workspace;
  /** Lazily built caches, keyed by name; a loader runs once until invalidated. */
  cached<T>(key: string, load: () => T): T;
  /** Whether `key` is loaded (without loading it). */
  has(key: string): boolean;
  /** Drop caches after a write. Keys are prefixes: 'providers' drops 'providers' and 'providers:*'. */
  invalidate(...prefixes: string[]): void;
};

export function createContext(ws: Workspace): EngineContext {
  const cache = new Map<string, unknown>();
  return {
    ws,
    cached<T>(key: string, load: () => T): T {
      if (cache.has(key)) return cache.get(key) as T;
      const value = load();
      cache.set(key, value);
      return value;
    },
    has: (key: string) => cache.has(key),
    invalidate(...prefixes: string[]) {
      for (const key of [...cache.keys()]) {
        if (prefixes.length === 0 || prefixes.some((p) => key === p || key.startsWith(`${p}:`))) {
          cache.delete(key);
        }
      }
    },
  };
}
