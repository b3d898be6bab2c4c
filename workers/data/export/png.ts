// PNG encoding of a rendered raster (pngjs, pure JS + node zlib: works offline and in CI).
import { PNG } from 'pngjs';
import type { Raster } from '../../domain/export/raster';

export function encodePng(r: Raster): Buffer {
  const png = new PNG({ width: r.width, height: r.height });
  png.data = Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength);
  return PNG.sync.write(png, { colorType: 2, deflateLevel: 6 });
}
