// Contiguity: how many connected pieces each territory's units form over the unit adjacency graph.
// Only pieces holding at least one unit that matters (accounts or index value) count, so a stray
// empty ZIP does not make a territory "split" for the rep.

export type ContiguityInput = {
  k: number;
  unitTerritory: Int32Array;
  /** 1 = unit counts (has accounts/value); pieces made only of empty units are ignored. */
  counts: Uint8Array;
  adjStart: Int32Array;
  adjList: Int32Array;
};

/** Pieces per territory (0 for a territory without counted units). */
export function territoryPieces(input: ContiguityInput): Int32Array {
  const { unitTerritory: ut, adjStart, adjList } = input;
  const n = ut.length;
  const pieces = new Int32Array(input.k);
  const seen = new Uint8Array(n);
  const stack = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    const t = ut[s]!;
    if (seen[s] || t < 0) continue;
    let top = 0;
    stack[top++] = s;
    seen[s] = 1;
    let counted = false;
    while (top > 0) {
      const u = stack[--top]!;
      if (input.counts[u]) counted = true;
      for (let e = adjStart[u]!; e < adjStart[u + 1]!; e++) {
        const v = adjList[e]!;
        if (!seen[v] && ut[v] === t) {
          seen[v] = 1;
          stack[top++] = v;
        }
      }
    }
    if (counted) pieces[t] = pieces[t]! + 1;
  }
  return pieces;
}
