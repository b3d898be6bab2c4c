// The transportation LP behind fixed home bases: every unit is shared (fractionally) among the
// homes, each home's Σ value stays inside a band around the mean, and Σ workload × drive minutes
// is minimised. Contiguity is relaxed, so its optimum is a lower bound on the travel of any
// balanced alignment around those homes (and its duals price the homes, the location-allocation
// the solver rounds). This module is pure: it builds the sparse model for a caller-supplied LP
// solver (HiGHS in the engine and the bench, `LpSolve` below) and runs column generation — the
// model starts with each unit's nearest homes and adds the (unit, home) pairs whose reduced cost
// is negative until none is, so the optimum is the full LP's and the bound is valid.

import type { AlignProblem } from './types';

/** Sparse LP in HiGHS' column layout: min c·x, rowLower ≤ A x ≤ rowUpper, colLower ≤ x ≤ colUpper. */
export type SparseLp = {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  /** CSC */
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
};

export type LpSolution = {
  status: string;
  objective: number;
  colValue: Float64Array;
  rowDual: Float64Array;
};
export type LpSolve = (lp: SparseLp) => LpSolution;

export type TransportBound = {
  /** Workload-weighted mean unit → home minutes of the LP optimum (the lower bound). */
  meanMinutes: number;
  /** Workload-weighted P90 of the same (fractional) assignment. */
  p90Minutes: number;
  /** The same bound without the balance band (every unit to its nearest home). */
  unbalancedMeanMinutes: number;
  /** Σ value the band could not hold (in mean territories); > 0 means the band is infeasible for these units. */
  bandViolation: number;
  /** Column-generation rounds, columns in the last model, LP status. */
  rounds: number;
  columns: number;
  status: string;
  /** Dual price per home of the band row (minutes × workload per unit of value). */
  homePrice: Float64Array;
  /** Largest share of a unit given to each home, per unit (argmax), -1 for units left out (no value, no workload). */
  majorityHome: Int32Array;
};

/** Cost per unit of value of breaking a band row (elastic columns): far above any real drive. */
const ELASTIC_MINUTES = 1e5;

export type BoundOptions = {
  low: number;
  high: number;
  initialCandidates?: number;
  maxRounds?: number;
};

/**
 * LP lower bound on workload-weighted travel around `p.homes` with every home's Σ value in
 * [low, high] × the mean (e.g. 0.85–1.15, or 0.95–1.05), contiguity relaxed.
 */
