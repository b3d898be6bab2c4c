// Build-time derivation of the heavy geometry (bundled and run by build-geo.mjs): ZIP adjacency,
// ZIP Voronoi cells clipped to the nation, county adjacency and county polygons. Pure: inputs are
// the ZIP/county columns and the us-atlas topologies; outputs are typed arrays to write out.
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { MultiPolygon } from '../../../workers/domain/geo/clipping';
import { buildCountyAdjacency } from '../../../workers/domain/geo/countyAdjacency';
import { createLandIndex, type LandPolygons } from '../../../workers/domain/geo/landIndex';
import { tileLand } from '../../../workers/domain/geo/landTiles';
import { buildZipAdjacency } from '../../../workers/domain/geo/zipAdjacency';
import { buildZipCells, flatten } from '../../../workers/domain/geo/zipCells';

export type DeriveInput = {
  zips: { lat: Float32Array; lon: Float32Array; state: string[] };
  counties: { fips: string[]; lat: number[]; lon: number[] };
  nation: Topology;
  countiesTopology: Topology;
};

/** Voronoi regions: cells never straddle two of these (they are not connected by land). */
const REGION_BY_STATE: Record<string, number> = { AK: 1, HI: 2, PR: 3, VI: 3, GU: 4, AS: 5, MP: 6 };

function landPolygons(nation: Topology): MultiPolygon {
  const fc = feature(nation, nation.objects.nation as GeometryCollection);
  const out: MultiPolygon = [];
  for (const f of fc.features) {
    const g = f.geometry;
    if (g?.type === 'Polygon') out.push(g.coordinates as MultiPolygon[number]);
    if (g?.type === 'MultiPolygon') out.push(...(g.coordinates as MultiPolygon));
  }
  return out;
}

function countyPolygons(topology: Topology, fips: string[]): MultiPolygon[] {
  const fc = feature(topology, topology.objects.counties as GeometryCollection);
  const byFips = new Map<string, MultiPolygon>();
  for (const f of fc.features) {
    const g = f.geometry;
    const mp =
      g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : [];
    byFips.set(String(f.id), mp as MultiPolygon);
  }
  return fips.map((f) => byFips.get(f) ?? []);
}

export function derive(input: DeriveInput, log: (msg: string) => void) {
  let t = Date.now();
  const land = landPolygons(input.nation);
  const landIndex = createLandIndex(land as LandPolygons);
  const landTiles = tileLand(land);
  log(`land index and ${landTiles.tiles.length} land tiles in ${Date.now() - t} ms`);
  t = Date.now();
  const zipAdjacency = buildZipAdjacency({
    lat: input.zips.lat,
    lon: input.zips.lon,
    land: landIndex,
  });
  log(`ZIP adjacency in ${Date.now() - t} ms: ${JSON.stringify(zipAdjacency.stats)}`);
  t = Date.now();
  const region = Uint8Array.from(input.zips.state, (s) => REGION_BY_STATE[s] ?? 0);
  const zipCells = buildZipCells({
    lat: input.zips.lat,
    lon: input.zips.lon,
    region,
    landIndex,
    landTiles,
  });
  log(
    `ZIP cells in ${Date.now() - t} ms: ${zipCells.vertices.length / 2} vertices, ${zipCells.ringUnit.length} rings`,
  );
  t = Date.now();
  const countyAdjacency = buildCountyAdjacency(input.countiesTopology, input.counties);
  const countyShapes = flatten(countyPolygons(input.countiesTopology, input.counties.fips));
  log(
    `county adjacency and shapes in ${Date.now() - t} ms: ${JSON.stringify(countyAdjacency.stats)}`,
  );
  return { zipAdjacency, zipCells, countyAdjacency, countyShapes };
}
