// Dissolves the cells of one territory into its outline by cancelling shared edges. Why not only
// polygon-clipping's union: measured 14 s for six 7,000-cell territories (41 k ZIP cells), while
// neighbouring Voronoi cells share their edges exactly (same vertices), so cancelling every edge that
// appears in both directions and chaining what is left is exact and linear. When the leftovers do not
// chain into closed rings (a T-junction along a clipped coast), it returns null and the caller falls
// back to a real polygon union.

import { signedArea } from '../geo/validPolygons';

export type Position = [number, number];
export type PolygonCoords = Position[][];

const Q = 1e7;

function vertexKey(x: number, y: number): string {
  return `${Math.round(x * Q)},${Math.round(y * Q)}`;
}

function cleanRing(ring: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || vertexKey(last[0], last[1]) !== vertexKey(p[0], p[1])) out.push(p);
  }
  while (
    out.length > 1 &&
    vertexKey(out[0]![0], out[0]![1]) ===
      vertexKey(out[out.length - 1]![0], out[out.length - 1]![1])
  )
    out.pop();
  return out;
}

type Edge = { from: string; to: string; start: Position; used: boolean };

function pointInRing(p: Position, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi)
      inside = !inside;
  }
  return inside;
}

/** Outline of the union of the given rings (each a cell's outer ring), or null when edges do not chain. */
export function dissolveSharedEdges(
  rings: readonly (readonly Position[])[],
): PolygonCoords[] | null {
  const edges = new Map<string, Edge>();
  for (const raw of rings) {
    let ring = cleanRing(raw);
    if (ring.length < 3) continue;
    if (signedArea(ring) < 0) ring = ring.slice().reverse();
    const keys = ring.map((p) => vertexKey(p[0], p[1]));
    for (let i = 0; i < ring.length; i++) {
      const a = keys[i]!;
      const b = keys[(i + 1) % ring.length]!;
      const reverse = `${b}|${a}`;
      if (edges.has(reverse)) edges.delete(reverse);
      else if (!edges.has(`${a}|${b}`))
        edges.set(`${a}|${b}`, { from: a, to: b, start: ring[i]!, used: false });
    }
  }
  const outgoing = new Map<string, Edge[]>();
  for (const e of edges.values()) {
    const list = outgoing.get(e.from);
    if (list) list.push(e);
    else outgoing.set(e.from, [e]);
  }
  const closed: Position[][] = [];
  for (const first of edges.values()) {
    if (first.used) continue;
    const ring: Position[] = [];
    let e: Edge | undefined = first;
    while (e && !e.used) {
      e.used = true;
      ring.push(e.start);
      if (e.to === first.from) break;
      e = outgoing.get(e.to)?.find((x) => !x.used);
    }
    if (!e || e.to !== first.from) return null;
    if (ring.length >= 3) closed.push([...ring, ring[0]!]);
  }
  const outers = closed
    .filter((r) => signedArea(r) > 0)
    .map((r) => ({ ring: r, area: signedArea(r), holes: [] as Position[][] }));
  for (const hole of closed.filter((r) => signedArea(r) < 0)) {
    const host = outers
      .filter((o) => pointInRing(hole[0]!, o.ring))
      .sort((a, b) => a.area - b.area)[0];
    if (!host) return null;
    host.holes.push(hole);
  }
  return outers.sort((a, b) => b.area - a.area).map((o) => [o.ring, ...o.holes]);
}
