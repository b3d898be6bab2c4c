// What a map needs to be read in a room: a title strip, a legend strip that says what is coloured,
// a scale bar, state lines and population-ranked city labels placed without collisions. Pure
// raster drawing shared by the rep-pack territory maps and the deck's national/option/region maps.
import type { UnitGeometry } from '../../common/contract/map';
import { fillDiamond, fillDisc, fillPolygon, strokeLine, type Raster, type Rgba } from './raster';
import { drawText, fitText, measureText, textMetrics } from './mapText';

export const DECOR = {
  ink: [33, 37, 41, 255] as Rgba,
  muted: [90, 98, 110, 255] as Rgba,
  panel: [255, 255, 255, 255] as Rgba,
  rule: [205, 210, 218, 255] as Rgba,
  state: [96, 104, 118, 255] as Rgba,
  city: [25, 25, 25, 255] as Rgba,
  halo: [255, 255, 255, 255] as Rgba,
};

export type Box = { x0: number; y0: number; x1: number; y1: number };
export type LegendEntry = {
  label: string;
  color: Rgba;
  shape: 'fill' | 'dot' | 'diamond' | 'line';
};
export type CityPoint = { name: string; lon: number; lat: number; population: number };
/** Counties (or any polygons) with a state code per unit, for the state lines. */
export type StateLayer = { geometry: UnitGeometry; state: Uint8Array };
export type Project = (lon: number, lat: number) => [number, number];

/** Type scale for a raster: 1 at the rep-pack size (700 × 520), larger for slide-sized maps. */
export function uiScale(width: number, height: number, textScale = 1): number {
  return Math.max(1, Math.min(width / 700, height / 520)) * textScale;
}

function scaleOf(r: Raster): number {
  return uiScale(r.width, r.height, r.textScale);
}

/** Heights of the title strip (0 without a title) and the legend strip for a raster of this size. */
export function layoutStrips(
  width: number,
  height: number,
  hasTitle: boolean,
  legendRows = 1,
  textScale = 1,
): { top: number; bottom: number } {
  const s = uiScale(width, height, textScale);
  return { top: hasTitle ? Math.round(34 * s) : 0, bottom: Math.round((10 + 20 * legendRows) * s) };
}

function fillRect(r: Raster, b: Box, c: Rgba): void {
  fillPolygon(r, [Float64Array.from([b.x0, b.y0, b.x1, b.y0, b.x1, b.y1, b.x0, b.y1])], c);
}

/** Title strip across the top: bold title, lighter subtitle after it (truncated to fit). */
export function drawTitle(
  r: Raster,
  title: string,
  subtitle: string | undefined,
  height: number,
): Box {
  const s = scaleOf(r);
  const box = { x0: 0, y0: 0, x1: r.width, y1: height };
  fillRect(r, box, DECOR.panel);
  strokeLine(r, 0, height - 1, r.width, height - 1, DECOR.rule, Math.max(1, Math.round(s)));
  const size = 17 * s;
  const pad = 10 * s;
  const base = height / 2 + textMetrics(size, true).ascent / 2 - s;
  const t = fitText(title, size, r.width - 2 * pad, true);
  drawText(r, t, pad, base, { size, bold: true, color: DECOR.ink });
  if (subtitle) {
    const x = pad + measureText(t, size, true) + 12 * s;
    const room = r.width - x - pad;
    if (room > 60 * s)
      drawText(r, fitText(subtitle, 13 * s, room), x, base, { size: 13 * s, color: DECOR.muted });
  }
  return box;
}

/** A "nice" length (1, 2, 5 × 10^k miles) about a fifth of the map's width. */
export function scaleBarMiles(milesAcross: number): number {
  const target = milesAcross / 5;
  const p = 10 ** Math.floor(Math.log10(target));
  for (const m of [5, 2, 1]) if (m * p <= target) return m * p;
  return p;
}

/**
 * Legend strip along the bottom: a heading, the entries (wrapping onto more rows when they do not
 * fit), and the scale bar at the right. Returns the strip's box.
 */
