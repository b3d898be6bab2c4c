// Account-level figures for the export: which providers are accounts (scored into the market and
// aligned), their ranking within each territory, drive minutes from the rep's home base, and the
// drive-time statistics of districts, regions and the nation computed from those minutes.
import { WeightedHistogram } from '../metrics/quantiles';
import type { GroupTravel, GroupTravelLookup } from './summary';

export type TravelFn = (
  aLat: number,
  aLon: number,
  bLat: number,
  bLon: number,
  density: number,
) => number;

export type AccountColumns = {
  providerTerritory: Int32Array;
  /** 0 = not in market, 1 = A, 2 = B, 3 = C */
  tier: Uint8Array;
  potential: Float32Array;
  workloadHours: Float32Array;
};

export type AccountOrder = {
  /** Provider indexes of every account, grouped by territory (in `territoryOrder`), ranked within. */
  order: Int32Array;
  /** start[p]..start[p+1] are the accounts of territoryOrder[p]. */
  start: Int32Array;
  /** 1-based rank of each provider within its territory; 0 for non-accounts. */
  rank: Int32Array;
};

export function isAccount(a: AccountColumns, p: number): boolean {
  return a.providerTerritory[p]! >= 0 && a.tier[p]! > 0;
}

/** Accounts ranked within territory: tier A first, then B, C; by accessible potential within tier. */
export function rankAccounts(a: AccountColumns, territoryOrder: readonly number[]): AccountOrder {
  const k = territoryOrder.length;
  const position = new Int32Array(Math.max(k, 1 + Math.max(-1, ...territoryOrder))).fill(-1);
  territoryOrder.forEach((t, pos) => (position[t] = pos));
  const counts = new Int32Array(k + 1);
  const n = a.providerTerritory.length;
  for (let p = 0; p < n; p++) {
    if (!isAccount(a, p)) continue;
    const pos = position[a.providerTerritory[p]!] ?? -1;
    if (pos >= 0) counts[pos + 1] = counts[pos + 1]! + 1;
  }
  const start = new Int32Array(k + 1);
  for (let i = 0; i < k; i++) start[i + 1] = start[i]! + counts[i + 1]!;
  const fill = start.slice(0, k);
  const order = new Int32Array(start[k]!);
  for (let p = 0; p < n; p++) {
    if (!isAccount(a, p)) continue;
    const pos = position[a.providerTerritory[p]!] ?? -1;
    if (pos < 0) continue;
    order[fill[pos]!] = p;
    fill[pos] = fill[pos]! + 1;
  }
  const rank = new Int32Array(n);
  const cmp = (x: number, y: number) =>
    a.tier[x]! - a.tier[y]! || a.potential[y]! - a.potential[x]! || x - y;
  for (let i = 0; i < k; i++) {
    const group = order.subarray(start[i]!, start[i + 1]!);
    group.sort(cmp);
    for (let j = 0; j < group.length; j++) rank[group[j]!] = j + 1;
  }
  return { order, start, rank };
}

export type HomeBases = { homeLat: ArrayLike<number>; homeLon: ArrayLike<number> };
export type ProviderPlaces = { lat: Float32Array; lon: Float32Array; density: Uint8Array };

/** Drive minutes from the territory's home base to every account (NaN for non-accounts / no location). */
export function accountDriveMinutes(
  a: AccountColumns,
  places: ProviderPlaces,
  homes: HomeBases,
  travel: TravelFn,
): Float32Array {
  const out = new Float32Array(a.providerTerritory.length).fill(Number.NaN);
  for (let p = 0; p < out.length; p++) {
    if (!isAccount(a, p)) continue;
    const lat = places.lat[p]!;
    if (Number.isNaN(lat)) continue;
    const t = a.providerTerritory[p]!;
    out[p] = travel(homes.homeLat[t]!, homes.homeLon[t]!, lat, places.lon[p]!, places.density[p]!);
  }
  return out;
}

/**
 * Workload-weighted mean and P90 drive minutes of each district, region and the nation, with the
 * same weighting and histogram as the territory metrics (so the national row matches the engine).
 */
export function groupTravel(
  a: AccountColumns,
  minutes: Float32Array,
  territories: readonly { region: string; district: string }[],
): GroupTravelLookup {
  const districtKey = (r: string, d: string) => `${r}\u0000${d}`;
  const districts = new Map<string, number>();
  const regions = new Map<string, number>();
  const tDistrict = new Int32Array(territories.length);
  const tRegion = new Int32Array(territories.length);
  territories.forEach((t, i) => {
    const dk = districtKey(t.region, t.district);
    if (!districts.has(dk)) districts.set(dk, districts.size);
    if (!regions.has(t.region)) regions.set(t.region, regions.size);
    tDistrict[i] = districts.get(dk)!;
    tRegion[i] = regions.get(t.region)!;
  });
  const nd = districts.size;
  const nr = regions.size;
  const hist = new WeightedHistogram(nd + nr + 1);
  for (let p = 0; p < minutes.length; p++) {
    const m = minutes[p]!;
    if (Number.isNaN(m)) continue;
    const t = a.providerTerritory[p]!;
    const w = a.workloadHours[p]!;
    hist.add(tDistrict[t]!, m, w);
    hist.add(nd + tRegion[t]!, m, w);
    hist.add(nd + nr, m, w);
  }
  const s = hist.stats();
  const at = (g: number): GroupTravel => ({ mean: s.mean[g] ?? 0, p90: s.p90[g] ?? 0 });
  return {
    district: (r, d) => at(districts.get(districtKey(r, d)) ?? -1),
    region: (r) => {
      const g = regions.get(r);
      return g === undefined ? { mean: 0, p90: 0 } : at(nd + g);
    },
    national: at(nd + nr),
  };
}
