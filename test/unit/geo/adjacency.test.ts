import { describe, expect, it } from 'vitest';
import { loadGeoData } from '../../../workers/data/geoLoader';
import { loadCountyAdjacency, loadZipAdjacency } from '../../../workers/data/geoShapes';
import type { UnitAdjacency } from '../../../workers/data/geo';
import { adjacencyFromEdges, components, neighborsOf } from '../../../workers/domain/geo/graph';
import { createLandIndex } from '../../../workers/domain/geo/landIndex';
import { buildZipAdjacency, waterKm } from '../../../workers/domain/geo/zipAdjacency';

const geo = loadGeoData();

function expectWellFormed(g: UnitAdjacency, n: number): void {
  expect(g.offsets.length).toBe(n + 1);
  const problems: string[] = [];
  for (let i = 0; i < n; i++) {
    const row = neighborsOf(g, i);
    for (let k = 0; k < row.length; k++) {
      const j = row[k]!;
      if (j === i) problems.push(`${i}: self loop`);
      if (k > 0 && j <= row[k - 1]!) problems.push(`${i}: row not strictly sorted`);
      if (!neighborsOf(g, j).includes(i)) problems.push(`${i}→${j}: not symmetric`);
    }
  }
  expect(problems.slice(0, 5)).toEqual([]);
}

describe('graph helpers', () => {
  it('builds symmetric sorted CSR rows without loops or duplicates', () => {
    const g = adjacencyFromEdges(4, [0, 1, 1, 2, 3], [1, 0, 2, 2, 1]);
    expect([...neighborsOf(g, 1)]).toEqual([0, 2, 3]);
    expect([...neighborsOf(g, 2)]).toEqual([1]);
    expect(components(g).count).toBe(1);
    expect(components(adjacencyFromEdges(3, [0], [1])).count).toBe(2);
  });
});

describe('land index and water crossings (synthetic island)', () => {
  // Two squares of land separated by a 1°-wide strait, the eastern one with a bay cut into it.
  const land = createLandIndex([
    [
      [
        [0, 0],
        [2, 0],
        [2, 2],
        [0, 2],
        [0, 0],
      ],
    ],
    [
      [
        [3, 0],
        [5, 0],
        [5, 2],
        [4.5, 2],
        [4.5, 1],
        [4, 1],
        [4, 2],
        [3, 2],
        [3, 0],
      ],
    ],
  ]);
  it('tells land from water, including inside a bay', () => {
    expect(land.contains(1, 1)).toBe(true);
    expect(land.contains(2.5, 1)).toBe(false);
    expect(land.contains(4.25, 1.5)).toBe(false);
    expect(land.contains(4.25, 0.5)).toBe(true);
    expect(land.contains(-1, 1)).toBe(false);
  });
  it('measures the water part of a segment', () => {
    expect(waterKm(land, 1, 1, 1.5, 1.5)).toBe(0);
    // From (1.5,1) to (3.5,1): 1° of strait out of 2° ≈ 111 km at the equator.
    expect(waterKm(land, 1.5, 1, 3.5, 1)).toBeGreaterThan(100);
    expect(waterKm(land, 1.5, 1, 3.5, 1)).toBeLessThan(122);
  });
  it('cuts cross-water Delaunay edges but keeps each landmass connected', () => {
    const lon = [0.5, 1.5, 0.5, 1.5, 3.5, 4.75, 3.5];
    const lat = [0.5, 0.5, 1.5, 1.5, 0.5, 0.5, 1.5];
    const g = buildZipAdjacency({ lat, lon, land });
    expectWellFormed(g, lon.length);
    // The strait is 111 km wide: beyond the re-attach limit, so two components.
    expect(g.stats.components).toBe(2);
    expect(neighborsOf(g, 1).includes(4)).toBe(false);
    expect(neighborsOf(g, 0).includes(1)).toBe(true);
  });
});

