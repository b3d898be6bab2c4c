import { describe, expect, it } from 'vitest';
import { compareAlignments } from '../../../workers/domain/metrics/compare';
import { territoryPieces } from '../../../workers/domain/metrics/contiguity';
import { allocateQuota, rollUp } from '../../../workers/domain/metrics/quota';
import {
  bandOf,
  computeTerritoryMetrics,
  type MetricsInput,
} from '../../../workers/domain/metrics/territoryMetrics';
import { WeightedHistogram } from '../../../workers/domain/metrics/quantiles';

/** A path graph 0-1-2-…-(n-1) in CSR form. */
function path(n: number): { adjStart: Int32Array; adjList: Int32Array } {
  const start = new Int32Array(n + 1);
  const list: number[] = [];
  for (let u = 0; u < n; u++) {
    start[u] = list.length;
    if (u > 0) list.push(u - 1);
    if (u < n - 1) list.push(u + 1);
  }
  start[n] = list.length;
  return { adjStart: start, adjList: Int32Array.from(list) };
}

describe('contiguity', () => {
  it('counts pieces per territory over the adjacency, ignoring pieces of empty units', () => {
    const g = path(6);
    // territory 0 holds units 0,1 and 4; territory 1 holds 2,3,5. Unit 5 is empty.
    const pieces = territoryPieces({
      k: 2,
      unitTerritory: Int32Array.from([0, 0, 1, 1, 0, 1]),
      counts: Uint8Array.from([1, 1, 1, 1, 1, 0]),
      ...g,
    });
    expect([...pieces]).toEqual([2, 1]);
  });
});

describe('weighted drive-time quantiles', () => {
  it('gives the weighted mean and a P90 within one bin', () => {
    const h = new WeightedHistogram(1);
    for (let m = 1; m <= 100; m++) h.add(0, m, 1);
    h.add(0, 500, 0); // zero weight ignored
    const s = h.stats();
    expect(s.mean[0]).toBeCloseTo(50.5);
    expect(Math.abs(s.p90[0]! - 90)).toBeLessThanOrEqual(0.5);
  });
});

function input(over: Partial<MetricsInput> = {}): MetricsInput {
  // 4 providers, 2 territories, 4 units on a path; each provider in its own unit.
  const g = path(4);
  return {
    k: 2,
    providerTerritory: Int32Array.from([0, 0, 1, 1]),
    providerValue: Float64Array.from([10, 10, 12, 8]),
    accessiblePotential: Float32Array.from([100, 50, 70, 30]),
    tier: Uint8Array.from([1, 2, 3, 3]),
    workloadHours: Float32Array.from([12, 4, 1, 1]),
    providerLat: Float32Array.from([40, 40, 41, 41]),
    providerLon: Float32Array.from([-75, -75.1, -75, -75.1]),
    providerDensity: Uint8Array.from([1, 1, 1, 1]),
    homeLat: Float64Array.from([40, 41]),
    homeLon: Float64Array.from([-75, -75]),
    unitTerritory: Int32Array.from([0, 0, 1, 1]),
    unitCounts: Uint8Array.from([1, 1, 1, 1]),
    capacityHours: 1200,
    travelMinutes: (aLat, aLon, bLat, bLon) => Math.hypot(aLat - bLat, aLon - bLon) * 100,
    ...g,
    ...over,
  };
}

