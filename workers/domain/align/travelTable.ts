// Road drive times from fixed home bases to the units that may belong to them, as the travel
// function the solver calls millions of times. The engine asks a routing server once for each
// home's strip of candidate units (`candidateStrips`); the solver then looks pairs up here, and a
// pair outside the table (a unit that wandered further than its candidates, a home placed later)
// uses the fallback model. Pure: no I/O.

import { nearestCentres, toSphere } from './sphere';
import type { TravelMinutesFn } from './types';

export type Homes = { lat: ArrayLike<number>; lon: ArrayLike<number> };

export type StripOptions = {
  /** Each unit is a candidate of its `nearest` nearest homes (straight line). */
  nearest: number;
  /** Current territory per unit (-1 none): the unit's territory and its neighbours' are candidates too. */
  assignment?: Int32Array;
  /** CSR adjacency over units (neighbours' territories), used with `assignment`. */
  adjStart?: Int32Array;
  adjList?: Int32Array;
};

/**
 * For each home, the units that are candidates for it (sorted, no repeats): each unit's nearest
 * homes, its current territory and the territories of its adjacent units — the moves the
 * boundary search and the pricing can make.
 */
export function candidateStrips(units: Homes, homes: Homes, o: StripOptions): Int32Array[] {
  const n = units.lat.length;
  const k = homes.lat.length;
  const sets: Set<number>[] = Array.from({ length: k }, () => new Set<number>());
  const m = Math.min(Math.max(1, o.nearest), k);
  const near =
    k > 0
      ? nearestCentres(toSphere(units.lat, units.lon), toSphere(homes.lat, homes.lon), m)
      : new Int32Array(0);
  for (let u = 0; u < n; u++) {
    for (let j = 0; j < m; j++) sets[near[u * m + j]!]!.add(u);
    const a = o.assignment;
    if (!a) continue;
    if (a[u]! >= 0 && a[u]! < k) sets[a[u]!]!.add(u);
    if (!o.adjStart || !o.adjList) continue;
    for (let e = o.adjStart[u]!; e < o.adjStart[u + 1]!; e++) {
      const t = a[o.adjList[e]!]!;
      if (t >= 0 && t < k) sets[t]!.add(u);
    }
  }
  return sets.map((s) => Int32Array.from(s).sort());
}

/**
 * Territories within `rings` adjacency steps of `seeds` (including them) under `assignment`: the
 * territories a local what-if can change, so only their homes need road times.
 */
export function territoryRings(
  assignment: Int32Array,
  adj: { adjStart: Int32Array; adjList: Int32Array },
  o: { k: number; seeds: number[]; rings: number },
): Uint8Array {
  const mask = new Uint8Array(o.k);
  for (const t of o.seeds) if (t >= 0 && t < o.k) mask[t] = 1;
  for (let r = 0; r < o.rings; r++) {
    const next = Uint8Array.from(mask);
    for (let u = 0; u < assignment.length; u++) {
      const a = assignment[u]!;
      if (a < 0 || !mask[a]) continue;
      for (let e = adj.adjStart[u]!; e < adj.adjStart[u + 1]!; e++) {
        const b = assignment[adj.adjList[e]!]!;
        if (b >= 0 && b < o.k) next[b] = 1;
      }
    }
    mask.set(next);
  }
  return mask;
}

// Points are matched by coordinates rounded to 1e-5° (about 1 m), packed into one exact number:
// (lat + 90)·1e5 < 1.8e7 and (lon + 180)·1e5 < 3.6e7, so the product stays below 2^53.
export const pointKey = (lat: number, lon: number): number =>
  Math.round((lat + 90) * 1e5) * 4e7 + Math.round((lon + 180) * 1e5);

export type HomeTable = {
  homes: Homes;
  units: Homes;
  /** Candidate units per home (from `candidateStrips`). */
  strips: Int32Array[];
  /** Minutes per home, aligned with its strip; NaN where the server gave nothing. */
  minutes: Float32Array[];
};

export type TableTravel = {
  fn: TravelMinutesFn;
  /** Lookups answered from the table / by the fallback model. */
  hits(): number;
  misses(): number;
};

/** A travel function answering home → unit pairs from `table`, everything else from `fallback`. */
export function tableTravel(table: HomeTable, fallback: TravelMinutesFn): TableTravel {
  const byHome = new Map<number, Map<number, number>>();
  table.strips.forEach((strip, h) => {
    const hk = pointKey(table.homes.lat[h]!, table.homes.lon[h]!);
    const row = byHome.get(hk) ?? new Map<number, number>();
    byHome.set(hk, row);
    const minutes = table.minutes[h]!;
    strip.forEach((u, j) => {
      const m = minutes[j]!;
      if (Number.isFinite(m)) row.set(pointKey(table.units.lat[u]!, table.units.lon[u]!), m);
    });
  });
  let hits = 0;
  let misses = 0;
  const fn: TravelMinutesFn = (aLat, aLon, bLat, bLon, density) => {
    const m = byHome.get(pointKey(aLat, aLon))?.get(pointKey(bLat, bLon));
    if (m !== undefined) {
      hits++;
      return m;
    }
    misses++;
    return fallback(aLat, aLon, bLat, bLon, density);
  };
  return { fn, hits: () => hits, misses: () => misses };
}
