// Unit-sphere coordinates: chord distance orders points exactly like great-circle distance, so
// nearest-centre searches and seeding need no trigonometry in their inner loops.

const RAD = Math.PI / 180;

export type Points3 = { x: Float64Array; y: Float64Array; z: Float64Array };

export function toSphere(lat: ArrayLike<number>, lon: ArrayLike<number>): Points3 {
  const n = lat.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const la = (lat[i] ?? 0) * RAD;
    const lo = (lon[i] ?? 0) * RAD;
    const c = Math.cos(la);
    x[i] = c * Math.cos(lo);
    y[i] = c * Math.sin(lo);
    z[i] = Math.sin(la);
  }
  return { x, y, z };
}

export function chord2(a: Points3, i: number, b: Points3, j: number): number {
  const dx = a.x[i]! - b.x[j]!;
  const dy = a.y[i]! - b.y[j]!;
  const dz = a.z[i]! - b.z[j]!;
  return dx * dx + dy * dy + dz * dz;
}

/** Weighted mean position of the points in `idx` (weights ≥ 0), back in degrees. */
export function weightedCentroid(
  pts: Points3,
  idx: ArrayLike<number>,
  weight: (i: number) => number,
): { lat: number; lon: number } | null {
  let sx = 0;
  let sy = 0;
  let sz = 0;
  let sw = 0;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    const w = weight(i);
    sx += w * pts.x[i]!;
    sy += w * pts.y[i]!;
    sz += w * pts.z[i]!;
    sw += w;
  }
  if (sw <= 0) return null;
  return fromSphere(sx, sy, sz);
}

export function fromSphere(x: number, y: number, z: number): { lat: number; lon: number } {
  const r = Math.hypot(x, y, z) || 1;
  return { lat: Math.asin(Math.max(-1, Math.min(1, z / r))) / RAD, lon: Math.atan2(y, x) / RAD };
}

/**
 * For every point, the `m` nearest centres (by chord distance), nearest first.
 * Brute force over centres: K ≤ a few hundred, so N·K distance checks cost ~10 ms, less than
 * building and querying a spatial index per Lloyd iteration.
 */
export function nearestCentres(pts: Points3, centres: Points3, m: number): Int32Array {
  const n = pts.x.length;
  const k = centres.x.length;
  const mm = Math.min(m, k);
  const out = new Int32Array(n * mm);
  const bestD = new Float64Array(mm);
  const bestI = new Int32Array(mm);
  for (let i = 0; i < n; i++) {
    let filled = 0;
    const px = pts.x[i]!;
    const py = pts.y[i]!;
    const pz = pts.z[i]!;
    for (let t = 0; t < k; t++) {
      const dx = px - centres.x[t]!;
      const dy = py - centres.y[t]!;
      const dz = pz - centres.z[t]!;
      const d = dx * dx + dy * dy + dz * dz;
      if (filled === mm && d >= bestD[mm - 1]!) continue;
      let j = filled < mm ? filled++ : mm - 1;
      while (j > 0 && bestD[j - 1]! > d) {
        bestD[j] = bestD[j - 1]!;
        bestI[j] = bestI[j - 1]!;
        j--;
      }
      bestD[j] = d;
      bestI[j] = t;
    }
    for (let j = 0; j < mm; j++) out[i * mm + j] = bestI[j]!;
  }
  return out;
}
