import { describe, expect, it } from 'vitest';
import { parseMarket } from '../../../workers/domain/market/schema';
import {
  allCodesMarket,
  medtechPreset,
  pharmaPreset,
} from '../../../workers/domain/market/presets';
import { resolveCodeWeights } from '../../../workers/domain/scoring/codeWeights';
import {
  scoreProviders,
  scoringYears,
  type ScoringProviders,
  type ScoringVolumes,
} from '../../../workers/domain/scoring/scoreProviders';
import { summarizeScores } from '../../../workers/domain/scoring/summary';
import type { MarketDefinition } from '../../../workers/common/contract/scoring';

const codes = ['', '27447', '27130', '99213', 'E119', 'E1165', 'J1745'];

function providers(n: number, opts: Partial<ScoringProviders> = {}): ScoringProviders {
  return {
    count: n,
    specialty: new Uint16Array(n),
    specialties: ['Orthopedic Surgery', 'Cardiology'],
    system: new Int32Array(n).fill(-1),
    systems: [{ id: 'S1', name: 'Mercy Health' }],
    access: new Float32Array(n).fill(1),
    noSee: new Uint8Array(n),
    ...opts,
  };
}

type Row = [provider: number, code: number, pos: number, year: number, services: number];
function volumes(rows: Row[]): ScoringVolumes {
  const n = rows.length;
  const v: ScoringVolumes = {
    count: n,
    provider: new Int32Array(n),
    code: new Uint32Array(n),
    pos: new Uint8Array(n),
    year: new Uint16Array(n),
    beneficiaries: new Float32Array(n),
    services: new Float32Array(n),
    payment: new Float32Array(n),
  };
  rows.forEach(([p, c, pos, y, s], i) => {
    v.provider[i] = p;
    v.code[i] = c;
    v.pos[i] = pos;
    v.year[i] = y;
    v.services[i] = s;
    v.beneficiaries[i] = s / 2;
    v.payment[i] = s * 100;
  });
  return v;
}

const market = (over: Partial<MarketDefinition> = {}): MarketDefinition => {
  const r = parseMarket({ ...medtechPreset('Test'), ...over });
  if (!r.ok) throw new Error(r.message);
  return r.market;
};

