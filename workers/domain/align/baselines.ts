// Comparison baselines for the benchmark: plain k-means on unit centroids, and equal
// unit-count territories cut from the ZIP (or FIPS) code order — the "ZIP arithmetic" many
// legacy alignments were built with. Neither balances value nor enforces contiguity.

import { createRng } from './prng';
import { fromSphere, nearestCentres, toSphere, weightedCentroid, type Points3 } from './sphere';
import type { AlignProblem, AlignSolution } from './types';

export function kmeansBaseline(p: AlignProblem): AlignSolution {
  const n = p.count;
  const k = Math.max(1, Math.min(p.k, n));
  const pts = toSphere(p.lat, p.lon);
  const centres = kmeansPlusPlus(pts, k, createRng(p.seed));
  let assignment: Int32Array = new Int32Array(n);
  let iterations = 0;
  for (; iterations < 60; iterations++) {
    const next = nearestCentres(pts, centres, 1);
    let changed = 0;
    for (let u = 0; u < n; u++) if (next[u] !== assignment[u]) changed++;
    assignment = next;
    moveToMeans(pts, assignment, centres);
    if (changed === 0 && iterations > 0) break;
    if (p.shouldStop?.()) break;
  }
  const sol = finish(p, assignment, k, iterations);
  if (p.homes === null) {
    // Plain k-means reports its own cluster means as the centres.
    for (let t = 0; t < k; t++) {
      const c = fromSphere(centres.x[t]!, centres.y[t]!, centres.z[t]!);
      sol.centersLat[t] = c.lat;
      sol.centersLon[t] = c.lon;
    }
  }
  return sol;
}

export function equalCountBaseline(p: AlignProblem): AlignSolution {
  const n = p.count;
  const k = Math.max(1, Math.min(p.k, n));
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => (p.ids[a]! < p.ids[b]! ? -1 : p.ids[a]! > p.ids[b]! ? 1 : a - b));
  const assignment = new Int32Array(n);
  order.forEach((u, i) => (assignment[u] = Math.min(k - 1, Math.floor((i * k) / n))));
  return finish(p, assignment, k, 1);
}

function kmeansPlusPlus(pts: Points3, k: number, rng: () => number): Points3 {
  const n = pts.x.length;
  const c: Points3 = { x: new Float64Array(k), y: new Float64Array(k), z: new Float64Array(k) };
  const d2 = new Float64Array(n).fill(Infinity);
  let pick = Math.floor(rng() * n);
  for (let j = 0; j < k; j++) {
    c.x[j] = pts.x[pick]!;
    c.y[j] = pts.y[pick]!;
    c.z[j] = pts.z[pick]!;
    let sum = 0;
    for (let u = 0; u < n; u++) {
      const dx = pts.x[u]! - c.x[j]!;
      const dy = pts.y[u]! - c.y[j]!;
      const dz = pts.z[u]! - c.z[j]!;
      const d = dx * dx + dy * dy + dz * dz;
      if (d < d2[u]!) d2[u] = d;
      sum += d2[u]!;
    }
    let r = rng() * sum;
    pick = n - 1;
    for (let u = 0; u < n; u++) {
      r -= d2[u]!;
      if (r <= 0) {
        pick = u;
        break;
      }
    }
  }
  return c;
}

function moveToMeans(pts: Points3, assignment: Int32Array, c: Points3): void {
  const k = c.x.length;
  const sx = new Float64Array(k);
  const sy = new Float64Array(k);
  const sz = new Float64Array(k);
  const cnt = new Float64Array(k);
  for (let u = 0; u < assignment.length; u++) {
    const t = assignment[u]!;
    sx[t]! += pts.x[u]!;
    sy[t]! += pts.y[u]!;
    sz[t]! += pts.z[u]!;
    cnt[t]!++;
  }
  for (let t = 0; t < k; t++) {
    if (cnt[t] === 0) continue;
    const r = Math.hypot(sx[t]!, sy[t]!, sz[t]!) || 1;
    c.x[t] = sx[t]! / r;
    c.y[t] = sy[t]! / r;
    c.z[t] = sz[t]! / r;
  }
}

function finish(
  p: AlignProblem,
  assignment: Int32Array,
  k: number,
  iterations: number,
): AlignSolution {
  const pts = toSphere(p.lat, p.lon);
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let u = 0; u < p.count; u++) members[assignment[u]!]!.push(u);
  const centersLat = new Float64Array(k);
  const centersLon = new Float64Array(k);
  const territoryValue = new Float64Array(k);
  members.forEach((idx, t) => {
    for (const u of idx) territoryValue[t]! += p.value[u]!;
    const c =
      p.homes !== null
        ? { lat: p.homes.lat[t] ?? 0, lon: p.homes.lon[t] ?? 0 }
        : (weightedCentroid(pts, idx, (u) => p.weightForTravel[u]!) ??
          weightedCentroid(pts, idx, () => 1) ??
          fromSphere(1, 0, 0));
    centersLat[t] = c.lat;
    centersLon[t] = c.lon;
  });
  return {
    assignment,
    centersLat,
    centersLon,
    territoryValue,
    infeasibilities: [],
    iterations,
    stoppedEarly: false,
  };
}
