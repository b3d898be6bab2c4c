// The national land outline cut into small pieces by a quadtree, so a ZIP cell on the coast is
// clipped against a few hundred vertices instead of the whole 8.8 k-vertex continental outline
// (polygon-clipping's cost grows with both operands; per-cell clipping against the full outline took
// tens of ms per cell). Each split costs one pass over the pieces, so tiling is O(depth × N log N).
import { intersection, type MultiPolygon, type Polygon } from './clipping';

export type Box = readonly [number, number, number, number];
export type LandTile = { box: Box; land: MultiPolygon };
export type LandTiles = { tiles: LandTile[]; near(box: Box): LandTile[] };

const MAX_VERTICES = 300;
const MAX_DEPTH = 12;

function vertexCount(mp: MultiPolygon): number {
  let n = 0;
  for (const p of mp) for (const r of p) n += r.length;
  return n;
}

export function boxPolygon([x0, y0, x1, y1]: Box): Polygon {
  return [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ];
}

export function bboxOfRings(
  rings: readonly (readonly (readonly number[])[])[],
): [number, number, number, number] {
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (const ring of rings) {
    for (const p of ring) {
      x0 = Math.min(x0, p[0]!);
      x1 = Math.max(x1, p[0]!);
      y0 = Math.min(y0, p[1]!);
      y1 = Math.max(y1, p[1]!);
    }
  }
  return [x0, y0, x1, y1];
}

const overlaps = (a: Box, b: Box) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

function split(land: MultiPolygon, box: Box, depth: number, out: LandTile[]): void {
  if (land.length === 0) return;
  if (vertexCount(land) <= MAX_VERTICES || depth >= MAX_DEPTH) {
    out.push({ box, land });
    return;
  }
  const [x0, y0, x1, y1] = box;
  const mx = (x0 + x1) / 2;
  const my = (y0 + y1) / 2;
  const quads: Box[] = [
    [x0, y0, mx, my],
    [mx, y0, x1, my],
    [x0, my, mx, y1],
    [mx, my, x1, y1],
  ];
  for (const q of quads) {
    const pieces = land.filter((p) => overlaps(bboxOfRings(p), q));
    if (pieces.length > 0) split(intersection(pieces, boxPolygon(q)), q, depth + 1, out);
  }
}

/** Land polygons (GeoJSON MultiPolygon coordinates, lon/lat) → quadtree tiles. */
export function tileLand(land: MultiPolygon): LandTiles {
  const tiles: LandTile[] = [];
  // Split each top-level polygon separately: islands far from the mainland stay single tiles.
  for (const polygon of land) split([polygon], bboxOfRings(polygon), 0, tiles);
  return {
    tiles,
    near(box) {
      return tiles.filter((t) => overlaps(t.box, box));
    },
  };
}
