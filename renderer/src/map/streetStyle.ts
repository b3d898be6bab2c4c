// Map layers for a user's PMTiles street basemap, drawn over the bundled land and under the state
// lines and every data layer. Raster archives (PNG/JPEG/WebP) are shown as they are. Vector archives
// get a default street style for the two common schemas — Protomaps basemap (layers earth, water,
// roads, buildings…) and OpenMapTiles (water, transportation, building…) — and, for any other
// schema, every layer's lines and polygons in neutral greys. No labels: street names would need
// glyph files, and the app loads nothing remote (state labels are drawn by deck.gl).
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';

export type StreetSchema = 'protomaps' | 'openmaptiles' | 'generic';

export type StreetArchive = {
  kind: 'raster' | 'vector';
  /** Vector layer ids from the archive's metadata (empty for raster). */
  vectorLayers: string[];
  minZoom: number;
  maxZoom: number;
};

export const STREET_SOURCE = 'streets';

export function streetSchema(vectorLayers: string[]): StreetSchema {
  const has = (id: string) => vectorLayers.includes(id);
  if (has('roads') && (has('earth') || has('water'))) return 'protomaps';
  if (has('transportation')) return 'openmaptiles';
  return 'generic';
}

const ROAD = '#c9c3b6';
const MAJOR = '#e0b872';
const WATER = '#cfdde8';
const BUILDING = '#e9e5dd';
const width = (base: number): LayerSpecification['paint'] => ({
  'line-width': [
    'interpolate',
    ['exponential', 1.6],
    ['zoom'],
    8,
    base * 0.3,
    12,
    base,
    16,
    base * 6,
  ],
});

/** Where a schema keeps water, buildings and roads, and which road property and values are major. */
type SchemaLayers = {
  water: string;
  buildings: string;
  roads: string;
  roadKind: string;
  major: string[];
};

const PROTOMAPS: SchemaLayers = {
  water: 'water',
  buildings: 'buildings',
  roads: 'roads',
  roadKind: 'kind',
  major: ['highway', 'major_road'],
};

const OPENMAPTILES: SchemaLayers = {
  water: 'water',
  buildings: 'building',
  roads: 'transportation',
  roadKind: 'class',
  major: ['motorway', 'trunk', 'primary', 'secondary'],
};

/** The street style of a known schema: water, buildings (close in), minor roads (from zoom 11), major roads. */
function schemaStyle(l: SchemaLayers): LayerSpecification[] {
  const src = { source: STREET_SOURCE };
  const isMajor: ExpressionSpecification = ['in', ['get', l.roadKind], ['literal', l.major]];
  return [
    {
      id: 'streets-water',
      type: 'fill',
      ...src,
      'source-layer': l.water,
      paint: { 'fill-color': WATER },
    },
    {
      id: 'streets-buildings',
      type: 'fill',
      ...src,
      'source-layer': l.buildings,
      minzoom: 14,
      paint: { 'fill-color': BUILDING },
    },
    {
      id: 'streets-minor',
      type: 'line',
      ...src,
      'source-layer': l.roads,
      filter: ['!', isMajor],
      minzoom: 11,
      paint: { 'line-color': ROAD, ...width(0.8) },
    },
    {
      id: 'streets-major',
      type: 'line',
      ...src,
      'source-layer': l.roads,
      filter: isMajor,
      paint: { 'line-color': MAJOR, ...width(1.4) },
    },
  ];
}

function generic(vectorLayers: string[]): LayerSpecification[] {
  return vectorLayers.flatMap((layer, i): LayerSpecification[] => [
    {
      id: `streets-${i}-fill`,
      type: 'fill',
      source: STREET_SOURCE,
      'source-layer': layer,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': BUILDING, 'fill-opacity': 0.6 },
    },
    {
      id: `streets-${i}-line`,
      type: 'line',
      source: STREET_SOURCE,
      'source-layer': layer,
      filter: ['==', ['geometry-type'], 'LineString'],
      paint: { 'line-color': ROAD, ...width(1) },
    },
  ]);
}

export function streetLayers(a: StreetArchive): LayerSpecification[] {
  if (a.kind === 'raster')
    return [
      {
        id: 'streets-raster',
        type: 'raster',
        source: STREET_SOURCE,
        paint: { 'raster-opacity': 0.9 },
      },
    ];
  const schema = streetSchema(a.vectorLayers);
  return schema === 'protomaps'
    ? schemaStyle(PROTOMAPS)
    : schema === 'openmaptiles'
      ? schemaStyle(OPENMAPTILES)
      : generic(a.vectorLayers);
}
