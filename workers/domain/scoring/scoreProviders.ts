// Scores every provider for a market in a few passes over typed arrays (no row objects):
// potential = Σ volume(measure) × code weight × site-of-care weight over the scored year;
// accessible = potential × access score (if used) × no-see factor × (1 − competitor discount) × 0 for
// locked-out health systems; tiers by accessible potential; calls and workload hours by tier.
import type { MarketDefinition } from '../../common/contract/scoring';
import { resolveCodeWeights } from './codeWeights';
import { assignTiers, tierThresholds } from './tiers';

/** The provider columns scoring reads (a structural subset of the engine's ProviderColumns). */
export type ScoringProviders = {
  count: number;
  specialty: Uint16Array;
  specialties: string[];
  system: Int32Array;
  systems: { id: string; name: string }[];
  access: Float32Array;
  noSee: Uint8Array;
};

export type ScoringVolumes = {
  count: number;
  provider: Int32Array;
  code: Uint32Array;
  pos: Uint8Array;
  year: Uint16Array;
  beneficiaries: Float32Array;
  services: Float32Array;
  payment: Float32Array;
};

export type ScoringInput = {
  providers: ScoringProviders;
  volumes: ScoringVolumes;
  /** Code strings indexed by codes.id. */
  codes: readonly string[];
  market: MarketDefinition;
  /** 1 = the provider has Open Payments relationships with one of the market's competitor manufacturers. */
  competitor?: Uint8Array;
  /** Distinct data years of `volumes` (ascending), when the caller has them cached; else computed. */
  dataYears?: number[];
};

export type ProviderScoreColumns = {
  market: string;
  definition: MarketDefinition;
  potential: Float32Array;
  accessiblePotential: Float32Array;
  tier: Uint8Array;
  callsPerYear: Float32Array;
  workloadHours: Float32Array;
  history: Float32Array;
  accessDifficulty: Float32Array;
  volume: Float32Array;
  year: number | null;
  historyYear: number | null;
  thresholds: { a: number; b: number };
  unmatchedCodes: string[];
};

/** Latest year with volume (or the market's year) and the latest earlier year, for history. */
export function dataYears(volumes: ScoringVolumes): number[] {
  const seen = new Set<number>();
  let last = -1;
  for (let i = 0; i < volumes.count; i++) {
    const y = volumes.year[i]!;
    if (y !== last) {
      seen.add(y);
      last = y;
    }
  }
  return [...seen].sort((a, b) => a - b);
}

export function scoringYears(years: number[], wanted?: number): { year: number | null; historyYear: number | null } {
  const year = wanted ?? years[years.length - 1] ?? null;
  if (year === null) return { year: null, historyYear: null };
  const earlier = years.filter((y) => y < year);
  return { year, historyYear: earlier[earlier.length - 1] ?? null };
}

function allowedProviders(p: ScoringProviders, m: MarketDefinition): Uint8Array {
  const allowed = new Uint8Array(p.count).fill(1);
  if (m.specialties.length > 0) {
    const wanted = new Set(m.specialties.map((s) => s.trim().toLowerCase()));
    const bySpecialty = p.specialties.map((s) => (wanted.has(s.trim().toLowerCase()) ? 1 : 0));
    for (let i = 0; i < p.count; i++) allowed[i] = bySpecialty[p.specialty[i]!] ?? 0;
  }
  return allowed;
}

function lockedOutSystems(p: ScoringProviders, m: MarketDefinition): Uint8Array {
  const out = new Uint8Array(p.systems.length);
  const names = new Set(m.lockedOutSystems.map((s) => s.trim().toLowerCase()));
  p.systems.forEach((s, i) => {
    if (names.has(s.id.toLowerCase()) || names.has(s.name.toLowerCase())) out[i] = 1;
  });
  return out;
}

