import { describe, expect, it } from 'vitest';
import { loadGeoData } from '../../../workers/data/geoLoader';
import { loadUnitShapes } from '../../../workers/data/geoShapes';
import type { UnitShapes } from '../../../workers/data/geo';
import { createLandIndex } from '../../../workers/domain/geo/landIndex';
import { tileLand } from '../../../workers/domain/geo/landTiles';
import { buildZipCells } from '../../../workers/domain/geo/zipCells';
import { colocated } from '../../../workers/domain/geo/zipAdjacency';

const geo = loadGeoData();

/** Index of the first ring at or after vertex `v` (rings are ordered by unit). */
function firstRingAt(s: UnitShapes, v: number): number {
  let lo = 0;
  let hi = s.ringUnit.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s.ringStarts[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Even-odd point-in-rings test over one unit's rings. */
function unitContains(s: UnitShapes, unit: number, x: number, y: number): boolean {
  let inside = false;
  for (let r = firstRingAt(s, s.polygonStarts[unit]!); r < s.ringUnit.length; r++) {
    if (s.ringUnit[r] !== unit) break;
    const a = s.ringStarts[r]!;
    const b = s.ringStarts[r + 1]!;
    for (let i = a, j = b - 1; i < b; j = i++) {
      const xi = s.vertices[2 * i]!,
        yi = s.vertices[2 * i + 1]!;
      const xj = s.vertices[2 * j]!,
        yj = s.vertices[2 * j + 1]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function expectConsistent(s: UnitShapes, n: number): void {
  expect(s.ids.length).toBe(n);
  expect(s.centroids.length).toBe(2 * n);
  expect(s.polygonStarts.length).toBe(n + 1);
  expect(s.ringStarts.length).toBe(s.ringUnit.length + 1);
  expect(s.ringStarts[s.ringStarts.length - 1]).toBe(s.vertices.length / 2);
  let bad = 0;
  for (let r = 0; r < s.ringUnit.length; r++) {
    const u = s.ringUnit[r]!;
    const a = s.ringStarts[r]!;
    const b = s.ringStarts[r + 1]!;
    if (b - a < 4 || a < s.polygonStarts[u]! || b > s.polygonStarts[u + 1]!) bad++;
    if (
      s.vertices[2 * a] !== s.vertices[2 * b - 2] ||
      s.vertices[2 * a + 1] !== s.vertices[2 * b - 1]
    )
      bad++;
  }
  expect(bad).toBe(0);
}

describe('ZIP cells', () => {
  const cells = loadUnitShapes('zip');
  const rep = colocated(geo.zips.lat, geo.zips.lon);
  it('has one well-formed, non-empty shape per ZIP in table order', () => {
    expectConsistent(cells, geo.zips.count);
    expect(cells.ids).toBe(geo.zips.zip);
    let empty = 0;
    for (let i = 0; i < geo.zips.count; i++)
      if (cells.polygonStarts[i + 1] === cells.polygonStarts[i]) empty++;
    expect(empty).toBe(0);
  });
  it('covers its own centroid and no other cell does (sample)', () => {
    let misses = 0;
    let overlaps = 0;
    let checked = 0;
    for (let i = 0; i < geo.zips.count; i += 97) {
      if (rep[i] !== i || (i + 1 < geo.zips.count && rep[i + 1] === i)) continue; // wedge apexes sit on edges
      const x = geo.zips.lon[i]!;
      const y = geo.zips.lat[i]!;
      checked++;
      if (!unitContains(cells, i, x, y)) misses++;
      for (let j = Math.max(0, i - 300); j < Math.min(geo.zips.count, i + 300); j++) {
        if (j !== i && unitContains(cells, j, x, y)) overlaps++;
      }
    }
    expect(checked).toBeGreaterThan(300);
    // Centroids a few metres off the 1:10m coastline fall just outside their clipped cell.
    expect(misses / checked).toBeLessThan(0.02);
    expect(overlaps).toBe(0);
  });
});

describe('buildZipCells (small input)', () => {
  it('tiles a square island among its points, clipped to the coast, wedging shared centroids', () => {
    const square: [number, number][][][] = [
      [
        [
          [-100, 40],
          [-99, 40],
          [-99, 41],
          [-100, 41],
          [-100, 40],
        ],
      ],
    ];
    const lon = [-99.8, -99.2, -99.5, -99.5];
    const lat = [40.2, 40.2, 40.8, 40.8]; // the last two share a centroid
    const flat = buildZipCells({
      lat,
      lon,
      region: [0, 0, 0, 0],
      landIndex: createLandIndex(square),
      landTiles: tileLand(square),
    });
    const s: UnitShapes = {
      unitKind: 'zip',
      ids: ['a', 'b', 'c', 'd'],
      centroids: new Float32Array(8),
      ...flat,
    };
    expectConsistent(s, 4);
    expect(unitContains(s, 0, -99.8, 40.2)).toBe(true);
    expect(unitContains(s, 1, -99.2, 40.2)).toBe(true);
    expect(unitContains(s, 0, -99.2, 40.2)).toBe(false);
    // Every vertex lies on the island (clipped), and the two wedges split the shared cell.
    for (let k = 0; k < flat.vertices.length; k += 2) {
      expect(flat.vertices[k]!).toBeGreaterThanOrEqual(-100.0001);
      expect(flat.vertices[k]!).toBeLessThanOrEqual(-98.9999);
    }
    expect(unitContains(s, 2, -99.5, 40.95) !== unitContains(s, 3, -99.5, 40.95)).toBe(true);
  });
});

describe('county shapes', () => {
  it('are well formed and cover their centroids', () => {
    const counties = loadUnitShapes('county');
    expectConsistent(counties, geo.counties.count);
    const cook = geo.counties.indexOf('17031');
    expect(unitContains(counties, cook, -87.75, 41.85)).toBe(true);
    expect(unitContains(counties, cook, -88.1, 41.85)).toBe(false); // DuPage
  });
});
