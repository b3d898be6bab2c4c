// bridgeComponents finds each component's closest outside unit with a z-ordered scan; it must give
// exactly the bridges of comparing every pair (the definition), ties and floating units included.
import { describe, expect, it } from 'vitest';
import { bridgeComponents, graphComponents, type Csr } from '../../../workers/domain/align/graph';
import { chord2, toSphere, type Points3 } from '../../../workers/domain/align/sphere';

/** The definition: every pair compared, first strict improvement kept (u, then v, ascending). */
function bridgesByAllPairs(
  n: number,
  g: Csr,
  floating: Uint8Array,
  pts: Points3,
): [number, number][] {
  const { label, count } = graphComponents(n, g, floating);
  if (count <= 1) return [];
  const size = new Int32Array(count);
  for (let u = 0; u < n; u++) if (label[u]! >= 0) size[label[u]!]!++;
  let largest = 0;
  for (let c = 1; c < count; c++) if (size[c]! > size[largest]!) largest = c;
  const best = new Float64Array(count).fill(Infinity);
  const pair: ([number, number] | null)[] = new Array(count).fill(null);
  for (let u = 0; u < n; u++) {
    const c = label[u]!;
    if (c < 0 || c === largest) continue;
    for (let v = 0; v < n; v++) {
      const cv = label[v]!;
      if (cv < 0 || cv === c) continue;
      const d = chord2(pts, u, pts, v);
      if (d < best[c]!) {
        best[c] = d;
        pair[c] = [u, v];
      }
    }
  }
  return pair.filter((p): p is [number, number] => p !== null);
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** n units on a coarse lat/lon grid (many share a position), edges only between near neighbours. */
function instance(seed: number, n: number): { g: Csr; floating: Uint8Array; pts: Points3 } {
  const r = random(seed);
  const lat = Array.from({ length: n }, () => 30 + Math.round(r() * 40) / 2);
  // All inside the contiguous states' region (offshoreRegion 0), where the rule is the plain one.
  const lon = Array.from({ length: n }, () => -125 + Math.round(r() * 90) / 2);
  if (seed % 3 === 0) lat[1] = NaN; // a unit without coordinates
  const adj: number[][] = Array.from({ length: n }, () => []);
  for (let u = 0; u < n; u++)
    for (let v = u + 1; v < n; v++)
      if (Math.abs(lat[u]! - lat[v]!) + Math.abs(lon[u]! - lon[v]!) < 2.5 && r() < 0.5) {
        adj[u]!.push(v);
        adj[v]!.push(u);
      }
  const start = new Int32Array(n + 1);
  adj.forEach((a, u) => (start[u + 1] = start[u]! + a.length));
  const floating = Uint8Array.from({ length: n }, () => (r() < 0.05 ? 1 : 0));
  return { g: { start, list: Int32Array.from(adj.flat()) }, floating, pts: toSphere(lat, lon) };
}

describe('bridging disconnected unit graphs', () => {
  it('adds the same bridges as comparing every pair, round after round', () => {
    let bridges = 0;
    let rounds = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const n = 30 + (seed % 7) * 25;
      const { g, floating, pts } = instance(seed, n);
      const got = bridgeComponents(n, g, floating, pts);
      let graph = g;
      const expected: [number, number][] = [];
      for (let round = 0; round < 64; round++) {
        const added = bridgesByAllPairs(n, graph, floating, pts);
        if (added.length === 0) break;
        expected.push(...added);
        graph = withAll(n, graph, added);
        rounds++;
      }
      expect(got.bridges, `seed ${seed}`).toEqual(expected);
      bridges += expected.length;
    }
    expect(bridges).toBeGreaterThan(100); // the instances do fall apart, several rounds deep
    expect(rounds).toBeGreaterThan(60);
  });
});

function withAll(n: number, g: Csr, edges: [number, number][]): Csr {
  const adj: number[][] = Array.from({ length: n }, (_, u) =>
    Array.from(g.list.subarray(g.start[u]!, g.start[u + 1]!)),
  );
  for (const [a, b] of edges) {
    adj[a]!.push(b);
    adj[b]!.push(a);
  }
  const start = new Int32Array(n + 1);
  adj.forEach((a, u) => (start[u + 1] = start[u]! + a.length));
  return { start, list: Int32Array.from(adj.flat()) };
}
