// Trend classes of providers between two claims years (the rules are documented on the contract's
// TrendClass). Pure: volume columns in, one class code per provider out.
import type { TrendClass, TrendThresholds } from '../../common/contract/trends';

export const DEFAULT_TREND_THRESHOLDS: TrendThresholds = {
  risingShare: 0.2,
  fallingShare: 0.2,
  minVolume: 11,
};

/** Class codes: 0 = no class (below minVolume in both years), then TREND_CLASSES order + 1. */
export const TREND_CODE: Record<TrendClass, number> = {
  new: 1,
  rising: 2,
  stable: 3,
  falling: 4,
  gone: 5,
};
export const TREND_OF_CODE: readonly (TrendClass | null)[] = [
  null,
  'new',
  'rising',
  'stable',
  'falling',
  'gone',
];

export function trendClassOf(from: number, to: number, t: TrendThresholds): TrendClass | null {
  const billedFrom = from >= t.minVolume;
  const billedTo = to >= t.minVolume;
  if (!billedFrom && !billedTo) return null;
  if (!billedFrom) return 'new';
  if (!billedTo) return 'gone';
  const change = (to - from) / from;
  if (change >= t.risingShare) return 'rising';
  if (change <= -t.fallingShare) return 'falling';
  return 'stable';
}

export function classifyTrends(
  from: Float32Array,
  to: Float32Array,
  t: TrendThresholds,
): Uint8Array {
  const out = new Uint8Array(from.length);
  for (let i = 0; i < from.length; i++) {
    const c = trendClassOf(from[i]!, to[i]!, t);
    out[i] = c === null ? 0 : TREND_CODE[c];
  }
  return out;
}

/** Compound yearly growth between two volumes `years` apart; null when it is undefined (from = 0). */
export function growthPerYear(from: number, to: number, years: number): number | null {
  if (from <= 0 || years <= 0) return null;
  return Math.pow(to / from, 1 / years) - 1;
}

/** Checks user thresholds: shares in (0, 10], minVolume ≥ 0. Returns the problem, or null. */
export function thresholdProblem(t: TrendThresholds): string | null {
  for (const k of ['risingShare', 'fallingShare'] as const) {
    const v = t[k];
    if (!Number.isFinite(v) || v <= 0 || v > 10)
      return `${k} must be a share above 0 and at most 10 (0.2 = 20 %), not ${v}`;
  }
  if (!Number.isFinite(t.minVolume) || t.minVolume < 0)
    return `minVolume must be a number ≥ 0, not ${t.minVolume}`;
  return null;
}
