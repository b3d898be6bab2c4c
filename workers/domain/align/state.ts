// Solver state shared by the phases: the problem, the bridged unit graph, the assignment,
// territory loads and centres, targets, and the stop/progress plumbing.

import type { AlignProblem, AlignSolution, Infeasibility } from './types';
import { bridgeComponents, simpleGraph, Walker, type Csr } from './graph';
import { fromSphere, toSphere, weightedCentroid, type Points3 } from './sphere';
import { createRng, type Rng } from './prng';

export type SolverState = {
  p: AlignProblem;
  n: number;
  k: number;
  g: Csr;
  pts: Points3;
  assign: Int32Array;
  load: Float64Array;
  target: Float64Array;
  /** Per territory a fixed target (NaN: none) that target updates keep; null when none (islands.ts). */
  targetOverride: Float64Array | null;
  cLat: Float64Array;
  cLon: Float64Array;
  /** True when centres are rep home bases and must not move. */
  homesFixed: boolean;
  rng: Rng;
  walker: Walker;
  infeasibilities: Infeasibility[];
  iterations: number;
  stoppedEarly: boolean;
  /** Mean unit→centre minutes after the first allocation, the travel normaliser. */
  travelScale: number;
  totalWeight: number;
  /** updateCentres keeps a centre when the re-placed one would cost more travel (travelPolish.ts). */
  keepBetterCentres: boolean;
  /** Injected-clock reading at the start (deadlineMs counts from here). */
  startMs: number;
};

/** Bridged graphs by adjacency array: what-if calls on the same units reuse the bridging. */
type Bridged = { graph: Csr; bridges: [number, number][] };
const bridgedCache = new WeakMap<
  Int32Array,
  { start: Int32Array; floating: Uint8Array } & Bridged
>();

/** The unit graph with its disconnected parts bridged, and the bridges added (islands.ts reads them). */
export function bridgedGraph(p: AlignProblem, pts: Points3): Bridged {
  const hit = bridgedCache.get(p.adjList);
  if (hit && hit.start === p.adjStart && sameBytes(hit.floating, p.floating)) return hit;
  const raw = simpleGraph(p.count, { start: p.adjStart, list: p.adjList });
  const { graph, bridges } = bridgeComponents(p.count, raw, p.floating, pts);
  const entry = { start: p.adjStart, floating: Uint8Array.from(p.floating), graph, bridges };
  bridgedCache.set(p.adjList, entry);
  return entry;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function createState(p: AlignProblem, k: number, assign: Int32Array): SolverState {
  const pts = toSphere(p.lat, p.lon);
  const { graph } = bridgedGraph(p, pts);
  let totalWeight = 0;
  for (let u = 0; u < p.count; u++) totalWeight += p.weightForTravel[u]!;
  return {
    p,
    n: p.count,
    k,
    g: graph,
    pts,
    assign,
    load: new Float64Array(k),
    target: new Float64Array(k),
    targetOverride: null,
    cLat: new Float64Array(k),
    cLon: new Float64Array(k),
    homesFixed: p.homes !== null,
    rng: createRng(p.seed),
    walker: new Walker(p.count),
    infeasibilities: [],
    iterations: 0,
    stoppedEarly: false,
    travelScale: 1,
    totalWeight,
    keepBetterCentres: false,
    startMs: p.now ? p.now() : 0,
  };
}

export function recomputeLoads(s: SolverState): void {
  s.load.fill(0);
  for (let u = 0; u < s.n; u++) {
    const t = s.assign[u]!;
    if (t >= 0) s.load[t]! += s.p.value[u]!;
  }
}

/**
 * Centres move to the workload-weighted geometric median of their units (a few Weiszfeld steps
 * from the centroid): the point minimising Σ workload × distance, which is what travel from the
 * centre measures. Home bases never move.
 */
export function updateCentres(s: SolverState, only?: Uint8Array): void {
  if (s.homesFixed) return;
  const members = membersOf(s, only);
  const w = (u: number): number => s.p.weightForTravel[u]! + 1e-9 * (s.p.value[u]! + 1e-9);
  for (let t = 0; t < s.k; t++) {
    const idx = members[t]!;
    if (idx.length === 0 || (only && !only[t])) continue;
    const c = weightedMedian(s.pts, idx, w) ?? weightedCentroid(s.pts, idx, () => 1);
    if (c) {
      const best = polishCentre(s, idx, c);
      // The travel polish keeps the current centre when it is already better (the restart from the
      // median can land worse); earlier phases always restart (their balancing was tuned that way).
      if (!s.keepBetterCentres || best.cost <= centreCost(s, idx, s.cLat[t]!, s.cLon[t]!)) {
        s.cLat[t] = best.lat;
        s.cLon[t] = best.lon;
      }
    }
  }
}

/**
 * Compass search on Σ workload × drive minutes from the centre, starting at the geometric
 * median: drive time is concave in distance and faster in sparse areas, so the best centre
 * sits a little off the straight-line median. Few evaluations; exact for any travel model.
 */
function polishCentre(
  s: SolverState,
  idx: number[],
  c: { lat: number; lon: number },
): { lat: number; lon: number; cost: number } {
  const cost = (lat: number, lon: number): number => centreCost(s, idx, lat, lon);
  let lat = c.lat;
  let lon = c.lon;
  let best = cost(lat, lon);
  if (!(best > 0)) return { ...c, cost: best };
  let step = 0.08;
  const cos = Math.max(0.2, Math.cos((lat * Math.PI) / 180));
  for (let evals = 0; evals < 40 && step > 0.004;) {
    let moved = false;
    for (const [dy, dx] of COMPASS) {
      const la = lat + dy * step;
      const lo = lon + (dx * step) / cos;
      const v = cost(la, lo);
      evals++;
      if (v < best) {
        best = v;
        lat = la;
        lon = lo;
        moved = true;
        break;
      }
    }
    if (!moved) step /= 2;
  }
  return { lat, lon, cost: best };
}

/** Σ workload × drive minutes from (lat, lon) to the units; +∞ for a centre never placed (NaN). */
function centreCost(s: SolverState, idx: number[], lat: number, lon: number): number {
  const { p } = s;
  let sum = 0;
  for (const u of idx) {
    const w = p.weightForTravel[u]!;
    if (w > 0) sum += w * p.travelMinutes(lat, lon, p.lat[u]!, p.lon[u]!, p.density[u]!);
  }
  return Number.isNaN(sum) ? Infinity : sum;
}

const COMPASS: readonly (readonly [number, number])[] = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
];

