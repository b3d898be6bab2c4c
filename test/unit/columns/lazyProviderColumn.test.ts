// The volume records' provider column filled in per code run (engine/columns/lazyProviderColumn.ts): any
// order of run requests and full reads gives exactly the column mapped in one pass.
import { describe, expect, it } from 'vitest';
import { createNpiIndex } from '../../../workers/domain/npiIndex';
import { lazyProviderColumn } from '../../../workers/engine/columns/lazyProviderColumn';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('provider column filled in per code run', () => {
  it('matches the column mapped in one pass, whatever runs are asked first', () => {
    const r = random(7);
    const providerNpis = Float64Array.from({ length: 500 }, (_, i) => 1000000000 + i * 37);
    const index = createNpiIndex(providerNpis);
    for (let trial = 0; trial < 30; trial++) {
      const count = 200 + Math.floor(r() * 800);
      // records grouped by code: starts of 12 codes, some empty, and a tail of unknown codes
      const starts = Array.from({ length: 13 }, () => Math.floor(r() * count)).sort(
        (a, b) => a - b,
      );
      // NPIs: known providers, some unknown NPIs, runs of repeats
      const npis = Uint32Array.from({ length: count }, () =>
        r() < 0.1 ? 1999999999 : providerNpis[Math.floor(r() * 500)]!,
      );
      const expected = Array.from(
        createNpiIndex(providerNpis).mapInPlace(Uint32Array.from(npis), count),
      );
      let reads = 0;
      const column = lazyProviderColumn({
        count,
        starts,
        index,
        readNpis: () => (reads++, Uint32Array.from(npis)),
      });
      for (let k = 0; k < 6; k++) {
        const from = Math.floor(r() * count);
        const to = Math.min(count, from + Math.floor(r() * 200));
        const got = column.run(from, to);
        expect(Array.from(got.subarray(from, to)), `trial ${trial} run ${from}–${to}`).toEqual(
          expected.slice(from, to),
        );
      }
      expect(Array.from(column.all())).toEqual(expected);
      expect(Array.from(column.run(0, count))).toEqual(expected);
      expect(reads).toBe(1);
    }
  });
});
