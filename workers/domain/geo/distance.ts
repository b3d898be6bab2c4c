// Great-circle distances on a spherical Earth (haversine). Mean Earth radius per IUGG: 6371.0088 km.

const RAD = Math.PI / 180;
export const EARTH_RADIUS_KM = 6371.0088;
export const EARTH_RADIUS_MI = EARTH_RADIUS_KM / 1.609344;

/** Central angle (radians) between two points given in degrees. */
export function centralAngle(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const dLat = (bLat - aLat) * RAD;
  const dLon = (bLon - aLon) * RAD;
  const s1 = Math.sin(dLat / 2);
  const s2 = Math.sin(dLon / 2);
  const h = s1 * s1 + Math.cos(aLat * RAD) * Math.cos(bLat * RAD) * s2 * s2;
  return 2 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function greatCircleMiles(aLat: number, aLon: number, bLat: number, bLon: number): number {
  return centralAngle(aLat, aLon, bLat, bLon) * EARTH_RADIUS_MI;
}

export function greatCircleKm(aLat: number, aLon: number, bLat: number, bLon: number): number {
  return centralAngle(aLat, aLon, bLat, bLon) * EARTH_RADIUS_KM;
}
