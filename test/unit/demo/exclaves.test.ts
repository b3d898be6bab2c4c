import { describe, expect, it } from 'vitest';
import { mergeExclaves, type ZipGraph } from '../../../workers/domain/demo/exclaves';

/** Undirected graph in CSR form from an edge list. */
function graph(n: number, edges: [number, number][]): ZipGraph {
  const adj: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of edges) {
    adj[a]!.push(b);
    adj[b]!.push(a);
  }
  const start = new Int32Array(n + 1);
  adj.forEach((list, i) => (start[i + 1] = start[i]! + list.length));
  return { start, list: Int32Array.from(adj.flat()) };
}

describe('mergeExclaves', () => {
  it('hands detached pieces to the territory they border and keeps each main body', () => {
    // path 0-1-2-3-4-5-6; territory 1 has a stray ZIP 2 inside territory 0, territory 0 a stray ZIP 3
    const g = graph(7, [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
      [5, 6],
    ]);
    const assign = Int32Array.from([0, 0, 1, 0, 1, 1, -1]);
    const weight = [5, 5, 1, 1, 5, 5, 0];
    expect(Array.from(mergeExclaves(assign, g, weight))).toEqual([0, 0, 0, 1, 1, 1, -1]);
  });

  it('fills ZIPs without accounts before judging contiguity and leaves islands alone', () => {
    // 0-1-2 and 3-4-5 are two chains; 6 is an island with its own territory
    const g = graph(7, [
      [0, 1],
      [1, 2],
      [3, 4],
      [4, 5],
      [2, 3],
    ]);
    const assign = Int32Array.from([0, -1, 0, 1, -1, 1, 2]);
    const weight = [3, 0, 3, 3, 0, 3, 1];
    expect(Array.from(mergeExclaves(assign, g, weight))).toEqual([0, -1, 0, 1, -1, 1, 2]);
  });

  it('never empties a territory: its heaviest piece stays', () => {
    const g = graph(4, [
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    const assign = Int32Array.from([0, 1, 0, 0]);
    const weight = [1, 1, 1, 1];
    const out = Array.from(mergeExclaves(assign, g, weight));
    expect(out).toContain(1);
    expect(out).toContain(0);
  });
});
