import { describe, expect, it } from 'vitest';
import { createNpiIndex } from '../../../workers/domain/npiIndex';

describe('NPI → provider index', () => {
  // clustered and sparse NPIs, like real ones (1003000126 … 1993999998)
  const npis = [1003000126, 1003000134, 1003000142, 1104000001, 1104000002, 1500000000, 1993999998];
  const index = createNpiIndex(Float64Array.from(npis));

  it('finds every provider and nothing else', () => {
    npis.forEach((n, i) => expect(index.indexOf(n)).toBe(i));
    for (const n of [
      0,
      42,
      1003000125,
      1003000127,
      1104000003,
      1499999999,
      1993999999,
      2993999998,
      NaN,
    ]) {
      expect(index.indexOf(n)).toBe(-1);
    }
  });

  it('agrees with a Map over many random NPIs', () => {
    let seed = 7;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
    const set = new Set<number>();
    while (set.size < 5000) set.add(1000000000 + Math.floor(rand() ** 3 * 999999999));
    const sorted = Float64Array.from([...set].sort((a, b) => a - b));
    const big = createNpiIndex(sorted);
    const pos = new Map([...sorted].map((n, i) => [n, i]));
    for (let k = 0; k < 20000; k++) {
      const n =
        k % 2
          ? sorted[Math.floor(rand() * sorted.length)]!
          : 1000000000 + Math.floor(rand() * 999999999);
      expect(big.indexOf(n)).toBe(pos.get(n) ?? -1);
    }
  });

  it('maps a column of NPIs in place', () => {
    const col = Uint32Array.from([1104000002, 1104000002, 42, 1003000126, 1993999998]);
    const out = index.mapInPlace(col, col.length);
    expect(Array.from(out)).toEqual([4, 4, -1, 0, 6]);
    expect(out.buffer).toBe(col.buffer);
  });

  it('works with no providers and with one', () => {
    expect(createNpiIndex(new Float64Array(0)).indexOf(1003000126)).toBe(-1);
    const one = createNpiIndex(Float64Array.from([1003000126]));
    expect([one.indexOf(1003000126), one.indexOf(1003000127)]).toEqual([0, -1]);
  });
});
