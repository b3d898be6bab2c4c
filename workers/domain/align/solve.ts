// From-scratch alignment: balanced seed territories by recursive bisection of value (islands apart,
// islands.ts), then capacitated location-allocation (prices + Lloyd), then refinement for balance,
// then a travel polish inside the ±5 % band (travelPolish.ts).

import { allocate } from './allocate';
import { polishTravel } from './travelPolish';
import { recursiveBisection } from './bisect';
import { refine, reportLeftovers, shareWithinTight } from './refine';
import { BAND_HIGH, BAND_LOW, computeTargets } from './targets';
import { applyIslandTargets, findIslands, reportIslands, type Island } from './islands';
import {
  createState,
  measureTravelScale,
  recomputeLoads,
  shouldStop,
  toSolution,
  travel,
  updateCentres,
  type SolverState,
} from './state';
import { minCostAssignment } from './match';
import { growAroundHomes } from './homesAllocate';
import { diffuseBalance } from './diffuse';
import type { AlignProblem, AlignSolution } from './types';

export function solveFromScratch(p: AlignProblem): AlignSolution {
  if (p.homes) return solveAroundHomes(p);
  const s = createState(p, p.k, new Int32Array(p.count).fill(-1));
  computeTargets(s);
  const islands = p.fixed.some((f) => f >= 0) ? [] : findIslands(s);
  const owner = applyIslandTargets(s, islands);
  seedTerritories(s, islands, owner);
  // National ZIP level: more Lloyd rounds with fewer price steps each (prices carry over between
  // rounds): 20 × 60 instead of 10 × 120 measured 43.1 vs 43.5 min after the polish, similar time.
  const large = p.count > 20000;
  allocate(s, { rounds: large ? 20 : 25, priceIterations: large ? 60 : 120 });
  refine(s, { rounds: 6, passes: 40 });
  balanceBeforeTravel(s);
  polishTravel(s, { pairRounds: 1 });
  recomputeLoads(s);
  reportIslands(s, owner, islands);
  reportLeftovers(s);
  return toSolution(s);
}

/**
 * Territories around fixed home bases (a roster): contiguous priced growth from the homes
 * (homesAllocate.ts), diffusion of the excess along the territory graph (diffuse.ts), the balance
 * refinement of a free solve, the reps re-matched to the territories by workload-weighted drive
 * time (an assignment problem), then the travel polish around the homes until it stops gaining.
 */
function solveAroundHomes(p: AlignProblem): AlignSolution {
  const s = createState(p, p.k, new Int32Array(p.count).fill(-1));
  computeTargets(s);
  s.cLat.set(p.homes!.lat.subarray(0, p.k));
  s.cLon.set(p.homes!.lon.subarray(0, p.k));
  const nearest = nearestHomeFigures(s);
  growAroundHomes(s, { rounds: 50 });
  diffuseBalance(s, { rounds: 6 });
  refine(s, { rounds: 6, passes: 40 });
  balanceBeforeTravel(s, [1, 0.3, 0.1, 0.03, 0.01]);
  rematchReps(s);
  polishUntilFlat(s);
  recomputeLoads(s);
  reportLeftovers(s);
  reportHomes(s, nearest);
  return toSolution(s);
}

/** Far-from-demand threshold: a home this many minutes from the nearest unit with value. */
const FAR_FROM_DEMAND_MIN = 120;

type NearestHomes = {
  meanMinutes: number;
  outsideBand: number;
  minRatio: number;
  maxRatio: number;
  farHomes: { t: number; minutes: number }[];
};

/** What the homes give with no balance: every unit to its nearest home (loads, mean drive), and homes far from any demand. */
function nearestHomeFigures(s: SolverState): NearestHomes {
  const { p, k } = s;
  const load = new Float64Array(k);
  const toDemand = new Float64Array(k).fill(Infinity);
  let sum = 0;
  let w = 0;
  for (let u = 0; u < s.n; u++) {
    if (!(p.value[u]! > 0) && !(p.weightForTravel[u]! > 0)) continue;
    let best = 0;
    let bc = Infinity;
    for (let t = 0; t < k; t++) {
      const c = travel(s, u, t);
      if (c < bc) {
        bc = c;
        best = t;
      }
      if (p.value[u]! > 0 && c < toDemand[t]!) toDemand[t] = c;
    }
    load[best]! += p.value[u]!;
    sum += p.weightForTravel[u]! * bc;
    w += p.weightForTravel[u]!;
  }
  let total = 0;
  for (const v of load) total += v;
  const mean = total / k;
  let outside = 0;
  let mn = Infinity;
  let mx = 0;
  for (const v of load) {
    const r = v / mean;
    if (r < BAND_LOW || r > BAND_HIGH) outside++;
    mn = Math.min(mn, r);
    mx = Math.max(mx, r);
  }
  const farHomes: { t: number; minutes: number }[] = [];
  for (let t = 0; t < k; t++)
    if (toDemand[t]! > FAR_FROM_DEMAND_MIN) farHomes.push({ t, minutes: toDemand[t]! });
  return {
    meanMinutes: w > 0 ? sum / w : 0,
    outsideBand: outside,
    minRatio: mn,
    maxRatio: mx,
    farHomes,
  };
}

