// Maps of many territories at once for the deck (national market density, an option's balance, a
// region): every unit filled by a class colour, territory outlines, state lines, city labels, a
// title strip and a legend strip with a scale bar. Same raster, text and decor code as the rep-pack
// territory maps. Local equirectangular projection fitted to the chosen units.
import type { UnitGeometry } from '../../common/contract/map';
import { createRaster, fillPolygon, type Raster, type Rgba } from './raster';
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
import type { UnitRingIndex } from './territoryMap';

export type OverviewMapInput = {
  width: number;
  height: number;
  geometry: UnitGeometry;
  rings: UnitRingIndex;
  /** Class per unit: 0 = not drawn, k ≥ 1 = palette[k - 1]. */
  unitClass: Uint8Array;
  palette: readonly Rgba[];
  /** Territory per unit for the outlines (-1 none); omitted: no outlines. */
  unitTerritory?: Int32Array;
  /** Units the view is fitted to (1); omitted: every drawn unit. */
  fit?: Uint8Array;
  /** Lon/lat box the view must stay within (e.g. the lower 48 for a national map). */
  clampBox?: { minLon: number; minLat: number; maxLon: number; maxLat: number };
  states?: StateLayer;
  cities?: readonly CityPoint[];
  title: string;
  subtitle?: string;
  legendHeading: string;
  legend: LegendEntry[];
  /** Background colour of units not drawn and of the sea. */
  background?: Rgba;
  maxCityLabels?: number;
  /** Labels placed before the cities (e.g. territory ids at their centres), collision-avoided. */
  pointLabels?: readonly CityPoint[];
  /** Territory (index) drawn at full colour; the others are faded. */
  spotlight?: number;
  /** Cell size of the returned territory grid (pixels); omitted: no grid. */
  gridCell?: number;
  /** Labels, legend and title larger than the raster size alone gives (maps shown small on a slide). */
  textScale?: number;
};

export type OverviewView = {
  minLon: number;
  maxLon: number;
  minLat: number;
  maxLat: number;
  milesAcross: number;
  area: Box;
};

const SPOT: Rgba = [234, 120, 10, 255];
const westLon = (lon: number) => (lon > 0 ? lon - 360 : lon);

function unitBox(g: UnitGeometry, u: number): [number, number, number, number] {
  let minLon = Infinity,
    maxLon = -Infinity,
    minLat = Infinity,
    maxLat = -Infinity;
  for (let v = g.polygonStarts[u]!; v < g.polygonStarts[u + 1]!; v++) {
    const lon = westLon(g.vertices[v * 2]!),
      lat = g.vertices[v * 2 + 1]!;
    if (lon < minLon) minLon = lon;
    if (lon > maxLon) maxLon = lon;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
  }
  return [minLon, minLat, maxLon, maxLat];
}

/** Fits the units to the map area between the strips; returns the projection and the view. */
export function fitOverview(
  input: OverviewMapInput,
  area: Box,
): { view: OverviewView; project: (lon: number, lat: number) => [number, number] } {
  const g = input.geometry;
  let minLon = Infinity,
    maxLon = -Infinity,
    minLat = Infinity,
    maxLat = -Infinity;
  const c = input.clampBox;
  for (let u = 0; u < g.ids.length; u++) {
    if (input.fit ? !input.fit[u] : !input.unitClass[u]) continue;
    const [a, b, cc, d] = unitBox(g, u);
    if (c && (cc < c.minLon || a > c.maxLon || d < c.minLat || b > c.maxLat)) continue;
    minLon = Math.min(minLon, a);
    minLat = Math.min(minLat, b);
    maxLon = Math.max(maxLon, cc);
    maxLat = Math.max(maxLat, d);
  }
  if (!Number.isFinite(minLon)) {
    minLon = -125;
    maxLon = -66;
    minLat = 24;
    maxLat = 50;
  }
  if (c) {
    minLon = Math.max(minLon, c.minLon);
    maxLon = Math.min(maxLon, c.maxLon);
    minLat = Math.max(minLat, c.minLat);
    maxLat = Math.min(maxLat, c.maxLat);
  }
  const midLat = (minLat + maxLat) / 2;
  const kx = Math.cos((midLat * Math.PI) / 180);
  const padLon = (maxLon - minLon) * 0.03 + 0.02,
    padLat = (maxLat - minLat) * 0.03 + 0.02;
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
  const lonSpan = aw / (kx * scale),
    latSpan = ah / scale;
  const cLon = (minLon + maxLon) / 2,
    cLat = (minLat + maxLat) / 2;
  return {
    view: {
      minLon: cLon - lonSpan / 2,
      maxLon: cLon + lonSpan / 2,
      minLat: cLat - latSpan / 2,
      maxLat: cLat + latSpan / 2,
      milesAcross: (input.width / (kx * scale)) * kx * 69.17,
      area,
    },
    project,
  };
}

