// Quota: a national goal split across territories by their share of (accessible) potential, with an
// optional floor and cap given as multiples of the average territory quota (e.g. 0.7 and 1.3).
// quota_t = clamp(λ · potential_t, floor, cap) with λ found by bisection so the quotas add up to the
// goal exactly (the sum is monotone in λ); with no potential anywhere the goal is split evenly.

export type QuotaOptions = { goal: number; floor?: number; cap?: number };

export type QuotaSplit = { quota: Float64Array; clampedFloor: number; clampedCap: number };

export function allocateQuota(potential: Float64Array, o: QuotaOptions): QuotaSplit {
  const k = potential.length;
  const quota = new Float64Array(k);
  if (k === 0) return { quota, clampedFloor: 0, clampedCap: 0 };
  const avg = o.goal / k;
  const lo = o.floor !== undefined ? o.floor * avg : 0;
  const hi = o.cap !== undefined ? o.cap * avg : Infinity;
  if (lo * k > o.goal * (1 + 1e-12) || hi * k < o.goal * (1 - 1e-12)) {
    throw new RangeError(
      `floor ${o.floor ?? '-'} / cap ${o.cap ?? '-'} × ${k} territories cannot add up to the goal ${o.goal}`,
    );
  }
  let total = 0;
  for (let t = 0; t < k; t++) total += Math.max(0, potential[t]!);
  if (total <= 0) {
    quota.fill(avg);
    return { quota, clampedFloor: 0, clampedCap: 0 };
  }
  const fill = (lambda: number) => {
    let s = 0;
    for (let t = 0; t < k; t++) {
      quota[t] = Math.min(hi, Math.max(lo, lambda * Math.max(0, potential[t]!)));
      s += quota[t]!;
    }
    return s;
  };
  let a = 0;
  let b = o.goal / total;
  while (fill(b) < o.goal && b < 1e300) b *= 2;
  for (let i = 0; i < 200 && b - a > 1e-15 * b; i++) {
    const m = (a + b) / 2;
    if (fill(m) < o.goal) a = m;
    else b = m;
  }
  fill(b);
  let clampedFloor = 0;
  let clampedCap = 0;
  for (let t = 0; t < k; t++) {
    if (o.floor !== undefined && quota[t]! <= lo * (1 + 1e-9)) clampedFloor += 1;
    if (o.cap !== undefined && quota[t]! >= hi * (1 - 1e-9)) clampedCap += 1;
  }
  return { quota, clampedFloor, clampedCap };
}

/** Sums territory values into named groups (districts, regions), sorted by name. */
export function rollUp(
  keys: string[],
  values: Float64Array,
): { key: string; value: number; territories: number }[] {
  const m = new Map<string, { key: string; value: number; territories: number }>();
  keys.forEach((key, t) => {
    let g = m.get(key);
    if (!g) m.set(key, (g = { key, value: 0, territories: 0 }));
    g.value += values[t]!;
    g.territories += 1;
  });
  return [...m.values()].sort((a, b) => a.key.localeCompare(b.key));
}
