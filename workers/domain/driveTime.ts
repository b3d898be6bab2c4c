// Offline drive-time model: t = great-circle distance × circuity(density, distance) ÷ speed(density,
// distance). Density is the ZIP density class (0 rural, 1 suburban, 2 urban, 3 dense urban; see
// data/geo.ts); fractional values interpolate between classes (e.g. the mean of two ends).
//
// Calibration (published figures the curves are fitted to):
// - Circuity (road distance ÷ straight-line distance). Ballou, Rahardja & Sakai (2002), "Selected
//   country circuity factors for road travel distance estimation" (Transportation Research A 36):
//   about 1.20 for the United States on inter-city trips → the long-distance limit 1.20.
//   Boscoe, Henry & Zdeb (2012), "A nationwide comparison of driving distance versus straight-line
//   distance to hospitals" (Professional Geographer 64(2)): mean ratio about 1.4 on short local
//   trips, higher the shorter the trip and in rural areas with sparse road networks, lower on grids
//   → short-trip circuity 1.45 rural, 1.40 suburban, 1.35 urban, 1.30 dense urban grid, decaying to
//   1.20 with a 10-mile scale.
// - Speed (door-to-door average, including signals and access roads). FHWA's National Household
//   Travel Survey (2017) puts the average US car trip near 10 miles at about 25–30 mph, slower in
//   large urban cores; Highway Capacity Manual free-flow speeds are ~60–70 mph on rural interstates
//   and urban arterials average 15–25 mph in peak periods. Hence local speeds of 38 mph rural,
//   28 suburban, 20 urban, 13 dense urban (Manhattan/Chicago Loop crosstown ~10–15 mph), rising
//   towards a 60 mph long-distance (interstate) average with a 25-mile scale.
// The model gives, e.g., 10 straight miles in a suburb ≈ 20 min, 30 rural miles ≈ 41 min, 3 miles
// across Manhattan ≈ 13 min, 300 miles ≈ 6 h; minutes grow strictly with distance in every class.

import { greatCircleMiles } from './geo/distance';

type ClassParams = { shortCircuity: number; localMph: number };

/** Indexed by density class 0..3. */
const CLASS_PARAMS: readonly ClassParams[] = [
  { shortCircuity: 1.45, localMph: 38 },
  { shortCircuity: 1.4, localMph: 28 },
  { shortCircuity: 1.35, localMph: 20 },
  { shortCircuity: 1.3, localMph: 13 },
];
export const LONG_CIRCUITY = 1.2;
export const LONG_MPH = 60;
const CIRCUITY_SCALE_MI = 10;
const SPEED_SCALE_MI = 25;

function interpolate(density: number, pick: (p: ClassParams) => number): number {
  const d = Math.min(3, Math.max(0, Number.isFinite(density) ? density : 0));
  const lo = Math.floor(d);
  const hi = Math.min(3, lo + 1);
  const f = d - lo;
  return pick(CLASS_PARAMS[lo]!) * (1 - f) + pick(CLASS_PARAMS[hi]!) * f;
}

/** Road miles per straight-line mile for a trip of `miles` (straight-line) in a density class. */
export function circuity(density: number, miles: number): number {
  const short = interpolate(density, (p) => p.shortCircuity);
  return LONG_CIRCUITY + (short - LONG_CIRCUITY) * Math.exp(-miles / CIRCUITY_SCALE_MI);
}

/** Average door-to-door speed (mph) for a trip of `miles` (straight-line) in a density class. */
export function speedMph(density: number, miles: number): number {
  const local = interpolate(density, (p) => p.localMph);
  return LONG_MPH - (LONG_MPH - local) * Math.exp(-miles / SPEED_SCALE_MI);
}

export type Travel = { straightMiles: number; miles: number; minutes: number };

/** Road miles and minutes from a straight-line distance. */
export function travelFromStraight(straightMiles: number, density: number): Travel {
  const miles = straightMiles * circuity(density, straightMiles);
  const minutes = straightMiles > 0 ? (60 * miles) / speedMph(density, straightMiles) : 0;
  return { straightMiles, miles, minutes };
}

/** Estimated road miles and driving minutes between two points (degrees). */
export function travel(
  aLat: number,
  aLon: number,
  bLat: number,
  bLon: number,
  density: number,
): Travel {
  return travelFromStraight(greatCircleMiles(aLat, aLon, bLat, bLon), density);
}

/** Driving minutes only (same model as `travel`, no object allocation). */
export function travelMinutes(
  aLat: number,
  aLon: number,
  bLat: number,
  bLon: number,
  density: number,
): number {
  const d = greatCircleMiles(aLat, aLon, bLat, bLon);
  if (d <= 0) return 0;
  return (60 * d * circuity(density, d)) / speedMph(density, d);
}

export type TravelPoints = {
  lat: ArrayLike<number>;
  lon: ArrayLike<number>;
  /** Density class per point; a pair uses the mean of its two ends. */
  density: ArrayLike<number>;
};

export type TravelMatrix = {
  rows: number;
  cols: number;
  /** Row-major minutes, rows = origins. */
  minutes: Float32Array;
  /** Row-major road miles. */
  miles: Float32Array;
};

/** Minutes and road miles for every origin × destination pair. */
export function travelMatrix(origins: TravelPoints, destinations: TravelPoints): TravelMatrix {
  const rows = origins.lat.length;
  const cols = destinations.lat.length;
  const minutes = new Float32Array(rows * cols);
  const miles = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const aLat = origins.lat[i]!;
    const aLon = origins.lon[i]!;
    const aDen = origins.density[i]!;
    for (let j = 0; j < cols; j++) {
      const density = (aDen + destinations.density[j]!) / 2;
      const d = greatCircleMiles(aLat, aLon, destinations.lat[j]!, destinations.lon[j]!);
      const road = d * circuity(density, d);
      miles[i * cols + j] = road;
      minutes[i * cols + j] = d > 0 ? (60 * road) / speedMph(density, d) : 0;
    }
  }
  return { rows, cols, minutes, miles };
}
