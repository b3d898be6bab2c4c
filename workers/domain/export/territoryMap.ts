// The territory map of a rep pack, rendered to an RGBA raster: the territory's ZIP cells (or
// counties) over its neighbours in grey, the territory outline, accounts by tier (A on top), and the
// rep's home base as a diamond. Local equirectangular projection (x scaled by cos of the mid
// latitude), fitted to the territory with a margin between an optional title strip and the legend
// strip (what is coloured, scale bar); state lines and population-ranked city labels on top.
import type { UnitGeometry } from '../../common/contract/map';
import { createRaster, fillDiamond, fillDisc, fillPolygon, type Raster, type Rgba } from './raster';
import {
  drawCityLabels,
  drawLegend,
  drawStateLines,
  drawTitle,
  layoutStrips,
  legendRows,
  uiScale,
  type Box,
  type CityPoint,
  type LegendEntry,
  type StateLayer,
} from './mapDecor';

export const MAP_COLORS = {
  background: [246, 247, 249, 255] as Rgba,
  neighbour: [226, 229, 234, 255] as Rgba,
  own: [207, 224, 245, 255] as Rgba,
  cellEdge: [255, 255, 255, 255] as Rgba,
  outline: [31, 78, 120, 255] as Rgba,
  tierA: [192, 57, 43, 255] as Rgba,
  tierB: [230, 126, 34, 255] as Rgba,
  tierC: [108, 122, 145, 255] as Rgba,
  home: [20, 20, 20, 255] as Rgba,
  halo: [255, 255, 255, 255] as Rgba,
};

export type UnitRingIndex = {
  firstRing: Uint32Array;
  /** minLon, minLat, maxLon, maxLat per unit */ box: Float32Array;
};

/** Index of each unit's first ring (rings are stored ordered by unit) and each unit's bounding box. */
export function indexUnitRings(g: UnitGeometry): UnitRingIndex {
  const n = g.ids.length;
  const firstRing = new Uint32Array(n + 1).fill(g.ringUnit.length);
  for (let r = g.ringUnit.length - 1; r >= 0; r--) firstRing[g.ringUnit[r]!] = r;
  for (let u = n - 1; u >= 0; u--)
    if (firstRing[u]! > firstRing[u + 1]!) firstRing[u] = firstRing[u + 1]!;
  const box = new Float32Array(n * 4);
  for (let u = 0; u < n; u++) {
    let minLon = Infinity,
      maxLon = -Infinity,
      minLat = Infinity,
      maxLat = -Infinity;
    for (let i = g.ringStarts[firstRing[u]!]!; i < g.ringStarts[firstRing[u + 1]!]!; i++) {
      const lon = g.vertices[i * 2]!,
        lat = g.vertices[i * 2 + 1]!;
      if (lon < minLon) minLon = lon;
      if (lon > maxLon) maxLon = lon;
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
    }
    box.set([minLon, minLat, maxLon, maxLat], u * 4);
  }
  return { firstRing, box };
}

export type TerritoryMapInput = {
  width: number;
  height: number;
  geometry: UnitGeometry;
  rings: UnitRingIndex;
  /** Territory index per geometry unit (-1 none) and the territory drawn. */
  unitTerritory: Int32Array;
  territory: number;
  accounts: { lon: Float32Array; lat: Float32Array; tier: Uint8Array };
  home: { lat: number; lon: number } | null;
  /** Title strip text (e.g. "T001 — Jane Doe"); omitted: no title strip. */
  title?: string;
  subtitle?: string;
  /** State lines (counties with their state code) and city labels; omitted: not drawn. */
  states?: StateLayer;
  cities?: readonly CityPoint[];
};

/** What the territory map colours, for its legend strip. */
export const TERRITORY_LEGEND: LegendEntry[] = [
  { label: 'This territory', color: MAP_COLORS.own, shape: 'fill' },
  { label: 'Other territories', color: MAP_COLORS.neighbour, shape: 'fill' },
  { label: 'Tier A', color: MAP_COLORS.tierA, shape: 'dot' },
  { label: 'Tier B', color: MAP_COLORS.tierB, shape: 'dot' },
  { label: 'Tier C', color: MAP_COLORS.tierC, shape: 'dot' },
  { label: 'Home base', color: MAP_COLORS.home, shape: 'diamond' },
];

/** Longitudes east of 0 (Aleutians past 180°, Guam) are drawn west of the date line, next to Alaska. */
function westLon(lon: number): number {
  return lon > 0 ? lon - 360 : lon;
}

export type MapView = {
  minLon: number;
  maxLon: number;
  minLat: number;
  maxLat: number;
  milesAcross: number;
};

