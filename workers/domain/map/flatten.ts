// Flat binary polygons for the map: every unit's outer rings packed into one Float32Array with
// ring starts, so deck.gl draws them as binary attributes. Pure.

/** A unit's shape: a list of polygons, each a list of rings (first = outer), each [lon, lat][]. */
export type UnitShape = readonly (readonly (readonly (readonly number[])[])[])[];

export type FlatPolygons = {
  vertices: Float32Array;
  polygonStarts: Uint32Array;
  ringStarts: Uint32Array;
  ringUnit: Uint32Array;
  centroids: Float32Array;
};

function ringArea(ring: readonly (readonly number[])[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    a += ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!;
  }
  return Math.abs(a / 2);
}

/**
 * Packs the outer rings of every unit, closed. Rings are ordered largest first, so a small unit
 * enclosed by a larger one (holes are not stored) is drawn on top of it. `ringUnit` maps rings to
 * units; `polygonStarts[u]` is the first vertex of unit u's largest ring.
 */
export function flattenShapes(shapes: readonly UnitShape[], centroids: Float32Array): FlatPolygons {
  const rings: { unit: number; ring: readonly (readonly number[])[]; area: number }[] = [];
  shapes.forEach((shape, unit) => {
    for (const polygon of shape) {
      const outer = polygon[0];
      if (outer && outer.length >= 3) rings.push({ unit, ring: outer, area: ringArea(outer) });
    }
  });
  rings.sort((a, b) => b.area - a.area || a.unit - b.unit);
  let total = 0;
  for (const r of rings) total += r.ring.length + (closed(r.ring) ? 0 : 1);
  const vertices = new Float32Array(2 * total);
  const ringStarts = new Uint32Array(rings.length + 1);
  const ringUnit = new Uint32Array(rings.length);
  const firstVertex = new Uint32Array(shapes.length + 1).fill(0xffffffff);
  let v = 0;
  rings.forEach((r, i) => {
    ringStarts[i] = v;
    ringUnit[i] = r.unit;
    if (firstVertex[r.unit] === 0xffffffff) firstVertex[r.unit] = v;
    for (const p of r.ring) {
      vertices[2 * v] = p[0]!;
      vertices[2 * v + 1] = p[1]!;
      v++;
    }
    if (!closed(r.ring)) {
      vertices[2 * v] = r.ring[0]![0]!;
      vertices[2 * v + 1] = r.ring[0]![1]!;
      v++;
    }
  });
  ringStarts[rings.length] = v;
  // polygonStarts: the start of each unit's largest ring (units without a shape point at the end).
  const polygonStarts = new Uint32Array(shapes.length + 1);
  for (let u = 0; u < shapes.length; u++) polygonStarts[u] = firstVertex[u] === 0xffffffff ? v : firstVertex[u]!;
  polygonStarts[shapes.length] = v;
  return { vertices, polygonStarts, ringStarts, ringUnit, centroids };
}

function closed(ring: readonly (readonly number[])[]): boolean {
  const a = ring[0]!;
  const b = ring[ring.length - 1]!;
  return a[0] === b[0] && a[1] === b[1];
}
