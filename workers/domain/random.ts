// Seeded pseudo-random numbers, the one generator of the engine (the alignment solver, the route
// solvers and the synthetic demo draw from it; none uses Math.random, so a seed reproduces a result
// exactly on every machine and Node version).
//
// Hand-rolled on purpose: mulberry32 (a 32-bit counter hashed through two multiply-xorshift rounds)
// is ten lines, passes gjrand/PractRand far beyond the ~10^8 draws a 1 M-provider demo needs, keeps
// its state in one 32-bit integer and is fast enough for hundreds of millions of draws; a package
// would add a dependency for less.

/** A mulberry32 stream from a 32-bit seed: each call returns the next number, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** splitmix32 finaliser: a good 32-bit mixing function (seed and stream derivation). */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a hash of a string, as an unsigned 32-bit integer. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
