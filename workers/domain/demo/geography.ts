// Where synthetic providers practise: a population proxy over real ZIP5 centroids. Providers follow
// people, and people cluster in metros: each large metro (approximate 2020 census MSA population)
// spreads its weight over nearby ZIPs with an exponential distance decay, and a rural/small-town tail
// spreads the rest over every ZIP by its density class. Specialists pull harder towards large metros
// (sharper decay, super-linear in metro size) than primary care.

import type { ZipTable } from '../../data/geo';

/** The ZIP columns the demo needs: the bundled ZipTable without its lookup. */
export type DemoZips = Omit<ZipTable, 'indexOf'>;

type Metro = [name: string, lat: number, lon: number, millions: number];

export const METROS: readonly Metro[] = [
  ['New York', 40.71, -74.01, 19.8],
  ['Los Angeles', 34.05, -118.24, 13.2],
  ['Chicago', 41.88, -87.63, 9.5],
  ['Dallas', 32.78, -96.8, 7.6],
  ['Houston', 29.76, -95.37, 7.1],
  ['Washington', 38.91, -77.04, 6.3],
  ['Philadelphia', 39.95, -75.17, 6.2],
  ['Miami', 25.76, -80.19, 6.1],
  ['Atlanta', 33.75, -84.39, 6.1],
  ['Boston', 42.36, -71.06, 4.9],
  ['Phoenix', 33.45, -112.07, 4.8],
  ['San Francisco', 37.77, -122.42, 4.7],
  ['Riverside', 33.95, -117.4, 4.6],
  ['Detroit', 42.33, -83.05, 4.4],
  ['Seattle', 47.61, -122.33, 4.0],
  ['Minneapolis', 44.98, -93.27, 3.7],
  ['San Diego', 32.72, -117.16, 3.3],
  ['Tampa', 27.95, -82.46, 3.2],
  ['Denver', 39.74, -104.99, 3.0],
  ['Baltimore', 39.29, -76.61, 2.8],
  ['St. Louis', 38.63, -90.2, 2.8],
  ['Orlando', 28.54, -81.38, 2.7],
  ['Charlotte', 35.23, -80.84, 2.7],
  ['San Antonio', 29.42, -98.49, 2.6],
  ['Portland', 45.52, -122.68, 2.5],
  ['Sacramento', 38.58, -121.49, 2.4],
  ['Pittsburgh', 40.44, -79.99, 2.4],
  ['Austin', 30.27, -97.74, 2.3],
  ['Las Vegas', 36.17, -115.14, 2.3],
  ['Cincinnati', 39.1, -84.51, 2.3],
  ['Kansas City', 39.1, -94.58, 2.2],
  ['Columbus', 39.96, -83.0, 2.1],
  ['Indianapolis', 39.77, -86.16, 2.1],
  ['Cleveland', 41.5, -81.69, 2.1],
  ['San Jose', 37.34, -121.89, 2.0],
  ['Nashville', 36.16, -86.78, 2.0],
  ['Virginia Beach', 36.85, -75.98, 1.8],
  ['Providence', 41.82, -71.41, 1.7],
  ['Jacksonville', 30.33, -81.66, 1.6],
  ['Milwaukee', 43.04, -87.91, 1.6],
  ['Raleigh', 35.78, -78.64, 1.4],
  ['Oklahoma City', 35.47, -97.52, 1.4],
  ['Memphis', 35.15, -90.05, 1.3],
  ['Louisville', 38.25, -85.76, 1.3],
  ['Salt Lake City', 40.76, -111.89, 1.3],
  ['New Orleans', 29.95, -90.07, 1.3],
  ['Richmond', 37.54, -77.44, 1.3],
  ['Buffalo', 42.89, -78.88, 1.2],
  ['Hartford', 41.76, -72.67, 1.2],
  ['Birmingham', 33.52, -86.8, 1.1],
  ['Rochester', 43.16, -77.61, 1.1],
  ['Grand Rapids', 42.96, -85.67, 1.1],
  ['Tucson', 32.22, -110.97, 1.0],
  ['Honolulu', 21.31, -157.86, 1.0],
  ['Tulsa', 36.15, -95.99, 1.0],
  ['Fresno', 36.74, -119.79, 1.0],
  ['Omaha', 41.26, -95.93, 0.97],
  ['Albuquerque', 35.08, -106.65, 0.92],
  ['Knoxville', 35.96, -83.92, 0.88],
  ['El Paso', 31.76, -106.49, 0.87],
  ['Albany', 42.65, -73.75, 0.9],
  ['Boise', 43.62, -116.2, 0.76],
  ['Little Rock', 34.75, -92.29, 0.75],
  ['Columbia', 34.0, -81.03, 0.83],
  ['Des Moines', 41.59, -93.62, 0.7],
  ['Spokane', 47.66, -117.43, 0.59],
  ['Jackson', 32.3, -90.18, 0.59],
  ['Madison', 43.07, -89.4, 0.68],
  ['Wichita', 37.69, -97.34, 0.65],
  ['Portland ME', 43.66, -70.26, 0.55],
  ['Sioux Falls', 43.55, -96.73, 0.28],
  ['Billings', 45.78, -108.5, 0.18],
  ['Fargo', 46.88, -96.79, 0.25],
  ['Anchorage', 61.22, -149.9, 0.4],
  ['San Juan', 18.47, -66.11, 2.0],
  ['Burlington', 44.48, -73.21, 0.23],
  ['Charleston WV', 38.35, -81.63, 0.26],
  ['Cheyenne', 41.14, -104.82, 0.1],
];

