// ZIP cells: Voronoi cells of the ZIP centroids (computed in the Albers plane, per region so that
// Alaska, Hawaii and the territories do not share cells with the lower 48), clipped to the US land
// outline. ZIPs sharing one centroid (PO-box and unique ZIPs on their town's point) split their
// location's cell into equal-angle wedges around the centroid, so every ZIP has a clickable shape.
// Cells west of 180° (the far Aleutians) are cut there; that land has no ZIP centroid of its own.
// A ZIP left with no land at all (centroid and whole cell off the 1:10m outline: harbour PO-box
// ZIPs in Tampa Bay or on Lake Erie, Monhegan, Treasure Island) gets a 0.4 km octagon instead.
import { Delaunay } from 'd3-delaunay';
import { albersInverse, albersPoints } from './albers';
import {
  intersection,
  union,
  type MultiPolygon,
  type Pair,
  type Polygon,
  type Ring,
} from './clipping';
import type { LandIndex } from './landIndex';
import { bboxOfRings, type LandTiles } from './landTiles';
import { colocated } from './zipAdjacency';

export type CellInput = {
  lat: ArrayLike<number>;
  lon: ArrayLike<number>;
  /** Region id per ZIP (lower 48, AK, HI, PR+VI, …): cells are built per region. */
  region: ArrayLike<number>;
  landIndex: LandIndex;
  landTiles: LandTiles;
};

/** Flat multi-ring polygons per unit, in input order (matches UnitGeometry in contract/map.ts). */
export type FlatPolygons = {
  vertices: Float32Array;
  polygonStarts: Uint32Array;
  ringStarts: Uint32Array;
  ringUnit: Uint32Array;
};

const MARGIN_KM = 300;
const DENSIFY_KM = 25;

function densifiedLonLat(cell: ArrayLike<number>[]): Ring {
  const ring: Pair[] = [];
  for (let i = 0; i + 1 < cell.length; i++) {
    const a = cell[i]!;
    const b = cell[i + 1]!;
    const steps = Math.max(1, Math.ceil(Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!) / DENSIFY_KM));
    for (let s = 0; s < steps; s++) {
      const t = s / steps;
      ring.push(albersInverse(a[0]! + t * (b[0]! - a[0]!), a[1]! + t * (b[1]! - a[1]!)));
    }
  }
  // Keep longitudes continuous across 180° so a far-Aleutian cell does not wrap around the globe.
  for (let i = 1; i < ring.length; i++) {
    const prev = ring[i - 1]![0];
    while (ring[i]![0] - prev > 180) ring[i]![0] -= 360;
    while (ring[i]![0] - prev < -180) ring[i]![0] += 360;
  }
  // Then bring the ring into the outline's frame: no US land lies east of 180°.
  if (ring.some(([x]) => x > 180)) for (const p of ring) p[0] -= 360;
  ring.push([ring[0]![0], ring[0]![1]]);
  return ring;
}

/** Small octagon (radius ~0.4 km) for a ZIP whose centroid and cell lie off the 1:10m outline. */
function marker(lon: number, lat: number): MultiPolygon {
  const r = 0.0036;
  const k = Math.cos((lat * Math.PI) / 180);
  const ring: Pair[] = [];
  for (let s = 0; s <= 8; s++) {
    const a = (Math.PI / 4) * (s % 8);
    ring.push([lon + (r * Math.cos(a)) / k, lat + r * Math.sin(a)]);
  }
  return [[ring]];
}

function clipToLand(ring: Ring, input: CellInput): MultiPolygon {
  const [x0, y0, x1, y1] = bboxOfRings([ring]);
  if (
    input.landIndex.boxIsClear(x0, y0, x1, y1) &&
    ring.every(([x, y]) => input.landIndex.contains(x, y))
  ) {
    return [[ring]];
  }
  const pieces: MultiPolygon[] = [];
  for (const tile of input.landTiles.near([x0, y0, x1, y1])) {
    const clipped = intersection([ring], tile.land);
    if (clipped.length > 0) pieces.push(clipped);
  }
  if (pieces.length <= 1) return pieces[0] ?? [];
  return union(pieces[0]!, ...pieces.slice(1));
}

