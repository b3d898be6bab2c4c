// Text on the offline map raster: glyph outlines of Liberation Sans (labelFontData.ts, generated)
// filled with the non-zero rule at 4×4 supersampling into a coverage mask, then blended with an
// optional halo (the mask dilated) so labels stay legible over any fill. Pure: no canvas or fonts
// installed are needed, so maps look the same in CI, the CLI and the packaged app.
import { LABEL_FONT_BOLD, LABEL_FONT_REGULAR, type LabelFontData } from './labelFontData';
import type { Raster, Rgba } from './raster';

const SS = 4; // supersampling per axis

export type TextStyle = { size: number; bold?: boolean; color: Rgba; halo?: Rgba; haloPx?: number };

function fontOf(bold: boolean | undefined): LabelFontData {
  return bold ? LABEL_FONT_BOLD : LABEL_FONT_REGULAR;
}

function glyph(f: LabelFontData, code: number): (number | number[])[] {
  return f.glyphs[code] ?? f.glyphs[63]!; // '?' for characters outside the bundled range
}

/** Width in pixels of `text` at `size` px (the em size). */
export function measureText(text: string, size: number, bold?: boolean): number {
  const f = fontOf(bold);
  let w = 0;
  for (const ch of text) w += glyph(f, ch.codePointAt(0)!)[0] as number;
  return (w * size) / f.unitsPerEm;
}

/** Ascent and descent in pixels (for boxes around a baseline). */
export function textMetrics(size: number, bold?: boolean): { ascent: number; descent: number } {
  const f = fontOf(bold);
  // Cap height of Liberation Sans is ~0.73 em; ascender (1854/2048) includes accents: use 0.76 em for boxes.
  return { ascent: size * 0.76, descent: (size * -f.descender) / f.unitsPerEm };
}

/** Truncates with an ellipsis so the text fits in `maxWidth` px. */
export function fitText(text: string, size: number, maxWidth: number, bold?: boolean): string {
  if (measureText(text, size, bold) <= maxWidth) return text;
  let t = text;
  while (t.length > 1 && measureText(`${t}…`, size, bold) > maxWidth) t = t.slice(0, -1);
  return `${t.trimEnd()}…`;
}

/** Coverage (0..SS*SS) of the text in a box around its baseline origin; returns the mask and its origin. */
function coverage(
  text: string,
  size: number,
  bold: boolean | undefined,
  pad: number,
): { mask: Uint8Array; w: number; h: number; ox: number; oy: number } {
  const f = fontOf(bold);
  const scale = size / f.unitsPerEm;
  const { ascent, descent } = textMetrics(size, bold);
  const ox = pad;
  const oy = Math.ceil(size * 0.95) + pad; // baseline row inside the mask (room for accents)
  const w = Math.ceil(measureText(text, size, bold)) + 2 * pad + 2;
  const h = oy + Math.ceil(descent) + pad + 2;
  void ascent;
  // Edges in supersampled pixel coordinates.
  const edges: number[] = []; // x0, y0, x1, y1 with winding from y order
  let pen = 0;
  for (const ch of text) {
    const g = glyph(f, ch.codePointAt(0)!);
    for (let c = 1; c < g.length; c++) {
      const poly = g[c] as number[];
      const n = poly.length / 2;
      for (let i = 0; i < n; i++) {
        const j = (i + 1) % n;
        edges.push(
          (ox + (pen + poly[i * 2]!) * scale) * SS,
          (oy - poly[i * 2 + 1]! * scale) * SS,
          (ox + (pen + poly[j * 2]!) * scale) * SS,
          (oy - poly[j * 2 + 1]! * scale) * SS,
        );
      }
    }
    pen += g[0] as number;
  }
  const W = w * SS,
    H = h * SS;
  const mask = new Uint8Array(w * h);
  const xs: number[] = [];
  const dirs: number[] = [];
  for (let sy = 0; sy < H; sy++) {
    const yc = sy + 0.5;
    xs.length = 0;
    dirs.length = 0;
    for (let e = 0; e < edges.length; e += 4) {
      const y0 = edges[e + 1]!,
        y1 = edges[e + 3]!;
      if (y0 > yc === y1 > yc) continue;
      const x0 = edges[e]!,
        x1 = edges[e + 2]!;
      xs.push(x0 + ((yc - y0) * (x1 - x0)) / (y1 - y0));
      dirs.push(y1 > y0 ? 1 : -1);
    }
    if (!xs.length) continue;
    const idx = xs.map((_, i) => i).sort((a, b) => xs[a]! - xs[b]!);
    let wind = 0;
    const row = Math.floor(sy / SS) * w;
    for (let k = 0; k + 1 < idx.length; k++) {
      wind += dirs[idx[k]!]!;
      if (wind === 0) continue; // non-zero rule: fill between crossings while inside
      const a = Math.max(0, Math.ceil(xs[idx[k]!]! - 0.5));
      const b = Math.min(W - 1, Math.floor(xs[idx[k + 1]!]! - 0.5));
      for (let sx = a; sx <= b; sx++) mask[row + Math.floor(sx / SS)]!++;
    }
  }
  return { mask, w, h, ox, oy };
}

function blend(r: Raster, x: number, y: number, c: Rgba, alpha: number): void {
  if (x < 0 || y < 0 || x >= r.width || y >= r.height || alpha <= 0) return;
  const i = (y * r.width + x) * 4;
  const a = Math.min(1, alpha) * (c[3] / 255);
  r.data[i] = Math.round(r.data[i]! * (1 - a) + c[0] * a);
  r.data[i + 1] = Math.round(r.data[i + 1]! * (1 - a) + c[1] * a);
  r.data[i + 2] = Math.round(r.data[i + 2]! * (1 - a) + c[2] * a);
  r.data[i + 3] = 255;
}

/** Draws `text` with its baseline starting at (x, y) px. */
export function drawText(r: Raster, text: string, x: number, y: number, style: TextStyle): void {
  if (!text) return;
  const haloPx = style.halo
    ? Math.max(1, Math.round(style.haloPx ?? Math.max(1.5, style.size / 7)))
    : 0;
  const { mask, w, h, ox, oy } = coverage(text, style.size, style.bold, haloPx + 1);
  const full = SS * SS;
  const left = Math.round(x) - ox,
    top = Math.round(y) - oy;
  if (style.halo) {
    // Dilate the coverage by haloPx (max over a disc) for the halo.
    const halo = new Uint8Array(w * h);
    for (let yy = 0; yy < h; yy++) {
      for (let xx = 0; xx < w; xx++) {
        let m = 0;
        for (let dy = -haloPx; dy <= haloPx && m < full; dy++) {
          const y2 = yy + dy;
          if (y2 < 0 || y2 >= h) continue;
          for (let dx = -haloPx; dx <= haloPx; dx++) {
            const x2 = xx + dx;
            if (x2 < 0 || x2 >= w || dx * dx + dy * dy > haloPx * haloPx + 1) continue;
            const v = mask[y2 * w + x2]!;
            if (v > m) m = v;
          }
        }
        halo[yy * w + xx] = m;
      }
    }
    for (let yy = 0; yy < h; yy++)
      for (let xx = 0; xx < w; xx++)
        blend(r, left + xx, top + yy, style.halo, (halo[yy * w + xx]! / full) * 0.92);
  }
  for (let yy = 0; yy < h; yy++)
    for (let xx = 0; xx < w; xx++)
      blend(r, left + xx, top + yy, style.color, mask[yy * w + xx]! / full);
}
