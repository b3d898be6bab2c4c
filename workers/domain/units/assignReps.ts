// Matching reps to engine-placed territories: minimum total squared home→centre distance (squared so
// no single rep is left with a territory across the country). Hungarian algorithm, O(K³): ~0.1 s at
// K = 500; beyond MAX_EXACT a greedy closest-pair matching is used.

const MAX_EXACT = 800;

/** cost is row-major n×n; returns the column assigned to each row. */
export function hungarian(cost: Float64Array, n: number): Int32Array {
  const INF = Number.POSITIVE_INFINITY;
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1);
  const way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(n + 1).fill(INF);
    const used = new Uint8Array(n + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = INF;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost[(i0 - 1) * n + (j - 1)]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]!] = u[p[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else minv[j] = minv[j]! - delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const rowToCol = new Int32Array(n);
  for (let j = 1; j <= n; j++) rowToCol[p[j]! - 1] = j - 1;
  return rowToCol;
}

function greedy(cost: Float64Array, n: number): Int32Array {
  const pairs = Array.from({ length: n * n }, (_, i) => i).sort((a, b) => cost[a]! - cost[b]! || a - b);
  const out = new Int32Array(n).fill(-1);
  const usedCol = new Uint8Array(n);
  for (const i of pairs) {
    const r = Math.floor(i / n);
    const c = i % n;
    if (out[r] !== -1 || usedCol[c]) continue;
    out[r] = c;
    usedCol[c] = 1;
  }
  return out;
}

/** Rep index for each territory, minimising Σ distance² (distance given as a function). */
export function matchRepsToTerritories(k: number, distance: (territory: number, rep: number) => number): Int32Array {
  const cost = new Float64Array(k * k);
  for (let t = 0; t < k; t++) for (let r = 0; r < k; r++) cost[t * k + r] = distance(t, r) ** 2;
  return k <= MAX_EXACT ? hungarian(cost, k) : greedy(cost, k);
}
