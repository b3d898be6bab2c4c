import polygonClipping from 'polygon-clipping';
import { describe, expect, it } from 'vitest';
import { dissolveSharedEdges, type Position } from '../../../workers/domain/export/dissolve';

const square = (x: number, y: number, cw = false): Position[] => {
  const r: Position[] = [
    [x, y],
    [x + 1, y],
    [x + 1, y + 1],
    [x, y + 1],
  ];
  return cw ? r.reverse() : r;
};

function area(poly: Position[][][]): number {
  let a = 0;
  for (const p of poly)
    p.forEach((ring, i) => {
      let s = 0;
      for (let k = 0; k + 1 < ring.length; k++)
        s += ring[k]![0] * ring[k + 1]![1] - ring[k + 1]![0] * ring[k]![1];
      a += (i === 0 ? 1 : -1) * Math.abs(s / 2);
    });
  return a;
}

describe('shared-edge dissolve', () => {
  it("merges a ring of 8 cells into one polygon with a hole, whatever the cells' orientation", () => {
    const cells: Position[][] = [];
    for (let x = 0; x < 3; x++)
      for (let y = 0; y < 3; y++)
        if (x !== 1 || y !== 1) cells.push(square(x, y, (x + y) % 2 === 0));
    const out = dissolveSharedEdges(cells)!;
    expect(out).toHaveLength(1);
    expect(out[0]).toHaveLength(2);
    expect(area(out)).toBeCloseTo(8);
    const [first, ...rest] = cells.map((c) => [[...c, c[0]!]] as [number, number][][]);
    const reference = polygonClipping.union(first!, ...rest);
    expect(area(out)).toBeCloseTo(area(reference as Position[][][]));
  });
  it('keeps separate pieces apart; cells meeting at a T-junction stay touching pieces covering the same area', () => {
    expect(dissolveSharedEdges([square(0, 0), square(5, 5)])).toHaveLength(2);
    // Cell B's left edge has an extra vertex at (1, 0.5) that cell A's right edge lacks.
    const b: Position[] = [
      [1, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1, 0.5],
    ];
    const out = dissolveSharedEdges([square(0, 0), b])!;
    expect(area(out)).toBeCloseTo(2);
  });
  it('returns null when the leftover edges do not close into rings', () => {
    // Two cells listed with the same edge in the same direction (overlap) leave a dangling chain.
    const a: Position[] = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
    ];
    const bad: Position[] = [
      [0, 0],
      [1, 0],
      [0.5, -1],
    ];
    const out = dissolveSharedEdges([a, bad]);
    expect(out === null || area(out) > 0).toBe(true);
  });
});
