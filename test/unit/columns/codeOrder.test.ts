import { describe, expect, it } from 'vitest';
import { applyCodeOrder, planCodeOrder } from '../../../workers/domain/codeOrder';

const u32 = (xs: number[]) => Uint32Array.from(xs);

/** Reference: stable sort of record indexes by code (codes ≥ codeCount last). */
function reference(codes: number[], codeCount: number): number[] {
  return codes
    .map((c, i) => [Math.min(c, codeCount), i] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .map(([, i]) => i);
}

function check(codes: number[], codeCount: number, expectKind: 'inOrder' | 'runs' | 'scatter') {
  const layout = planCodeOrder(u32(codes), codes.length, codeCount);
  const kind = layout.inOrder ? 'inOrder' : layout.runs ? 'runs' : 'scatter';
  expect(kind).toBe(expectKind);
  const ids = Int32Array.from(codes, (_, i) => i); // each record carries its input position
  const out = applyCodeOrder(layout, ids, (n) => new Int32Array(n));
  expect(Array.from(out)).toEqual(reference(codes, codeCount));
  // start[c]..start[c+1] covers exactly the records of code c
  for (let c = 0; c < codeCount; c++) {
    const run = Array.from(out.subarray(layout.start[c]!, layout.start[c + 1]!));
    expect(run.every((i) => codes[i] === c)).toBe(true);
    expect(run.length).toBe(codes.filter((x) => x === c).length);
  }
  return { layout, out };
}

describe('code order of volume records', () => {
  it('leaves records already in code order where they are (same array, no copy)', () => {
    const { layout, out } = check([1, 1, 2, 5, 5, 5], 6, 'inOrder');
    expect(Array.from(layout.start)).toEqual([0, 0, 2, 3, 3, 3, 6]);
    expect(out.length).toBe(6);
  });

  it('merges a few sorted segments (one per import) by copying per-code runs, stably', () => {
    const seg = (k: number) =>
      Array.from({ length: 200 }, (_, i) => 1 + ((i * 7 + k) % 9)).sort((a, b) => a - b);
    check([...seg(0), ...seg(3), ...seg(5)], 10, 'runs');
  });

  it('sorts unsorted records (workspaces written before imports sorted them) stably', () => {
    const codes = Array.from({ length: 500 }, (_, i) => (i * 37) % 11);
    check(codes, 11, 'scatter');
  });

  it('puts records whose code is beyond the code table after all known codes', () => {
    const { layout, out } = check([3, 9, 1, 12, 2, 3, 1, 0, 2], 4, 'scatter');
    expect(layout.start[4]).toBe(7);
    expect(Array.from(out.subarray(7))).toEqual([1, 3]);
  });

  it('handles no records', () => {
    const layout = planCodeOrder(new Uint32Array(0), 0, 3);
    expect(layout.inOrder).toBe(true);
    expect(Array.from(layout.start)).toEqual([0, 0, 0, 0]);
  });
});
