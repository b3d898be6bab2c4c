// The default styles of the PMTiles street basemap are valid maplibre styles for each schema they
// claim (checked with maplibre's own style validator) and pick the schema from the archive's layers.
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import {
  STREET_SOURCE,
  streetLayers,
  streetSchema,
  type StreetArchive,
} from '../../../renderer/src/map/streetStyle';

function validate(a: StreetArchive) {
  const style = {
    version: 8 as const,
    sources: {
      [STREET_SOURCE]:
        a.kind === 'raster'
          ? { type: 'raster' as const, tiles: ['pmtiles://x/{z}/{x}/{y}'], tileSize: 256 }
          : { type: 'vector' as const, tiles: ['pmtiles://x/{z}/{x}/{y}'] },
    },
    layers: streetLayers(a),
  };
  return validateStyleMin(style).map((e) => e.message);
}

const PROTOMAPS = [
  'boundaries',
  'buildings',
  'earth',
  'landcover',
  'landuse',
  'places',
  'pois',
  'roads',
  'transit',
  'water',
];
const OPENMAPTILES = [
  'water',
  'waterway',
  'landcover',
  'landuse',
  'park',
  'boundary',
  'transportation',
  'transportation_name',
  'building',
  'place',
];

describe('street basemap style', () => {
  it('recognises the Protomaps and OpenMapTiles schemas, anything else is generic', () => {
    expect(streetSchema(PROTOMAPS)).toBe('protomaps');
    expect(streetSchema(OPENMAPTILES)).toBe('openmaptiles');
    expect(streetSchema(['streets', 'parcels'])).toBe('generic');
  });

  it('gives valid layers for raster, both schemas and a generic archive', () => {
    const zooms = { minZoom: 0, maxZoom: 14 };
    expect(validate({ kind: 'raster', vectorLayers: [], ...zooms })).toEqual([]);
    expect(validate({ kind: 'vector', vectorLayers: PROTOMAPS, ...zooms })).toEqual([]);
    expect(validate({ kind: 'vector', vectorLayers: OPENMAPTILES, ...zooms })).toEqual([]);
    const generic = streetLayers({
      kind: 'vector',
      vectorLayers: ['streets', 'parcels'],
      ...zooms,
    });
    expect(validate({ kind: 'vector', vectorLayers: ['streets', 'parcels'], ...zooms })).toEqual(
      [],
    );
    expect(generic.map((l) => l.id)).toEqual([
      'streets-0-fill',
      'streets-0-line',
      'streets-1-fill',
      'streets-1-line',
    ]);
  });

  it('draws roads from the schema road layer and keeps every layer on the street source', () => {
    const pm = streetLayers({ kind: 'vector', vectorLayers: PROTOMAPS, minZoom: 0, maxZoom: 14 });
    expect(
      pm
        .filter((l) => l.type === 'line')
        .map((l) => ('source-layer' in l ? l['source-layer'] : '')),
    ).toEqual(['roads', 'roads']);
    const omt = streetLayers({
      kind: 'vector',
      vectorLayers: OPENMAPTILES,
      minZoom: 0,
      maxZoom: 14,
    });
    expect(
      omt
        .filter((l) => l.type === 'line')
        .map((l) => ('source-layer' in l ? l['source-layer'] : '')),
    ).toEqual(['transportation', 'transportation']);
    for (const l of [...pm, ...omt]) expect('source' in l && l.source).toBe(STREET_SOURCE);
  });
});
