// Capacitated location-allocation. Each unit goes to the candidate territory (its nearest
// centres) minimising travel minus the territory's price; prices are the transportation
// problem's duals (a power diagram in drive-time), found by per-territory sign-adaptive steps
// (Rprop) until every territory's value is near its target. Between rounds, centres move to the
// workload-weighted centroid of their units (Lloyd) unless they are rep home bases.

import { nearestCentres, toSphere } from './sphere';
import { lockOf } from './targets';
import {
  measureTravelScale,
  progress,
  recomputeLoads,
  shouldStop,
  travel,
  updateCentres,
  type SolverState,
} from './state';

const CANDIDATES = 8;

export type AllocateOptions = { rounds: number; priceIterations: number };

export function allocate(s: SolverState, opts: AllocateOptions): void {
  const price = new Float64Array(s.k);
  for (let round = 0; round < opts.rounds; round++) {
    if (shouldStop(s)) return;
    progress(s, 'allocate', round, opts.rounds);
    const { cand, cost, m } = candidateArcs(s);
    solvePrices(s, { cand, cost, m, price, iterations: opts.priceIterations });
    s.iterations++;
    if (round === 0) measureTravelScale(s);
    if (s.homesFixed) break;
    updateCentres(s);
  }
}

function candidateArcs(s: SolverState): { cand: Int32Array; cost: Float64Array; m: number } {
  const centres = toSphere(s.cLat, s.cLon);
  const m = Math.min(s.homesFixed ? 2 * CANDIDATES : CANDIDATES, s.k);
  const cand = nearestCentres(s.pts, centres, m);
  const cost = new Float64Array(cand.length);
  for (let u = 0; u < s.n; u++) {
    for (let j = 0; j < m; j++) cost[u * m + j] = travel(s, u, cand[u * m + j]!);
  }
  return { cand, cost, m };
}

function solvePrices(
  s: SolverState,
  a: { cand: Int32Array; cost: Float64Array; m: number; price: Float64Array; iterations: number },
): void {
  const { k, n, p } = s;
  // Prices are in minutes × workload per unit of value (the Lagrangian of the transportation
  // problem: unit u goes to argmin_t workload_u · minutes(u,t) − price_t · value_u).
  let totalValue = 0;
  for (let u = 0; u < n; u++) totalValue += p.value[u]!;
  const scale = (s.travelScale * (s.totalWeight || totalValue)) / (totalValue || 1);
  const step = new Float64Array(k).fill(0.05 * scale);
  const lastSign = new Int8Array(k);
  const maxStep = 2 * scale;
  const bestAssign = new Int32Array(n);
  let bestErr = Infinity;
  for (let it = 0; it < a.iterations; it++) {
    assignByPrice(s, a);
    recomputeLoads(s);
    let err = 0;
    for (let t = 0; t < k; t++) {
      const r = (s.target[t]! - s.load[t]!) / s.target[t]!;
      err += r * r;
      const sign = Math.abs(r) < 0.002 ? 0 : r > 0 ? 1 : -1;
      if (sign !== 0 && sign === lastSign[t]) step[t] = Math.min(step[t]! * 1.3, maxStep);
      else if (sign !== 0 && lastSign[t] !== 0) step[t]! *= 0.5;
      lastSign[t] = sign;
      a.price[t]! += sign * step[t]!;
    }
    if (err < bestErr) {
      bestErr = err;
      bestAssign.set(s.assign);
    }
    if (it % 16 === 0 && shouldStop(s)) break;
  }
  s.assign.set(bestAssign);
  recomputeLoads(s);
}

function assignByPrice(
  s: SolverState,
  a: { cand: Int32Array; cost: Float64Array; m: number; price: Float64Array },
): void {
  const { cand, cost, m, price } = a;
  const { value, weightForTravel } = s.p;
  const uniform = s.totalWeight <= 0;
  for (let u = 0; u < s.n; u++) {
    const lock = lockOf(s, u);
    if (lock >= 0) {
      s.assign[u] = lock;
      continue;
    }
    let best = -1;
    let bestC = Infinity;
    const w = uniform ? 1 : weightForTravel[u]! + 1e-9;
    const v = value[u]!;
    for (let j = 0; j < m; j++) {
      const t = cand[u * m + j]!;
      const c = w * cost[u * m + j]! - price[t]! * v;
      if (c < bestC) {
        bestC = c;
        best = t;
      }
    }
    s.assign[u] = best;
  }
}
