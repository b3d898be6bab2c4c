// The offline base map: land, state and county lines from the bundled us-atlas TopoJSON, converted
// once with topojson-client. No remote tiles, sprites or glyphs: labels are drawn by deck.gl.
import type { StyleSpecification } from 'maplibre-gl';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import counties10m from 'us-atlas/counties-10m.json';

type Atlas = Topology<{
  counties: GeometryCollection;
  states: GeometryCollection<{ name: string }>;
  nation: GeometryCollection;
}>;
const atlas = counties10m as unknown as Atlas;

export type StateLabel = { name: string; position: [number, number] };

let cachedStyle: StyleSpecification | null = null;
let cachedLabels: StateLabel[] | null = null;

export const BASE_COLORS = {
  water: '#dfe8ef',
  land: '#fbfaf7',
  state: '#9aa5b1',
  county: '#d9dde2',
};

export function baseStyle(): StyleSpecification {
  if (cachedStyle) return cachedStyle;
  const land = feature(atlas, atlas.objects.nation);
  const states = mesh(atlas, atlas.objects.states, (a, b) => a !== b);
  cachedStyle = {
    version: 8,
    sources: {
      land: { type: 'geojson', data: land, maxzoom: 10, tolerance: 0.5 },
      states: { type: 'geojson', data: states, maxzoom: 10, tolerance: 0.5 },
    },
    layers: [
      { id: 'water', type: 'background', paint: { 'background-color': BASE_COLORS.water } },
      { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': BASE_COLORS.land } },
      {
        id: 'coast',
        type: 'line',
        source: 'land',
        paint: { 'line-color': BASE_COLORS.state, 'line-width': 0.8 },
      },
      {
        id: 'state-lines',
        type: 'line',
        source: 'states',
        paint: {
          'line-color': BASE_COLORS.state,
          'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.7, 8, 1.6],
        },
      },
    ],
  };
  return cachedStyle;
}

/**
 * County lines are added the first time the user zooms in far enough to see them: tiling the
 * national county mesh takes seconds on a slow machine and is useless at national zoom.
 */
export function addCountyLines(map: {
  getSource(id: string): unknown;
  addSource(id: string, source: object): unknown;
  addLayer(layer: object, before?: string): unknown;
}): void {
  if (map.getSource('counties')) return;
  const counties = mesh(atlas, atlas.objects.counties, (a, b) => a !== b);
  map.addSource('counties', { type: 'geojson', data: counties, maxzoom: 10, tolerance: 0.5 });
  map.addLayer(
    {
      id: 'county-lines',
      type: 'line',
      source: 'counties',
      minzoom: 5,
      paint: { 'line-color': BASE_COLORS.county, 'line-width': 0.6 },
    },
    'state-lines',
  );
}

/** State names placed at the area-weighted centre of each state's largest ring. */
export function stateLabels(): StateLabel[] {
  if (cachedLabels) return cachedLabels;
  const fc = feature(atlas, atlas.objects.states);
  cachedLabels = fc.features.flatMap((f) => {
    const g = f.geometry;
    const polys =
      g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    let best: { area: number; c: [number, number] } | null = null;
    for (const poly of polys) {
      const ring = poly[0];
      if (!ring) continue;
      const r = ringCentroid(ring as [number, number][]);
      if (!best || r.area > best.area) best = r;
    }
    return best && f.properties ? [{ name: f.properties.name, position: best.c }] : [];
  });
  return cachedLabels;
}

function ringCentroid(ring: [number, number][]): { area: number; c: [number, number] } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j]!;
    const [x1, y1] = ring[i]!;
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  if (a === 0) return { area: 0, c: ring[0] ?? [0, 0] };
  return { area: Math.abs(a / 2), c: [cx / (3 * a), cy / (3 * a)] };
}

let cachedLand: [number, number][][] | null = null;

/**
 * Land outer rings (one polygon each, no holes): the mask that stops territory cells and density at
 * the coast (ZIP cells are Voronoi cells capped around each centroid, not clipped to the shoreline).
 */
export function landRings(): [number, number][][] {
  if (cachedLand) return cachedLand;
  const land = feature(atlas, atlas.objects.nation);
  const rings: [number, number][][] = [];
  for (const f of land.features) {
    const g = f.geometry;
    const polys =
      g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    for (const poly of polys) if (poly[0]) rings.push(poly[0] as [number, number][]);
  }
  cachedLand = rings;
  return rings;
}
