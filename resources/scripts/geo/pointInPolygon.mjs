// Planar point-in-polygon on lon/lat and a grid index over polygon bounding boxes. Planar tests are
// exact enough at us-atlas 1:10m resolution (county edges are straight segments between vertices
// a few km apart; the error of treating them as rhumb-free planar lines is far below that).

/** Even-odd ray casting over all rings of a polygon (outer + holes). */
export function ringsContain(rings, x, y) {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Squared planar distance (in degrees, x scaled by cos(lat)) from a point to a polygon's edges. */
export function ringsDistance2(rings, x, y) {
  const k = Math.cos((y * Math.PI) / 180);
  let best = Infinity;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const ax = ring[j][0] * k,
        ay = ring[j][1];
      const bx = ring[i][0] * k,
        by = ring[i][1];
      const px = x * k,
        py = y;
      const dx = bx - ax,
        dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
      const ex = ax + t * dx - px,
        ey = ay + t * dy - py;
      best = Math.min(best, ex * ex + ey * ey);
    }
  }
  return best;
}

/** GeoJSON (Multi)Polygon geometry → list of polygons, each a list of rings. */
export function polygonsOf(geometry) {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  return [];
}

/** 1°-cell grid of items with bounding boxes; `near(x, y, r)` lists items whose bbox is within r°. */
export function bboxGrid(items) {
  const cells = new Map();
  const key = (i, j) => `${i},${j}`;
  items.forEach((item, idx) => {
    const [x0, y0, x1, y1] = item.bbox;
    for (let i = Math.floor(x0); i <= Math.floor(x1); i++) {
      for (let j = Math.floor(y0); j <= Math.floor(y1); j++) {
        const k = key(i, j);
        if (!cells.has(k)) cells.set(k, []);
        cells.get(k).push(idx);
      }
    }
  });
  return {
    near(x, y, r = 0) {
      const out = new Set();
      for (let i = Math.floor(x - r); i <= Math.floor(x + r); i++) {
        for (let j = Math.floor(y - r); j <= Math.floor(y + r); j++) {
          for (const idx of cells.get(key(i, j)) ?? []) out.add(idx);
        }
      }
      return [...out];
    },
  };
}

export function bboxOf(polygons) {
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (const rings of polygons) {
    for (const [x, y] of rings[0]) {
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return [x0, y0, x1, y1];
}

/** Area-weighted centroid of the largest polygon (planar, x scaled by cos(lat)). */
export function centroidOf(polygons) {
  let best = null;
  for (const rings of polygons) {
    const ring = rings[0];
    let a = 0,
      cx = 0,
      cy = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
      a += f;
      cx += (ring[j][0] + ring[i][0]) * f;
      cy += (ring[j][1] + ring[i][1]) * f;
    }
    if (a !== 0 && (!best || Math.abs(a) > Math.abs(best.a)))
      best = { a, x: cx / (3 * a), y: cy / (3 * a) };
  }
  return best ? [best.x, best.y] : [NaN, NaN];
}
