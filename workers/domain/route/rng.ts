// Seeded pseudo-random numbers for the route solvers (mulberry32, workers/domain/random.ts): same
// seed, same routes.
import { fnv1a, mulberry32 } from '../random';

export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
};

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  return { next, int: (n) => Math.floor(next() * n) };
}

/** Stable hash of a string to [0, 1) (FNV-1a), e.g. a visit-phase per account. */
export function hash01(text: string): number {
  let h = fnv1a(text);
  // murmur3 finaliser: FNV alone leaves ids that differ only in the last digits badly spread.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}
