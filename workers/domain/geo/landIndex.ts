// Fast point-on-land test against the national outline (us-atlas nation, 1:10m): a scanline table
// of ring crossings per grid row plus a per-cell edge bucket. A query counts crossings on the row's
// centre line left of the point (binary search), then the edges crossed by the short vertical hop
// from the centre line to the point (only edges in the point's cell). Even-odd rule over all rings.
// Hand-rolled because the adjacency build makes ~2 M land queries; a plain ray cast over 8.8 k
// vertices per query would take minutes, this takes well under a second.

/** Polygons → rings → [lon, lat] positions (GeoJSON MultiPolygon coordinates). */
export type LandPolygons = readonly (readonly (readonly (readonly number[])[])[])[];

export type LandIndex = {
  contains(lon: number, lat: number): boolean;
  /** True when no outline edge passes through any grid cell overlapping the box. */
  boxIsClear(x0: number, y0: number, x1: number, y1: number): boolean;
  bbox: readonly [number, number, number, number];
};

type Edge = { ax: number; ay: number; bx: number; by: number };

function collectEdges(polygons: LandPolygons): Edge[] {
  const edges: Edge[] = [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const a = ring[j]!;
        const b = ring[i]!;
        if (a[0] === b[0] && a[1] === b[1]) continue;
        edges.push({ ax: a[0]!, ay: a[1]!, bx: b[0]!, by: b[1]! });
      }
    }
  }
  return edges;
}

export function createLandIndex(polygons: LandPolygons, cellDeg = 0.1): LandIndex {
  const edges = collectEdges(polygons);
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (const e of edges) {
    x0 = Math.min(x0, e.ax, e.bx);
    x1 = Math.max(x1, e.ax, e.bx);
    y0 = Math.min(y0, e.ay, e.by);
    y1 = Math.max(y1, e.ay, e.by);
  }
  const cols = Math.max(1, Math.ceil((x1 - x0) / cellDeg) + 1);
  const rows = Math.max(1, Math.ceil((y1 - y0) / cellDeg) + 1);
  const rowY = (r: number) => y0 + (r + 0.5) * cellDeg;
  const crossings: number[][] = Array.from({ length: rows }, () => []);
  const buckets = new Map<number, Edge[]>();
  for (const e of edges) {
    const r0 = Math.floor((Math.min(e.ay, e.by) - y0) / cellDeg);
    const r1 = Math.floor((Math.max(e.ay, e.by) - y0) / cellDeg);
    for (let r = r0; r <= r1; r++) {
      const y = rowY(r);
      if (e.ay > y !== e.by > y)
        crossings[r]!.push(e.ax + ((y - e.ay) * (e.bx - e.ax)) / (e.by - e.ay));
    }
    const c0 = Math.floor((Math.min(e.ax, e.bx) - x0) / cellDeg);
    const c1 = Math.floor((Math.max(e.ax, e.bx) - x0) / cellDeg);
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const key = r * cols + c;
        const list = buckets.get(key);
        if (list) list.push(e);
        else buckets.set(key, [e]);
      }
    }
  }
  const rowCrossings = crossings.map((xs) => Float64Array.from(xs).sort());

  function leftCount(xs: Float64Array, x: number): number {
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function contains(lon: number, lat: number): boolean {
    if (!(lon >= x0 && lon <= x1 && lat >= y0 && lat <= y1)) return false;
    const r = Math.floor((lat - y0) / cellDeg);
    const c = Math.floor((lon - x0) / cellDeg);
    const yr = rowY(r);
    let parity = leftCount(rowCrossings[r]!, lon) & 1;
    const lo = Math.min(yr, lat);
    const hi = Math.max(yr, lat);
    for (const e of buckets.get(r * cols + c) ?? []) {
      if (e.ax > lon === e.bx > lon) continue;
      const y = e.ay + ((lon - e.ax) * (e.by - e.ay)) / (e.bx - e.ax);
      if (y > lo && y <= hi) parity ^= 1;
    }
    return parity === 1;
  }

  function boxIsClear(bx0: number, by0: number, bx1: number, by1: number): boolean {
    const r0 = Math.floor((by0 - y0) / cellDeg);
    const r1 = Math.floor((by1 - y0) / cellDeg);
    const c0 = Math.floor((bx0 - x0) / cellDeg);
    const c1 = Math.floor((bx1 - x0) / cellDeg);
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) if (buckets.has(r * cols + c)) return false;
    }
    return true;
  }

  return { contains, boxIsClear, bbox: [x0, y0, x1, y1] };
}
