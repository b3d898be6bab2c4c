// Territory labels on the map, collision-avoided on the CPU: labels are placed at the mean of their
// units' centroids, biggest territories (by units) first, and a label whose box (estimated from its
// text at 12 px) would overlap one already placed at the current zoom is left out. Re-run when the
// zoom changes by a quarter step; 200–2,000 labels cost well under a millisecond each time.
import { TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { ScenarioLayer, UnitGeometry } from '../../../workers/common/contract';

export type TerritoryLabel = { text: string; lon: number; lat: number; units: number };
export type PlacedLabel = TerritoryLabel & { box: [number, number, number, number] };

export function territoryLabelAnchors(layer: ScenarioLayer, geo: UnitGeometry): TerritoryLabel[] {
  const k = layer.territoryIds.length;
  const sx = new Float64Array(k);
  const sy = new Float64Array(k);
  const n = new Uint32Array(k);
  for (let u = 0; u < layer.unitTerritory.length; u++) {
    const t = layer.unitTerritory[u]!;
    if (t === 0xffff || t >= k) continue;
    const x = geo.centroids[2 * u]!;
    const y = geo.centroids[2 * u + 1]!;
    if (Number.isNaN(x) || Number.isNaN(y)) continue;
    sx[t]! += x;
    sy[t]! += y;
    n[t]!++;
  }
  const out: TerritoryLabel[] = [];
  for (let t = 0; t < k; t++)
    if (n[t]! > 0)
      out.push({
        text: layer.territoryNames[t] || layer.territoryIds[t]!,
        lon: sx[t]! / n[t]!,
        lat: sy[t]! / n[t]!,
        units: n[t]!,
      });
  return out;
}

/** Web-mercator pixels at `zoom` (512-px tiles, as maplibre). */
function project(lon: number, lat: number, zoom: number): [number, number] {
  const scale = 512 * 2 ** zoom;
  const s = Math.sin((Math.max(-85, Math.min(85, lat)) * Math.PI) / 180);
  return [((lon + 180) / 360) * scale, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale];
}

const CHAR_PX = 6.8;
const HEIGHT_PX = 15;
const GAP_PX = 4;

/** Greedy placement: the largest territories first; overlapping labels are dropped (never drawn on top of each other). */
export function placeLabels(labels: TerritoryLabel[], zoom: number): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  const order = [...labels].sort((a, b) => b.units - a.units);
  for (const l of order) {
    const [x, y] = project(l.lon, l.lat, zoom);
    const w = l.text.length * CHAR_PX + 2 * GAP_PX;
    const box: [number, number, number, number] = [
      x - w / 2,
      y - HEIGHT_PX / 2 - GAP_PX,
      x + w / 2,
      y + HEIGHT_PX / 2 + GAP_PX,
    ];
    if (
      placed.some(
        (p) => box[0] < p.box[2] && box[2] > p.box[0] && box[1] < p.box[3] && box[3] > p.box[1],
      )
    )
      continue;
    placed.push({ ...l, box });
  }
  return placed;
}

export function territoryLabelLayer(id: string, placed: PlacedLabel[] | null): Layer | null {
  if (!placed || placed.length === 0) return null;
  return new TextLayer<PlacedLabel>({
    id: `${id}-territory-labels`,
    data: placed,
    getPosition: (d) => [d.lon, d.lat],
    getText: (d) => d.text,
    getSize: 12,
    sizeUnits: 'pixels',
    getColor: [17, 24, 39, 235],
    fontWeight: 600,
    outlineWidth: 3,
    outlineColor: [255, 255, 255, 230],
    fontSettings: { sdf: true },
    characterSet: 'auto',
    billboard: true,
    pickable: false,
  });
}
