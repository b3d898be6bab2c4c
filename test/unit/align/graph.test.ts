import { describe, expect, it } from 'vitest';
import { staysConnected, Walker, simpleGraph } from '../../../workers/domain/align/graph';
import { addTerritory, removeTerritory, solveAlignment } from '../../../workers/domain/align/index';
import { gridProblem, pieces } from './instances';

/** Adjacency with every unit listing itself and each neighbour twice (as some sources do). */
function withSelfLoopsAndDuplicates(
  start: Int32Array,
  list: Int32Array,
): { start: Int32Array; list: Int32Array } {
  const n = start.length - 1;
  const s = new Int32Array(n + 1);
  const l: number[] = [];
  for (let u = 0; u < n; u++) {
    l.push(u);
    for (let e = start[u]!; e < start[u + 1]!; e++) l.push(list[e]!, list[e]!);
    s[u + 1] = l.length;
  }
  return { start: s, list: Int32Array.from(l) };
}

describe('unit graph', () => {
  it('detects an articulation unit even when it lists itself as a neighbour', () => {
    // A path 0-1-2 in one territory: removing 1 splits it.
    const g = withSelfLoopsAndDuplicates(
      Int32Array.from([0, 1, 3, 4]),
      Int32Array.from([1, 0, 2, 1]),
    );
    const assign = Int32Array.from([0, 0, 0]);
    const floating = new Uint8Array(3);
    const walker = new Walker(3);
    expect(staysConnected({ u: 1, t: 0, assign, g, floating, walker })).toBe(false);
    expect(staysConnected({ u: 0, t: 0, assign, g, floating, walker })).toBe(true);
    const simple = simpleGraph(3, g);
    expect(Array.from(simple.list)).toEqual([1, 0, 2, 1]);
  });

  it('keeps territories contiguous on adjacency with self-loops and repeated edges', () => {
    const p = gridProblem({ rows: 24, cols: 24, k: 6, value: (r, c) => 1 + ((r * 3 + c * 7) % 5) });
    const g = withSelfLoopsAndDuplicates(p.adjStart, p.adjList);
    p.adjStart = g.start;
    p.adjList = g.list;
    const sol = solveAlignment(p);
    expect(pieces(p, sol.assignment, 6).every((x) => x === 1)).toBe(true);
    const added = addTerritory(p, sol.assignment);
    expect(pieces(p, added.assignment, 7).every((x) => x === 1)).toBe(true);
    const removed = removeTerritory(p, sol.assignment, 2);
    expect(pieces(p, removed.assignment, 5).every((x) => x === 1)).toBe(true);
  });
});
