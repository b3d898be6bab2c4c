// A small RGBA raster with the few primitives a territory map needs: even-odd scanline polygon fill,
// anti-alias-free line strokes and round/diamond markers. Pure (no canvas, no native code) so maps
// render the same offline, in CI and in the packaged app.

export type Rgba = readonly [number, number, number, number];
/** `textScale` enlarges labels, legend and title relative to the raster size (slide maps shown small). */
export type Raster = { width: number; height: number; data: Uint8Array; textScale?: number };

export function createRaster(width: number, height: number, background: Rgba): Raster {
  const data = new Uint8Array(width * height * 4);
  data.set(background, 0);
  // Doubling copies: log2(n) memcpy calls instead of a per-pixel loop.
  for (let filled = 4; filled < data.length; filled *= 2)
    data.copyWithin(filled, 0, Math.min(filled, data.length - filled));
  return { width, height, data };
}

/** Blends one pixel (source-over with the colour's alpha). */
export function blendPixel(r: Raster, x: number, y: number, c: Rgba): void {
  if (x < 0 || y < 0 || x >= r.width || y >= r.height) return;
  const i = (y * r.width + x) * 4;
  const a = c[3] / 255;
  if (a >= 1) {
    r.data[i] = c[0];
    r.data[i + 1] = c[1];
    r.data[i + 2] = c[2];
    r.data[i + 3] = 255;
    return;
  }
  r.data[i] = Math.round(r.data[i]! * (1 - a) + c[0] * a);
  r.data[i + 1] = Math.round(r.data[i + 1]! * (1 - a) + c[1] * a);
  r.data[i + 2] = Math.round(r.data[i + 2]! * (1 - a) + c[2] * a);
  r.data[i + 3] = Math.max(r.data[i + 3]!, c[3]);
}

/**
 * Rings are flat [x0, y0, x1, y1, …] pixel coordinates; fill uses the even-odd rule across rings.
 * Pixels are overwritten (not blended): map fills are opaque and the id mask must not mix ids.
 */
export function fillPolygon(r: Raster, rings: readonly Float64Array[], c: Rgba): void {
  let minY = Infinity;
  let maxY = -Infinity;
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i += 2) {
      minY = Math.min(minY, ring[i]!);
      maxY = Math.max(maxY, ring[i]!);
    }
  }
  const y0 = Math.max(0, Math.floor(minY));
  const y1 = Math.min(r.height - 1, Math.ceil(maxY));
  const xs: number[] = [];
  for (let y = y0; y <= y1; y++) {
    const sy = y + 0.5;
    xs.length = 0;
    for (const ring of rings) {
      const n = ring.length / 2;
      for (let i = 0, j = n - 1; i < n; j = i++) {
        const ay = ring[i * 2 + 1]!;
        const by = ring[j * 2 + 1]!;
        if (ay > sy !== by > sy) {
          const ax = ring[i * 2]!;
          const bx = ring[j * 2]!;
          xs.push(ax + ((sy - ay) * (bx - ax)) / (by - ay));
        }
      }
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const from = Math.max(0, Math.ceil(xs[k]! - 0.5));
      const to = Math.min(r.width - 1, Math.floor(xs[k + 1]! - 0.5));
      const data = r.data;
      for (let x = from, i = (y * r.width + from) * 4; x <= to; x++, i += 4) {
        data[i] = c[0];
        data[i + 1] = c[1];
        data[i + 2] = c[2];
        data[i + 3] = c[3];
      }
    }
  }
}

/** A line of the given width (pixels) between two points. */
export function strokeLine(
  r: Raster,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  c: Rgba,
  width = 1,
): void {
  const steps = Math.max(1, Math.ceil(Math.max(Math.abs(bx - ax), Math.abs(by - ay))));
  const half = (width - 1) / 2;
  for (let s = 0; s <= steps; s++) {
    const x = ax + ((bx - ax) * s) / steps;
    const y = ay + ((by - ay) * s) / steps;
    if (width <= 1) blendPixel(r, Math.round(x), Math.round(y), c);
    else fillDisc(r, x, y, half + 0.5, c);
  }
}

export function strokeRings(r: Raster, rings: readonly Float64Array[], c: Rgba, width = 1): void {
  for (const ring of rings) {
    const n = ring.length / 2;
    for (let i = 0, j = n - 1; i < n; j = i++)
      strokeLine(r, ring[j * 2]!, ring[j * 2 + 1]!, ring[i * 2]!, ring[i * 2 + 1]!, c, width);
  }
}

export function fillDisc(r: Raster, cx: number, cy: number, radius: number, c: Rgba): void {
  const x0 = Math.floor(cx - radius);
  const x1 = Math.ceil(cx + radius);
  const y0 = Math.floor(cy - radius);
  const y1 = Math.ceil(cy + radius);
  const r2 = radius * radius;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      if (dx * dx + dy * dy <= r2) blendPixel(r, x, y, c);
    }
  }
}

/** A filled diamond (rotated square) of the given half-diagonal. */
export function fillDiamond(r: Raster, cx: number, cy: number, half: number, c: Rgba): void {
  for (let y = Math.floor(cy - half); y <= Math.ceil(cy + half); y++) {
    for (let x = Math.floor(cx - half); x <= Math.ceil(cx + half); x++) {
      if (Math.abs(x + 0.5 - cx) + Math.abs(y + 0.5 - cy) <= half) blendPixel(r, x, y, c);
    }
  }
}
