// Scores every provider for a market in a few passes over typed arrays (no row objects; the volume
// sums are in accumulate.ts):
// potential = Σ volume(measure) × code weight × site-of-care weight over the scored year;
// accessible = potential × access score (if used) × no-see factor × (1 − competitor discount) × 0 for
// locked-out health systems; tiers by accessible potential; calls and workload hours by tier.
import type { MarketDefinition } from '../../common/contract/scoring';
import { resolveCodeWeights } from './codeWeights';
import { assignTiers, tierThresholds } from './tiers';
import {
  accumulateVolumes,
  type Measure,
  type ProviderVolumeTotals,
  type Sums,
  type VolumeCodeIndex,
} from './accumulate';

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
  /**
   * The provider column with at least records [from, to) filled in, when the column is filled lazily
   * (mapping 10 M NPIs to providers costs ~0.4 s; a procedure market reads a small share of them).
   */
  providerRun?(from: number, to: number): Int32Array;
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
  /** Per-code record ranges when `volumes` are grouped by code: only the market's codes are read. */
  codeIndex?: VolumeCodeIndex;
  /** Cached per-provider totals of a measure and year (see accumulate.ts): the "every code" market skips the records. */
  totals?: (measure: Measure, years: number[]) => ProviderVolumeTotals[];
  /** Reusable Float64 accumulators (length ≥ providers). */
  scratch?: Sums;
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

/**
 * History (last year's volume, the index's "history" part) comes only from a recent year: a claims
 * file ten years old describes other practices, other codes and partly other providers, and would
 * tilt the balance towards whoever happened to bill then.
 */
export const MAX_HISTORY_GAP_YEARS = 2;

export function scoringYears(
  years: number[],
  wanted?: number,
): { year: number | null; historyYear: number | null } {
  const year = wanted ?? years[years.length - 1] ?? null;
  if (year === null) return { year: null, historyYear: null };
  const earlier = years.filter((y) => y < year && y >= year - MAX_HISTORY_GAP_YEARS);
  return { year, historyYear: earlier[earlier.length - 1] ?? null };
}

/** 1 per specialty index the market keeps; null when the market keeps every specialty. */
function allowedSpecialties(p: ScoringProviders, m: MarketDefinition): Uint8Array | null {
  if (m.specialties.length === 0) return null;
  const wanted = new Set(m.specialties.map((s) => s.trim().toLowerCase()));
  // specialty indexes beyond the dictionary (never written) stay 0 = not kept
  const keep = new Uint8Array(65_536);
  p.specialties.forEach((s, i) => (keep[i] = wanted.has(s.trim().toLowerCase()) ? 1 : 0));
  return keep;
}

function lockedOutSystems(p: ScoringProviders, m: MarketDefinition): Uint8Array {
  const out = new Uint8Array(p.systems.length);
  const names = new Set(m.lockedOutSystems.map((s) => s.trim().toLowerCase()));
  p.systems.forEach((s, i) => {
    if (names.has(s.id.toLowerCase()) || names.has(s.name.toLowerCase())) out[i] = 1;
  });
  return out;
}

function sumVolumes(
  input: ScoringInput,
  years: { year: number | null; historyYear: number | null },
  out: ProviderScoreColumns,
): void {
  const { market: m } = input;
  const n = out.potential.length;
  const codeWeight = resolveCodeWeights(input.codes, m);
  out.unmatchedCodes = codeWeight.unmatched;
  const cw = codeWeight.weight;
  // One weight per (code, site of care): code weight × site weight, so the record loops do one lookup.
  const unknownSite = (m.siteOfCare.facility + m.siteOfCare.office) / 2;
  const siteWeight = [unknownSite, m.siteOfCare.facility, m.siteOfCare.office, unknownSite];
  const weight = new Float32Array(cw.length * 4);
  for (let c = 0; c < cw.length; c++)
    for (let s = 0; s < 4; s++) weight[c * 4 + s] = cw[c]! * siteWeight[s]!;
  const sums = scratchSums(input.scratch, n);
  accumulateVolumes(
    {
      volumes: input.volumes,
      weight,
      codeCount: cw.length,
      measure: m.measure,
      year: years.year ?? -1,
      historyYear: years.historyYear ?? -1,
      index: input.codeIndex,
      totals: input.totals ? (ys) => input.totals!(m.measure, ys) : undefined,
    },
    sums,
    n,
  );
  out.potential.set(sums.potential.subarray(0, n));
  out.history.set(sums.history.subarray(0, n));
  out.volume.set(sums.volume.subarray(0, n));
}

/** The caller's reusable accumulators when big enough (no 24 MB of garbage per re-score), else new ones. */
function scratchSums(scratch: Sums | undefined, n: number): Sums {
  if (
    scratch &&
    scratch.potential.length >= n &&
    scratch.history.length >= n &&
    scratch.volume.length >= n
  )
    return scratch;
  return {
    potential: new Float64Array(n),
    history: new Float64Array(n),
    volume: new Float64Array(n),
  };
}

/**
 * Specialty filter, access score, no-see factor, competitor discount and health-system lock-outs:
 * accessible potential and access difficulty per provider (one pass, fields hoisted out of the loop).
 */
function applyAccess(input: ScoringInput, out: ProviderScoreColumns): void {
  const { providers: p, market: m } = input;
  const n = p.count;
  const keep = allowedSpecialties(p, m);
  const lockedOut = lockedOutSystems(p, m);
  const discount =
    m.competitorLockIn.manufacturers.length > 0 ? 1 - m.competitorLockIn.discount : 1;
  const competitor = input.competitor && discount !== 1 ? input.competitor : null;
  const useAccess = m.access.useImportedScores;
  const noSeeFactor = m.access.noSeeFactor;
  const { potential, history, volume, accessiblePotential, accessDifficulty } = out;
  const { specialty, access, noSee, system } = p;
  for (let i = 0; i < n; i++) {
    if (keep !== null && keep[specialty[i]!] === 0) {
      potential[i] = 0;
      history[i] = 0;
      volume[i] = 0;
      continue;
    }
    const a = useAccess ? access[i]! : 1;
    const ns = noSee[i] !== 0;
    accessDifficulty[i] = ns ? 1 : 1 - a;
    let f = ns ? a * noSeeFactor : a;
    if (competitor !== null && competitor[i] !== 0) f *= discount;
    const s = system[i]!;
    if (s >= 0 && lockedOut[s] === 1) f = 0;
    accessiblePotential[i] = potential[i]! * f;
  }
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
  sumVolumes(input, years, out);
  applyAccess(input, out);
  out.thresholds = tierThresholds(out.accessiblePotential, m.tiers.aShare, m.tiers.bShare);
  assignTiers(out.accessiblePotential, out.thresholds, out.tier);
  const calls = Float32Array.of(0, m.callsPerYear.A, m.callsPerYear.B, m.callsPerYear.C);
  const hours = Float32Array.of(
    0,
    (m.callsPerYear.A * m.callMinutes.A) / 60,
    (m.callsPerYear.B * m.callMinutes.B) / 60,
    (m.callsPerYear.C * m.callMinutes.C) / 60,
  );
  const { tier, callsPerYear, workloadHours } = out;
  for (let i = 0; i < n; i++) {
    const t = tier[i]! & 3;
    callsPerYear[i] = calls[t]!;
    workloadHours[i] = hours[t]!;
  }
  return out;
}
