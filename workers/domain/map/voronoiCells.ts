// ZIP cells for the map: Voronoi cells of ZIP centroids in the US Albers plane (km), each capped to
// a disc of `maxRadiusKm` around its centroid so coastal and frontier cells do not sprawl over the
// sea (the renderer masks water with the bundled land outline on top). Clipping a convex cell by a
// convex 24-gon is a few microseconds, versus tens of milliseconds per cell with exact land
// clipping — that is the measured reason this is not polygon-clipping against the coastline.
import { Delaunay } from 'd3-delaunay';
import { albersInverse, albersPoints } from '../geo/albers';
import type { UnitShape } from './flatten';

const SIDES = 24;

export function voronoiCells(lon: ArrayLike<number>, lat: ArrayLike<number>, maxRadiusKm = 45): UnitShape[] {
  const n = lon.length;
  const xy = albersPoints(lon, lat);
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    x0 = Math.min(x0, xy[2 * i]!);
    x1 = Math.max(x1, xy[2 * i]!);
    y0 = Math.min(y0, xy[2 * i + 1]!);
    y1 = Math.max(y1, xy[2 * i + 1]!);
  }
  const voronoi = new Delaunay(xy).voronoi([x0 - maxRadiusKm, y0 - maxRadiusKm, x1 + maxRadiusKm, y1 + maxRadiusKm]);
  const shapes: UnitShape[] = [];
  for (let i = 0; i < n; i++) {
    const cell = voronoi.cellPolygon(i) as [number, number][] | null;
    if (!cell) {
      shapes.push([]);
      continue;
    }
    const clipped = clipConvex(cell, disc(xy[2 * i]!, xy[2 * i + 1]!, maxRadiusKm));
    shapes.push(clipped.length >= 3 ? [[clipped.map(([x, y]) => albersInverse(x, y))]] : []);
  }
  return shapes;
}

function disc(cx: number, cy: number, r: number): [number, number][] {
  const out: [number, number][] = [];
  for (let k = 0; k < SIDES; k++) {
    const a = (2 * Math.PI * k) / SIDES;
    out.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  return out;
}

/** Sutherland–Hodgman: subject polygon clipped by a convex, counter-clockwise clip polygon. */
export function clipConvex(subject: [number, number][], clip: [number, number][]): [number, number][] {
  let out = subject[0] && subject.at(-1) && subject[0][0] === subject.at(-1)![0] && subject[0][1] === subject.at(-1)![1] ? subject.slice(0, -1) : subject;
  for (let e = 0; e < clip.length && out.length > 0; e++) {
    const [ax, ay] = clip[e]!;
    const [bx, by] = clip[(e + 1) % clip.length]!;
    const inside = ([px, py]: [number, number]) => (bx - ax) * (py - ay) - (by - ay) * (px - ax) >= 0;
    const cross = (p: [number, number], q: [number, number]): [number, number] => {
      const [px, py] = p;
      const [qx, qy] = q;
      const d = (bx - ax) * (qy - py) - (by - ay) * (qx - px);
      const t = d === 0 ? 0 : ((bx - ax) * (ay - py) - (by - ay) * (ax - px)) / d;
      return [px + t * (qx - px), py + t * (qy - py)];
    };
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const p = input[i]!;
      const q = input[(i + 1) % input.length]!;
      const pin = inside(p);
      const qin = inside(q);
      if (pin) out.push(p);
      if (pin !== qin) out.push(cross(p, q));
    }
  }
  return out;
}