export function drawLegend(
  r: Raster,
  heading: string,
  entries: LegendEntry[],
  milesAcross: number,
  height: number,
): Box {
  const s = scaleOf(r);
  const box = { x0: 0, y0: r.height - height, x1: r.width, y1: r.height };
  fillRect(r, box, DECOR.panel);
  strokeLine(r, 0, box.y0, r.width, box.y0, DECOR.rule, Math.max(1, Math.round(s)));
  const size = 12 * s;
  const pad = 10 * s;
  const rowH = 20 * s;
  // scale bar (right)
  const miles = scaleBarMiles(milesAcross);
  const barPx = (miles / milesAcross) * r.width;
  const barLabel = `${miles.toLocaleString('en-US')} mi`;
  const barW = barPx + measureText(barLabel, size) + 8 * s;
  const bx1 = r.width - pad,
    bx0 = bx1 - barPx - measureText(barLabel, size) - 8 * s;
  const by = box.y0 + 10 * s + rowH / 2 + 3 * s;
  const lw = Math.max(2, Math.round(2 * s));
  strokeLine(r, bx0, by, bx0 + barPx, by, DECOR.ink, lw);
  strokeLine(r, bx0, by - 5 * s, bx0, by, DECOR.ink, lw);
  strokeLine(r, bx0 + barPx, by - 5 * s, bx0 + barPx, by, DECOR.ink, lw);
  drawText(r, barLabel, bx0 + barPx + 6 * s, by + size * 0.35, { size, color: DECOR.ink });
  // heading and entries (left), wrapping before the scale bar
  let x = pad;
  let row = 0;
  const baseOf = (k: number) => box.y0 + 10 * s + k * rowH + rowH / 2 + size * 0.36;
  const right = r.width - pad - barW - 16 * s;
  if (heading) {
    const h = fitText(heading, size, right - x, true);
    drawText(r, h, x, baseOf(0), { size, bold: true, color: DECOR.ink });
    x += measureText(h, size, true) + 12 * s;
  }
  for (const e of entries) {
    const w = 16 * s + 6 * s + measureText(e.label, size) + 14 * s;
    if (x + w > right && x > pad) {
      row++;
      x = pad;
    }
    const cy = baseOf(row) - size * 0.36;
    const cx = x + 8 * s;
    if (e.shape === 'fill') {
      fillRect(r, { x0: x, y0: cy - 6 * s, x1: x + 16 * s, y1: cy + 6 * s }, e.color);
      const edge: Rgba = [150, 156, 166, 255];
      strokeLine(r, x, cy - 6 * s, x + 16 * s, cy - 6 * s, edge);
      strokeLine(r, x, cy + 6 * s, x + 16 * s, cy + 6 * s, edge);
      strokeLine(r, x, cy - 6 * s, x, cy + 6 * s, edge);
      strokeLine(r, x + 16 * s, cy - 6 * s, x + 16 * s, cy + 6 * s, edge);
    } else if (e.shape === 'dot') fillDisc(r, cx, cy, 4 * s, e.color);
    else if (e.shape === 'diamond') fillDiamond(r, cx, cy, 6 * s, e.color);
    else strokeLine(r, x, cy, x + 16 * s, cy, e.color, Math.max(2, Math.round(2 * s)));
    drawText(r, e.label, x + 22 * s, baseOf(row), { size, color: DECOR.ink });
    x += w;
  }
  return box;
}

/** Rows the legend needs at this size (so the caller can reserve the strip before drawing). */
export function legendRows(
  width: number,
  height: number,
  heading: string,
  entries: LegendEntry[],
  milesAcross: number,
  textScale = 1,
): number {
  const s = uiScale(width, height, textScale);
  const size = 12 * s;
  const pad = 10 * s;
  const miles = scaleBarMiles(milesAcross);
  const barW =
    (miles / milesAcross) * width +
    measureText(`${miles.toLocaleString('en-US')} mi`, size) +
    8 * s;
  const right = width - pad - barW - 16 * s;
  let x = pad + (heading ? measureText(heading, size, true) + 12 * s : 0);
  let rows = 1;
  for (const e of entries) {
    const w = 22 * s + measureText(e.label, size) + 14 * s;
    if (x + w > right && x > pad) {
      rows++;
      x = pad;
    }
    x += w;
  }
  return rows;
}

