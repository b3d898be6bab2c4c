// From-scratch alignment: balanced seed territories by recursive bisection of value, then
// capacitated location-allocation (prices + Lloyd), then refinement.

import { allocate } from './allocate';
import { recursiveBisection } from './bisect';
import { refine, reportLeftovers } from './refine';
import { computeTargets } from './targets';
import { createState, measureTravelScale, recomputeLoads, toSolution, updateCentres, type SolverState } from './state';
import type { AlignProblem, AlignSolution } from './types';

export function solveFromScratch(p: AlignProblem): AlignSolution {
  const s = createState(p, p.k, new Int32Array(p.count).fill(-1));
  computeTargets(s);
  seedTerritories(s);
  allocate(s, { rounds: s.homesFixed ? 1 : p.count > 20000 ? 10 : 25, priceIterations: s.homesFixed ? 600 : 120 });
  refine(s, { rounds: 6, passes: 40 });
  reportLeftovers(s);
  return toSolution(s);
}

/** Balanced, compact starting territories and their centres (home bases stay where they are). */
export function seedTerritories(s: SolverState): void {
  const { p } = s;
  const idx = Array.from({ length: s.n }, (_, i) => i);
  const shares = Array.from(s.target);
  const part = recursiveBisection({
    idx,
    lat: p.lat,
    lon: p.lon,
    weight: (u) => p.value[u]! + 1e-9,
    shares,
  });
  s.assign.set(part);
  recomputeLoads(s);
  if (s.homesFixed && p.homes) {
    s.cLat.set(p.homes.lat);
    s.cLon.set(p.homes.lon);
  } else {
    updateCentres(s);
  }
  measureTravelScale(s);
}
