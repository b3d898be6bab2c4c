// Road-time tables for the solver (candidate strips per home, lookup with fallback) and the
// refinement around settled homes that uses them.
import { describe, expect, it } from 'vitest';
import {
  candidateStrips,
  refineAroundHomes,
  solveAlignment,
  tableTravel,
  territoryRings,
} from '../../../workers/domain/align/index';
import { gridProblem, loads, pieces, straightLineMinutes } from './instances';

describe('candidate strips', () => {
  const units = { lat: [0, 0, 0, 0], lon: [0, 1, 2, 3] };
  const homes = { lat: [0, 0], lon: [0, 3] };

  it('lists each unit under its nearest homes', () => {
    expect(candidateStrips(units, homes, { nearest: 1 }).map((s) => Array.from(s))).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(candidateStrips(units, homes, { nearest: 2 }).map((s) => Array.from(s))).toEqual([
      [0, 1, 2, 3],
      [0, 1, 2, 3],
    ]);
  });

  it("adds the unit's own territory and its neighbours' territories", () => {
    // Unit 2 is nearest home 1 but sits in territory 0; unit 3 (territory 1) borders it, so it may join 0.
    const assignment = Int32Array.from([0, 0, 0, 1]);
    const adjStart = Int32Array.from([0, 1, 3, 5, 6]);
    const adjList = Int32Array.from([1, 0, 2, 1, 3, 2]);
    const strips = candidateStrips(units, homes, { nearest: 1, assignment, adjStart, adjList });
    expect(Array.from(strips[0]!)).toEqual([0, 1, 2, 3]);
    expect(Array.from(strips[1]!)).toEqual([2, 3]);
  });
});

describe('territory rings', () => {
  // Five territories in a row of units: 0 0 1 1 2 2 3 3 4 4.
  const assignment = Int32Array.from([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
  const neighbours = Array.from({ length: 10 }, (_, u) =>
    [u - 1, u + 1].filter((v) => v >= 0 && v < 10),
  );
  const adjStart = Int32Array.from([
    0,
    ...neighbours.map((_, u) => neighbours.slice(0, u + 1).flat().length),
  ]);
  const adjList = Int32Array.from(neighbours.flat());

  it('spreads from the seeds one adjacency step per ring', () => {
    const at = (seeds: number[], rings: number) =>
      Array.from(territoryRings(assignment, { adjStart, adjList }, { k: 5, seeds, rings }));
    expect(at([2], 0)).toEqual([0, 0, 1, 0, 0]);
    expect(at([2], 1)).toEqual([0, 1, 1, 1, 0]);
    expect(at([0], 2)).toEqual([1, 1, 1, 0, 0]);
    expect(at([-1], 3)).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('table travel', () => {
  const homes = { lat: [40], lon: [-90] };
  const units = { lat: [40.1, 40.2], lon: [-90, -90] };

  it('answers tabled pairs and falls back (counted) for the rest', () => {
    const t = tableTravel(
      { homes, units, strips: [Int32Array.from([0, 1])], minutes: [Float32Array.from([7, NaN])] },
      () => 99,
    );
    expect(t.fn(40, -90, 40.1, -90, 0)).toBe(7);
    expect(t.fn(40, -90, 40.2, -90, 0)).toBe(99); // the server gave nothing for this pair
    expect(t.fn(40.1, -90, 40, -90, 0)).toBe(99); // not a home → unit pair
    expect(t.fn(40.000001, -90.000001, 40.1, -90, 0)).toBe(7); // same point to 1e-5°
    expect([t.hits(), t.misses()]).toEqual([2, 2]);
  });
});

describe('refinement around settled homes', () => {
  const p = gridProblem({ rows: 8, cols: 20, k: 2 });
  const first = solveAlignment(p);
  const homes = {
    lat: Float64Array.from(first.centersLat),
    lon: Float64Array.from(first.centersLon),
  };
  // A river the first solve did not know: between columns 8|9 in rows 0–3, 10|11 in rows 4–7.
  const east = (lat: number, lon: number) => lon > (lat < 40.35 ? -90 + 0.85 : -90 + 1.05);
  const river = (aLat: number, aLon: number, bLat: number, bLon: number) =>
    straightLineMinutes(aLat, aLon, bLat, bLon) + (east(aLat, aLon) !== east(bLat, bLon) ? 60 : 0);
  const across = (a: Int32Array) =>
    Array.from(a).filter(
      (t, u) => east(p.lat[u]!, p.lon[u]!) !== east(homes.lat[t]!, homes.lon[t]!),
    ).length;

  it('follows the new travel times, stays balanced and contiguous', () => {
    expect(across(first.assignment)).toBe(8);
    const out = refineAroundHomes({ ...p, homes, travelMinutes: river }, first);
    expect(out.kept).toBe(true);
    expect(across(out.assignment)).toBe(0);
    expect(out.moved).toBe(8);
    expect(out.minutesAfter).toBeLessThan(out.minutesBefore);
    expect(loads(p, out.assignment, 2)).toEqual([80, 80]);
    expect(pieces(p, out.assignment, 2)).toEqual([1, 1]);
    expect(Array.from(out.centersLat)).toEqual(Array.from(homes.lat));
  });

  it('with the same travel model it changes nothing', () => {
    const out = refineAroundHomes({ ...p, homes }, first);
    expect(out.moved).toBe(0);
    expect(Array.from(out.assignment)).toEqual(Array.from(first.assignment));
  });

  it('needs home bases', () => {
    expect(() => refineAroundHomes(p, first)).toThrow(/no home bases/);
  });
});
