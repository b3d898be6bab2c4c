// Per-territory and overall alignment metrics (pure): composite index vs the mean, balance bands,
// contiguity, workload vs capacity, potential, accounts by tier, home → account drive time.
import { territoryPieces } from './contiguity';
import { WeightedHistogram } from './quantiles';

export type TravelFn = (
  aLat: number,
  aLon: number,
  bLat: number,
  bLon: number,
  density: number,
) => number;

export type MetricsInput = {
  k: number;
  /** Provider columns (same indexing). */
  providerTerritory: Int32Array;
  providerValue: Float64Array;
  accessiblePotential: Float32Array;
  tier: Uint8Array;
  workloadHours: Float32Array;
  providerLat: Float32Array;
  providerLon: Float32Array;
  /** Density class of the provider's ZIP (drive-time model). */
  providerDensity: Uint8Array;
  /** Territory home bases. */
  homeLat: Float64Array;
  homeLon: Float64Array;
  /** Units. */
  unitTerritory: Int32Array;
  unitCounts: Uint8Array;
  adjStart: Int32Array;
  adjList: Int32Array;
  capacityHours: number;
  travelMinutes: TravelFn;
  /**
   * Optional: the same minutes for provider p from a home, when the caller remembers them between
   * runs (a what-if moves a few units; every other account's drive is unchanged).
   */
  travelOf?: (p: number, homeLat: number, homeLon: number) => number;
};

export type BandName = 'within5' | 'withinBand' | 'outside';

export type TerritoryFigures = {
  units: Int32Array;
  accounts: Int32Array;
  tierCounts: Int32Array; // stride 3
  potential: Float64Array;
  workloadHours: Float64Array;
  value: Float64Array;
  /** 100 = the mean territory. */
  index: Float64Array;
  indexRatio: Float64Array;
  band: BandName[];
  pieces: Int32Array;
  travelMeanMin: Float64Array;
  travelP90Min: Float64Array;
};

export type OverallFigures = {
  territories: number;
  within5: number;
  withinBand: number;
  maxMinRatio: number;
  noncontiguous: number;
  travelMeanMin: number;
  travelP90Min: number;
  capacityHours: number;
  /** Accounts not in any territory (unknown ZIP or unaligned unit) and their share of the index. */
  unassignedAccounts: number;
  unassignedValueShare: number;
};

export function bandOf(ratio: number): BandName {
  if (Math.abs(ratio - 1) <= 0.05 + 1e-12) return 'within5';
  if (ratio >= 0.85 - 1e-12 && ratio <= 1.15 + 1e-12) return 'withinBand';
  return 'outside';
}

function sums(
  input: MetricsInput,
  f: TerritoryFigures,
): { unassignedAccounts: number; unassignedValue: number; totalValue: number } {
  let unassignedAccounts = 0;
  let unassignedValue = 0;
  let totalValue = 0;
  for (let p = 0; p < input.providerTerritory.length; p++) {
    const t = input.providerTerritory[p]!;
    const tier = input.tier[p]!;
    const v = input.providerValue[p]!;
    totalValue += v;
    if (t < 0) {
      if (tier > 0) unassignedAccounts += 1;
      unassignedValue += v;
      continue;
    }
    f.value[t] = f.value[t]! + v;
    f.potential[t] = f.potential[t]! + input.accessiblePotential[p]!;
    if (tier === 0) continue;
    f.accounts[t] = f.accounts[t]! + 1;
    f.tierCounts[t * 3 + tier - 1] = f.tierCounts[t * 3 + tier - 1]! + 1;
    f.workloadHours[t] = f.workloadHours[t]! + input.workloadHours[p]!;
  }
  for (let u = 0; u < input.unitTerritory.length; u++) {
    const t = input.unitTerritory[u]!;
    if (t >= 0) f.units[t] = f.units[t]! + 1;
  }
  return { unassignedAccounts, unassignedValue, totalValue };
}

function travel(input: MetricsInput): {
  perTerritory: { mean: Float64Array; p90: Float64Array };
  overall: { mean: number; p90: number };
} {
  const k = input.k;
  const hist = new WeightedHistogram(k + 1); // group k = everyone
  for (let p = 0; p < input.providerTerritory.length; p++) {
    const t = input.providerTerritory[p]!;
    if (t < 0 || input.tier[p] === 0) continue;
    const w = input.workloadHours[p]!;
    const lat = input.providerLat[p]!;
    if (!(w > 0) || Number.isNaN(lat)) continue;
    const m = input.travelOf
      ? input.travelOf(p, input.homeLat[t]!, input.homeLon[t]!)
      : input.travelMinutes(
          input.homeLat[t]!,
          input.homeLon[t]!,
          lat,
          input.providerLon[p]!,
          input.providerDensity[p]!,
        );
    hist.add(t, m, w);
    hist.add(k, m, w);
  }
  const s = hist.stats();
  return {
    perTerritory: { mean: s.mean.subarray(0, k), p90: s.p90.subarray(0, k) },
    overall: { mean: s.mean[k]!, p90: s.p90[k]! },
  };
}

export function computeTerritoryMetrics(input: MetricsInput): {
  perTerritory: TerritoryFigures;
  overall: OverallFigures;
} {
  const k = input.k;
  const f: TerritoryFigures = {
    units: new Int32Array(k),
    accounts: new Int32Array(k),
    tierCounts: new Int32Array(k * 3),
    potential: new Float64Array(k),
    workloadHours: new Float64Array(k),
    value: new Float64Array(k),
    index: new Float64Array(k),
    indexRatio: new Float64Array(k),
    band: new Array<BandName>(k).fill('outside'),
    pieces: new Int32Array(k),
    travelMeanMin: new Float64Array(k),
    travelP90Min: new Float64Array(k),
  };
  const totals = sums(input, f);
  let sumV = 0;
  let maxV = 0;
  let minV = Infinity;
  for (let t = 0; t < k; t++) {
    sumV += f.value[t]!;
    maxV = Math.max(maxV, f.value[t]!);
    minV = Math.min(minV, f.value[t]!);
  }
  const mean = k > 0 ? sumV / k : 0;
  let within5 = 0;
  let withinBand = 0;
  for (let t = 0; t < k; t++) {
    const r = mean > 0 ? f.value[t]! / mean : 0;
    f.indexRatio[t] = r;
    f.index[t] = 100 * r;
    f.band[t] = bandOf(r);
    if (f.band[t] === 'within5') within5 += 1;
    if (f.band[t] !== 'outside') withinBand += 1;
  }
  f.pieces = territoryPieces({
    k,
    unitTerritory: input.unitTerritory,
    counts: input.unitCounts,
    adjStart: input.adjStart,
    adjList: input.adjList,
  });
  let noncontiguous = 0;
  for (let t = 0; t < k; t++) if (f.pieces[t]! > 1) noncontiguous += 1;
  const tr = travel(input);
  f.travelMeanMin = Float64Array.from(tr.perTerritory.mean);
  f.travelP90Min = Float64Array.from(tr.perTerritory.p90);
  return {
    perTerritory: f,
    overall: {
      territories: k,
      within5: k ? within5 / k : 0,
      withinBand: k ? withinBand / k : 0,
      maxMinRatio: k === 0 ? 0 : minV > 0 ? maxV / minV : Infinity,
      noncontiguous,
      travelMeanMin: tr.overall.mean,
      travelP90Min: tr.overall.p90,
      capacityHours: input.capacityHours,
      unassignedAccounts: totals.unassignedAccounts,
      unassignedValueShare: totals.totalValue > 0 ? totals.unassignedValue / totals.totalValue : 0,
    },
  };
}
