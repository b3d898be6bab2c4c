import { describe, expect, it } from 'vitest';
import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import GeoJSONReader from 'jsts/org/locationtech/jts/io/GeoJSONReader.js';
import IsValidOp from 'jsts/org/locationtech/jts/operation/valid/IsValidOp.js';
import {
  multiPolygonArea,
  type MultiPolygonCoords,
  validMultiPolygon,
} from '../../../workers/domain/geo/validPolygons';

const reader = new GeoJSONReader(new GeometryFactory());
const isValid = (mp: MultiPolygonCoords) =>
  IsValidOp.isValid(reader.read({ type: 'MultiPolygon', coordinates: mp }));

// A 4×4 square whose diamond-shaped hole touches the shell at its left and right edges' midpoints:
// the interior is cut into a top and a bottom half (what polygon-clipping returned for 3 of the demo's
// 200 territories; GEOS: "Interior is disconnected").
const cut: MultiPolygonCoords = [
  [
    [
      [0, 0],
      [4, 0],
      [4, 2],
      [4, 4],
      [0, 4],
      [0, 2],
      [0, 0],
    ],
    [
      [0, 2],
      [2, 3],
      [4, 2],
      [2, 1],
      [0, 2],
    ],
  ],
];

describe('validMultiPolygon', () => {
  it('splits a polygon whose hole cuts its interior into valid polygons of the same area', () => {
    expect(isValid(cut)).toBe(false);
    const r = validMultiPolygon(cut);
    expect(r.repaired).toBe(true);
    expect(isValid(r.coordinates)).toBe(true);
    expect(r.coordinates).toHaveLength(2);
    expect(multiPolygonArea(r.coordinates)).toBeCloseTo(multiPolygonArea(cut), 12);
    expect(multiPolygonArea(cut)).toBeCloseTo(16 - 4, 12);
  });

  it('writes shells counter-clockwise and holes clockwise (RFC 7946)', () => {
    // The cut square, and beside it a valid square with a small hole: all of it comes back rebuilt.
    const shift = (ring: [number, number][], dx: number, k = 1) =>
      ring.map(([x, y]) => [x * k + dx, y * k + (1 - k) * 2] as [number, number]);
    const mixed: MultiPolygonCoords = [
      ...cut,
      [shift(cut[0]![0]!, 10), shift(cut[0]![1]!, 11, 0.5)],
    ];
    const r = validMultiPolygon(mixed);
    expect(r.repaired).toBe(true);
    expect(r.coordinates).toHaveLength(3);
    expect(r.coordinates.filter((p) => p.length === 2)).toHaveLength(1);
    const signed = (ring: [number, number][]) =>
      ring.reduce((a, p, i) => {
        const q = ring[(i + 1) % ring.length]!;
        return a + (p[0] * q[1] - q[0] * p[1]) / 2;
      }, 0);
    for (const poly of r.coordinates)
      poly.forEach((ring, k) => expect(Math.sign(signed(ring))).toBe(k === 0 ? 1 : -1));
    expect(multiPolygonArea(r.coordinates)).toBeCloseTo(multiPolygonArea(mixed), 12);
  });

  it('returns a valid shape untouched', () => {
    const square: MultiPolygonCoords = [[cut[0]![0]!]];
    const r = validMultiPolygon(square);
    expect(r.repaired).toBe(false);
    expect(r.coordinates).toBe(square);
  });
});
