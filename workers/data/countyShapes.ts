// County outlines from the bundled us-atlas TopoJSON (counties-10m), keyed by 5-digit FIPS.
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { UnitShape } from '../domain/map/flatten';

type Atlas = Topology<{ counties: GeometryCollection<{ name: string }> }>;

let cache: Map<string, UnitShape> | null = null;

export function readCountyShapes(): Map<string, UnitShape> {
  if (cache) return cache;
  const atlas = createRequire(import.meta.url)('us-atlas/counties-10m.json') as Atlas;
  const fc = feature(atlas, atlas.objects.counties);
  const shapes = new Map<string, UnitShape>();
  for (const f of fc.features) {
    const g = f.geometry;
    const fips = String(f.id ?? '').padStart(5, '0');
    if (g?.type === 'Polygon') shapes.set(fips, [g.coordinates]);
    else if (g?.type === 'MultiPolygon') shapes.set(fips, g.coordinates);
  }
  cache = shapes;
  return shapes;
}
