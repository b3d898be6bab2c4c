// Selecting a territory from the list or the command palette: select it and, unless it is already
// in view, fit the main map to its units' extent.
import { getState, setState } from '../state/store';
import { mapById } from './viewSync';

export type Extent = [[number, number], [number, number]];

export function selectTerritory(id: string | null): void {
  setState({ selectedTerritory: id });
  if (id) focusTerritory(id);
}

/** The lon/lat extent of a territory's unit polygons, or null if it has none. */
export function territoryExtent(id: string): Extent | null {
  const { layer, geometry } = getState();
  const geo = layer ? geometry[layer.unitKind] : undefined;
  if (!layer || !geo) return null;
  const t = layer.territoryIds.indexOf(id);
  if (t < 0) return null;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let r = 0; r < geo.ringUnit.length; r++) {
    if (layer.unitTerritory[geo.ringUnit[r]!] !== t) continue;
    for (let v = geo.ringStarts[r]!, end = geo.ringStarts[r + 1]!; v < end; v++) {
      const x = geo.vertices[2 * v]!;
      const y = geo.vertices[2 * v + 1]!;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x0 <= x1
    ? [
        [x0, y0],
        [x1, y1],
      ]
    : null;
}

export function focusTerritory(id: string): void {
  const map = mapById('main');
  const extent = territoryExtent(id);
  if (!map || !extent) return;
  const view = map.getBounds();
  const [[x0, y0], [x1, y1]] = extent;
  const inView =
    x0 >= view.getWest() && x1 <= view.getEast() && y0 >= view.getSouth() && y1 <= view.getNorth();
  // already in view and not a speck on a national map: leave the camera where the user put it
  const share =
    ((x1 - x0) * (y1 - y0)) /
    Math.max(1e-9, (view.getEast() - view.getWest()) * (view.getNorth() - view.getSouth()));
  if (inView && share > 0.02) return;
  // the editing toolbar covers the top of the map
  map.fitBounds(extent, {
    padding: { top: 110, bottom: 60, left: 60, right: 60 },
    maxZoom: 9,
    duration: 700,
  });
}