function unitRingsOf(g: UnitGeometry, idx: UnitRingIndex, u: number): [number, number] {
  return [idx.firstRing[u]!, idx.firstRing[u + 1]!];
}

function viewOf(
  input: TerritoryMapInput,
  area: Box,
): { view: MapView; project: (lon: number, lat: number) => [number, number] } {
  const g = input.geometry;
  let minLon = Infinity,
    maxLon = -Infinity,
    minLat = Infinity,
    maxLat = -Infinity;
  const take = (lon: number, lat: number) => {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return;
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  };
  for (let u = 0; u < g.ids.length; u++) {
    if (input.unitTerritory[u] !== input.territory) continue;
    const [r0, r1] = unitRingsOf(g, input.rings, u);
    for (let v = g.ringStarts[r0]!; v < g.ringStarts[r1]!; v++)
      take(westLon(g.vertices[v * 2]!), g.vertices[v * 2 + 1]!);
  }
  for (let i = 0; i < input.accounts.lon.length; i++)
    take(westLon(input.accounts.lon[i]!), input.accounts.lat[i]!);
  if (input.home) take(westLon(input.home.lon), input.home.lat);
  if (!Number.isFinite(minLon)) {
    minLon = -125;
    maxLon = -66;
    minLat = 24;
    maxLat = 50;
  }
  const midLat = (minLat + maxLat) / 2;
  const kx = Math.cos((midLat * Math.PI) / 180);
  const padLon = Math.max((maxLon - minLon) * 0.06, 0.02 / kx);
  const padLat = Math.max((maxLat - minLat) * 0.06, 0.02);
  minLon -= padLon;
  maxLon += padLon;
  minLat -= padLat;
  maxLat += padLat;
  const aw = area.x1 - area.x0,
    ah = area.y1 - area.y0;
  const scale = Math.min(aw / ((maxLon - minLon) * kx), ah / (maxLat - minLat));
  const offX = area.x0 + (aw - (maxLon - minLon) * kx * scale) / 2;
  const offY = area.y0 + (ah - (maxLat - minLat) * scale) / 2;
  const project = (lon: number, lat: number): [number, number] => [
    offX + (westLon(lon) - minLon) * kx * scale,
    offY + (maxLat - lat) * scale,
  ];
  // Visible extent in degrees after centring, and its width in miles (69.17 miles per degree).
  const lonSpan = input.width / (kx * scale);
  const latSpan = input.height / scale;
  // centre of the full raster in degrees (the map area may sit below a title strip)
  const cLon = minLon + (input.width / 2 - offX) / (kx * scale),
    cLat = maxLat - (input.height / 2 - offY) / scale;
  const view = {
    minLon: cLon - lonSpan / 2,
    maxLon: cLon + lonSpan / 2,
    minLat: cLat - latSpan / 2,
    maxLat: cLat + latSpan / 2,
    milesAcross: lonSpan * kx * 69.17,
  };
  return { view, project };
}

function projectedRings(
  g: UnitGeometry,
  idx: UnitRingIndex,
  u: number,
  project: (lon: number, lat: number) => [number, number],
): Float64Array[] {
  const [r0, r1] = unitRingsOf(g, idx, u);
  const out: Float64Array[] = [];
  for (let r = r0; r < r1; r++) {
    const a = g.ringStarts[r]!,
      b = g.ringStarts[r + 1]!;
    const ring = new Float64Array((b - a) * 2);
    for (let v = a; v < b; v++) {
      const [x, y] = project(g.vertices[v * 2]!, g.vertices[v * 2 + 1]!);
      ring[(v - a) * 2] = x;
      ring[(v - a) * 2 + 1] = y;
    }
    out.push(ring);
  }
  return out;
}

function unitVisible(idx: UnitRingIndex, u: number, v: MapView): boolean {
  const b = idx.box;
  const west = b[u * 4]! > 0 ? 360 : 0;
  return (
    b[u * 4 + 2]! - west >= v.minLon &&
    b[u * 4]! - west <= v.maxLon &&
    b[u * 4 + 3]! >= v.minLat &&
    b[u * 4 + 1]! <= v.maxLat
  );
}

