// Balance targets per territory and the constraints that make perfect balance impossible:
// units or blocks bigger than the band, locks that overload a territory, invalid locks.

import type { SolverState } from './state';

export const BAND_LOW = 0.85;
export const BAND_HIGH = 1.15;
export const TIGHT = 0.05;

/**
 * Sets `s.target`: the mean value over territories that are not forced above it by locked
 * units, and the locked value for those that are. Records infeasibilities with their excess.
 */
export function computeTargets(s: SolverState): void {
  const { p, k, n } = s;
  let total = 0;
  const lockedLoad = new Float64Array(k);
  for (let u = 0; u < n; u++) {
    const v = p.value[u]!;
    total += v;
    const f = p.fixed[u]!;
    if (f >= 0 && f < k) lockedLoad[f]! += v;
  }
  const mean = total / k;
  const over = new Uint8Array(k);
  let rest = total;
  let restCount = k;
  for (let round = 0; round < k; round++) {
    const m = restCount > 0 ? rest / restCount : mean;
    let changed = false;
    for (let t = 0; t < k; t++) {
      if (over[t] || lockedLoad[t]! <= m) continue;
      over[t] = 1;
      rest -= lockedLoad[t]!;
      restCount--;
      changed = true;
    }
    if (!changed) break;
  }
  const m = restCount > 0 ? rest / restCount : mean;
  for (let t = 0; t < k; t++) s.target[t] = over[t] ? lockedLoad[t]! : m;
  reportOverloads(s, lockedLoad, mean);
}

function reportOverloads(s: SolverState, lockedLoad: Float64Array, mean: number): void {
  const { p, k, n } = s;
  for (let t = 0; t < k; t++) {
    if (lockedLoad[t]! > BAND_HIGH * mean) {
      s.infeasibilities.push({
        kind: 'locked-overload',
        territory: t,
        excess: lockedLoad[t]! - BAND_HIGH * mean,
        message:
          `Territory ${t + 1}: locked units and pinned accounts alone carry ` +
          `${ratio(lockedLoad[t]!, mean)} of the mean index, above the ${BAND_HIGH} band limit by ` +
          `${fmt(lockedLoad[t]! - BAND_HIGH * mean)}. Unlock some units or add a territory.`,
      });
    }
  }
  for (let u = 0; u < n; u++) {
    const v = p.value[u]!;
    const f = p.fixed[u]!;
    if (f >= k || f < -1) {
      s.infeasibilities.push({
        kind: 'lock-conflict',
        unit: u,
        message: `Unit ${p.ids[u]} is locked to territory ${f + 1}, which does not exist (there are ${k}); it was treated as unlocked.`,
      });
    }
    if (v > (1 + TIGHT) * mean && v <= BAND_HIGH * mean) {
      s.infeasibilities.push({
        kind: 'coarse-unit',
        unit: u,
        excess: v - (1 + TIGHT) * mean,
        message: `${p.floating[u] ? 'Block' : 'Unit'} ${p.ids[u]} alone carries ${ratio(v, mean)} of the mean territory index, so its territory cannot be within ±5 % (over by ${fmt(v - (1 + TIGHT) * mean)}); it stays within the band.`,
      });
    }
    if (v > BAND_HIGH * mean) {
      const what = p.floating[u] ? 'Block' : 'Unit';
      s.infeasibilities.push({
        kind: 'indivisible-unit',
        unit: u,
        excess: v - BAND_HIGH * mean,
        message:
          `${what} ${p.ids[u]} alone carries ${ratio(v, mean)} of the mean territory index and ` +
          `cannot be split; its territory exceeds the ${BAND_HIGH} band by ${fmt(v - BAND_HIGH * mean)}.`,
      });
    }
  }
}

function ratio(v: number, mean: number): string {
  return `${(v / mean).toFixed(2)}×`;
}

export function fmt(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3);
}

/** Sanitised lock of a unit: territory index, or -1 when free or invalid. */
export function lockOf(s: SolverState, u: number): number {
  const f = s.p.fixed[u]!;
  return f >= 0 && f < s.k ? f : -1;
}

/**
 * Free units worth more than a territory's target ("giants") end up alone in a territory: that
 * territory's target becomes the giants' value and the others share what is left evenly.
 * Territories with a target override (island territories, islands.ts) keep it.
 */
export function adjustTargetsForGiants(s: SolverState): void {
  const { p, k, n } = s;
  const giantIn = new Float64Array(k);
  const ov = s.targetOverride;
  const fixed = (t: number): boolean => ov !== null && !Number.isNaN(ov[t]!);
  let total = 0;
  for (let u = 0; u < n; u++) total += p.value[u]!;
  let fixedCount = 0;
  for (let t = 0; t < k; t++)
    if (fixed(t)) {
      total -= ov![t]!;
      fixedCount++;
    }
  let lockedOver = 0;
  let lockedCount = 0;
  const lockedLoad = new Float64Array(k);
  for (let u = 0; u < n; u++) {
    const f = lockOf(s, u);
    if (f >= 0) lockedLoad[f]! += p.value[u]!;
  }
  let m = total / Math.max(1, k - fixedCount);
  for (let round = 0; round < 4; round++) {
    giantIn.fill(0);
    lockedOver = 0;
    lockedCount = 0;
    let giantSum = 0;
    let giantTerr = 0;
    for (let t = 0; t < k; t++)
      if (!fixed(t) && lockedLoad[t]! > m) {
        lockedOver += lockedLoad[t]!;
        lockedCount++;
      }
    for (let u = 0; u < n; u++) {
      const t = s.assign[u]!;
      if (t >= 0 && !fixed(t) && lockOf(s, u) < 0 && p.value[u]! > m && lockedLoad[t]! <= m)
        giantIn[t]! += p.value[u]!;
    }
    for (let t = 0; t < k; t++)
      if (giantIn[t]! > 0) {
        giantSum += giantIn[t]! + lockedLoad[t]!;
        giantTerr++;
      }
    const rest = k - fixedCount - lockedCount - giantTerr;
    const next = rest > 0 ? (total - lockedOver - giantSum) / rest : m;
    if (Math.abs(next - m) < 1e-12 * (m || 1)) break;
    m = next;
  }
  for (let t = 0; t < k; t++) {
    if (fixed(t)) s.target[t] = ov![t]!;
    else if (lockedLoad[t]! > m) s.target[t] = lockedLoad[t]!;
    else if (giantIn[t]! > 0) s.target[t] = giantIn[t]! + lockedLoad[t]!;
    else s.target[t] = m;
  }
}
