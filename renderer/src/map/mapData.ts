// Binary attribute preparation for deck.gl, done once per data change (never per frame): colours
// per provider / per polygon ring, radii by potential, boundary segments.
import type { ProviderPoints, ScenarioLayer, UnitGeometry } from '../../../workers/common/contract';
import { colourTerritories, TERRITORY_PALETTE, TIER_COLORS } from './palette';
import { territoryAdjacency, territoryBoundaries, unitEdges } from './unitEdges';

export type PointAttributes = {
  length: number;
  positions: Float32Array;
  colors: Uint8Array;
  radii: Float32Array;
  weights: Float32Array;
  maxPotential: number;
};

export function pointAttributes(points: ProviderPoints): PointAttributes {
  const n = points.count;
  const colors = new Uint8Array(4 * n);
  const radii = new Float32Array(n);
  let max = 0;
  for (let i = 0; i < n; i++) max = Math.max(max, points.potential[i]!);
  const scale = max > 0 ? 1 / Math.sqrt(max) : 0;
  for (let i = 0; i < n; i++) {
    const c = TIER_COLORS[points.tier[i]!] ?? TIER_COLORS[0]!;
    colors.set(c, 4 * i);
    radii[i] = 2 + 9 * Math.sqrt(points.potential[i]!) * scale;
  }
  return {
    length: n,
    positions: points.positions,
    colors,
    radii,
    weights: points.potential,
    maxPotential: max,
  };
}

/** Territory colour index per territory, stable for a scenario until its territory count changes. */
const colourCache = new Map<string, Uint8Array>();

export function territoryColours(layer: ScenarioLayer, geo: UnitGeometry): Uint8Array {
  const key = `${layer.scenario}:${layer.territoryIds.length}:${layer.unitKind}`;
  const hit = colourCache.get(key);
  if (hit) return hit;
  const colours = colourTerritories(
    layer.territoryIds.length,
    territoryAdjacency(unitEdges(geo), layer),
  );
  colourCache.set(key, colours);
  return colours;
}

/**
 * Colours for a pane shown next to `reference` (Compare): a territory keeps the reference pane's
 * colour (same id, same colour in every pane); territories the reference lacks get a colour none of
 * their neighbours has.
 */
export function territoryColoursLike(
  layer: ScenarioLayer,
  geo: UnitGeometry,
  reference: ScenarioLayer,
  refColours: Uint8Array,
): Uint8Array {
  if (reference === layer) return refColours;
  const refIndex = new Map(reference.territoryIds.map((id, i) => [id, i]));
  const colours = new Uint8Array(layer.territoryIds.length).fill(255);
  layer.territoryIds.forEach((id, t) => {
    const r = refIndex.get(id);
    if (r !== undefined) colours[t] = refColours[r] ?? 0;
  });
  if (colours.includes(255)) {
    const adjacency = territoryAdjacency(unitEdges(geo), layer);
    colours.forEach((c, t) => {
      if (c !== 255) return;
      const taken = new Set([...(adjacency[t] ?? [])].map((n) => colours[n]));
      let pick = 0;
      while (taken.has(pick) && pick < TERRITORY_PALETTE.length - 1) pick++;
      colours[t] = pick;
    });
  }
  return colours;
}

export function territoryRGB(colours: Uint8Array, t: number): [number, number, number] {
  return TERRITORY_PALETTE[colours[t] ?? 0] ?? [200, 200, 200];
}

export type FillAttributes = {
  length: number;
  startIndices: Uint32Array;
  vertices: Float32Array;
  colors: Uint8Array;
};

/**
 * Fill colour per vertex (deck.gl binary polygons take per-vertex attributes), one colour per ring;
 * the selected territory stays vivid while others fade.
 */
export function fillAttributes(opts: {
  geo: UnitGeometry;
  layer: ScenarioLayer;
  colours: Uint8Array;
  selected: number | null;
}): FillAttributes {
  const { geo, layer, colours, selected } = opts;
  const rings = geo.ringUnit.length;
  const colors = new Uint8Array(2 * geo.vertices.length);
  const rgba: [number, number, number, number] = [0, 0, 0, 0];
  for (let r = 0; r < rings; r++) {
    const unit = geo.ringUnit[r]!;
    const t = layer.unitTerritory[unit] ?? 0xffff;
    if (t === 0xffff) rgba.splice(0, 4, 200, 200, 200, 40);
    else {
      const [red, green, blue] = territoryRGB(colours, t);
      rgba.splice(0, 4, red, green, blue, selected === null ? 165 : t === selected ? 225 : 45);
    }
    const end = geo.ringStarts[r + 1]!;
    for (let v = geo.ringStarts[r]!; v < end; v++) colors.set(rgba, 4 * v);
  }
  return { length: rings, startIndices: geo.ringStarts, vertices: geo.vertices, colors };
}

export type Segments = { length: number; source: Float32Array; target: Float32Array };

export function boundarySegments(geo: UnitGeometry, layer: ScenarioLayer, only?: number): Segments {
  const flat = territoryBoundaries(unitEdges(geo), layer, only);
  const n = flat.length / 4;
  const source = new Float32Array(2 * n);
  const target = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    source[2 * i] = flat[4 * i]!;
    source[2 * i + 1] = flat[4 * i + 1]!;
    target[2 * i] = flat[4 * i + 2]!;
    target[2 * i + 1] = flat[4 * i + 3]!;
  }
  return { length: n, source, target };
}

/** Locked units as centroid markers. */
export function lockedCentroids(geo: UnitGeometry, layer: ScenarioLayer): Float32Array {
  const out: number[] = [];
  for (let u = 0; u < layer.locked.length; u++) {
    if (layer.locked[u]) out.push(geo.centroids[2 * u]!, geo.centroids[2 * u + 1]!);
  }
  return Float32Array.from(out);
}

/** Units whose centroid falls inside a lon/lat polygon (lasso). */
export function unitsInPolygon(geo: UnitGeometry, polygon: [number, number][]): number[] {
  const hits: number[] = [];
  const n = geo.ids.length;
  for (let u = 0; u < n; u++) {
    if (pointInPolygon(geo.centroids[2 * u]!, geo.centroids[2 * u + 1]!, polygon)) hits.push(u);
  }
  return hits;
}

function pointInPolygon(x: number, y: number, poly: [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