/**
 * State lines: the counties are filled into a mask by state code and a line is drawn wherever two
 * neighbouring pixels belong to different states (coasts are left to the fills). `clip` keeps the
 * lines off the title and legend strips.
 */
export function drawStateLines(
  r: Raster,
  layer: StateLayer,
  project: Project,
  clip: Box,
  visible: (lonMin: number, latMin: number, lonMax: number, latMax: number) => boolean,
): void {
  const { width: w, height: h } = r;
  const mask = new Uint8Array(w * h);
  const g = layer.geometry;
  // A tiny raster view on the mask: fillPolygon writes RGBA, so fill a scratch raster per state code.
  const scratch: Raster = { width: w, height: h, data: new Uint8Array(w * h * 4) };
  const first = ringIndexOf(g);
  for (let u = 0; u < g.ids.length; u++) {
    const code = layer.state[u]!;
    if (!code) continue;
    const p0 = g.polygonStarts[u]!,
      p1 = g.polygonStarts[u + 1]!;
    if (p1 <= p0) continue;
    let minLon = Infinity,
      maxLon = -Infinity,
      minLat = Infinity,
      maxLat = -Infinity;
    for (let v = p0; v < p1; v++) {
      const lon = g.vertices[v * 2]!,
        lat = g.vertices[v * 2 + 1]!;
      if (lon < minLon) minLon = lon;
      if (lon > maxLon) maxLon = lon;
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
    }
    if (!visible(minLon, minLat, maxLon, maxLat)) continue;
    const rings: Float64Array[] = [];
    for (let ri = first[u]!; ri < first[u + 1]!; ri++) {
      const a = g.ringStarts[ri]!,
        b = g.ringStarts[ri + 1]!;
      const ring = new Float64Array((b - a) * 2);
      for (let v = a; v < b; v++) {
        const [x, y] = project(g.vertices[v * 2]!, g.vertices[v * 2 + 1]!);
        ring[(v - a) * 2] = x;
        ring[(v - a) * 2 + 1] = y;
      }
      rings.push(ring);
    }
    fillPolygon(scratch, rings, [code, 0, 0, 255]);
  }
  for (let i = 0; i < w * h; i++) mask[i] = scratch.data[i * 4]!;
  const lw = Math.max(1, Math.round(uiScale(w, h) * 1.2));
  for (let y = Math.max(0, Math.floor(clip.y0)); y < Math.min(h - 1, Math.ceil(clip.y1)); y++) {
    for (let x = 0; x < w - 1; x++) {
      const a = mask[y * w + x]!;
      if (!a) continue;
      const right = mask[y * w + x + 1]!,
        down = mask[(y + 1) * w + x]!;
      if ((right && right !== a) || (down && down !== a)) {
        for (let dy = 0; dy < lw; dy++)
          for (let dx = 0; dx < lw; dx++) {
            const xx = x + dx,
              yy = y + dy;
            if (xx >= w || yy >= clip.y1) continue;
            const j = (yy * w + xx) * 4;
            r.data[j] = DECOR.state[0];
            r.data[j + 1] = DECOR.state[1];
            r.data[j + 2] = DECOR.state[2];
            r.data[j + 3] = 255;
          }
      }
    }
  }
}

/** Rings of a unit list, indexed once (counties are listed in ring order). */
export function ringIndexOf(g: UnitGeometry): Uint32Array {
  const first = new Uint32Array(g.ids.length + 1).fill(g.ringUnit.length);
  for (let ri = g.ringUnit.length - 1; ri >= 0; ri--) first[g.ringUnit[ri]!] = ri;
  for (let u = g.ids.length - 1; u >= 0; u--)
    if (first[u]! > first[u + 1]!) first[u] = first[u + 1]!;
  return first;
}

