// From-scratch alignment: balanced seed territories by recursive bisection of value (islands apart,
// islands.ts), then capacitated location-allocation (prices + Lloyd), then refinement for balance,
// then a travel polish inside the ±5 % band (travelPolish.ts).

import { allocate } from './allocate';
import { polishTravel } from './travelPolish';
import { recursiveBisection } from './bisect';
import { refine, reportLeftovers, shareWithinTight } from './refine';
import { computeTargets } from './targets';
import { applyIslandTargets, findIslands, reportIslands, type Island } from './islands';
import { createState, measureTravelScale, recomputeLoads, shouldStop, toSolution, updateCentres, type SolverState } from './state';
import { minCostAssignment } from './match';
import type { AlignProblem, AlignSolution } from './types';

export function solveFromScratch(p: AlignProblem): AlignSolution {
  const s = createState(p, p.k, new Int32Array(p.count).fill(-1));
  computeTargets(s);
  const islands = s.homesFixed || p.fixed.some((f) => f >= 0) ? [] : findIslands(s);
  const owner = applyIslandTargets(s, islands);
  seedTerritories(s, islands, owner);
  // National ZIP level: more Lloyd rounds with fewer price steps each (prices carry over between
  // rounds): 20 × 60 instead of 10 × 120 measured 43.1 vs 43.5 min after the polish, similar time.
  const large = p.count > 20000;
  allocate(s, { rounds: s.homesFixed ? 1 : large ? 20 : 25, priceIterations: s.homesFixed ? 600 : large ? 60 : 120 });
  if (s.homesFixed && !homesCanBalance(s)) return balanceThenMatchHomes(p);
  refine(s, { rounds: 6, passes: 40 });
  balanceBeforeTravel(s);
  polishTravel(s, { pairRounds: 1 });
  recomputeLoads(s);
  reportIslands(s, owner, islands);
  reportLeftovers(s);
  return toSolution(s);
}

/** The bar: at least 95 % of territories within ±5 %. */
const WITHIN_GOAL = 0.95;

/**
 * When travel keeps more than 5 % of territories outside ±5 % — a region whose value is short of a
 * whole number of territories (a peninsula, an island, a metro whose index sits in a few hospital
 * ZIPs) can only be balanced by value flowing in across balanced neighbours, each move costing some
 * travel — refine again with travel weighing less, then less again. Measured on the 300 k demo's
 * orthopaedics market: 89.5 % → 92 % within ±5 % for +3.5 % travel (the rest sit in regions short of
 * value, e.g. Florida at 0.92×, that only chains of moves across balanced territories could fill).
 */
function balanceBeforeTravel(s: SolverState): void {
  for (const travelWeight of [1, 0.3]) {
    if (shouldStop(s) || (shareWithinTight(s) >= WITHIN_GOAL && shareWithinTight(s, true) >= WITHIN_GOAL)) return;
    refine(s, { rounds: 3, passes: 40, travelWeight });
  }
}

/**
 * After pricing around fixed homes, can the territories reach the band? When homes cluster
 * (many reps in one region, few in another) no prices make the far territories fill up, and
 * refinement would only grind.
 */
function homesCanBalance(s: SolverState): boolean {
  let inBand = 0;
  for (let t = 0; t < s.k; t++) {
    const r = s.load[t]! / s.target[t]!;
    if (r >= 0.8 && r <= 1.2) inBand++;
  }
  return inBand >= 0.9 * s.k;
}

/**
 * Builds balanced territories with free centres, then gives each rep the territory that
 * minimises total workload × drive time from the homes (Hungarian method), and refines with
 * travel measured from the homes. Reports how far reps live from their territories.
 */
function balanceThenMatchHomes(p: AlignProblem): AlignSolution {
  const homes = p.homes!;
  const free = solveFromScratch({ ...p, homes: null });
  const k = p.k;
  const s = createState(p, k, Int32Array.from(free.assignment));
  computeTargets(s);
  recomputeLoads(s);
  const work = new Float64Array(k);
  for (let u = 0; u < s.n; u++) work[s.assign[u]!]! += p.weightForTravel[u]! + 1e-9;
  const cost = new Float64Array(k * k);
  for (let h = 0; h < k; h++) {
    for (let t = 0; t < k; t++) {
      cost[h * k + t] = work[t]! * p.travelMinutes(homes.lat[h]!, homes.lon[h]!, free.centersLat[t]!, free.centersLon[t]!, 1);
    }
  }
  const homeToTerritory = minCostAssignment(cost, k);
  const territoryToHome = new Int32Array(k);
  homeToTerritory.forEach((t, h) => (territoryToHome[t] = h));
  for (let u = 0; u < s.n; u++) s.assign[u] = territoryToHome[free.assignment[u]!]!;
  s.cLat.set(homes.lat.subarray(0, k));
  s.cLon.set(homes.lon.subarray(0, k));
  measureTravelScale(s);
  refine(s, { rounds: 2, passes: 30, pairSplits: false });
  reportLeftovers(s);
  let far = 0;
  for (let h = 0; h < k; h++) {
    const t = homeToTerritory[h]!;
    if (p.travelMinutes(homes.lat[h]!, homes.lon[h]!, free.centersLat[t]!, free.centersLon[t]!, 1) > 120) far++;
  }
  s.infeasibilities.push({
    kind: 'homes-uneven',
    excess: far,
    message: `Rep home bases are spread too unevenly for balanced territories around them, so territories were balanced first and each rep matched to the nearest fit; ${far} of ${k} reps live more than 2 h from their territory's centre. Consider relocating or re-hiring in under-covered regions.`,
  });
  return toSolution(s);
}

/**
 * Balanced, compact starting territories and their centres (home bases stay where they are):
 * the mainland and each island (islands.ts, `owner` = island per territory) cut separately.
 */
export function seedTerritories(s: SolverState, islands: Island[] = [], owner?: Int32Array): void {
  const { p } = s;
  const island = new Int32Array(s.n).fill(-1);
  islands.forEach((isl, i) => isl.units.forEach((u) => (island[u] = i)));
  const groups = [-1, ...islands.map((_, i) => i)];
  for (const g of groups) {
    const idx: number[] = [];
    for (let u = 0; u < s.n; u++) if (island[u] === g) idx.push(u);
    const terr: number[] = [];
    for (let t = 0; t < s.k; t++) if ((owner?.[t] ?? -1) === g) terr.push(t);
    const part = recursiveBisection({
      idx,
      lat: p.lat,
      lon: p.lon,
      weight: (u) => p.value[u]! + 1e-9,
      shares: terr.map((t) => s.target[t]!),
    });
    idx.forEach((u, j) => (s.assign[u] = terr[part[j]!]!));
  }
  recomputeLoads(s);
  if (s.homesFixed && p.homes) {
    s.cLat.set(p.homes.lat);
    s.cLon.set(p.homes.lon);
  } else {
    updateCentres(s);
  }
  measureTravelScale(s);
}
