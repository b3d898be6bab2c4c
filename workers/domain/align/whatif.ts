// Operations on an existing alignment: rebalance under a disruption budget, add a territory
// (split where most needed), remove one (absorb into neighbours), and local re-balancing of a
// few territories and their neighbours. Each works on the neighbourhood only, so it stays fast
// on the national ZIP universe.

import { refine, reportLeftovers, dev } from './refine';
import { farApart, nearestUnit, splitUnits } from './split';
import { computeTargets, lockOf } from './targets';
import {
  createState,
  measureTravelScale,
  membersOf,
  recomputeLoads,
  toSolution,
  updateCentres,
  type SolverState,
} from './state';
import { nearestCentres, toSphere, weightedCentroid } from './sphere';
import type { AlignProblem, AlignSolution } from './types';

/** Territories within `rings` adjacency steps of `seeds` (including them). */
export function neighbourhood(s: SolverState, seeds: number[], rings: number): Uint8Array {
  const mask = new Uint8Array(s.k);
  for (const t of seeds) if (t >= 0 && t < s.k) mask[t] = 1;
  for (let r = 0; r < rings; r++) {
    const next = Uint8Array.from(mask);
    for (let u = 0; u < s.n; u++) {
      const a = s.assign[u]!;
      if (a < 0 || !mask[a]) continue;
      for (let e = s.g.start[u]!; e < s.g.start[u + 1]!; e++) {
        const b = s.assign[s.g.list[e]!]!;
        if (b >= 0) next[b] = 1;
      }
    }
    mask.set(next);
  }
  return mask;
}

export function unitsOf(s: SolverState, mask: Uint8Array): Int32Array {
  const out: number[] = [];
  for (let u = 0; u < s.n; u++) if (mask[s.assign[u]!]) out.push(u);
  return Int32Array.from(out);
}

/**
 * Centres for an existing assignment: home bases when given; else the caller's previous centres
 * (`p.centres`) with `recompute` territories refreshed; else computed for every territory.
 */
export function placeCentres(s: SolverState, recompute?: Uint8Array): void {
  recomputeLoads(s);
  const prev = s.p.centres;
  if (s.p.homes) {
    s.cLat.set(s.p.homes.lat.subarray(0, s.k));
    s.cLon.set(s.p.homes.lon.subarray(0, s.k));
  } else if (prev && prev.lat.length >= s.k && prev.lon.length >= s.k) {
    s.cLat.set(prev.lat.subarray(0, s.k));
    s.cLon.set(prev.lon.subarray(0, s.k));
    if (recompute) updateCentres(s, recompute);
  } else {
    updateCentres(s);
  }
  measureTravelScale(s);
}

/** Units without a valid territory go to their nearest centre; locks always win. */
export function settleUnassigned(s: SolverState): void {
  const loose: number[] = [];
  for (let u = 0; u < s.n; u++) {
    const lock = lockOf(s, u);
    if (lock >= 0) s.assign[u] = lock;
    else if (s.assign[u]! < 0 || s.assign[u]! >= s.k) loose.push(u);
  }
  if (loose.length === 0) return;
  const pts = toSphere(
    loose.map((u) => s.p.lat[u]!),
    loose.map((u) => s.p.lon[u]!),
  );
  const near = nearestCentres(pts, toSphere(s.cLat, s.cLon), 1);
  loose.forEach((u, i) => (s.assign[u] = near[i]!));
}

export function localRebalance(
  p: AlignProblem,
  assignment: Int32Array,
  territories: number[],
): AlignSolution {
  const s = createState(p, p.k, Int32Array.from(assignment));
  computeTargets(s);
  placeCentres(s, new Uint8Array(s.k));
  settleUnassigned(s);
  const active = neighbourhood(s, territories, 1);
  refine(s, { rounds: 4, passes: 40, active, units: unitsOf(s, active) });
  reportLeftovers(s);
  return toSolution(s);
}

/**
 * Adds territory index `p.k` (the result has p.k + 1). It takes half of the territory whose
 * neighbourhood is furthest above target (or the one holding `home`), then value flows to it
 * from up to three rings of neighbours.
 */
