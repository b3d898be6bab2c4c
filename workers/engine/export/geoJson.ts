// territories.geojson: one dissolved (multi)polygon per territory — the union of its ZIP cells or
// counties (polygon-clipping) — with the territory's metrics as properties. Streamed feature by feature.
import type { CallOptions } from '../../common/progress';
import { isCancelled } from '../../common/progress';
import { EngineFailure } from '../../common/result';
import polygonClipping, { type MultiPolygon, type Polygon } from 'polygon-clipping';
import { dissolve, TextFile, type Ring } from '../../data/export/textWriters';
import { dissolveSharedEdges } from '../../domain/export/dissolve';
import { type MultiPolygonCoords, validMultiPolygon } from '../../domain/geo/validPolygons';
import type { EngineContext } from '../runtime/context';
import { buildUnitGeometry } from '../map/mapLayers';
import type { Prepared } from './prepare';

export async function writeGeoJson(
  ctx: EngineContext,
  p: Prepared,
  path: string,
  opts?: CallOptions,
): Promise<number> {
  const g = buildUnitGeometry(ctx, p.model.unitKind);
  const firstRing = new Uint32Array(g.ids.length + 1).fill(g.ringUnit.length);
  for (let r = g.ringUnit.length - 1; r >= 0; r--) firstRing[g.ringUnit[r]!] = r;
  for (let u = g.ids.length - 1; u >= 0; u--)
    if (firstRing[u]! > firstRing[u + 1]!) firstRing[u] = firstRing[u + 1]!;
  const position =
    g.ids.length === p.model.unitIds.length && g.ids.every((id, i) => id === p.model.unitIds[i])
      ? null
      : new Map(g.ids.map((id, i) => [id, i]));
  const ringsOf = (modelUnit: number): Ring[] => {
    const u = position ? (position.get(p.model.unitIds[modelUnit]!) ?? -1) : modelUnit;
    if (u < 0) return [];
    const out: Ring[] = [];
    for (let r = firstRing[u]!; r < firstRing[u + 1]!; r++) {
      const ring: Ring = [];
      for (let v = g.ringStarts[r]!; v < g.ringStarts[r + 1]!; v++)
        ring.push([g.vertices[v * 2]!, g.vertices[v * 2 + 1]!]);
      if (ring.length >= 3) out.push(ring);
    }
    return out;
  };
  // Rounded to 6 decimals (~0.1 m) before dissolving: neighbours round a shared vertex alike.
  const rounded = (modelUnit: number): Ring[] =>
    ringsOf(modelUnit).map((r) =>
      r.map(([x, y]) => [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6] as [number, number]),
    );
  const drawn = cellOwners(p, g.centroids, position);
  const m2 = p.model;
  // Grid of unit cell boxes (0.25°) to find a group's neighbouring cells.
  const box = new Float64Array(m2.unitIds.length * 4);
  const grid = new Map<string, number[]>();
  const G = 0.25;
  for (let u = 0; u < m2.unitIds.length; u++) {
    let x0 = Infinity,
      y0 = Infinity,
      x1 = -Infinity,
      y1 = -Infinity;
    for (const r of ringsOf(u))
      for (const [x, y] of r) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
    box.set([x0, y0, x1, y1], u * 4);
    if (!Number.isFinite(x0)) continue;
    for (let gx = Math.floor(x0 / G); gx <= Math.floor(x1 / G); gx++)
      for (let gy = Math.floor(y0 / G); gy <= Math.floor(y1 / G); gy++) {
        const k = `${gx},${gy}`;
        const list = grid.get(k);
        if (list) list.push(u);
        else grid.set(k, [u]);
      }
  }
  const neighbours = (cell: MultiPolygon, members: number[]): number[] => {
    let x0 = Infinity,
      y0 = Infinity,
      x1 = -Infinity,
      y1 = -Infinity;
    for (const poly of cell)
      for (const [x, y] of poly[0]!) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
    const found = new Set<number>();
    for (let gx = Math.floor(x0 / G); gx <= Math.floor(x1 / G); gx++)
      for (let gy = Math.floor(y0 / G); gy <= Math.floor(y1 / G); gy++) {
        for (const u of grid.get(`${gx},${gy}`) ?? [])
          if (
            box[u * 4]! <= x1 &&
            box[u * 4 + 2]! >= x0 &&
            box[u * 4 + 1]! <= y1 &&
            box[u * 4 + 3]! >= y0
          )
            found.add(u);
      }
    for (const u of members) found.delete(u);
    return [...found].filter((u) => drawn.ownerOf[u]! >= 0);
  };
  const file = new TextFile(path);
  await file.write(
    `{"type":"FeatureCollection","name":"territories","description":${JSON.stringify(SHAPES_NOTE[p.model.unitKind])},"features":[\n`,
  );
  let features = 0;
  for (const t of p.territories) {
    if (isCancelled(opts?.cancel))
      throw new EngineFailure('CANCELLED', 'Export cancelled; files written so far were removed.');
    const m = t.metrics;
    // Units of multi-ZIP groups (one centre point) are drawn as the group's cell, cut back to the
    // neighbouring cells of other territories: the geometry's wedges end on their neighbours' edges at
    // T-junctions in float32, which otherwise overlap a neighbour by a sliver.
    const inGroup = new Set<number>();
    const groupPolys: MultiPolygon[] = [];
    for (const members of drawn.groupsOf[t.index]!) {
      members.forEach((u) => inGroup.add(u));
      const rings = members.flatMap(rounded).map((r) => [closeRing(r)] as Polygon);
      if (!rings.length) continue;
      let cell: MultiPolygon = polygonClipping.union(rings[0]!, ...rings.slice(1));
      const others = neighbours(cell, members).filter((u) => drawn.ownerOf[u] !== t.index);
      const cut = others.flatMap(rounded).map((r) => [closeRing(r)] as Polygon);
      if (cut.length) cell = polygonClipping.difference(cell, ...cut);
      groupPolys.push(cell);
    }
    const cells = drawn.cellsOf[t.index]!.filter((u) => !inGroup.has(u)).map(rounded);
    const fast = dissolveSharedEdges(cells.flat());
    // The edge-cancelling dissolve can leave rings that touch themselves at a vertex (two cells meeting
    // corner to corner), which GIS tools reject as invalid: polygon-clipping's union of the outline
    // rebuilds it as valid polygons (cheap: it sees the outline, not the cells).
    const unioned = fast
      ? polygonClipping.union(fast as MultiPolygon, ...groupPolys)
      : polygonClipping.union(dissolve(cells), ...groupPolys);
    // The union can still hold a polygon whose hole touches its shell twice (an interior cut in two),
    // which GIS tools reject: JTS rebuilds those as valid polygons of the same area.
    const shape = validMultiPolygon(unioned as MultiPolygonCoords).coordinates;
    const geometry =
      shape.length === 1
        ? { type: 'Polygon', coordinates: shape[0] }
        : { type: 'MultiPolygon', coordinates: shape };
    const properties = {
      territory: t.id,
      name: t.name,
      district: t.district,
      region: t.region,
      rep_id: t.repId,
      rep: t.repName,
      units: m.units,
      accounts: m.accounts,
      tier_a: m.tierCounts.A,
      tier_b: m.tierCounts.B,
      tier_c: m.tierCounts.C,
      potential: Math.round(m.potential),
      workload_hours: Math.round(m.workloadHours),
      capacity_hours: Math.round(m.capacityHours),
      index: Math.round(m.index * 10) / 10,
      index_ratio: Math.round(m.indexRatio * 1000) / 1000,
      band: m.band,
      pieces: m.pieces,
      drive_mean_min: Math.round(m.travelMeanMin * 10) / 10,
      drive_p90_min: Math.round(m.travelP90Min * 10) / 10,
      quota: Math.round(m.quota),
      home_lat: Math.round(t.homeLat * 1e5) / 1e5,
      home_lon: Math.round(t.homeLon * 1e5) / 1e5,
      shapes: SHAPES_NOTE[p.model.unitKind],
      shared_centre_units_elsewhere: drawn.elsewhere[t.index]!,
      shared_centre_units_from_others: drawn.fromOthers[t.index]!,
    };
    await file.write(
      `${features ? ',\n' : ''}${JSON.stringify({ type: 'Feature', properties, geometry: shape.length ? geometry : null })}`,
    );
    features += 1;
    opts?.onProgress?.({
      phase: 'geojson',
      done: features,
      total: p.territories.length,
      unit: 'items',
      message: t.id,
    });
  }
  await file.write('\n]}\n');
  await file.close();
  return features;
}