/** Population threshold for a city label at a zoom (miles across the map). */
export function minPopulationFor(milesAcross: number): number {
  if (milesAcross > 1500) return 300_000;
  if (milesAcross > 700) return 100_000;
  if (milesAcross > 300) return 40_000;
  if (milesAcross > 120) return 10_000;
  return 2_500;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/**
 * City dots and names, largest population first; a city is labelled only where its name fits
 * without touching an earlier label, a reserved box (strips, markers) or the map edge — tried
 * right, left, above and below its dot. Returns the labels placed (for tests).
 */
export function drawCityLabels(
  r: Raster,
  cities: readonly CityPoint[],
  project: Project,
  area: Box,
  milesAcross: number,
  reserved: Box[] = [],
  maxLabels = 40,
  style: { dot?: boolean; bold?: boolean } = {},
): { name: string; box: Box }[] {
  const s = scaleOf(r);
  const withDot = style.dot !== false;
  const size = (style.bold ? 12.5 : 11.5) * s;
  const minPop = withDot ? minPopulationFor(milesAcross) : 0;
  const taken: Box[] = [...reserved];
  const placed: { name: string; box: Box }[] = [];
  const { ascent, descent } = textMetrics(size);
  const gap = 3 * s;
  const dotR = 2.6 * s;
  for (const c of cities) {
    if (placed.length >= maxLabels) break;
    if (c.population < minPop) break; // sorted by population, descending
    const [x, y] = project(c.lon, c.lat);
    if (x < area.x0 + 2 || x > area.x1 - 2 || y < area.y0 + 2 || y > area.y1 - 2) continue;
    const w = measureText(c.name, size, style.bold);
    if (!withDot) {
      // a label centred on its point (territory ids): placed only where it fits whole
      const b = {
        x0: x - w / 2 - 2 * s,
        y0: y - ascent / 2 - 2 * s,
        x1: x + w / 2 + 2 * s,
        y1: y + ascent / 2 + descent + 2 * s,
      };
      if (
        b.x0 < area.x0 ||
        b.x1 > area.x1 ||
        b.y0 < area.y0 ||
        b.y1 > area.y1 ||
        taken.some((t) => overlaps(t, b))
      )
        continue;
      taken.push(b);
      drawText(r, c.name, x - w / 2, y + ascent / 2, {
        size,
        bold: true,
        color: DECOR.ink,
        halo: DECOR.halo,
      });
      placed.push({ name: c.name, box: b });
      continue;
    }
    const dot: Box = { x0: x - dotR - 1, y0: y - dotR - 1, x1: x + dotR + 1, y1: y + dotR + 1 };
    const options: [number, number][] = [
      [x + dotR + gap, y + ascent / 2 - descent / 3], // right
      [x - dotR - gap - w, y + ascent / 2 - descent / 3], // left
      [x - w / 2, y - dotR - gap - descent], // above
      [x - w / 2, y + dotR + gap + ascent], // below
    ];
    let chosen: Box | null = null;
    let at: [number, number] | null = null;
    for (const [tx, ty] of options) {
      const b = {
        x0: tx - 2 * s,
        y0: ty - ascent - 2 * s,
        x1: tx + w + 2 * s,
        y1: ty + descent + 2 * s,
      };
      if (b.x0 < area.x0 || b.x1 > area.x1 || b.y0 < area.y0 || b.y1 > area.y1) continue;
      if (taken.some((t) => overlaps(t, b))) continue;
      chosen = b;
      at = [tx, ty];
      break;
    }
    if (!chosen || !at || taken.some((t) => overlaps(t, dot))) continue;
    taken.push(chosen, dot);
    fillDisc(r, x, y, dotR + 1.2 * s, DECOR.halo);
    fillDisc(r, x, y, dotR, DECOR.city);
    drawText(r, c.name, at[0], at[1], { size, color: DECOR.city, halo: DECOR.halo });
    placed.push({ name: c.name, box: chosen });
  }
  return placed;
}
