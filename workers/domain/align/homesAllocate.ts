// Territories around fixed rep home bases (a roster): capacitated location-allocation with
// contiguity. The transportation LP (transportLp.ts) gives each home a price — the dual of its
// balance row — and sends every unit to the home minimising drive minutes − price × value per
// workload hour; a unit goes to a farther home only when the nearer ones are full, so no rep is
// handed a region hundreds of miles away while a nearer rep has room. The LP's optimum is not
// contiguous (measured on the demo: 163 of 200 territories in pieces), and repairing pieces after
// the fact undoes its balance, so here the same priced rule grows the territories through the
// unit graph instead (contiguous by construction), with the prices found round by round.
// Balance is then finished by diffusion (diffuse.ts) and the boundary refinement, travel by the
// polish around the fixed homes (solve.ts).

import { nearestCentres, toSphere } from './sphere';
import { MinHeap } from './heap';
import { lockOf } from './targets';
import {
  measureTravelScale,
  progress,
  recomputeLoads,
  shouldStop,
  travel,
  type SolverState,
} from './state';

/**
 * Contiguous location-allocation around the homes: every territory grows through the unit graph
 * from the unit nearest its home, best-first on drive minutes from the home minus the territory's
 * price, and stops taking units at `cap` × its target; units no territory could take (every
 * adjacent one full) go, in a second flood, to the adjacent territory with the lowest key. Each
 * round the prices of territories short of ±3 % rise and of those over it fall (sign-adaptive
 * steps, Rprop), so a
 * territory whose home sits among too many others reaches out further. Contiguous by
 * construction (every unit is taken from a neighbour of its territory).
 */
export function growAroundHomes(s: SolverState, o: { rounds: number; cap?: number }): void {
  const { p, k, g } = s;
  const homes = p.homes!;
  s.cLat.set(homes.lat.subarray(0, k));
  s.cLon.set(homes.lon.subarray(0, k));
  const cap = o.cap ?? 1.02;
  const seeds = homeSeeds(s);
  // Keys are drive minutes − price × value per workload hour (the dual's reduced cost per unit of workload).
  const rho = new Float64Array(s.n);
  for (let u = 0; u < s.n; u++)
    rho[u] = p.weightForTravel[u]! > 0 ? Math.min(p.value[u]! / p.weightForTravel[u]!, 1e6) : 0;
  const price = new Float64Array(k);
  let sv = 0;
  let sw = 0;
  for (let u = 0; u < s.n; u++) {
    sv += p.value[u]!;
    sw += p.weightForTravel[u]!;
  }
  // Price × value per workload hour is in minutes: a step of 0.1 × scale moves a typical unit's key by 0.1 min.
  const scale = sv > 0 && sw > 0 ? sw / sv : 1;
  const step = new Float64Array(k).fill(0.1 * scale);
  const maxStep = 4 * scale;
  const lastSign = new Int8Array(k);
  const best = new Int32Array(s.n);
  let bestErr = Infinity;
  const heap = new MinHeap();
  const grounded: number[] = [];
  for (let u = 0; u < s.n; u++) if (!p.floating[u]) grounded.push(u);
  for (let round = 0; round < o.rounds; round++) {
    if (shouldStop(s)) break;
    progress(s, 'grow around homes', round, o.rounds);
    s.assign.fill(-1);
    s.load.fill(0);
    const take = (u: number, t: number) => {
      s.assign[u] = t;
      s.load[t]! += p.value[u]!;
      for (let e = g.start[u]!; e < g.start[u + 1]!; e++) {
        const v = g.list[e]!;
        if (s.assign[v]! < 0 && !p.floating[v])
          heap.push(travel(s, v, t) - price[t]! * rho[v]!, v * k + t);
      }
    };
    for (let u = 0; u < s.n; u++) if (lockOf(s, u) >= 0 && !p.floating[u]) take(u, lockOf(s, u));
    for (let t = 0; t < k; t++) if (seeds[t]! >= 0 && s.assign[seeds[t]!]! < 0) take(seeds[t]!, t);
    const deferred: number[] = [];
    while (heap.size > 0) {
      const item = heap.pop();
      const u = Math.floor(item / k);
      const t = item - u * k;
      if (s.assign[u]! >= 0) continue;
      if (s.load[t]! + p.value[u]! > cap * s.target[t]! && s.load[t]! > 0) {
        deferred.push(item);
        continue;
      }
      take(u, t);
    }
    // Second flood, uncapped, from everything taken.
    for (const item of deferred) {
      const u = Math.floor(item / k);
      const t = item - u * k;
      if (s.assign[u]! < 0) heap.push(travel(s, u, t) - price[t]! * rho[u]!, item);
    }
    while (heap.size > 0) {
      const item = heap.pop();
      const u = Math.floor(item / k);
      const t = item - u * k;
      if (s.assign[u]! >= 0) continue;
      take(u, t);
    }
    for (const u of grounded) if (s.assign[u]! < 0) s.assign[u] = nearestHome(s, u);
    for (let u = 0; u < s.n; u++)
      if (p.floating[u]) s.assign[u] = lockOf(s, u) >= 0 ? lockOf(s, u) : nearestHome(s, u);
    recomputeLoads(s);
    let err = 0;
    for (let t = 0; t < k; t++) {
      const r = (s.target[t]! - s.load[t]!) / s.target[t]!;
      const out = Math.max(0, Math.abs(r) - TIGHT_ZONE);
      err += out * out;
      const sign = Math.abs(r) <= TIGHT_ZONE ? 0 : r > 0 ? 1 : -1;
      if (sign !== 0 && sign === lastSign[t]) step[t] = Math.min(step[t]! * 1.4, maxStep);
      else if (sign !== 0 && lastSign[t] !== 0) step[t]! *= 0.5;
      if (sign !== 0) lastSign[t] = sign;
      price[t]! += sign * step[t]!;
    }
    if (err < bestErr) {
      bestErr = err;
      best.set(s.assign);
    }
    if (err === 0) break;
    s.iterations++;
  }
  s.assign.set(best);
  recomputeLoads(s);
  measureTravelScale(s);
}

const TIGHT_ZONE = 0.03;

/** Per territory the unit nearest its home not already a seed (−1 if none). */
function homeSeeds(s: SolverState): Int32Array {
  const { p, k } = s;
  const seeds = new Int32Array(k).fill(-1);
  const grounded: number[] = [];
  for (let u = 0; u < s.n; u++) if (!p.floating[u]) grounded.push(u);
  if (grounded.length === 0) return seeds;
  const near = nearestCentres(
    toSphere(s.cLat, s.cLon),
    toSphere(
      Float64Array.from(grounded, (u) => p.lat[u]!),
      Float64Array.from(grounded, (u) => p.lon[u]!),
    ),
    Math.min(grounded.length, 8),
  );
  const m = Math.min(grounded.length, 8);
  const used = new Set<number>();
  for (let t = 0; t < k; t++) {
    for (let j = 0; j < m; j++) {
      const u = grounded[near[t * m + j]!]!;
      if (!used.has(u)) {
        seeds[t] = u;
        used.add(u);
        break;
      }
    }
  }
  return seeds;
}

function nearestHome(s: SolverState, u: number): number {
  let best = 0;
  let bc = Infinity;
  for (let t = 0; t < s.k; t++) {
    const c = travel(s, u, t);
    if (c < bc) {
      bc = c;
      best = t;
    }
  }
  return best;
}
