import { describe, expect, it } from 'vitest';
import {
  buildHierarchy,
  equalCountBaseline,
  kmeansBaseline,
} from '../../../workers/domain/align/index';
import { gridProblem } from './instances';

describe('buildHierarchy', () => {
  it('groups territories into nested, balanced, geographic districts and regions', () => {
    // 24 territories on a 6×4 lattice of centres.
    const lat = Float64Array.from({ length: 24 }, (_, i) => 30 + Math.floor(i / 6) * 2);
    const lon = Float64Array.from({ length: 24 }, (_, i) => -100 + (i % 6) * 2);
    const h = buildHierarchy(lat, lon, 6, 2);
    const perDistrict = new Array(6).fill(0);
    for (const d of h.territoryDistrict) perDistrict[d]++;
    expect(perDistrict).toEqual([4, 4, 4, 4, 4, 4]);
    expect(Array.from(h.districtRegion).filter((r) => r === 0).length).toBe(3);
    for (let t = 0; t < 24; t++)
      expect(h.districtRegion[h.territoryDistrict[t]!]).toBe(h.territoryRegion[t]);
    // The lattice is wider than tall: the two regions are its west and east halves.
    for (let t = 0; t < 24; t++) expect(h.territoryRegion[t]).toBe(t % 6 < 3 ? 0 : 1);
  });

  it('handles counts that do not divide evenly', () => {
    const lat = Float64Array.from({ length: 10 }, (_, i) => 35 + i * 0.5);
    const lon = new Float64Array(10).fill(-90);
    const h = buildHierarchy(lat, lon, 3, 2);
    const sizes = [0, 0, 0];
    for (const d of h.territoryDistrict) sizes[d]!++;
    expect(sizes.sort()).toEqual([3, 3, 4]);
    // Districts along a line are runs of consecutive territories.
    for (let t = 1; t < 10; t++)
      expect(h.territoryDistrict[t]!).toBeGreaterThanOrEqual(h.territoryDistrict[t - 1]!);
  });
});

describe('baselines', () => {
  it('equal-count territories differ by at most one unit and follow the code order', () => {
    const p = gridProblem({ rows: 7, cols: 9, k: 5 });
    const sol = equalCountBaseline(p);
    const sizes = new Array(5).fill(0);
    for (const t of sol.assignment) sizes[t]++;
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    const order = Array.from({ length: p.count }, (_, i) => i).sort((a, b) =>
      p.ids[a]! < p.ids[b]! ? -1 : 1,
    );
    for (let i = 1; i < order.length; i++)
      expect(sol.assignment[order[i]!]!).toBeGreaterThanOrEqual(sol.assignment[order[i - 1]!]!);
  });

  it('k-means gives k clusters, deterministic for a seed', () => {
    const p = gridProblem({ rows: 12, cols: 12, k: 4, seed: 3 });
    const a = kmeansBaseline(p);
    const b = kmeansBaseline(p);
    expect(new Set(a.assignment).size).toBe(4);
    expect(Array.from(a.assignment)).toEqual(Array.from(b.assignment));
  });
});
