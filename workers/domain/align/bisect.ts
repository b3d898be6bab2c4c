// Recursive coordinate bisection: cuts a set of points into parts with given shares of a
// weight, along the longer side each time. Used to seed balanced, compact starting territories
// and to group territories into districts and regions.

export type BisectInput = {
  idx: number[];
  lat: ArrayLike<number>;
  lon: ArrayLike<number>;
  weight: (i: number) => number;
  /** Relative share of each part, e.g. [1,1,1] for three equal parts. */
  shares: number[];
  /** Cut at an item count instead of a weight (for balanced counts). */
  byCount?: boolean;
};

/** Returns, for each position in `idx`, the part index 0..shares.length-1. */
export function recursiveBisection(input: BisectInput): Int32Array {
  const part = new Int32Array(input.idx.length);
  const pos = new Map<number, number>();
  input.idx.forEach((u, i) => pos.set(u, i));
  split(input, input.idx.slice(), 0, input.shares.length, (u, p) => {
    part[pos.get(u)!] = p;
  });
  return part;
}

function split(
  input: BisectInput,
  items: number[],
  from: number,
  to: number,
  emit: (u: number, p: number) => void,
): void {
  if (to - from <= 1 || items.length === 0) {
    for (const u of items) emit(u, from);
    return;
  }
  const mid = from + Math.floor((to - from) / 2);
  let left = 0;
  let all = 0;
  for (let p = from; p < to; p++) {
    all += input.shares[p]!;
    if (p < mid) left += input.shares[p]!;
  }
  const frac = all > 0 ? left / all : 0.5;
  sortAlongLongerSide(input, items);
  let cut: number;
  if (input.byCount) {
    cut = Math.round(items.length * frac);
  } else {
    let total = 0;
    for (const u of items) total += input.weight(u);
    let acc = 0;
    cut = 0;
    while (cut < items.length && acc + input.weight(items[cut]!) / 2 < total * frac) {
      acc += input.weight(items[cut]!);
      cut++;
    }
  }
  cut = Math.max(Math.min(cut, items.length - (to - mid)), Math.min(mid - from, items.length));
  split(input, items.slice(0, cut), from, mid, emit);
  split(input, items.slice(cut), mid, to, emit);
}

function sortAlongLongerSide(input: BisectInput, items: number[]): void {
  let minLat = Infinity;
  let maxLat = -Infinity;
  let minLon = Infinity;
  let maxLon = -Infinity;
  for (const u of items) {
    const la = input.lat[u]!;
    const lo = input.lon[u]!;
    if (la < minLat) minLat = la;
    if (la > maxLat) maxLat = la;
    if (lo < minLon) minLon = lo;
    if (lo > maxLon) maxLon = lo;
  }
  const cos = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const byLon = (maxLon - minLon) * cos > maxLat - minLat;
  const key = byLon ? input.lon : input.lat;
  items.sort((a, b) => key[a]! - key[b]! || a - b);
}
