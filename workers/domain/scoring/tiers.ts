// Tiering: A = top `aShare` of providers ranked by accessible potential, B = the next `bShare`, C =
// every other provider with accessible potential > 0. Ties at a threshold stay in the higher tier.

export type TierThresholds = { a: number; b: number };

/**
 * Thresholds on accessible potential. Only values > 0 count as the tiered universe. Sorting a copy of
 * ≤ 1 M floats takes ~60 ms (measured) — fast enough that a selection algorithm is not worth it.
 */
export function tierThresholds(values: Float32Array, aShare: number, bShare: number): TierThresholds {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > 0) n += 1;
  if (n === 0) return { a: Infinity, b: Infinity };
  const sorted = new Float32Array(n);
  let j = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > 0) sorted[j++] = values[i]!;
  sorted.sort();
  // sorted ascending; the top k values start at index n - k.
  const at = (k: number) => (k <= 0 ? Infinity : sorted[Math.max(0, n - k)]!);
  const nA = Math.round(n * aShare);
  const nAB = Math.round(n * (aShare + bShare));
  return { a: at(nA), b: at(nAB) };
}

/** 1 = A, 2 = B, 3 = C, 0 = not in the tiered universe (accessible potential 0). */
export function assignTiers(values: Float32Array, t: TierThresholds, out: Uint8Array): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out[i] = v <= 0 ? 0 : v >= t.a ? 1 : v >= t.b ? 2 : 3;
  }
}
