// The offline drive model as the week planner's TravelFn: pure, so the route worker thread can use
// it without the engine (a pair uses the mean density class of its two ends).
import { circuity, speedMph, travel } from '../driveTime';
import { EARTH_RADIUS_MI } from '../geo/distance';

const RAD = Math.PI / 180;
import type { GeoPoint, TravelFn } from './weekModel';

export const offlineTravel: TravelFn = (a: GeoPoint, b: GeoPoint) => {
  const t = travel(a.lat, a.lon, b.lat, b.lon, (a.density + b.density) / 2);
  return { minutes: t.minutes, miles: t.miles };
};

/**
 * offlineTravel over every pair of points into row-major size×size matrices, the same numbers as
 * calling offlineTravel pair by pair (same formulas, cos(lat) computed once per point, no objects
 * per pair): the week matrix of a 1 M-account national export's territories took ~8 CPU-s the
 * generic way (profiled). The model is symmetric, so each pair is computed once.
 */
export function offlineTravelMatrix(
  lat: Float64Array,
  lon: Float64Array,
  density: Float64Array,
  minutes: Float64Array,
  miles: Float64Array,
): void {
  const size = lat.length;
  const cosLat = new Float64Array(size);
  for (let i = 0; i < size; i++) cosLat[i] = Math.cos(lat[i]! * RAD);
  for (let i = 0; i < size; i++) {
    for (let j = i + 1; j < size; j++) {
      const dLat = (lat[j]! - lat[i]!) * RAD;
      const dLon = (lon[j]! - lon[i]!) * RAD;
      const s1 = Math.sin(dLat / 2);
      const s2 = Math.sin(dLon / 2);
      const h = s1 * s1 + cosLat[i]! * cosLat[j]! * s2 * s2;
      const straight = 2 * Math.asin(Math.min(1, Math.sqrt(h))) * EARTH_RADIUS_MI;
      const d = (density[i]! + density[j]!) / 2;
      const road = straight * circuity(d, straight);
      const m = straight > 0 ? (60 * road) / speedMph(d, straight) : 0;
      minutes[i * size + j] = m;
      minutes[j * size + i] = m;
      miles[i * size + j] = road;
      miles[j * size + i] = road;
    }
  }
}