export function transportBound(p: AlignProblem, solve: LpSolve, o: BoundOptions): TransportBound {
  const homes = p.homes;
  if (!homes) throw new Error('transportBound needs home bases');
  const k = p.k;
  let total = 0;
  let totalW = 0;
  for (let u = 0; u < p.count; u++) {
    total += p.value[u]!;
    totalW += p.weightForTravel[u]!;
  }
  const mean = total / k;
  // Units with neither value nor workload do not matter; units with workload but no value go to their nearest home.
  const rows: number[] = [];
  const minutes = (u: number, h: number) =>
    p.travelMinutes(homes.lat[h]!, homes.lon[h]!, p.lat[u]!, p.lon[u]!, p.density[u]!);
  const all = new Float64Array(p.count * k);
  let nearestSum = 0;
  let freeSum = 0;
  const freeUnits: number[] = [];
  for (let u = 0; u < p.count; u++) {
    let best = Infinity;
    for (let h = 0; h < k; h++) {
      const m = minutes(u, h);
      all[u * k + h] = m;
      if (m < best) best = m;
    }
    nearestSum += p.weightForTravel[u]! * best;
    if (p.value[u]! > 0) rows.push(u);
    else if (p.weightForTravel[u]! > 0) {
      freeSum += p.weightForTravel[u]! * best;
      freeUnits.push(u);
    }
  }
  const nRows = rows.length;
  const cand = Math.min(k, o.initialCandidates ?? 12);
  // Columns: (row r, home h). Start with each row's `cand` nearest homes.
  const colUnit: number[] = [];
  const colHome: number[] = [];
  const inModel = new Set<number>();
  const order = new Int32Array(k);
  rows.forEach((u, r) => {
    for (let h = 0; h < k; h++) order[h] = h;
    const base = u * k;
    const sorted = Array.from(order).sort((a, b) => all[base + a]! - all[base + b]!);
    for (let j = 0; j < cand; j++) {
      colUnit.push(r);
      colHome.push(sorted[j]!);
      inModel.add(r * k + sorted[j]!);
    }
  });
  let sol: LpSolution | null = null;
  let rounds = 0;
  const maxRounds = o.maxRounds ?? 30;
  for (; rounds < maxRounds; rounds++) {
    sol = solve(buildLp(p, rows, colUnit, colHome, all, k, mean, o));
    if (sol.status !== 'Optimal') break;
    // Reduced cost of (u, h): w c − y_u − v y_h; add the most negative few per unit.
    let added = 0;
    rows.forEach((u, r) => {
      const yu = sol!.rowDual[r]!;
      const w = p.weightForTravel[u]!;
      const v = p.value[u]!;
      let adds = 0;
      for (let h = 0; h < k && adds < 4; h++) {
        if (inModel.has(r * k + h)) continue;
        const rc = w * all[u * k + h]! - yu - v * sol!.rowDual[nRows + h]!;
        if (rc < -1e-7 * (1 + Math.abs(yu))) {
          colUnit.push(r);
          colHome.push(h);
          inModel.add(r * k + h);
          adds++;
        }
      }
      added += adds;
    });
    if (added === 0) break;
  }
  if (!sol || sol.status !== 'Optimal') {
    return {
      meanMinutes: NaN,
      p90Minutes: NaN,
      bandViolation: NaN,
      unbalancedMeanMinutes: totalW > 0 ? nearestSum / totalW : 0,
      rounds,
      columns: colUnit.length,
      status: sol?.status ?? 'not run',
      homePrice: new Float64Array(k),
      majorityHome: new Int32Array(p.count).fill(-1),
    };
  }
  // P90 over the fractional assignment, workload-weighted, plus the value-free units at their nearest home.
  const pieces: { m: number; w: number }[] = [];
  const majorityHome = new Int32Array(p.count).fill(-1);
  const majorityShare = new Float64Array(p.count);
  for (let j = 0; j < colUnit.length; j++) {
    const x = sol.colValue[j]!;
    if (x <= 1e-9) continue;
    const u = rows[colUnit[j]!]!;
    const h = colHome[j]!;
    pieces.push({ m: all[u * k + h]!, w: x * p.weightForTravel[u]! });
    if (x > majorityShare[u]!) {
      majorityShare[u] = x;
      majorityHome[u] = h;
    }
  }
  for (const u of freeUnits) {
    let best = 0;
    for (let h = 1; h < k; h++) if (all[u * k + h]! < all[u * k + best]!) best = h;
    pieces.push({ m: all[u * k + best]!, w: p.weightForTravel[u]! });
    majorityHome[u] = best;
  }
  pieces.sort((a, b) => a.m - b.m);
  let acc = 0;
  let p90 = 0;
  for (const x of pieces) {
    acc += x.w;
    p90 = x.m;
    if (acc >= 0.9 * totalW) break;
  }
  let objective = 0;
  for (let j = 0; j < colUnit.length; j++)
    objective +=
      sol.colValue[j]! *
      p.weightForTravel[rows[colUnit[j]!]!]! *
      all[rows[colUnit[j]!]! * k + colHome[j]!]!;
  let elastic = 0;
  for (let j = colUnit.length; j < sol.colValue.length; j++) elastic += sol.colValue[j]!;
  const homePrice = Float64Array.from({ length: k }, (_, h) => sol!.rowDual[nRows + h]!);
  return {
    meanMinutes: totalW > 0 ? (objective + freeSum) / totalW : 0,
    bandViolation: elastic / mean,
    p90Minutes: p90,
    unbalancedMeanMinutes: totalW > 0 ? nearestSum / totalW : 0,
    rounds: rounds + 1,
    columns: colUnit.length,
    status: sol.status,
    homePrice,
    majorityHome,
  };
}

/**
 * The restricted model, plus one elastic column per home row in each direction at a prohibitive
 * cost so the first rounds (few homes per unit) are feasible; column generation drives them to 0.
 */
function buildLp(
  p: AlignProblem,
  rows: number[],
  colUnit: number[],
  colHome: number[],
  all: Float64Array,
  k: number,
  mean: number,
  o: BoundOptions,
): SparseLp {
  const nRows = rows.length;
  const numCols = colUnit.length + 2 * k;
  const colCost = new Float64Array(numCols);
  const starts = new Int32Array(numCols + 1);
  const indices = new Int32Array(2 * colUnit.length + 2 * k);
  const values = new Float64Array(2 * colUnit.length + 2 * k);
  const assignCols = colUnit.length;
  let maxW = 0;
  for (const u of rows) maxW = Math.max(maxW, p.weightForTravel[u]! / (p.value[u]! || 1));
  for (let j = 0; j < assignCols; j++) {
    const u = rows[colUnit[j]!]!;
    const h = colHome[j]!;
    colCost[j] = p.weightForTravel[u]! * all[u * k + h]!;
    starts[j] = 2 * j;
    indices[2 * j] = colUnit[j]!;
    values[2 * j] = 1;
    indices[2 * j + 1] = nRows + h;
    values[2 * j + 1] = p.value[u]!;
  }
  let nz = 2 * assignCols;
  for (let h = 0; h < k; h++) {
    for (const sign of [1, -1]) {
      const j = assignCols + 2 * h + (sign > 0 ? 0 : 1);
      colCost[j] = ELASTIC_MINUTES * (maxW + 1);
      starts[j] = nz;
      indices[nz] = nRows + h;
      values[nz] = sign;
      nz++;
    }
  }
  starts[numCols] = nz;
  const rowLower = new Float64Array(nRows + k);
  const rowUpper = new Float64Array(nRows + k);
  rowLower.fill(1, 0, nRows);
  rowUpper.fill(1, 0, nRows);
  rowLower.fill(o.low * mean, nRows);
  rowUpper.fill(o.high * mean, nRows);
  const colUpper = new Float64Array(numCols).fill(1);
  colUpper.fill(Infinity, assignCols);
  return {
    numCols,
    numRows: nRows + k,
    colCost,
    colLower: new Float64Array(numCols),
    colUpper,
    rowLower,
    rowUpper,
    starts,
    indices,
    values,
  };
}