export function addTerritory(
  p: AlignProblem,
  assignment: Int32Array,
  opts?: { home?: { lat: number; lon: number } },
): AlignSolution {
  const k0 = p.k;
  const homes = p.homes ? extendHomes(p.homes, opts?.home ?? null) : null;
  const centres = p.centres
    ? {
        lat: Float64Array.from(p.centres.lat.subarray(0, k0)),
        lon: Float64Array.from(p.centres.lon.subarray(0, k0)),
      }
    : undefined;
  const q: AlignProblem = { ...p, k: k0 + 1, homes, centres, initial: undefined };
  const s = createState(q, k0 + 1, Int32Array.from(assignment));
  computeTargets(s);
  s.k = k0; // centres of the existing territories first
  placeCentres(s, new Uint8Array(k0));
  s.k = k0 + 1;
  settleUnassigned(s);
  recomputeLoads(s);
  const members = membersOf(s);
  const victim = opts?.home
    ? s.assign[nearestUnit(s.p, range(s.n), opts.home.lat, opts.home.lon)]!
    : mostNeeded(s, k0);
  const units = members[victim]!;
  if (units.length >= 2) {
    splitUnits(s, {
      units,
      sides: [victim, k0],
      seeds: farApart(s, units),
      targets: [s.target[victim]!, s.target[k0]!],
    });
  }
  placeNewCentre(s, k0, homes);
  const active = neighbourhood(s, [victim, k0], 3);
  refine(s, { rounds: 4, passes: 60, active, units: unitsOf(s, active) });
  reportLeftovers(s);
  return toSolution(s);
}

/**
 * Removes territory `t`: its units join the adjacent territories (the one furthest below target
 * first), then the neighbourhood re-balances. Territories after `t` shift down by one.
 */
export function removeTerritory(p: AlignProblem, assignment: Int32Array, t: number): AlignSolution {
  const k1 = p.k - 1;
  const shift = (a: number): number => (a === t ? -1 : a > t ? a - 1 : a);
  const fixed = Int32Array.from(p.fixed, shift);
  const homes = p.homes ? { lat: dropAt(p.homes.lat, t), lon: dropAt(p.homes.lon, t) } : null;
  const centres = p.centres
    ? { lat: dropAt(p.centres.lat, t), lon: dropAt(p.centres.lon, t) }
    : undefined;
  const q: AlignProblem = { ...p, k: k1, fixed, homes, centres, initial: undefined };
  const s = createState(q, k1, Int32Array.from(assignment, shift));
  computeTargets(s);
  for (let u = 0; u < s.n; u++) {
    if (p.fixed[u] === t) {
      s.infeasibilities.push({
        kind: 'lock-conflict',
        unit: u,
        message: `Unit ${p.ids[u]} was locked to the removed territory ${t + 1}; it was unlocked and reassigned.`,
      });
    }
  }
  placeCentres(s, new Uint8Array(k1));
  const orphans = absorbOrphans(s);
  const active = neighbourhood(s, orphans, 3);
  updateCentres(s, active);
  refine(s, { rounds: 4, passes: 60, active, units: unitsOf(s, active) });
  reportLeftovers(s);
  return toSolution(s);
}

/** Orphaned units join adjacent territories breadth-first; returns the territories that grew. */
function absorbOrphans(s: SolverState): number[] {
  const grew = new Set<number>();
  let frontier: number[] = [];
  for (let u = 0; u < s.n; u++) if (s.assign[u]! < 0) frontier.push(u);
  while (frontier.length > 0) {
    const next: number[] = [];
    const placed: [number, number][] = [];
    for (const u of frontier) {
      let best = -1;
      for (let e = s.g.start[u]!; e < s.g.start[u + 1]!; e++) {
        const b = s.assign[s.g.list[e]!]!;
        if (b >= 0 && (best < 0 || s.load[b]! / s.target[b]! < s.load[best]! / s.target[best]!))
          best = b;
      }
      if (best < 0) next.push(u);
      else placed.push([u, best]);
    }
    if (placed.length === 0) break;
    for (const [u, t] of placed) {
      s.assign[u] = t;
      s.load[t]! += s.p.value[u]!;
      grew.add(t);
    }
    frontier = next;
  }
  settleUnassigned(s);
  for (const u of frontier) grew.add(s.assign[u]!);
  recomputeLoads(s);
  return [...grew].sort((a, b) => a - b);
}