function accumulateVolumes(input: ScoringInput, years: { year: number | null; historyYear: number | null }, out: ProviderScoreColumns): void {
  const { volumes: v, market: m } = input;
  const codeWeight = resolveCodeWeights(input.codes, m);
  out.unmatchedCodes = codeWeight.unmatched;
  const cw = codeWeight.weight;
  // One weight per (code, site of care): code weight × site weight, so the row loop does one lookup.
  const unknownSite = (m.siteOfCare.facility + m.siteOfCare.office) / 2;
  const siteWeight = [unknownSite, m.siteOfCare.facility, m.siteOfCare.office, unknownSite];
  const wt = new Float32Array(cw.length * 4);
  for (let c = 0; c < cw.length; c++) for (let s = 0; s < 4; s++) wt[c * 4 + s] = cw[c]! * siteWeight[s]!;
  const measure = m.measure === 'services' ? v.services : m.measure === 'beneficiaries' ? v.beneficiaries : v.payment;
  const year = years.year ?? -1;
  const historyYear = years.historyYear ?? -1;
  const potential = new Float64Array(out.potential.length);
  const history = new Float64Array(out.potential.length);
  const volume = out.volume;
  const codeCount = cw.length;
  for (let r = 0; r < v.count; r++) {
    const y = v.year[r]!;
    const current = y === year;
    if (!current && y !== historyYear) continue;
    const code = v.code[r]!;
    if (code >= codeCount) continue;
    const w = wt[(code << 2) | (v.pos[r]! & 3)]!;
    if (w === 0) continue;
    const p = v.provider[r]!;
    if (p < 0) continue;
    const raw = measure[r]!;
    if (current) {
      potential[p] = potential[p]! + raw * w;
      volume[p] = volume[p]! + raw;
    } else {
      history[p] = history[p]! + raw * w;
    }
  }
  out.potential.set(potential);
  out.history.set(history);
}

export function scoreProviders(input: ScoringInput): ProviderScoreColumns {
  const { providers: p, market: m } = input;
  const n = p.count;
  const years = scoringYears(input.dataYears ?? dataYears(input.volumes), m.year);
  const out: ProviderScoreColumns = {
    market: m.name,
    definition: m,
    potential: new Float32Array(n),
    accessiblePotential: new Float32Array(n),
    tier: new Uint8Array(n),
    callsPerYear: new Float32Array(n),
    workloadHours: new Float32Array(n),
    history: new Float32Array(n),
    accessDifficulty: new Float32Array(n),
    volume: new Float32Array(n),
    year: years.year,
    historyYear: years.historyYear,
    thresholds: { a: Infinity, b: Infinity },
    unmatchedCodes: [],
  };
  accumulateVolumes(input, years, out);
  const allowed = allowedProviders(p, m);
  const lockedOut = lockedOutSystems(p, m);
  const discount = m.competitorLockIn.manufacturers.length > 0 ? 1 - m.competitorLockIn.discount : 1;
  for (let i = 0; i < n; i++) {
    if (!allowed[i]) {
      out.potential[i] = 0;
      out.history[i] = 0;
      out.volume[i] = 0;
      continue;
    }
    const access = m.access.useImportedScores ? p.access[i]! : 1;
    out.accessDifficulty[i] = p.noSee[i] ? 1 : 1 - access;
    let f = access * (p.noSee[i] ? m.access.noSeeFactor : 1);
    if (input.competitor?.[i]) f *= discount;
    const s = p.system[i]!;
    if (s >= 0 && lockedOut[s]) f = 0;
    out.accessiblePotential[i] = out.potential[i]! * f;
  }
  out.thresholds = tierThresholds(out.accessiblePotential, m.tiers.aShare, m.tiers.bShare);
  assignTiers(out.accessiblePotential, out.thresholds, out.tier);
  const calls = [0, m.callsPerYear.A, m.callsPerYear.B, m.callsPerYear.C];
  const hours = [0, (m.callsPerYear.A * m.callMinutes.A) / 60, (m.callsPerYear.B * m.callMinutes.B) / 60, (m.callsPerYear.C * m.callMinutes.C) / 60];
  for (let i = 0; i < n; i++) {
    const t = out.tier[i]!;
    out.callsPerYear[i] = calls[t]!;
    out.workloadHours[i] = hours[t]!;
  }
  return out;
}