/** Draws cell edges (1 px) and the territory outline (2 px) from a pixel mask of the territory. */
function outline(r: Raster, own: Uint8Array, cellId: Int32Array): void {
  const w = r.width,
    h = r.height;
  const set = (i: number, c: Rgba) => {
    r.data[i * 4] = c[0];
    r.data[i * 4 + 1] = c[1];
    r.data[i * 4 + 2] = c[2];
    r.data[i * 4 + 3] = 255;
  };
  const boundary = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      for (let k = 0; k < 2; k++) {
        const j = k === 0 ? (x + 1 < w ? i + 1 : -1) : y + 1 < h ? i + w : -1;
        if (j < 0) continue;
        if (own[i] !== own[j]) {
          boundary[i] = 2;
          boundary[j] = 2;
        } else if (
          cellId[i] !== cellId[j] &&
          cellId[i]! >= 0 &&
          cellId[j]! >= 0 &&
          boundary[i] === 0
        )
          boundary[i] = 1;
      }
    }
  }
  for (let i = 0; i < w * h; i++) {
    if (boundary[i] === 1) set(i, MAP_COLORS.cellEdge);
    else if (boundary[i] === 2) set(i, MAP_COLORS.outline);
  }
}

/** Renders the territory map. Returns the raster and the view (for the scale note in the sheet). */
export function renderTerritoryMap(input: TerritoryMapInput): { raster: Raster; view: MapView } {
  const g = input.geometry;
  // legend rows at this width (the scale bar's length barely changes the fit: 600 miles is the widest case)
  const strips = layoutStrips(
    input.width,
    input.height,
    !!input.title,
    legendRows(input.width, input.height, '', TERRITORY_LEGEND, 600),
  );
  const area: Box = { x0: 0, y0: strips.top, x1: input.width, y1: input.height - strips.bottom };
  const { view, project } = viewOf(input, area);
  const r = createRaster(input.width, input.height, MAP_COLORS.background);
  const own = new Uint8Array(input.width * input.height);
  const cellId = new Int32Array(input.width * input.height).fill(-1);
  const mask = createRaster(input.width, input.height, [0, 0, 0, 0]);
  for (let u = 0; u < g.ids.length; u++) {
    if (!unitVisible(input.rings, u, view)) continue;
    const mine = input.unitTerritory[u] === input.territory;
    const rings = projectedRings(g, input.rings, u, project);
    fillPolygon(r, rings, mine ? MAP_COLORS.own : MAP_COLORS.neighbour);
    // Unit id in the mask's RGB channels (24 bits), alpha marks the territory.
    const id = u + 1;
    fillPolygon(mask, rings, [id & 255, (id >> 8) & 255, (id >> 16) & 255, mine ? 255 : 1]);
  }
  for (let i = 0; i < own.length; i++) {
    const a = mask.data[i * 4 + 3]!;
    if (a === 0) continue;
    own[i] = a === 255 ? 1 : 0;
    cellId[i] = mask.data[i * 4]! | (mask.data[i * 4 + 1]! << 8) | (mask.data[i * 4 + 2]! << 16);
  }
  outline(r, own, cellId);
  if (input.states) {
    const west = (lon: number) => (lon > 0 ? lon - 360 : lon);
    drawStateLines(
      r,
      input.states,
      project,
      area,
      (a, b, c, d) =>
        west(c) >= view.minLon && west(a) <= view.maxLon && d >= view.minLat && b <= view.maxLat,
    );
  }
  const { lon, lat, tier } = input.accounts;
  const styles: [number, number, Rgba][] = [
    [3, 1.7, MAP_COLORS.tierC],
    [2, 2.6, MAP_COLORS.tierB],
    [1, 3.4, MAP_COLORS.tierA],
  ];
  for (const [t, radius, color] of styles) {
    for (let i = 0; i < lon.length; i++) {
      if (tier[i] !== t || !Number.isFinite(lat[i]!)) continue;
      const [x, y] = project(lon[i]!, lat[i]!);
      if (t === 1) fillDisc(r, x, y, radius + 1, MAP_COLORS.halo);
      fillDisc(r, x, y, radius, color);
    }
  }
  if (input.home) {
    const [x, y] = project(input.home.lon, input.home.lat);
    fillDiamond(r, x, y, 11, MAP_COLORS.halo);
    fillDiamond(r, x, y, 8, MAP_COLORS.home);
    fillDisc(r, x, y, 2.2, MAP_COLORS.halo);
  }
  const s = uiScale(input.width, input.height);
  const reserved: Box[] = [];
  if (input.home) {
    const [x, y] = project(input.home.lon, input.home.lat);
    reserved.push({ x0: x - 12 * s, y0: y - 12 * s, x1: x + 12 * s, y1: y + 12 * s });
  }
  if (input.title) reserved.push(drawTitle(r, input.title, input.subtitle, strips.top));
  reserved.push(drawLegend(r, '', TERRITORY_LEGEND, view.milesAcross, strips.bottom));
  if (input.cities) drawCityLabels(r, input.cities, project, area, view.milesAcross, reserved, 14);
  return { raster: r, view };
}
