// Seeded randomness for the synthetic demo data.
//
// The generator is mulberry32 (workers/domain/random.ts, where the choice is explained).
// Independent streams are derived from (seed, stream name) with a splitmix32 finaliser, so changing
// how one part of the generator draws numbers does not shift every other part.
import { fnv1a, mix32, mulberry32 } from '../random';

export { mix32 };

export class Rng {
  /** Uniform in [0, 1). */
  readonly next: () => number;
  private spareNormal = Number.NaN;

  constructor(seed: number, stream = '') {
    this.next = mulberry32(mix32((seed >>> 0) ^ mix32(fnv1a(stream))));
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal (Box–Muller, the second value is kept for the next call). */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const v = this.spareNormal;
      this.spareNormal = Number.NaN;
      return v;
    }
    let u = this.next();
    while (u <= 1e-12) u = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    const a = 2 * Math.PI * this.next();
    this.spareNormal = r * Math.sin(a);
    return r * Math.cos(a);
  }

  /** Log-normal with the given median and log-scale sigma. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Pareto (type I) with scale xm and tail index alpha: heavy tail, P(X > x) = (xm / x)^alpha. */
  pareto(xm: number, alpha: number): number {
    let u = this.next();
    while (u <= 1e-12) u = this.next();
    return xm / Math.pow(u, 1 / alpha);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

/** Weighted sampling by binary search over cumulative weights (O(log n) per draw). */
export class WeightedSampler {
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(weights: ArrayLike<number>) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i]!;
      sum += w > 0 && Number.isFinite(w) ? w : 0;
      this.cumulative[i] = sum;
    }
    if (!(sum > 0)) throw new Error('WeightedSampler needs at least one positive weight');
    this.total = sum;
  }

  /** Index drawn with probability proportional to its weight. */
  draw(rng: Rng): number {
    const target = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
