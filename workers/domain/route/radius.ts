// Radius lists: providers within N drive minutes or N road miles of a point, ranked by a value
// (potential or volume of chosen codes). A spatial index (kdbush) gives the candidates inside a
// bounding box that surely contains the radius; the drive-time model then decides membership.

export type BoxIndex = { range(minX: number, minY: number, maxX: number, maxY: number): number[] };

export type RadiusQuery = {
  center: { lat: number; lon: number; density: number };
  minutes?: number;
  miles?: number;
  /** Index over (lon, lat) of the points; ids are positions in lat/lon/density. */
  index: BoxIndex;
  lat: ArrayLike<number>;
  lon: ArrayLike<number>;
  density: ArrayLike<number>;
  travel: (
    aLat: number,
    aLon: number,
    bLat: number,
    bLon: number,
    density: number,
  ) => { miles: number; minutes: number };
  /** Fastest door-to-door speed the drive model can give (mph), to bound the search box. */
  maxMph: number;
};

export type RadiusCandidate = { id: number; miles: number; minutes: number };

/** Every point within the radius (by drive minutes and/or road miles), nearest first. */
export function withinRadius(q: RadiusQuery): RadiusCandidate[] {
  // Road miles >= straight-line miles, and a drive of m minutes covers at most m/60 * maxMph miles.
  const reach = Math.min(
    q.miles ?? Infinity,
    q.minutes !== undefined ? (q.minutes / 60) * q.maxMph : Infinity,
  );
  if (!Number.isFinite(reach) || reach < 0) return [];
  const dLat = reach / 69.0 + 1e-6;
  const cos = Math.max(
    0.01,
    Math.cos((Math.min(89, Math.abs(q.center.lat) + dLat) * Math.PI) / 180),
  );
  const dLon = reach / (69.17 * cos) + 1e-6;
  const ids = q.index.range(
    q.center.lon - dLon,
    q.center.lat - dLat,
    q.center.lon + dLon,
    q.center.lat + dLat,
  );
  const out: RadiusCandidate[] = [];
  for (const id of ids) {
    const t = q.travel(
      q.center.lat,
      q.center.lon,
      q.lat[id]!,
      q.lon[id]!,
      (q.center.density + q.density[id]!) / 2,
    );
    if (q.miles !== undefined && t.miles > q.miles) continue;
    if (q.minutes !== undefined && t.minutes > q.minutes) continue;
    out.push({ id, miles: t.miles, minutes: t.minutes });
  }
  out.sort((a, b) => a.minutes - b.minutes || a.id - b.id);
  return out;
}

/** Ranks candidates by value (descending), ties by drive time; drops zero values when asked. */
export function rankByValue(
  cands: RadiusCandidate[],
  value: (id: number) => number,
  keepZero: boolean,
): (RadiusCandidate & { value: number })[] {
  return cands
    .map((c) => ({ ...c, value: value(c.id) }))
    .filter((c) => keepZero || c.value > 0)
    .sort((a, b) => b.value - a.value || a.minutes - b.minutes || a.id - b.id);
}