describe('island re-attachment (synthetic)', () => {
  it('hangs an island across a 22 km strait on its nearest shore by one edge', () => {
    const land = createLandIndex([
      [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
      ],
      [
        [
          [1.2, 0],
          [2.2, 0],
          [2.2, 1],
          [1.2, 1],
          [1.2, 0],
        ],
      ],
    ]);
    const lon = [0.3, 0.9, 0.3, 0.6, 1.3, 2.0, 1.5];
    const lat = [0.2, 0.5, 0.8, 0.9, 0.5, 0.3, 0.9];
    const g = buildZipAdjacency({ lat, lon, land });
    expectWellFormed(g, lon.length);
    expect(g.stats.components).toBe(1);
    expect(g.stats.reattached).toBe(1);
    expect(neighborsOf(g, 1).includes(4)).toBe(true); // the shortest crossing (0.9,0.5)–(1.3,0.5)
  });
  it('links co-located ZIPs to their representative and its neighbours', () => {
    const land = createLandIndex([
      [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
      ],
    ]);
    const lon = [0.2, 0.5, 0.8, 0.5];
    const lat = [0.2, 0.8, 0.2, 0.8]; // ZIP 3 shares ZIP 1's centroid
    const g = buildZipAdjacency({ lat, lon, land });
    expect([...neighborsOf(g, 3)]).toEqual([0, 1, 2]);
    expect(g.stats.locations).toBe(3);
  });
});

describe('national ZIP adjacency', () => {
  const adj = loadZipAdjacency();
  const z = (s: string) => geo.zips.indexOf(s);
  const linked = (a: string, b: string) => neighborsOf(adj, z(a)).includes(z(b));

  it('is symmetric, sorted, loop-free and sized like a planar graph', () => {
    expectWellFormed(adj, geo.zips.count);
    const edges = adj.neighbors.length / 2;
    expect(edges).toBeGreaterThan(2 * geo.zips.count);
    expect(edges).toBeLessThan(4 * geo.zips.count);
  });
  it('cuts edges across open water', () => {
    expect(linked('98110', '98104')).toBe(false); // Bainbridge Island ↔ downtown Seattle (Puget Sound)
    expect(linked('94105', '94607')).toBe(false); // San Francisco ↔ Oakland (the Bay)
    const sf = neighborsOf(adj, z('94105'));
    expect([...sf].every((j) => geo.zips.city[j] !== 'Oakland')).toBe(true);
  });
  it('connects neighbouring ZIPs in a metro, and islands to their nearest shore', () => {
    expect(linked('60601', '60602') || linked('60601', '60611')).toBe(true); // Chicago Loop
    expect(linked('94612', '94606')).toBe(true); // downtown Oakland ↔ its east neighbour
    const { label } = components(adj);
    expect(label[z('33040')]).toBe(label[z('33101')]); // Key West ↔ Miami (Overseas Highway)
    expect(label[z('98110')]).toBe(label[z('98104')]); // Bainbridge still reaches Seattle by land
    expect(label[z('10001')]).toBe(label[z('90001')]); // the lower 48 is one component
    expect(label[z('96813')]).not.toBe(label[z('90001')]); // Hawaii is not
    expect(label[z('99501')]).not.toBe(label[z('98101')]); // nor Alaska
  });
  it('reports few components (lower 48 + AK, HI, PR, territories, remote islands)', () => {
    const { count } = components(adj);
    expect(count).toBeGreaterThanOrEqual(5);
    expect(count).toBeLessThan(40);
  });
});

describe('county adjacency', () => {
  const adj = loadCountyAdjacency();
  const c = (fips: string) => geo.counties.indexOf(fips);
  const linked = (a: string, b: string) => neighborsOf(adj, c(a)).includes(c(b));
  it('is symmetric and links known neighbours only', () => {
    expectWellFormed(adj, geo.counties.count);
    expect(linked('17031', '17043')).toBe(true); // Cook ↔ DuPage IL
    expect(linked('06075', '06081')).toBe(true); // San Francisco ↔ San Mateo
    expect(linked('36061', '36005')).toBe(true); // New York County ↔ Bronx
    expect(linked('17031', '17197')).toBe(true); // Cook ↔ Will
    expect(linked('17031', '06037')).toBe(false); // Cook ↔ Los Angeles
    expect(linked('04005', '08067')).toBe(false); // Four Corners point contact (Coconino ↔ La Plata) does not count
  });
  it('hangs island counties on the nearest mainland county', () => {
    const { label } = components(adj);
    expect(label[c('25019')]).toBe(label[c('25025')]); // Nantucket reaches Boston's county
    expect(label[c('53055')]).toBe(label[c('53033')]); // San Juan WA reaches King
    expect(label[c('15001')]).not.toBe(label[c('06037')]); // Hawaii stays apart
  });
});