/** States and territories where the demo places providers (50 states, DC and Puerto Rico). */
const PLACEABLE_STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA PR RI SC SD TN TX UT VT VA WA WV WI WY'.split(
    ' ',
  ),
);

const DENSITY_WEIGHT = [1.6, 2.5, 4, 6];
const RURAL_SHARE = 0.3;

export function milesBetween(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const x = (lon2 - lon1) * rad * Math.cos(((lat1 + lat2) / 2) * rad);
  const y = (lat2 - lat1) * rad;
  return 3958.8 * Math.sqrt(x * x + y * y);
}

export function isPlaceableZip(zips: DemoZips, i: number): boolean {
  const lat = zips.lat[i]!;
  const lon = zips.lon[i]!;
  return (
    PLACEABLE_STATES.has(zips.state[i]!) &&
    Number.isFinite(lat) &&
    Number.isFinite(lon) &&
    !(lat === 0 && lon === 0)
  );
}

/**
 * Per-ZIP weight of the metro component: each metro's mass (population^sizeExponent) is spread over
 * the ZIPs within 4 decay lengths, in proportion to exp(-d / decay) × (1 + density class).
 */
function metroComponent(
  zips: DemoZips,
  placeable: Uint8Array,
  decayScale: number,
  sizeExponent: number,
): Float64Array {
  const out = new Float64Array(zips.count);
  const kernel = new Float64Array(zips.count);
  for (const [, mlat, mlon, millions] of METROS) {
    const decay = decayScale * (8 + 6 * Math.sqrt(millions));
    let sum = 0;
    kernel.fill(0);
    for (let i = 0; i < zips.count; i++) {
      if (!placeable[i]) continue;
      const lat = zips.lat[i]!;
      if (Math.abs(lat - mlat) * 69 > 4 * decay) continue;
      const d = milesBetween(lat, zips.lon[i]!, mlat, mlon);
      if (d > 4 * decay) continue;
      const k = Math.exp(-d / decay) * (1 + zips.density[i]!);
      kernel[i] = k;
      sum += k;
    }
    if (sum <= 0) continue; // metro outside the ZIP table (e.g. a regional test table)
    const mass = Math.pow(millions, sizeExponent);
    for (let i = 0; i < zips.count; i++) if (kernel[i]! > 0) out[i]! += (mass * kernel[i]!) / sum;
  }
  return normalise(out);
}

function normalise(w: Float64Array): Float64Array {
  let sum = 0;
  for (let i = 0; i < w.length; i++) sum += w[i]!;
  if (sum > 0) for (let i = 0; i < w.length; i++) w[i]! /= sum;
  return w;
}

export type ZipWeights = {
  placeable: Uint8Array;
  /** Population proxy (sums to 1 over placeable ZIPs). */
  population: Float64Array;
  /** Large-metro core where specialists concentrate (sums to 1). */
  metroCore: Float64Array;
};

export function zipWeights(zips: DemoZips): ZipWeights {
  const placeable = new Uint8Array(zips.count);
  const rural = new Float64Array(zips.count);
  for (let i = 0; i < zips.count; i++) {
    if (!isPlaceableZip(zips, i)) continue;
    placeable[i] = 1;
    rural[i] = DENSITY_WEIGHT[zips.density[i]!] ?? 1;
  }
  normalise(rural);
  const metro = metroComponent(zips, placeable, 1, 1);
  const hasMetro = metro.some((x) => x > 0);
  const metroShare = hasMetro ? 1 - RURAL_SHARE : 0;
  const population = new Float64Array(zips.count);
  for (let i = 0; i < zips.count; i++)
    population[i] = metroShare * metro[i]! + (1 - metroShare) * rural[i]!;
  const core = metroComponent(zips, placeable, 0.55, 1.25);
  const metroCore = core.some((x) => x > 0) ? core : population;
  return { placeable, population, metroCore };
}

/** Weights for a specialty that concentrates in metros with strength pull (0..1). */
export function specialtyZipWeights(w: ZipWeights, pull: number): Float64Array {
  const out = new Float64Array(w.population.length);
  for (let i = 0; i < out.length; i++)
    out[i] = (1 - pull) * w.population[i]! + pull * w.metroCore[i]!;
  return out;
}