/**
 * Says what the homes cost: reps far from any demand, and — when the nearest-rep territories are
 * far from balanced — how much the balance band raises the drive (nearest rep vs the plan).
 */
function reportHomes(s: SolverState, nearest: NearestHomes): void {
  for (const f of nearest.farHomes) {
    s.infeasibilities.push({
      kind: 'home-far-from-demand',
      territory: f.t,
      message: `Territory ${f.t + 1}: the rep's home is ${Math.round(f.minutes)} min from the nearest account with value in this market, so every visit is a long drive. Relocate the rep or reassign them.`,
    });
  }
  if (nearest.outsideBand === 0) return;
  let sum = 0;
  let w = 0;
  for (let u = 0; u < s.n; u++) {
    const t = s.assign[u]!;
    if (t < 0) continue;
    sum += s.p.weightForTravel[u]! * travel(s, u, t);
    w += s.p.weightForTravel[u]!;
  }
  const plan = w > 0 ? sum / w : 0;
  s.infeasibilities.push({
    kind: 'homes-uneven',
    message:
      `The roster's homes are spread unevenly for this market: with every account served by its nearest rep, ${nearest.outsideBand} of ${s.k} territories would fall outside ${BAND_LOW}–${BAND_HIGH} ` +
      `(from ${nearest.minRatio.toFixed(2)}× to ${nearest.maxRatio.toFixed(2)}× the mean index). Balancing costs drive time: the mean drive from home rises from ${nearest.meanMinutes.toFixed(1)} min (nearest rep) to ${plan.toFixed(1)} min in this plan (+${(plan - nearest.meanMinutes).toFixed(1)} min). Hiring or relocating reps where territories stretch furthest would shorten it.`,
  });
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
function balanceBeforeTravel(s: SolverState, weights = [1, 0.3]): void {
  for (const travelWeight of weights) {
    if (
      shouldStop(s) ||
      (shareWithinTight(s) >= WITHIN_GOAL && shareWithinTight(s, true) >= WITHIN_GOAL)
    )
      return;
    refine(s, { rounds: 3, passes: 40, travelWeight });
  }
}

/**
 * Reps and territories together: the K × K assignment of home bases to the territories built,
 * minimising Σ workload × drive minutes from each home to every unit of its territory (Hungarian
 * method, match.ts: exact, O(K³) — 8 M steps for K = 200 — where an LP would return the same
 * vertex through a 40 000-column model). Returns how many reps changed territory.
 */
export function rematchReps(s: SolverState): number {
  const { p, k } = s;
  const homes = p.homes!;
  const cost = new Float64Array(k * k);
  for (let u = 0; u < s.n; u++) {
    const t = s.assign[u]!;
    const w = p.weightForTravel[u]!;
    if (t < 0 || !(w > 0)) continue;
    for (let h = 0; h < k; h++)
      cost[h * k + t]! +=
        w * p.travelMinutes(homes.lat[h]!, homes.lon[h]!, p.lat[u]!, p.lon[u]!, p.density[u]!);
  }
  // Locked units and pinned accounts belong to their territory's rep: keep those reps in place.
  const pinned = new Uint8Array(k);
  for (let u = 0; u < s.n; u++) if (p.fixed[u]! >= 0 && p.fixed[u]! < k) pinned[p.fixed[u]!] = 1;
  for (let h = 0; h < k; h++)
    for (let t = 0; t < k; t++) if ((pinned[h] || pinned[t]) && h !== t) cost[h * k + t] = 1e30;
  const homeToTerritory = minCostAssignment(cost, k);
  let changed = 0;
  const territoryToHome = new Int32Array(k);
  homeToTerritory.forEach((t, h) => {
    territoryToHome[t] = h;
    if (t !== h) changed++;
  });
  if (changed === 0) return 0;
  for (let u = 0; u < s.n; u++) if (s.assign[u]! >= 0) s.assign[u] = territoryToHome[s.assign[u]!]!;
  recomputeLoads(s);
  return changed;
}

/** Travel polish around fixed homes, repeated until a round gains less than 0.5 % of Σ workload × minutes. */
function polishUntilFlat(s: SolverState): void {
  let before = totalTravel(s);
  for (let round = 0; round < 6 && !shouldStop(s); round++) {
    polishTravel(s, { pairRounds: 2 });
    const after = totalTravel(s);
    if (after > before * 0.995) break;
    before = after;
  }
}

function totalTravel(s: SolverState): number {
  let sum = 0;
  for (let u = 0; u < s.n; u++)
    if (s.assign[u]! >= 0) sum += s.p.weightForTravel[u]! * travel(s, u, s.assign[u]!);
  return sum;
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
