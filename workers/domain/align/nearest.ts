// Exact nearest-point search over unit-sphere points (squared chord distance) with a filter: a k-d
// tree over the points that have coordinates. Used to bridge disconnected unit graphs, where the
// brute-force "every unit against every unit" cost about a second on the ZIP universe.
import { chord2, type Points3 } from './sphere';

export type PointTree = { pts: Points3; idx: Int32Array };

const coord = (pts: Points3, axis: number): Float64Array =>
  axis === 0 ? pts.x : axis === 1 ? pts.y : pts.z;

/** Builds the tree (an implicit balanced k-d tree: node = median of its range, axes x, y, z in turn). */
export function pointTree(pts: Points3, n: number): PointTree {
  const placed: number[] = [];
  for (let i = 0; i < n; i++)
    if (Number.isFinite(pts.x[i]!) && Number.isFinite(pts.y[i]!) && Number.isFinite(pts.z[i]!))
      placed.push(i);
  const idx = Int32Array.from(placed);
  const split = (lo: number, hi: number, depth: number): void => {
    if (hi - lo < 2) return;
    const mid = (lo + hi) >> 1;
    selectKth(idx, coord(pts, depth % 3), lo, hi - 1, mid);
    split(lo, mid, depth + 1);
    split(mid + 1, hi, depth + 1);
  };
  split(0, idx.length, 0);
  return { pts, idx };
}

/**
 * Reorders idx[l..r] so that idx[k] holds the k-th smallest key, with no larger key before it and no
 * smaller key after it (Wirth's selection; linear time on average).
 */
function selectKth(idx: Int32Array, key: Float64Array, l: number, r: number, k: number): void {
  while (l < r) {
    const x = key[idx[k]!]!;
    let i = l;
    let j = r;
    do {
      while (key[idx[i]!]! < x) i++;
      while (x < key[idx[j]!]!) j--;
      if (i <= j) {
        const t = idx[i]!;
        idx[i] = idx[j]!;
        idx[j] = t;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) l = i;
    if (k < i) r = j;
  }
}

/**
 * The point closest to point `q` among those `accept` admits and strictly closer than `bound`, the
 * lowest index on ties: [squared chord, index], or [bound, -1] when there is none. Exact: a subtree
 * is skipped only when its splitting plane alone is farther than the best distance found.
 */
export function nearestAccepted(
  tree: PointTree,
  q: number,
  accept: (v: number) => boolean,
  bound = Infinity,
): [number, number] {
  const { pts, idx } = tree;
  let best = bound;
  let bestV = -1;
  const search = (lo: number, hi: number, depth: number): void => {
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const v = idx[mid]!;
      if (accept(v)) {
        const d = chord2(pts, q, pts, v);
        if (d < best || (d === best && bestV >= 0 && v < bestV)) {
          best = d;
          bestV = v;
        }
      }
      const c = coord(pts, depth % 3);
      const diff = c[q]! - c[v]!;
      depth++;
      // the near side first (recursively), then the far side unless its plane is beyond the best
      if (diff < 0) {
        search(lo, mid, depth);
        if (diff * diff > best) return;
        lo = mid + 1;
      } else {
        search(mid + 1, hi, depth);
        if (diff * diff > best) return;
        hi = mid;
      }
    }
  };
  if (Number.isFinite(chord2(pts, q, pts, q))) search(0, idx.length, 0);
  return [best, bestV];
}
