// Albers equal-area conic projection for the United States (standard parallels 29.5° and 45.5°,
// origin 37.5° N 96° W, the USGS/Census convention), on a unit sphere scaled to kilometres.
// Used to triangulate ZIP centroids in a plane where Delaunay neighbours are true neighbours;
// longitudes are taken relative to 96° W in (-180, 180], so the Aleutians stay contiguous.

const RAD = Math.PI / 180;
const PHI1 = 29.5 * RAD;
const PHI2 = 45.5 * RAD;
const PHI0 = 37.5 * RAD;
const LON0 = -96;
const N = (Math.sin(PHI1) + Math.sin(PHI2)) / 2;
const C = Math.cos(PHI1) ** 2 + 2 * N * Math.sin(PHI1);
const RHO0 = Math.sqrt(C - 2 * N * Math.sin(PHI0)) / N;
const R_KM = 6371.0088;

export function albers(lon: number, lat: number): [number, number] {
  let dLon = lon - LON0;
  while (dLon > 180) dLon -= 360;
  while (dLon <= -180) dLon += 360;
  const rho = Math.sqrt(C - 2 * N * Math.sin(lat * RAD)) / N;
  const theta = N * dLon * RAD;
  return [R_KM * rho * Math.sin(theta), R_KM * (RHO0 - rho * Math.cos(theta))];
}

/** Projects separate lon/lat arrays into one interleaved x, y Float64Array (km). */
export function albersPoints(lon: ArrayLike<number>, lat: ArrayLike<number>): Float64Array {
  const out = new Float64Array(lon.length * 2);
  for (let i = 0; i < lon.length; i++) {
    const [x, y] = albers(lon[i]!, lat[i]!);
    out[2 * i] = x;
    out[2 * i + 1] = y;
  }
  return out;
}

/** Inverse of `albers` (km → lon, lat). */
export function albersInverse(x: number, y: number): [number, number] {
  const xs = x / R_KM;
  const ys = RHO0 - y / R_KM;
  const rho = Math.sign(N) * Math.sqrt(xs * xs + ys * ys);
  const theta = Math.atan2(xs, ys);
  const lat = Math.asin(Math.max(-1, Math.min(1, (C - rho * rho * N * N) / (2 * N)))) / RAD;
  let lon = LON0 + theta / N / RAD;
  if (lon > 180) lon -= 360;
  if (lon <= -180) lon += 360;
  return [lon, lat];
}
