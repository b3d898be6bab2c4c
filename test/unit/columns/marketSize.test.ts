import { describe, expect, it } from 'vitest';
import {
  sizeMarket,
  type MarketScratch,
  type MarketVolumes,
} from '../../../workers/domain/marketSize';
import { applyCodeOrder, planCodeOrder } from '../../../workers/domain/codeOrder';

// 40 codes, 50 providers, 2 years; records put in code order the way the engine keeps them
function volumes(): { v: MarketVolumes; start: Int32Array } {
  const n = 3000;
  const code = Uint32Array.from({ length: n }, (_, i) => 1 + ((i * 13) % 40));
  const layout = planCodeOrder(code, n, 41);
  const col = <T extends Uint32Array | Int32Array | Uint16Array | Float32Array>(
    a: T,
    make: (k: number) => T,
  ) => applyCodeOrder(layout, a, make);
  const v: MarketVolumes = {
    count: n,
    code: col(code, (k) => new Uint32Array(k)),
    provider: col(
      Int32Array.from({ length: n }, (_, i) => (i % 7 === 0 ? -1 : (i * 31) % 50)),
      (k) => new Int32Array(k),
    ),
    year: col(
      Uint16Array.from({ length: n }, (_, i) => 2021 + (i % 2)),
      (k) => new Uint16Array(k),
    ),
    beneficiaries: col(
      Float32Array.from({ length: n }, (_, i) => i % 5),
      (k) => new Float32Array(k),
    ),
    services: col(
      Float32Array.from({ length: n }, (_, i) => 1 + (i % 3)),
      (k) => new Float32Array(k),
    ),
    payment: col(
      Float32Array.from({ length: n }, (_, i) => i % 11),
      (k) => new Float32Array(k),
    ),
  };
  return { v, start: layout.start };
}

/** Straightforward reference: distinct providers via Sets. */
function reference(v: MarketVolumes, codeIds: number[], year: number) {
  const all = new Set<number>();
  let services = 0;
  const byCode = codeIds.map((c) => {
    const ps = new Set<number>();
    let s = 0;
    for (let i = 0; i < v.count; i++) {
      if (v.code[i] !== c || v.year[i] !== year) continue;
      s += v.services[i]!;
      if (v.provider[i]! >= 0) ps.add(v.provider[i]!);
    }
    ps.forEach((p) => all.add(p));
    services += s;
    return [ps.size, s];
  });
  return { providers: all.size, services, byCode };
}

describe('market sizing over code-ordered records', () => {
  it('gives the same answers with reused mark buffers, across code sets of different sizes', () => {
    const { v, start } = volumes();
    const scratch: MarketScratch = { marks: new Uint32Array(0), anyMark: new Uint8Array(0) };
    const sets = [[1, 2, 3], Array.from({ length: 40 }, (_, i) => i + 1), [5], [7, 9, 11, 13]];
    for (const codeIds of [...sets, ...sets]) {
      for (const year of [2021, 2022]) {
        const q = { codeIds, year, providerCount: 50, index: { start } };
        const got = sizeMarket(v, { ...q, scratch });
        const ref = reference(v, codeIds, year);
        expect(got.totals.providers).toBe(ref.providers);
        expect(got.totals.services).toBeCloseTo(ref.services, 6);
        expect(got.byCode.map((b) => [b.providers, b.services])).toEqual(ref.byCode);
        expect(sizeMarket(v, q)).toEqual(got); // fresh buffers
        expect(sizeMarket(v, { codeIds, year, providerCount: 50 })).toEqual(got); // full scan, no index
      }
    }
    expect(scratch.marks.length).toBe(100); // grew to 2 words per provider for 40 codes
  });
});
