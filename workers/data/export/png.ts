// PNG encoding of a rendered raster: RGB, filter "Sub" on every row, zlib deflate. Hand-rolled on
// node:zlib instead of pngjs: pngjs's adaptive filtering and RGBA repacking took ~60 s of a 500-map
// national export (profiled), this takes a fraction; maps are flat colour areas, so Sub compresses
// them about as well as adaptive filtering.
import { promisify } from 'node:util';
import { crc32, deflate } from 'node:zlib';
import type { Raster } from '../../domain/export/raster';

const deflateAsync = promisify(deflate);
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)) >>> 0, 8 + data.length);
  return out;
}

/** Async: the deflate runs on libuv's thread pool, in parallel with the next sheet being written. */
export async function encodePng(r: Raster): Promise<Buffer> {
  const { width, height, data } = r;
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    raw[row] = 1; // Sub: each byte minus the byte of the pixel to its left
    let pr = 0,
      pg = 0,
      pb = 0;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const r0 = data[i]!,
        g0 = data[i + 1]!,
        b0 = data[i + 2]!;
      const o = row + 1 + x * 3;
      raw[o] = (r0 - pr) & 255;
      raw[o + 1] = (g0 - pg) & 255;
      raw[o + 2] = (b0 - pb) & 255;
      pr = r0;
      pg = g0;
      pb = b0;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', await deflateAsync(raw, { level: 4 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