/**
 * The territory whose neighbourhood is furthest above target, among those that can be split
 * (no single unit or lock holding most of their value).
 */
function mostNeeded(s: SolverState, k0: number): number {
  const biggest = new Float64Array(k0);
  for (let u = 0; u < s.n; u++) {
    const t = s.assign[u]!;
    if (t < 0 || t >= k0) continue;
    const v = lockOf(s, u) >= 0 ? s.load[t]! : s.p.value[u]!;
    if (v > biggest[t]!) biggest[t] = v;
  }
  const adj = territoryAdjacency(s);
  let best = 0;
  let bestScore = -Infinity;
  for (let t = 0; t < k0; t++) {
    if (biggest[t]! > 0.5 * s.load[t]!) continue;
    const ring = neighbourhoodLoad(s, t, adj, s.target[k0]!);
    const score = ring + 1e-3 * dev(s, t);
    if (score > bestScore) {
      bestScore = score;
      best = t;
    }
  }
  return best;
}

/**
 * Expected load ÷ target of the territories within two adjacency steps of `t` once they share
 * their value with one more territory: high where a new territory is most needed and where its
 * neighbours can fill it (an island territory with one neighbour scores low).
 */
function neighbourhoodLoad(
  s: SolverState,
  t: number,
  adj: Set<number>[],
  extraTarget: number,
): number {
  const ring = new Set<number>([t]);
  for (const b of adj[t]!) {
    ring.add(b);
    for (const c of adj[b]!) ring.add(c);
  }
  let load = 0;
  let target = extraTarget;
  for (const b of ring) {
    load += s.load[b]!;
    target += s.target[b]!;
  }
  return target > 0 ? load / target : 0;
}

function territoryAdjacency(s: SolverState): Set<number>[] {
  const adj = Array.from({ length: s.k }, () => new Set<number>());
  for (let u = 0; u < s.n; u++) {
    const a = s.assign[u]!;
    for (let e = s.g.start[u]!; e < s.g.start[u + 1]!; e++) {
      const b = s.assign[s.g.list[e]!]!;
      if (a >= 0 && b >= 0 && a !== b) adj[a]!.add(b);
    }
  }
  return adj;
}

function placeNewCentre(
  s: SolverState,
  t: number,
  homes: { lat: Float64Array; lon: Float64Array } | null,
): void {
  const idx: number[] = [];
  for (let u = 0; u < s.n; u++) if (s.assign[u] === t) idx.push(u);
  const c = weightedCentroid(s.pts, idx, (u) => s.p.weightForTravel[u]! + 1e-9);
  if (homes && homes.lat.length === s.k && !Number.isNaN(homes.lat[t]!)) {
    s.cLat[t] = homes.lat[t]!;
    s.cLon[t] = homes.lon[t]!;
  } else if (c) {
    s.cLat[t] = c.lat;
    s.cLon[t] = c.lon;
    if (homes) {
      homes.lat[t] = c.lat;
      homes.lon[t] = c.lon;
    }
  }
  measureTravelScale(s);
}

function extendHomes(
  h: { lat: Float64Array; lon: Float64Array },
  home: { lat: number; lon: number } | null,
) {
  const lat = new Float64Array(h.lat.length + 1);
  const lon = new Float64Array(h.lon.length + 1);
  lat.set(h.lat);
  lon.set(h.lon);
  lat[h.lat.length] = home ? home.lat : NaN;
  lon[h.lon.length] = home ? home.lon : NaN;
  return { lat, lon };
}

function dropAt(a: Float64Array, t: number): Float64Array {
  return Float64Array.from([...a.subarray(0, t), ...a.subarray(t + 1)]);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
