// Extracts the glyph outlines of Liberation Sans (Regular, Bold; SIL Open Font License 1.1) for the
// printable ASCII and Latin-1 range into workers/domain/export/labelFontData.ts, so the offline map
// renderer can draw labels without canvas or native code. Quadratic curves are flattened to line
// segments here (4 per curve); units are the font's em units (2048).
//   node resources/scripts/build-label-font.mjs [/usr/share/fonts/truetype/liberation2]
// Hand-rolled TrueType reader (glyf/loca/cmap format 4/hmtx) because no font library is a dependency;
// it only needs simple and composite glyphs, which is all Liberation Sans has in this range.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '/usr/share/fonts/truetype/liberation2';
const CHARS = [];
for (let c = 32; c < 127; c++) CHARS.push(c);
for (let c = 160; c < 256; c++) CHARS.push(c);
CHARS.push(0x2013, 0x2014, 0x2019, 0x201c, 0x201d, 0x2022, 0x2026, 0x2192, 0x2212, 0x2264, 0x2265);

function parse(file) {
  const b = readFileSync(file);
  const tables = {};
  const n = b.readUInt16BE(4);
  for (let i = 0; i < n; i++) {
    const o = 12 + i * 16;
    tables[b.toString('latin1', o, o + 4)] = b.readUInt32BE(o + 8);
  }
  const head = tables.head,
    maxp = tables.maxp,
    hhea = tables.hhea;
  const unitsPerEm = b.readUInt16BE(head + 18);
  const longLoca = b.readInt16BE(head + 50) === 1;
  const numGlyphs = b.readUInt16BE(maxp + 4);
  const ascender = b.readInt16BE(hhea + 4),
    descender = b.readInt16BE(hhea + 6);
  const numH = b.readUInt16BE(hhea + 34);
  const advance = (g) => b.readUInt16BE(tables.hmtx + Math.min(g, numH - 1) * 4);
  const loca = (g) =>
    longLoca ? b.readUInt32BE(tables.loca + g * 4) : b.readUInt16BE(tables.loca + g * 2) * 2;
  // cmap: platform 3 encoding 1, format 4
  const cmap = tables.cmap;
  let sub = -1;
  for (let i = 0; i < b.readUInt16BE(cmap + 2); i++) {
    const p = b.readUInt16BE(cmap + 4 + i * 8),
      e = b.readUInt16BE(cmap + 6 + i * 8);
    if (p === 3 && e === 1) sub = cmap + b.readUInt32BE(cmap + 8 + i * 8);
  }
  if (sub < 0 || b.readUInt16BE(sub) !== 4) throw new Error(`${file}: no format 4 cmap`);
  const segX2 = b.readUInt16BE(sub + 6);
  const ends = sub + 14,
    starts = ends + segX2 + 2,
    deltas = starts + segX2,
    ranges = deltas + segX2;
  const glyphOf = (c) => {
    for (let s = 0; s < segX2 / 2; s++) {
      const end = b.readUInt16BE(ends + s * 2);
      if (c > end) continue;
      const start = b.readUInt16BE(starts + s * 2);
      if (c < start) return 0;
      const delta = b.readInt16BE(deltas + s * 2),
        ro = b.readUInt16BE(ranges + s * 2);
      if (ro === 0) return (c + delta) & 0xffff;
      const g = b.readUInt16BE(ranges + s * 2 + ro + (c - start) * 2);
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
  function contours(g, depth = 0) {
    const off = tables.glyf + loca(g);
    if (loca(g + 1) === loca(g)) return [];
    const nc = b.readInt16BE(off);
    if (nc < 0) {
      // composite: flags, glyphIndex, args (offsets only; no scaling used in this range)
      const out = [];
      let p = off + 10,
        more = true;
      while (more && depth < 4) {
        const flags = b.readUInt16BE(p),
          gi = b.readUInt16BE(p + 2);
        p += 4;
        let dx, dy;
        if (flags & 1) {
          dx = b.readInt16BE(p);
          dy = b.readInt16BE(p + 2);
          p += 4;
        } else {
          dx = b.readInt8(p);
          dy = b.readInt8(p + 1);
          p += 2;
        }
        if (flags & 8) p += 2;
        else if (flags & 0x40) p += 4;
        else if (flags & 0x80) p += 8;
        for (const c of contours(gi, depth + 1))
          out.push(c.map((v, i) => v + (i % 2 === 0 ? dx : dy)));
        more = (flags & 0x20) !== 0;
      }
      return out;
    }
    const endPts = [];
    for (let i = 0; i < nc; i++) endPts.push(b.readUInt16BE(off + 10 + i * 2));
    const np = nc ? endPts[nc - 1] + 1 : 0;
    let p = off + 10 + nc * 2;
    p += 2 + b.readUInt16BE(p);
    const flags = [];
    while (flags.length < np) {
      const f = b[p++];
      flags.push(f);
      if (f & 8) {
        let r = b[p++];
        while (r--) flags.push(f);
      }
    }
    const xs = [],
      ys = [];
    let v = 0;
    for (const f of flags) {
      if (f & 2) {
        v += f & 16 ? b[p] : -b[p];
        p++;
      } else if (!(f & 16)) {
        v += b.readInt16BE(p);
        p += 2;
      }
      xs.push(v);
    }
    v = 0;
    for (const f of flags) {
      if (f & 4) {
        v += f & 32 ? b[p] : -b[p];
        p++;
      } else if (!(f & 32)) {
        v += b.readInt16BE(p);
        p += 2;
      }
      ys.push(v);
    }
    const out = [];
    let s = 0;
    for (const e of endPts) {
      const pts = [];
      for (let i = s; i <= e; i++) pts.push({ x: xs[i], y: ys[i], on: (flags[i] & 1) === 1 });
      s = e + 1;
      // expand implied on-curve points, start on an on-curve point
      const full = [];
      for (let i = 0; i < pts.length; i++) {
        const a = pts[i],
          c = pts[(i + 1) % pts.length];
        full.push(a);
        if (!a.on && !c.on) full.push({ x: (a.x + c.x) / 2, y: (a.y + c.y) / 2, on: true });
      }
      const k = full.findIndex((q) => q.on);
      const ring = full.slice(k).concat(full.slice(0, k));
      const poly = [];
      for (let i = 0; i < ring.length; i++) {
        const a = ring[i];
        if (!a.on) continue;
        poly.push(Math.round(a.x), Math.round(a.y));
        const c1 = ring[(i + 1) % ring.length];
        if (!c1.on) {
          const c2 = ring[(i + 2) % ring.length];
          for (let t = 1; t < 4; t++) {
            const u = t / 4;
            poly.push(
              Math.round((1 - u) * (1 - u) * a.x + 2 * u * (1 - u) * c1.x + u * u * c2.x),
              Math.round((1 - u) * (1 - u) * a.y + 2 * u * (1 - u) * c1.y + u * u * c2.y),
            );
          }
        }
      }
      if (poly.length >= 6) out.push(poly);
    }
    return out;
  }
  const glyphs = {};
  for (const c of CHARS) {
    const g = glyphOf(c);
    if (!g && c !== 32) continue;
    glyphs[c] = [advance(g), ...contours(g).map((p) => p)];
  }
  return { unitsPerEm, ascender, descender, glyphs, numGlyphs };
}

const regular = parse(join(dir, 'LiberationSans-Regular.ttf'));
const bold = parse(join(dir, 'LiberationSans-Bold.ttf'));
const strip = (f) => {
  const { numGlyphs, ...rest } = f;
  void numGlyphs;
  return rest;
};
const body =
  '// GENERATED by resources/scripts/build-label-font.mjs from Liberation Sans 2 (Regular, Bold),\n' +
  '// SIL Open Font License 1.1 (https://github.com/liberationfonts/liberation-fonts). Do not edit.\n' +
  '// Per character code: [advance, ...contours], each contour flat [x0, y0, x1, y1, …] in em units (y up).\n' +
  'export type LabelFontData = { unitsPerEm: number; ascender: number; descender: number; glyphs: Record<number, (number | number[])[]> };\n' +
  `export const LABEL_FONT_REGULAR: LabelFontData = ${JSON.stringify(strip(regular))};\n` +
  `export const LABEL_FONT_BOLD: LabelFontData = ${JSON.stringify(strip(bold))};\n`;
writeFileSync(new URL('../../workers/domain/export/labelFontData.ts', import.meta.url), body);
console.log(
  `glyphs regular ${Object.keys(regular.glyphs).length}, bold ${Object.keys(bold.glyphs).length}, ${(body.length / 1024).toFixed(0)} kB`,
);