function weightedMedian(
  pts: Points3,
  idx: number[],
  w: (u: number) => number,
): { lat: number; lon: number } | null {
  let sw = 0;
  let cx = 0;
  let cy = 0;
  let cz = 0;
  for (const u of idx) {
    const wu = w(u);
    cx += wu * pts.x[u]!;
    cy += wu * pts.y[u]!;
    cz += wu * pts.z[u]!;
    sw += wu;
  }
  if (sw <= 0) return null;
  cx /= sw;
  cy /= sw;
  cz /= sw;
  for (let it = 0; it < 6; it++) {
    let nx = 0;
    let ny = 0;
    let nz = 0;
    let nw = 0;
    for (const u of idx) {
      const dx = pts.x[u]! - cx;
      const dy = pts.y[u]! - cy;
      const dz = pts.z[u]! - cz;
      const d = Math.sqrt(dx * dx + dy * dy + dz * dz) + 1e-6;
      const f = w(u) / d;
      nx += f * pts.x[u]!;
      ny += f * pts.y[u]!;
      nz += f * pts.z[u]!;
      nw += f;
    }
    cx = nx / nw;
    cy = ny / nw;
    cz = nz / nw;
  }
  return fromSphere(cx, cy, cz);
}

export function membersOf(s: SolverState, only?: Uint8Array): number[][] {
  const members: number[][] = Array.from({ length: s.k }, () => []);
  for (let u = 0; u < s.n; u++) {
    const t = s.assign[u]!;
    if (t >= 0 && (!only || only[t])) members[t]!.push(u);
  }
  return members;
}

export function travel(s: SolverState, u: number, t: number): number {
  return s.p.travelMinutes(s.cLat[t]!, s.cLon[t]!, s.p.lat[u]!, s.p.lon[u]!, s.p.density[u]!);
}

export function measureTravelScale(s: SolverState): void {
  let sum = 0;
  let w = 0;
  for (let u = 0; u < s.n; u++) {
    const t = s.assign[u]!;
    if (t < 0) continue;
    const wu = s.p.weightForTravel[u]! + 1e-12;
    sum += wu * travel(s, u, t);
    w += wu;
  }
  s.travelScale = w > 0 && sum > 0 ? sum / w : 1;
}

/** True when the caller asked to stop or the deadline passed; remembers it. */
export function shouldStop(s: SolverState): boolean {
  if (s.stoppedEarly) return true;
  const p = s.p;
  if (p.shouldStop?.()) s.stoppedEarly = true;
  else if (p.now && p.deadlineMs !== undefined && p.now() - s.startMs >= p.deadlineMs)
    s.stoppedEarly = true;
  return s.stoppedEarly;
}

export function progress(s: SolverState, phase: string, done: number, total: number): void {
  s.p.onProgress?.(phase, done, total);
}

export function toSolution(s: SolverState, extra?: { disruption?: number }): AlignSolution {
  recomputeLoads(s);
  const sol: AlignSolution = {
    assignment: s.assign,
    centersLat: s.cLat,
    centersLon: s.cLon,
    territoryValue: s.load,
    infeasibilities: s.infeasibilities,
    iterations: s.iterations,
    stoppedEarly: s.stoppedEarly,
  };
  if (extra?.disruption !== undefined) sol.disruption = extra.disruption;
  return sol;
}
