// Matching reps to engine-placed territories: minimum total squared home→centre distance (squared so
// no single rep is left with a territory across the country). Hungarian algorithm, O(K³): ~0.1 s at
// K = 500 (the solver's minCostAssignment); beyond MAX_EXACT a greedy closest-pair matching is used.

import { minCostAssignment } from '../align/match';

const MAX_EXACT = 800;

function greedy(cost: Float64Array, n: number): Int32Array {
  const pairs = Array.from({ length: n * n }, (_, i) => i).sort(
    (a, b) => cost[a]! - cost[b]! || a - b,
  );
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
export function matchRepsToTerritories(
  k: number,
  distance: (territory: number, rep: number) => number,
): Int32Array {
  const cost = new Float64Array(k * k);
  for (let t = 0; t < k; t++) for (let r = 0; r < k; r++) cost[t * k + r] = distance(t, r) ** 2;
  return k <= MAX_EXACT ? minCostAssignment(cost, k) : greedy(cost, k);
}