/** Renders the map; returns the raster, the view and the city labels placed. */
export function renderOverviewMap(input: OverviewMapInput): {
  raster: Raster;
  view: OverviewView;
  cityLabels: string[];
  grid: Uint16Array | null;
} {
  const { width: w, height: h } = input;
  const g = input.geometry;
  const bg = input.background ?? ([238, 241, 245, 255] as Rgba);
  const r = createRaster(w, h, bg);
  const k = input.textScale ?? 1;
  r.textScale = k;
  // Strip heights depend on how many legend rows fit; the scale bar's length needs the view, so fit once with a guess.
  let strips = layoutStrips(w, h, true, 1, k);
  let fitted = fitOverview(input, { x0: 0, y0: strips.top, x1: w, y1: h - strips.bottom });
  const rows = legendRows(w, h, input.legendHeading, input.legend, fitted.view.milesAcross, k);
  if (rows > 1) {
    strips = layoutStrips(w, h, true, rows, k);
    fitted = fitOverview(input, { x0: 0, y0: strips.top, x1: w, y1: h - strips.bottom });
  }
  const { view, project } = fitted;
  const visible = (a: number, b: number, c: number, d: number) =>
    westLon(c) >= view.minLon && westLon(a) <= view.maxLon && d >= view.minLat && b <= view.maxLat;
  const terrMask = input.unitTerritory ? new Int32Array(w * h).fill(-1) : null;
  const scratch: Raster | null = terrMask
    ? { width: w, height: h, data: new Uint8Array(w * h * 4) }
    : null;
  for (let u = 0; u < g.ids.length; u++) {
    const k = input.unitClass[u]!;
    if (!k) continue;
    const [a, b, c, d] = unitBox(g, u);
    if (!(c >= view.minLon && a <= view.maxLon && d >= view.minLat && b <= view.maxLat)) continue;
    const rings: Float64Array[] = [];
    for (let ri = input.rings.firstRing[u]!; ri < input.rings.firstRing[u + 1]!; ri++) {
      const s0 = g.ringStarts[ri]!,
        s1 = g.ringStarts[ri + 1]!;
      const ring = new Float64Array((s1 - s0) * 2);
      for (let v = s0; v < s1; v++) {
        const [x, y] = project(g.vertices[v * 2]!, g.vertices[v * 2 + 1]!);
        ring[(v - s0) * 2] = x;
        ring[(v - s0) * 2 + 1] = y;
      }
      rings.push(ring);
    }
    let color = input.palette[k - 1]!;
    if (
      input.spotlight !== undefined &&
      input.unitTerritory &&
      input.unitTerritory[u] !== input.spotlight
    ) {
      color = [
        Math.round(color[0] * 0.35 + 255 * 0.65),
        Math.round(color[1] * 0.35 + 255 * 0.65),
        Math.round(color[2] * 0.35 + 255 * 0.65),
        255,
      ];
    }
    fillPolygon(r, rings, color);
    if (scratch && input.unitTerritory) {
      const t = input.unitTerritory[u]! + 1;
      fillPolygon(scratch, rings, [t & 255, (t >> 8) & 255, (t >> 16) & 255, 255]);
    }
  }
  const area = view.area;
  if (input.states) drawStateLines(r, input.states, project, area, visible);
  if (scratch && terrMask) {
    for (let i = 0; i < w * h; i++)
      if (scratch.data[i * 4 + 3])
        terrMask[i] =
          scratch.data[i * 4]! | (scratch.data[i * 4 + 1]! << 8) | (scratch.data[i * 4 + 2]! << 16);
    // Territory outlines: a pixel on the boundary between two territories (or territory and nothing).
    const ink: Rgba = [28, 32, 40, 255];
    const lw = Math.max(1, Math.round(uiScale(w, h) * 0.9));
    for (let y = Math.ceil(area.y0); y < Math.min(h - 1, area.y1 - 1); y++) {
      for (let x = 0; x < w - 1; x++) {
        const a = terrMask[y * w + x]!;
        const right = terrMask[y * w + x + 1]!,
          down = terrMask[(y + 1) * w + x]!;
        if (a === right && a === down) continue;
        if (a <= 0 && right <= 0 && down <= 0) continue;
        // the spotlit territory's edge is drawn three times as wide, in the highlight colour
        const spot =
          input.spotlight !== undefined &&
          (a === input.spotlight + 1 ||
            right === input.spotlight + 1 ||
            down === input.spotlight + 1);
        const lwe = spot ? lw * 3 : lw;
        const c = spot ? SPOT : ink;
        for (let dy = 0; dy < lwe; dy++)
          for (let dx = 0; dx < lwe; dx++) {
            const j = ((y + dy) * w + x + dx) * 4;
            if (y + dy >= area.y1 || x + dx >= w) continue;
            r.data[j] = c[0];
            r.data[j + 1] = c[1];
            r.data[j + 2] = c[2];
            r.data[j + 3] = 255;
          }
      }
    }
  }
  const top = drawTitle(r, input.title, input.subtitle, strips.top);
  const bottom = drawLegend(r, input.legendHeading, input.legend, view.milesAcross, strips.bottom);
  const reserved = [top, bottom];
  if (input.pointLabels)
    for (const p of drawCityLabels(
      r,
      input.pointLabels,
      project,
      area,
      view.milesAcross,
      reserved,
      400,
      { dot: false, bold: true },
    ))
      reserved.push(p.box);
  const placed = input.cities
    ? drawCityLabels(
        r,
        input.cities,
        project,
        area,
        view.milesAcross,
        reserved,
        input.maxCityLabels ?? 40,
      )
    : [];
  let grid: Uint16Array | null = null;
  if (input.gridCell && terrMask) {
    const c = input.gridCell;
    const gw = Math.ceil(w / c),
      gh = Math.ceil(h / c);
    grid = new Uint16Array(gw * gh);
    for (let gy = 0; gy < gh; gy++)
      for (let gx = 0; gx < gw; gx++) {
        const x = Math.min(w - 1, gx * c + (c >> 1)),
          y = Math.min(h - 1, gy * c + (c >> 1));
        const t = y >= area.y0 && y < area.y1 ? terrMask[y * w + x]! : -1;
        grid[gy * gw + gx] = t > 0 ? t : 0; // terrMask holds territory index + 1
      }
  }
  return { raster: r, view, cityLabels: placed.map((p) => p.name), grid };
}
