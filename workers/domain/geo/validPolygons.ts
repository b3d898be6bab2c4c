// OGC-valid polygons for GIS tools. polygon-clipping's union can return a polygon whose hole touches
// its shell (or another hole) at two points, which cuts the interior in two: GEOS reports "Interior
// is disconnected", and shapely, QGIS and PostGIS refuse or mis-handle the shape. JTS (the jsts
// port) rebuilds such a polygon: buffer(0) of rings that only touch returns the same area as valid
// polygons, split where the interior was cut. Only shapes JTS finds invalid pay for it (3 of the
// demo's 200 territories). Rings come back in GeoJSON's orientation (RFC 7946: shells
// counter-clockwise, holes clockwise), as polygon-clipping writes them.
import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import GeoJSONReader from 'jsts/org/locationtech/jts/io/GeoJSONReader.js';
import GeoJSONWriter from 'jsts/org/locationtech/jts/io/GeoJSONWriter.js';
import BufferOp from 'jsts/org/locationtech/jts/operation/buffer/BufferOp.js';
import IsValidOp from 'jsts/org/locationtech/jts/operation/valid/IsValidOp.js';

export type Position = [number, number];
export type MultiPolygonCoords = Position[][][];

const factory = new GeometryFactory();
const reader = new GeoJSONReader(factory);
const writer = new GeoJSONWriter();

/** Shoelace area, positive for a counter-clockwise ring (also used by export/dissolve.ts). */
export function signedArea(ring: readonly Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    a += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  return a / 2;
}

function oriented(ring: Position[], counterClockwise: boolean): Position[] {
  return signedArea(ring) > 0 === counterClockwise ? ring : ring.slice().reverse();
}

/** Area of a multipolygon (shells minus holes), in squared coordinate units. */
export function multiPolygonArea(mp: MultiPolygonCoords): number {
  let a = 0;
  for (const poly of mp)
    poly.forEach(
      (ring, k) => (a += k === 0 ? Math.abs(signedArea(ring)) : -Math.abs(signedArea(ring))),
    );
  return a;
}

/**
 * The same area as OGC-valid polygons: unchanged (the same array) when already valid, otherwise
 * rebuilt by JTS. `repaired` says which.
 */
export function validMultiPolygon(mp: MultiPolygonCoords): {
  coordinates: MultiPolygonCoords;
  repaired: boolean;
} {
  if (!mp.length) return { coordinates: mp, repaired: false };
  const geometry = reader.read({ type: 'MultiPolygon', coordinates: mp });
  if (IsValidOp.isValid(geometry)) return { coordinates: mp, repaired: false };
  const fixed = writer.write(BufferOp.bufferOp(geometry, 0)) as {
    type: string;
    coordinates: Position[][] | Position[][][];
  };
  const polygons = (
    fixed.type === 'Polygon'
      ? [fixed.coordinates as Position[][]]
      : (fixed.coordinates as Position[][][])
  ).map((poly) => poly.map((ring, k) => oriented(ring, k === 0)));
  return { coordinates: polygons, repaired: true };
}
