// Undirected graphs as CSR arrays (compressed sparse rows): the neighbours of node i are
// neighbors[offsets[i] .. offsets[i+1]), sorted ascending, no self loops, symmetric.

export type Adjacency = { offsets: Uint32Array; neighbors: Uint32Array };

/** Builds a symmetric CSR graph from an edge list (pairs in any order; duplicates and loops dropped). */
export function adjacencyFromEdges(
  count: number,
  from: ArrayLike<number>,
  to: ArrayLike<number>,
): Adjacency {
  const degree = new Uint32Array(count + 1);
  for (let e = 0; e < from.length; e++) {
    if (from[e] === to[e]) continue;
    degree[from[e]!]!++;
    degree[to[e]!]!++;
  }
  const offsets = new Uint32Array(count + 1);
  for (let i = 0; i < count; i++) offsets[i + 1] = offsets[i]! + degree[i]!;
  const fill = offsets.slice(0, count);
  const raw = new Uint32Array(offsets[count]!);
  for (let e = 0; e < from.length; e++) {
    const a = from[e]!;
    const b = to[e]!;
    if (a === b) continue;
    raw[fill[a]!++] = b;
    raw[fill[b]!++] = a;
  }
  // Sort and de-duplicate each row, then compact.
  const out = new Uint32Array(raw.length);
  const outOffsets = new Uint32Array(count + 1);
  let k = 0;
  for (let i = 0; i < count; i++) {
    const row = raw.subarray(offsets[i]!, offsets[i + 1]!).sort();
    for (let j = 0; j < row.length; j++) if (j === 0 || row[j] !== row[j - 1]) out[k++] = row[j]!;
    outOffsets[i + 1] = k;
  }
  return { offsets: outOffsets, neighbors: out.slice(0, k) };
}

export function degreeOf(g: Adjacency, i: number): number {
  return g.offsets[i + 1]! - g.offsets[i]!;
}

export function neighborsOf(g: Adjacency, i: number): Uint32Array {
  return g.neighbors.subarray(g.offsets[i]!, g.offsets[i + 1]!);
}

/** Connected component label per node (0-based, in order of first node), and the count. */
export function components(g: Adjacency): { label: Int32Array; count: number } {
  const n = g.offsets.length - 1;
  const label = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  let count = 0;
  for (let s = 0; s < n; s++) {
    if (label[s] !== -1) continue;
    label[s] = count;
    stack.push(s);
    while (stack.length > 0) {
      const v = stack.pop()!;
      for (let k = g.offsets[v]!; k < g.offsets[v + 1]!; k++) {
        const w = g.neighbors[k]!;
        if (label[w] === -1) {
          label[w] = count;
          stack.push(w);
        }
      }
    }
    count++;
  }
  return { label, count };
}

/** Union-find with path halving. */
export function unionFind(n: number): {
  find(i: number): number;
  union(a: number, b: number): boolean;
} {
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  return {
    find,
    union(a, b) {
      const ra = find(a);
      const rb = find(b);
      if (ra === rb) return false;
      parent[ra] = rb;
      return true;
    },
  };
}
