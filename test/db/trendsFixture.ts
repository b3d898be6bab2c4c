// The two claims years of the trends and refresh tests: the real CMS CY2012 excerpt and a CY2013
// derived from it by documented, seeded perturbations, with independent computations from the bytes.
//
// Perturbations per NPI of the excerpt (seeded, so the same file every run):
//   8 % retire (no 2013 rows)            → "gone" when they billed ≥ minVolume
//   12 % grow ×1.64 (every row)          → "rising"
//   12 % halve (×0.5, rounded)           → "falling"
//   the rest keep their rows, ×1.05 for a third of them → "stable"
//   40 new NPIs (valid Luhn check digit) copy a random provider's 2012 rows → "new"
import { join } from 'node:path';
import type { MarketDefinition } from '../../workers/common/contract';
import { npiCheckDigit } from '../../workers/domain/demo/npi';

export const CY2012 = join(
  __dirname,
  '..',
  'fixtures',
  'real',
  'cms-provider-service-cy2012-excerpt.txt',
);
export const CODES = ['99213', '99214', '99215', '99232', '99233'];
export const MIN = 11;

export const market: MarketDefinition = {
  name: 'Office and hospital E/M',
  codeSets: [{ name: 'E/M', codes: CODES, weight: 1 }],
  measure: 'services',
  siteOfCare: { facility: 1, office: 1 },
  specialties: [],
  access: { useImportedScores: false, noSeeFactor: 0 },
  competitorLockIn: { manufacturers: [], discount: 0 },
  lockedOutSystems: [],
  tiers: { aShare: 0.1, bShare: 0.2 },
  callsPerYear: { A: 24, B: 12, C: 4 },
  callMinutes: { A: 20, B: 15, C: 10 },
  indexWeights: { workload: 0.6, potential: 0.3, history: 0.1, access: 0 },
};

export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export type Lines = { header: string; rows: string[][] };
export function readTsv(text: string): Lines {
  const [header, ...lines] = text.split('\n').filter((l) => l.length > 0);
  return { header: header!, rows: lines.map((l) => l.split('\t')) };
}

export function derive2013(src: Lines): { rows: string[][] } {
  const h = src.header.split('\t');
  const NPI = h.indexOf('npi');
  const CNT = h.indexOf('line_srvc_cnt');
  const rnd = lcg(2013);
  const fate = new Map<string, number>();
  for (const r of src.rows) if (!fate.has(r[NPI]!)) fate.set(r[NPI]!, rnd());
  const out: string[][] = [];
  const scale = (r: string[], f: number) => {
    const c = [...r];
    c[CNT] = String(Math.round(Number(r[CNT]) * f));
    return c;
  };
  for (const r of src.rows) {
    const u = fate.get(r[NPI]!)!;
    if (u < 0.08) continue;
    else if (u < 0.2) out.push(scale(r, 1.64));
    else if (u < 0.32) out.push(scale(r, 0.5));
    else if (u < 0.55) out.push(scale(r, 1.05));
    else out.push(r);
  }
  const npis = [...fate.keys()];
  for (let k = 0; k < 40; k++) {
    const donor = npis[Math.floor(rnd() * npis.length)]!;
    const id9 = 190_000_000 + k * 7919;
    const npi = `${id9}${npiCheckDigit(id9)}`;
    for (const r of src.rows)
      if (r[NPI] === donor) out.push(r.map((v, i) => (i === NPI ? npi : v)));
  }
  return { rows: out };
}

/** Independent: market services per NPI from the file rows. */
export function servicesByNpi(l: Lines): Map<string, number> {
  const h = l.header.split('\t');
  const [NPI, CODE, CNT] = [h.indexOf('npi'), h.indexOf('hcpcs_code'), h.indexOf('line_srvc_cnt')];
  const m = new Map<string, number>();
  for (const r of l.rows)
    if (CODES.includes(r[CODE]!)) m.set(r[NPI]!, (m.get(r[NPI]!) ?? 0) + Number(r[CNT]));
  return m;
}

export function classOf(a: number, b: number): string | null {
  if (a < MIN && b < MIN) return null;
  if (a < MIN) return 'new';
  if (b < MIN) return 'gone';
  const c = (b - a) / a;
  return c >= 0.2 ? 'rising' : c <= -0.2 ? 'falling' : 'stable';
}

/** Independent tiering: A = the top round(10 %) of providers with volume > 0 (ties stay up), B the next 20 %. */
export function tiersOf(v: Map<string, number>): Map<string, string> {
  const vals = [...v.values()].filter((x) => x > 0).sort((a, b) => b - a);
  const thA = vals[Math.round(vals.length * 0.1) - 1]!;
  const thB = vals[Math.round(vals.length * 0.3) - 1]!;
  return new Map(
    [...v].filter(([, x]) => x > 0).map(([npi, x]) => [npi, x >= thA ? 'A' : x >= thB ? 'B' : 'C']),
  );
}
