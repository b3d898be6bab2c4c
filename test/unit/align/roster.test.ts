// Territories around a roster's homes: a rep far from any demand is reported, travel stays near the
// transportation LP's bound, the plan is deterministic for a seed; the islands rule of the bridging;
// per-territory warnings.
import { describe, expect, it } from 'vitest';
import { solveAlignment, alignmentQuality } from '../../../workers/domain/align/index';
import { bridgeComponents, offshoreRegion, simpleGraph } from '../../../workers/domain/align/graph';
import { toSphere } from '../../../workers/domain/align/sphere';
import { transportBound, type LpSolve } from '../../../workers/domain/align/transportLp';
import { territoryWarnings } from '../../../workers/domain/metrics/territoryWarnings';
import { highsSolver, loadHighs } from '../../../workers/engine/align/highsLp';
import { gridProblem } from './instances';

function homesAt(points: [number, number][]): { lat: Float64Array; lon: Float64Array } {
  return {
    lat: Float64Array.from(points, (p) => p[0]),
    lon: Float64Array.from(points, (p) => p[1]),
  };
}

describe('territories around roster homes', () => {
  it('reports a rep whose home is far from any demand, and still balances', () => {
    const p = gridProblem({ rows: 12, cols: 12, k: 4 });
    // Three reps on the grid (40..41.1 N, -90..-88.9 W), one 6 degrees north (~400 mi).
    p.homes = homesAt([
      [40.2, -89.8],
      [40.2, -89.1],
      [41.0, -89.5],
      [47, -89.5],
    ]);
    const sol = solveAlignment(p);
    const far = sol.infeasibilities.filter((i) => i.kind === 'home-far-from-demand');
    expect(far.map((f) => f.territory)).toEqual([3]);
    expect(far[0]!.message).toMatch(
      /Territory 4: the rep's home is \d+ min from the nearest account/,
    );
    const q = alignmentQuality(p, sol);
    expect(q.within5).toBe(1);
    expect(q.noncontiguous).toBe(0);
  });

  it('is deterministic for a seed', () => {
    const make = () => {
      const p = gridProblem({
        rows: 14,
        cols: 14,
        k: 6,
        value: (r, c) => 1 + ((r * 7 + c * 13) % 5),
      });
      p.homes = homesAt([
        [40.1, -89.9],
        [40.2, -89.8],
        [40.3, -89.9],
        [41.2, -88.8],
        [40.6, -89.2],
        [41.0, -89.7],
      ]);
      return solveAlignment(p);
    };
    expect(Array.from(make().assignment)).toEqual(Array.from(make().assignment));
  });

  it('stays within 25 % of the transportation LP bound (HiGHS) on a clustered roster', async () => {
    const p = gridProblem({ rows: 16, cols: 16, k: 8, value: (r, c) => 1 + ((r * 3 + c * 5) % 4) });
    p.homes = homesAt([
      [40.1, -89.9],
      [40.15, -89.85],
      [40.2, -89.9],
      [40.1, -89.7],
      [41.4, -88.6],
      [40.8, -89.0],
      [41.0, -89.8],
      [40.4, -88.6],
    ]);
    const solve: LpSolve = highsSolver(await loadHighs());
    const bound = transportBound(p, solve, { low: 0.95, high: 1.05 });
    expect(bound.status).toBe('Optimal');
    expect(bound.bandViolation).toBe(0);
    const q = alignmentQuality(p, solveAlignment(p));
    expect(q.within5).toBeGreaterThanOrEqual(7 / 8);
    expect(bound.meanMinutes).toBeLessThanOrEqual(q.travelMeanMin + 1e-9);
    expect(q.travelMeanMin).toBeLessThanOrEqual(1.25 * bound.meanMinutes);
    // Without the band every unit drives to its nearest home: never more than the balanced bound.
    expect(bound.unbalancedMeanMinutes).toBeLessThanOrEqual(bound.meanMinutes + 1e-9);
  });
});

describe('islands rule (bridging)', () => {
  it('classifies the offshore regions', () => {
    expect(offshoreRegion(21.3, -157.8)).toBe(2); // Honolulu
    expect(offshoreRegion(61.2, -149.9)).toBe(1); // Anchorage
    expect(offshoreRegion(52.9, 173.2)).toBe(1); // Attu, across the antimeridian
    expect(offshoreRegion(18.4, -66.1)).toBe(3); // San Juan
    expect(offshoreRegion(13.4, 144.8)).toBe(4); // Guam
    expect(offshoreRegion(47.6, -122.3)).toBe(0); // Seattle
  });

  it('never joins Hawaii, Alaska and Puerto Rico to each other; each goes to the contiguous states', () => {
    // Mainland chain (Seattle → San Diego → Miami), Aleutian and Kauai units placed so that Kauai's
    // nearest foreign unit is the Aleutians (as on the real map) and Puerto Rico's is Miami.
    const pts: [number, number][] = [
      [47.6, -122.3],
      [37.8, -122.4],
      [32.7, -117.2],
      [25.8, -80.2], // mainland 0..3
      [61.2, -149.9],
      [51.9, -176.6], // Alaska 4..5 (Anchorage, Adak)
      [22.1, -159.5],
      [21.3, -157.8], // Hawaii 6..7 (Kauai, Honolulu)
      [18.4, -66.1], // Puerto Rico 8
    ];
    const n = pts.length;
    const adj: number[][] = [[1], [0, 2], [1, 3], [2], [5], [4], [7], [6], []];
    const start = new Int32Array(n + 1);
    adj.forEach((a, u) => (start[u + 1] = start[u]! + a.length));
    const g = simpleGraph(n, { start, list: Int32Array.from(adj.flat()) });
    const { bridges } = bridgeComponents(
      n,
      g,
      new Uint8Array(n),
      toSphere(
        pts.map((p) => p[0]),
        pts.map((p) => p[1]),
      ),
    );
    const region = pts.map(([la, lo]) => offshoreRegion(la, lo));
    for (const [a, b] of bridges) {
      // every bridge has one end on the mainland, or both ends in one region
      expect(
        region[a] === 0 || region[b] === 0 || region[a] === region[b],
        `bridge ${a}-${b}`,
      ).toBe(true);
    }
    expect(bridges.length).toBe(3);
    const touches = (r: number) => bridges.some(([a, b]) => region[a] === r || region[b] === r);
    expect(touches(1) && touches(2) && touches(3)).toBe(true);
  });
});

describe('territory warnings', () => {
  it('flags a home outside, a long mean drive and a workload over capacity', () => {
    const w = territoryWarnings({
      k: 3,
      homeLat: [40, 45, null],
      homeLon: [-90, -90, null],
      unitLat: [40, 40.01, 41],
      unitLon: [-90, -90.01, -90],
      unitTerritory: [0, 2, 1],
      travelMeanMin: [20, 95, 30],
      workloadHours: [500, 800, 1300],
      capacityHours: 1200,
    });
    expect(w[0]).toEqual([]);
    expect(w[1]!.map((x) => x.kind)).toEqual(['home-outside', 'long-drive']);
    expect(w[1]![0]!.value).toBeGreaterThan(250);
    expect(w[2]!.map((x) => x.kind)).toEqual(['over-capacity']);
    expect(
      territoryWarnings({
        k: 1,
        homeLat: [40],
        homeLon: [-90],
        unitLat: [40],
        unitLon: [-90],
        unitTerritory: [0],
        travelMeanMin: [95],
        workloadHours: [1],
        capacityHours: 10,
        driveWarnMinutes: 120,
      })[0],
    ).toEqual([]);
  });
});
