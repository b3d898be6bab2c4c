// Workload-weighted mean and P90 of drive minutes per group, in one pass with fixed-width histograms
// (0.5-minute bins up to 16 h; the last bin holds anything longer). O(n) instead of sorting each
// territory's accounts; the quantile error is at most one bin (30 s).

const BIN = 0.5;
const BINS = 1920;

export type WeightedStats = { mean: Float64Array; p90: Float64Array; weight: Float64Array };

export class WeightedHistogram {
  private readonly hist: Float64Array;
  private readonly sum: Float64Array;
  private readonly weight: Float64Array;

  constructor(readonly groups: number) {
    this.hist = new Float64Array(groups * BINS);
    this.sum = new Float64Array(groups);
    this.weight = new Float64Array(groups);
  }

  add(group: number, minutes: number, w: number): void {
    if (!(w > 0) || !Number.isFinite(minutes)) return;
    const b = Math.min(BINS - 1, Math.floor(minutes / BIN));
    const i = group * BINS + b;
    this.hist[i] = this.hist[i]! + w;
    this.sum[group] = this.sum[group]! + minutes * w;
    this.weight[group] = this.weight[group]! + w;
  }

  quantile(group: number, q: number): number {
    const total = this.weight[group]!;
    if (total <= 0) return 0;
    const target = total * q;
    let acc = 0;
    const base = group * BINS;
    for (let b = 0; b < BINS; b++) {
      const h = this.hist[base + b]!;
      if (acc + h >= target) {
        const within = h > 0 ? (target - acc) / h : 0;
        return (b + within) * BIN;
      }
      acc += h;
    }
    return BINS * BIN;
  }

  stats(): WeightedStats {
    const mean = new Float64Array(this.groups);
    const p90 = new Float64Array(this.groups);
    for (let g = 0; g < this.groups; g++) {
      mean[g] = this.weight[g]! > 0 ? this.sum[g]! / this.weight[g]! : 0;
      p90[g] = this.quantile(g, 0.9);
    }
    return { mean, p90, weight: Float64Array.from(this.weight) };
  }
}
