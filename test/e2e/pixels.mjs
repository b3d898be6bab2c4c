// Reads a PNG screenshot and measures how much of it is coloured (territory fills, density,
// providers) as opposed to the grey-blue water and off-white land of the base map.
import { PNG } from 'pngjs';

export function coloredShare(buffer) {
  const png = PNG.sync.read(buffer);
  const { data } = png;
  let colored = 0;
  const pixels = data.length / 4;
  for (let i = 0; i < data.length; i += 4) {
    const r = data[i],
      g = data[i + 1],
      b = data[i + 2];
    if (Math.max(r, g, b) - Math.min(r, g, b) > 40) colored++;
  }
  return colored / pixels;
}

/** Share of pixels that differ noticeably (any channel by more than `threshold`) between two same-size PNG screenshots. */
export function changedShare(a, b, threshold = 24) {
  const x = PNG.sync.read(a).data;
  const y = PNG.sync.read(b).data;
  if (x.length !== y.length) return 1;
  let changed = 0;
  for (let i = 0; i < x.length; i += 4) {
    if (
      Math.abs(x[i] - y[i]) > threshold ||
      Math.abs(x[i + 1] - y[i + 1]) > threshold ||
      Math.abs(x[i + 2] - y[i + 2]) > threshold
    )
      changed++;
  }
  return changed / (x.length / 4);
}