describe('territory metrics', () => {
  it('reports index vs mean, balance bands, tiers, workload and travel per territory', () => {
    const { perTerritory: t, overall } = computeTerritoryMetrics(input());
    expect([...t.value]).toEqual([20, 20]);
    expect([...t.index]).toEqual([100, 100]);
    expect(t.band).toEqual(['within5', 'within5']);
    expect([...t.tierCounts]).toEqual([1, 1, 0, 0, 0, 2]);
    expect([...t.workloadHours]).toEqual([16, 2]);
    expect([...t.potential]).toEqual([150, 100]);
    expect([...t.pieces]).toEqual([1, 1]);
    expect(overall.within5).toBe(1);
    expect(overall.maxMinRatio).toBe(1);
    expect(overall.noncontiguous).toBe(0);
    // territory 0: provider 0 at home (0 min, weight 12), provider 1 at 10 min (weight 4): mean 2.5
    expect(t.travelMeanMin[0]).toBeCloseTo(2.5);
  });

  it('flags imbalance and split territories', () => {
    const { perTerritory: t, overall } = computeTerritoryMetrics(
      input({
        providerValue: Float64Array.from([10, 20, 5, 5]),
        unitTerritory: Int32Array.from([0, 1, 0, 1]),
      }),
    );
    expect(t.indexRatio[0]).toBeCloseTo(30 / 20);
    expect(t.band).toEqual(['outside', 'outside']);
    expect(overall.maxMinRatio).toBeCloseTo(3);
    expect(overall.withinBand).toBe(0);
    expect([...t.pieces]).toEqual([2, 2]);
    expect(overall.noncontiguous).toBe(2);
  });

  it('bands: ±5 % and 0.85–1.15', () => {
    expect(bandOf(1.05)).toBe('within5');
    expect(bandOf(0.94)).toBe('withinBand');
    expect(bandOf(1.15)).toBe('withinBand');
    expect(bandOf(1.16)).toBe('outside');
  });
});

describe('compare', () => {
  it('measures disruption and the transfer matrix by territory id', () => {
    const tiers = {
      accessiblePotential: Float32Array.from([100, 50, 70, 30]),
      tier: Uint8Array.from([1, 2, 3, 3]),
    };
    const a = {
      territoryIds: ['T1', 'T2'],
      providerTerritory: Int32Array.from([0, 0, 1, 1]),
      unitIds: ['u1', 'u2', 'u3', 'u4'],
      unitTerritory: Int32Array.from([0, 0, 1, 1]),
    };
    // Territory order differs in b; provider 0 (tier A) moves T1 → T2.
    const b = {
      territoryIds: ['T2', 'T1'],
      providerTerritory: Int32Array.from([0, 1, 0, 0]),
      unitIds: ['u1', 'u2', 'u3', 'u4'],
      unitTerritory: Int32Array.from([0, 1, 0, 0]),
    };
    const r = compareAlignments(a, b, tiers);
    expect(r.disruption.units).toBe(0.25);
    expect(r.disruption.accounts).toBe(0.25);
    expect(r.disruption.opportunity).toBeCloseTo(100 / 250);
    expect(r.disruption.tierAAccounts).toBe(1);
    expect(r.transfers).toEqual([
      { from: 'T1', to: 'T2', units: 1, accounts: 1, opportunity: 100 },
    ]);
    expect(compareAlignments(a, a, tiers).disruption).toEqual({
      units: 0,
      accounts: 0,
      opportunity: 0,
      tierAAccounts: 0,
    });
  });
});

describe('quota', () => {
  it('splits the goal by potential share and sums to the goal', () => {
    const r = allocateQuota(Float64Array.from([1, 1, 2]), { goal: 1000 });
    expect([...r.quota]).toEqual([250, 250, 500]);
  });

  it('applies floor and cap as multiples of the average and redistributes the rest', () => {
    const r = allocateQuota(Float64Array.from([0, 1, 1, 8]), { goal: 400, floor: 0.5, cap: 1.5 });
    // average 100: floor 50, cap 150
    expect(r.quota[0]).toBe(50);
    expect(r.quota[3]).toBe(150);
    expect(r.quota[1]! + r.quota[2]!).toBeCloseTo(200);
    expect([...r.quota].reduce((s, x) => s + x, 0)).toBeCloseTo(400);
    expect(r.clampedFloor).toBe(1);
    expect(r.clampedCap).toBe(1);
    expect(() => allocateQuota(Float64Array.from([1, 1]), { goal: 100, floor: 1.2 })).toThrow(
      /cannot add up/,
    );
  });

  it('rolls territory quotas up to districts', () => {
    expect(rollUp(['D2', 'D1', 'D2'], Float64Array.from([1, 2, 3]))).toEqual([
      { key: 'D1', value: 2, territories: 1 },
      { key: 'D2', value: 4, territories: 2 },
    ]);
  });
});
