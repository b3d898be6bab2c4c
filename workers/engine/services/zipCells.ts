// ZIP cell shapes for the map, built once per process from the bundled ZIP centroids.
import { voronoiCells } from '../../domain/map/voronoiCells';
import type { UnitShape } from '../../domain/map/flatten';
import { getGeo } from '../columnsLoader';
import type { EngineContext } from '../context';

let cells: UnitShape[] | null = null;

export function zipCellShapes(ctx: EngineContext): UnitShape[] {
  if (cells) return cells;
  const { zips } = getGeo(ctx);
  cells = voronoiCells(zips.lon, zips.lat);
  return cells;
}
