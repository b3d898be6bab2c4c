// The three ways of summing volumes (row scan, code runs, complement over cached totals) give the
// same scores, including records of codes outside the code table, unknown providers and two years.
import { describe, expect, it } from 'vitest';
import { parseMarket } from '../../../workers/domain/market/schema';
import {
  allCodesMarket,
  medtechPreset,
  pharmaPreset,
} from '../../../workers/domain/market/presets';
import {
  scoreProviders,
  type ScoringProviders,
  type ScoringVolumes,
} from '../../../workers/domain/scoring/scoreProviders';
import { providerVolumeTotals, type Sums } from '../../../workers/domain/scoring/accumulate';
import { planCodeOrder, applyCodeOrder } from '../../../workers/domain/codeOrder';
import { createRng } from '../../../workers/domain/align/prng';
import type { MarketDefinition } from '../../../workers/common/contract/scoring';

const codes = ['', '27447', '27130', '99213', '99214', 'E11.9', 'E11.65', 'J1745', 'G0008'];

function universe(n: number, rows: number): { p: ScoringProviders; v: ScoringVolumes } {
  const rng = createRng(3);
  const p: ScoringProviders = {
    count: n,
    specialty: Uint16Array.from({ length: n }, () => Math.floor(rng() * 2)),
    specialties: ['Orthopedic Surgery', 'Family Practice'],
    system: new Int32Array(n).fill(-1),
    systems: [],
    access: Float32Array.from({ length: n }, () => 0.5 + rng() / 2),
    noSee: new Uint8Array(n),
  };
  // codes 9 and 10 are outside the code table (ids the workspace no longer lists)
  const code = Uint32Array.from({ length: rows }, () => 1 + Math.floor(rng() * 10));
  const layout = planCodeOrder(code, rows, codes.length);
  const col = <T extends Float32Array | Int32Array | Uint8Array | Uint16Array>(
    make: (k: number) => T,
    f: () => number,
  ): T => {
    const a = make(rows);
    for (let i = 0; i < rows; i++) a[i] = f();
    return applyCodeOrder(layout, a, make);
  };
  const v: ScoringVolumes = {
    count: rows,
    provider: col(
      (k) => new Int32Array(k),
      () => (rng() < 0.05 ? -1 : Math.floor(rng() * n)),
    ),
    pos: col(
      (k) => new Uint8Array(k),
      () => Math.floor(rng() * 3),
    ),
    year: col(
      (k) => new Uint16Array(k),
      () => (rng() < 0.4 ? 2021 : 2022),
    ),
    services: col(
      (k) => new Float32Array(k),
      () => 11 + Math.floor(rng() * 90),
    ),
    beneficiaries: col(
      (k) => new Float32Array(k),
      () => 11 + Math.floor(rng() * 40),
    ),
    payment: col(
      (k) => new Float32Array(k),
      () => Math.round(rng() * 5000) / 4,
    ),
    code: applyCodeOrder(layout, Uint32Array.from(code), (k) => new Uint32Array(k)),
  };
  return { p, v };
}

function valid(m: unknown): MarketDefinition {
  const r = parseMarket(m);
  if (!r.ok) throw new Error(r.message);
  return r.market;
}

describe('volume accumulation', () => {
  const n = 300;
  const { p, v } = universe(n, 20_000);
  const index = { start: planCodeOrder(v.code, v.count, codes.length).start };
  const totals = (measure: MarketDefinition['measure'], years: number[]) =>
    providerVolumeTotals(v, n, measure, years);
  const scratch: Sums = {
    potential: new Float64Array(n),
    history: new Float64Array(n),
    volume: new Float64Array(n),
  };
  const markets = [
    allCodesMarket(),
    medtechPreset(),
    pharmaPreset(),
    // every code at 1 except a few: the complement path with corrections (one code at 0, one at 3)
    {
      ...allCodesMarket('Mostly all'),
      measure: 'payment',
      siteOfCare: { facility: 1, office: 0 },
      codeSets: [
        { name: 'all', codes: ['*'], weight: 1 },
        { name: 'boost', codes: ['27447'], weight: 3 },
      ],
    },
  ].map(valid);

  it.each(markets.map((m) => [m.name, m]))(
    'code runs and cached totals match the row scan for "%s"',
    (_name, m) => {
      const plain = scoreProviders({ providers: p, volumes: v, codes, market: m });
      const runs = scoreProviders({
        providers: p,
        volumes: v,
        codes,
        market: m,
        codeIndex: index,
        scratch,
      });
      const complement = scoreProviders({
        providers: p,
        volumes: v,
        codes,
        market: m,
        codeIndex: index,
        totals,
        scratch,
      });
      expect(plain.potential.some((x) => x > 0)).toBe(true);
      for (const s of [runs, complement]) {
        for (const key of ['potential', 'history', 'volume', 'accessiblePotential'] as const) {
          for (let i = 0; i < n; i++) expect(s[key][i]).toBeCloseTo(plain[key][i]!, 2);
        }
        expect(Array.from(s.tier)).toEqual(Array.from(plain.tier));
      }
    },
  );

  it('a provider with volume only in codes the market leaves out scores exactly 0 through the totals', () => {
    // two prefixes at 0.3 cover most records (common weight), 27447/27130 are left out
    const m = valid({
      ...allCodesMarket('Prefixes'),
      siteOfCare: { facility: 0.7, office: 0.2 },
      codeSets: [{ name: 'p', codes: ['99*', 'E*', 'J*', 'G*', '27130'], weight: 0.3 }],
    });
    const rows = v.count;
    // provider 0's records all moved to code 27447 (id 1, outside the market)
    const only = {
      ...v,
      provider: Int32Array.from(v.provider, (x, r) => (x === 0 && v.code[r] !== 1 ? 1 : x)),
    };
    expect(rows).toBeGreaterThan(0);
    const s = scoreProviders({
      providers: p,
      volumes: only,
      codes,
      market: m,
      codeIndex: index,
      totals: (measure, ys) => providerVolumeTotals(only, n, measure, ys),
      scratch,
    });
    const plain = scoreProviders({ providers: p, volumes: only, codes, market: m });
    expect(s.potential[0]).toBe(0);
    expect(s.tier[0]).toBe(0);
    expect(Array.from(s.tier)).toEqual(Array.from(plain.tier));
  });

  it('reused accumulators start from zero on every call', () => {
    const m = markets[0]!;
    const a = scoreProviders({
      providers: p,
      volumes: v,
      codes,
      market: m,
      codeIndex: index,
      totals,
      scratch,
    });
    const b = scoreProviders({
      providers: p,
      volumes: v,
      codes,
      market: m,
      codeIndex: index,
      totals,
      scratch,
    });
    expect(Array.from(b.potential)).toEqual(Array.from(a.potential));
  });
});
