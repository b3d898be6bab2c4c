// Seeded pseudo-random numbers for the alignment solver (mulberry32, workers/domain/random.ts): the
// solver never uses Math.random, so a seed reproduces an alignment exactly.
import { mulberry32 } from '../random';

export type Rng = () => number;

export function createRng(seed: number): Rng {
  return mulberry32((Math.floor(seed) ^ 0x9e3779b9) >>> 0);
}