/** Splits a location's cell into `m` equal-angle wedges around its centroid (x scaled by cos lat). */
function wedges(cell: MultiPolygon, lon: number, lat: number, m: number): MultiPolygon[] {
  if (m === 1 || cell.length === 0) return [cell];
  const k = Math.cos((lat * Math.PI) / 180);
  const [x0, y0, x1, y1] = bboxOfRings(cell.flat());
  const r = 2 * Math.hypot((x1 - x0) * k, y1 - y0) + 1;
  const out: MultiPolygon[] = [];
  for (let w = 0; w < m; w++) {
    const wedge: Pair[] = [[lon, lat]];
    const a0 = (2 * Math.PI * w) / m;
    const steps = Math.max(2, Math.ceil(16 / m));
    for (let s = 0; s <= steps; s++) {
      const a = a0 + ((2 * Math.PI) / m) * (s / steps);
      wedge.push([lon + (r * Math.cos(a)) / k, lat + r * Math.sin(a)]);
    }
    wedge.push([lon, lat]);
    out.push(intersection(cell as Polygon[], [wedge]));
  }
  return out;
}

function regionCells(members: number[], input: CellInput, cells: MultiPolygon[]): void {
  const xy = albersPoints(
    members.map((i) => input.lon[i]!),
    members.map((i) => input.lat[i]!),
  );
  let bx0 = Infinity,
    by0 = Infinity,
    bx1 = -Infinity,
    by1 = -Infinity;
  for (let i = 0; i < members.length; i++) {
    bx0 = Math.min(bx0, xy[2 * i]!);
    bx1 = Math.max(bx1, xy[2 * i]!);
    by0 = Math.min(by0, xy[2 * i + 1]!);
    by1 = Math.max(by1, xy[2 * i + 1]!);
  }
  const bounds: [number, number, number, number] = [
    bx0 - MARGIN_KM,
    by0 - MARGIN_KM,
    bx1 + MARGIN_KM,
    by1 + MARGIN_KM,
  ];
  const voronoi = new Delaunay(xy).voronoi(bounds);
  members.forEach((zip, k) => {
    const polygon = voronoi.cellPolygon(k);
    cells[zip] = polygon ? clipToLand(densifiedLonLat(polygon), input) : [];
  });
}

export function buildZipCells(input: CellInput): FlatPolygons {
  const n = input.lat.length;
  const rep = colocated(input.lat, input.lon);
  const byRegion = new Map<number, number[]>();
  const group = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = rep[i]!;
    if (!group.has(r)) group.set(r, []);
    group.get(r)!.push(i);
    if (r !== i) continue;
    const region = input.region[i]!;
    if (!byRegion.has(region)) byRegion.set(region, []);
    byRegion.get(region)!.push(i);
  }
  const locationCells = new Array<MultiPolygon>(n);
  for (const members of byRegion.values()) regionCells(members, input, locationCells);
  const cells = new Array<MultiPolygon>(n).fill([]);
  for (const [r, zips] of group) {
    const parts = wedges(locationCells[r] ?? [], input.lon[r]!, input.lat[r]!, zips.length);
    zips.forEach((zip, w) => {
      const part = parts[w] ?? [];
      cells[zip] = part.length > 0 ? part : marker(input.lon[zip]!, input.lat[zip]!);
    });
  }
  return flatten(cells);
}

/** Multi-polygons per unit → flat arrays; outer rings only (holes are covered by enclaved units). */
export function flatten(cells: MultiPolygon[]): FlatPolygons {
  const coords: number[] = [];
  const polygonStarts = new Uint32Array(cells.length + 1);
  const ringStarts: number[] = [];
  const ringUnit: number[] = [];
  cells.forEach((cell, unit) => {
    polygonStarts[unit] = coords.length / 2;
    for (const polygon of cell) {
      const outer = polygon[0];
      if (!outer || outer.length < 4) continue;
      ringStarts.push(coords.length / 2);
      ringUnit.push(unit);
      for (const [x, y] of outer) coords.push(x, y);
    }
  });
  polygonStarts[cells.length] = coords.length / 2;
  ringStarts.push(coords.length / 2);
  return {
    vertices: Float32Array.from(coords),
    polygonStarts,
    ringStarts: Uint32Array.from(ringStarts),
    ringUnit: Uint32Array.from(ringUnit),
  };
}