export const SHAPES_NOTE = {
  zip: 'Territory shapes are cells drawn around ZIP centre points (Voronoi cells of the ZIP centroids, clipped to the coast), not ZIP or ZCTA boundaries. ZIPs that share one centre point (PO-box and unique ZIPs) are drawn as one cell, in the territory with most of their accounts.',
  county:
    'Territory shapes are unions of county boundaries (US Census cartographic boundary files).',
} as const;

/**
 * Which territory draws each unit's cell. ZIPs sharing one centre point have one cell between them
 * (the geometry splits it into wedges; wedges of different territories were slivers): the whole cell
 * goes to the territory with most of the group's accounts (then most ZIPs, then the first). The
 * counts say how many units of a territory are drawn inside another's cell, and the reverse.
 */
function cellOwners(
  p: Prepared,
  centroids: Float32Array,
  position: Map<string, number> | null,
): {
  cellsOf: number[][];
  groupsOf: number[][][];
  ownerOf: Int32Array;
  elsewhere: number[];
  fromOthers: number[];
} {
  const m = p.model;
  const k = m.territories.length;
  const cellsOf: number[][] = Array.from({ length: k }, () => []);
  const groupsOf: number[][][] = Array.from({ length: k }, () => []);
  const ownerOf = new Int32Array(m.unitIds.length).fill(-1);
  const elsewhere = new Array<number>(k).fill(0);
  const fromOthers = new Array<number>(k).fill(0);
  const groups = new Map<string, number[]>();
  for (let u = 0; u < m.unitIds.length; u++) {
    if (m.unitTerritory[u]! < 0) continue;
    const g = position ? (position.get(m.unitIds[u]!) ?? -1) : u;
    const key =
      m.unitKind === 'zip' && g >= 0 ? `${centroids[2 * g]},${centroids[2 * g + 1]}` : `u${u}`;
    const list = groups.get(key);
    if (list) list.push(u);
    else groups.set(key, [u]);
  }
  for (const units of groups.values()) {
    let owner = m.unitTerritory[units[0]!]!;
    if (units.length > 1 && units.some((u) => m.unitTerritory[u] !== owner)) {
      const score = new Map<number, [number, number]>();
      for (const u of units) {
        const t = m.unitTerritory[u]!;
        const s = score.get(t) ?? [0, 0];
        score.set(t, [s[0] + p.units.accounts[u]!, s[1] + 1]);
      }
      owner = [...score.entries()].sort(
        (a, b) => b[1][0] - a[1][0] || b[1][1] - a[1][1] || a[0] - b[0],
      )[0]![0];
      for (const u of units) {
        const t = m.unitTerritory[u]!;
        if (t !== owner) {
          elsewhere[t] = elsewhere[t]! + 1;
          fromOthers[owner] = fromOthers[owner]! + 1;
        }
      }
    }
    for (const u of units) {
      cellsOf[owner]!.push(u);
      ownerOf[u] = owner;
    }
    if (units.length > 1) groupsOf[owner]!.push(units);
  }
  return { cellsOf, groupsOf, ownerOf, elsewhere, fromOthers };
}

function closeRing(r: Ring): Ring {
  const a = r[0]!;
  const b = r[r.length - 1]!;
  return a[0] !== b[0] || a[1] !== b[1] ? [...r, a] : r;
}