describe('market definition', () => {
  it('accepts both presets and the default market, normalising index weights to sum 1', () => {
    for (const m of [medtechPreset(), pharmaPreset(), allCodesMarket()]) {
      const r = parseMarket(m);
      expect(r.ok).toBe(true);
    }
    const r = parseMarket(pharmaPreset());
    if (!r.ok) throw new Error('pharma preset must be valid');
    expect(r.market.indexWeights).toEqual({
      workload: 0.4,
      potential: 0.3,
      history: 0.1,
      access: 0.2,
    });
  });

  it('names the offending field in validation errors', () => {
    const r = parseMarket({
      ...medtechPreset(),
      codeSets: [{ name: 'x', codes: ['27447'], weight: -1 }],
      tiers: { aShare: 0.8, bShare: 0.5 },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.field)).toEqual(
      expect.arrayContaining(['codeSets[0].weight', 'tiers']),
    );
    expect(r.message).toMatch(/codeSets\[0\]\.weight: weight must be ≥ 0/);
    const bad = parseMarket({
      name: 'x',
      codeSets: [{ name: 'a', codes: ['not a code!'] }],
      colour: 'red',
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/codeSets\[0\]\.codes\[0\]/);
    if (!bad.ok) expect(bad.message).toMatch(/colour/);
  });

  it('fills defaults (A 24 / B 12 / C 4 calls, deciles 10 % / 20 %)', () => {
    const r = parseMarket({ name: 'Minimal', codeSets: [{ name: 'k', codes: ['27447'] }] });
    if (!r.ok) throw new Error(r.message);
    expect(r.market.callsPerYear).toEqual({ A: 24, B: 12, C: 4 });
    expect(r.market.tiers).toEqual({ aShare: 0.1, bShare: 0.2 });
    expect(r.market.measure).toBe('services');
  });
});

describe('code weights', () => {
  it('matches exact codes, ICD-10 with or without dot, prefixes and the wildcard; largest weight wins', () => {
    const w = resolveCodeWeights(
      codes,
      market({
        codeSets: [
          { name: 'a', codes: ['27447', 'E11.9'], weight: 2 },
          { name: 'b', codes: ['E11*', '27447', 'Z99'], weight: 1 },
        ],
      }),
    );
    expect([...w.weight]).toEqual([0, 2, 0, 0, 2, 1, 0]);
    expect(w.unmatched).toEqual(['Z99']);
    const all = resolveCodeWeights(
      codes,
      market({ codeSets: [{ name: 'all', codes: ['*'], weight: 1 }] }),
    );
    expect(all.matched).toBe(6);
  });
});

describe('scoreProviders', () => {
  it('computes potential with code and site-of-care weights for the latest year, history from the prior year', () => {
    const m = market({
      codeSets: [{ name: 'tka', codes: ['27447'], weight: 2 }],
      siteOfCare: { facility: 1, office: 0.5 },
    });
    const s = scoreProviders({
      providers: providers(3),
      volumes: volumes([
        [0, 1, 1, 2022, 10], // facility: 10 × 2 × 1 = 20
        [0, 1, 2, 2022, 4], //  office: 4 × 2 × 0.5 = 4
        [0, 3, 2, 2022, 100], // not a market code
        [1, 1, 0, 2022, 2], //  unknown site: 2 × 2 × 0.75 = 3
        [1, 1, 1, 2021, 5], //  history: 5 × 2 = 10
        [-1, 1, 1, 2022, 50], // NPI without a provider row
      ]),
      codes,
      market: m,
    });
    expect(s.year).toBe(2022);
    expect(s.historyYear).toBe(2021);
    expect([...s.potential]).toEqual([24, 3, 0]);
    expect([...s.volume]).toEqual([14, 2, 0]);
    expect([...s.history]).toEqual([0, 10, 0]);
  });

  it('takes history only from a recent year (at most two years before the scored year)', () => {
    expect(scoringYears([2012, 2022])).toEqual({ year: 2022, historyYear: null });
    expect(scoringYears([2012, 2020, 2022])).toEqual({ year: 2022, historyYear: 2020 });
    expect(scoringYears([2019, 2020, 2021, 2022])).toEqual({ year: 2022, historyYear: 2021 });
    expect(scoringYears([2012, 2013, 2022], 2013)).toEqual({ year: 2013, historyYear: 2012 });
    expect(scoringYears([])).toEqual({ year: null, historyYear: null });
  });

  it('applies specialty filter, access scores, no-see, competitor discount and IDN lock-outs', () => {
    const p = providers(6, {
      specialty: Uint16Array.from([0, 1, 0, 0, 0, 0]),
      access: Float32Array.from([1, 1, 0.5, 1, 1, 1]),
      noSee: Uint8Array.from([0, 0, 0, 1, 0, 0]),
      system: Int32Array.from([-1, -1, -1, -1, -1, 0]),
    });
    const rows: Row[] = [0, 1, 2, 3, 4, 5].map((i) => [i, 1, 1, 2022, 100]);
    const s = scoreProviders({
      providers: p,
      volumes: volumes(rows),
      codes,
      market: market({
        codeSets: [{ name: 'tka', codes: ['27447'], weight: 1 }],
        specialties: ['orthopedic surgery'],
        access: { useImportedScores: true, noSeeFactor: 0.2 },
        competitorLockIn: { manufacturers: ['Stryker'], discount: 0.25 },
        lockedOutSystems: ['mercy health'],
      }),
      competitor: Uint8Array.from([0, 0, 0, 0, 1, 0]),
    });
    expect([...s.potential]).toEqual([100, 0, 100, 100, 100, 100]);
    expect([...s.accessiblePotential].map((x) => Math.round(x * 100) / 100)).toEqual([
      100, 0, 50, 20, 75, 0,
    ]);
    expect(s.accessDifficulty[2]).toBeCloseTo(0.5);
    expect(s.accessDifficulty[3]).toBe(1);
    expect(s.tier[1]).toBe(0);
    expect(s.tier[5]).toBe(0);
  });

  it('tiers by accessible potential: top 10 % A, next 20 % B, rest C, with calls and workload hours', () => {
    const n = 20;
    const rows: Row[] = Array.from({ length: n }, (_, i) => [i, 1, 1, 2022, i + 1]);
    const s = scoreProviders({
      providers: providers(n),
      volumes: volumes(rows),
      codes,
      market: market({ codeSets: [{ name: 't', codes: ['27447'], weight: 1 }] }),
    });
    const tiers = [...s.tier];
    expect(tiers.filter((t) => t === 1)).toHaveLength(2);
    expect(tiers.filter((t) => t === 2)).toHaveLength(4);
    expect(tiers.filter((t) => t === 3)).toHaveLength(14);
    expect(tiers[19]).toBe(1);
    expect(tiers[15]).toBe(2);
    expect(s.callsPerYear[19]).toBe(24);
    expect(s.workloadHours[19]).toBeCloseTo((24 * 30) / 60);
    expect(s.workloadHours[0]).toBeCloseTo((4 * 15) / 60);
    const sum = summarizeScores(s);
    expect(sum.tiers.A.providers).toBe(2);
    expect(sum.tiers.A.potential).toBe(39);
    expect(sum.totalPotential).toBe(210);
  });

  it('honours edited tier thresholds', () => {
    const n = 10;
    const rows: Row[] = Array.from({ length: n }, (_, i) => [i, 1, 1, 2022, i + 1]);
    const s = scoreProviders({
      providers: providers(n),
      volumes: volumes(rows),
      codes,
      market: market({
        codeSets: [{ name: 't', codes: ['27447'], weight: 1 }],
        tiers: { aShare: 0.3, bShare: 0.5 },
      }),
    });
    expect([...s.tier]).toEqual([3, 3, 2, 2, 2, 2, 2, 1, 1, 1]);
  });
});
