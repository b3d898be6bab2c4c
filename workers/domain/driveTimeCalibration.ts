// Calibration of the offline drive-time model against a routing server: a sample of pairs spread
// over density classes and distance bands is asked of the server, and per density class and trip
// length a correction factor (server minutes ÷ offline minutes) is fitted, so a solver that moves
// centres (and so cannot use a table of fixed pairs) still follows the road network's speeds.
//
// Fit: per class and length band, the median log ratio, leaning on the class's median (and the
// class's on the overall median) when a cell has fewer than 8 pairs; ratios are clamped to ¼..4
// (a snapped point or a ferry says little about the area). Between band centres the factor is
// interpolated in log minutes, and each class's factors are adjusted so that calibrated minutes
// still grow with distance (at least as offline minutes^0.1 between band centres). Pure: no I/O; sampling is seeded.

import { greatCircleMiles } from './geo/distance';
import { createRng } from './align/prng';
import type { TravelMinutesFn } from './align/types';

/** Offline minutes at the centre of each trip-length band the factors are fitted for. */
export const BAND_MINUTES = [5, 15, 35, 80, 180] as const;
/** Straight-line mile bands the sample draws destinations from. */
const SAMPLE_MILES = [0, 5, 15, 40, 100, 250] as const;
const CLASSES = 4;
/** Pairs from which a cell's (or class's) own median is trusted fully; fewer lean on the level above. */
const FULL_CREDIBILITY = 8;
const CLAMP = 4;
/** Calibrated minutes grow at least with this power of the offline minutes between bands. */
const MIN_GROWTH = 0.1;

export type SamplePoints = {
  lat: ArrayLike<number>;
  lon: ArrayLike<number>;
  density: ArrayLike<number>;
  weight: ArrayLike<number>;
};

/** Origin point and the destinations asked from it (indexes into the sampled points). */
export type SampleStrip = { origin: number; destinations: number[] };

/**
 * Up to `origins` origins, a quarter from each density class (workload-weighted, without
 * replacement), each with up to `perBand` destinations in each straight-line distance band.
 */
export function calibrationSample(
  pts: SamplePoints,
  o: { origins: number; perBand: number; seed: number },
): SampleStrip[] {
  const rng = createRng(o.seed);
  const n = pts.lat.length;
  const byClass: { u: number; key: number }[][] = Array.from({ length: CLASSES }, () => []);
  for (let u = 0; u < n; u++) {
    const w = pts.weight[u]!;
    if (!(w > 0)) continue;
    const c = Math.min(CLASSES - 1, Math.max(0, Math.round(pts.density[u]!)));
    byClass[c]!.push({ u, key: Math.log(rng() || Number.MIN_VALUE) / w }); // weighted sampling keys (Efraimidis–Spirakis, in logs)
  }
  const per = Math.ceil(o.origins / CLASSES);
  const origins = byClass.flatMap((list) =>
    list
      .sort((a, b) => b.key - a.key)
      .slice(0, per)
      .map((x) => x.u),
  );
  return origins.map((origin) => ({
    origin,
    destinations: bandDestinations(pts, origin, o.perBand, rng),
  }));
}

function bandDestinations(
  pts: SamplePoints,
  origin: number,
  perBand: number,
  rng: () => number,
): number[] {
  const bands: number[][] = SAMPLE_MILES.slice(1).map(() => []);
  const aLat = pts.lat[origin]!;
  const aLon = pts.lon[origin]!;
  for (let u = 0; u < pts.lat.length; u++) {
    if (u === origin || !(pts.weight[u]! > 0)) continue;
    const d = greatCircleMiles(aLat, aLon, pts.lat[u]!, pts.lon[u]!);
    const b = SAMPLE_MILES.findIndex((hi, i) => i > 0 && d < hi) - 1;
    if (b >= 0) bands[b]!.push(u);
  }
  return bands.flatMap((list) => pick(list, perBand, rng));
}

function pick(list: number[], count: number, rng: () => number): number[] {
  const a = list.slice();
  const m = Math.min(count, a.length);
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(rng() * (a.length - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, m);
}

export type CalibrationPair = { density: number; offlineMinutes: number; routedMinutes: number };

export type TravelCalibration = {
  /** Factor per density class (0 rural .. 3 dense urban) and band of BAND_MINUTES. */
  factors: number[][];
  /** Overall factor per density class (what a report shows). */
  classFactors: number[];
  pairs: number;
};

const median = (xs: number[]): number => {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? 0 : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const bandOf = (minutes: number): number => {
  let best = 0;
  for (let b = 1; b < BAND_MINUTES.length; b++) {
    if (
      Math.abs(Math.log(minutes / BAND_MINUTES[b]!)) <
      Math.abs(Math.log(minutes / BAND_MINUTES[best]!))
    )
      best = b;
  }
  return best;
};

/** Fits factors from server/offline pairs; with no usable pair every factor is 1. */
export function fitCalibration(pairs: CalibrationPair[]): TravelCalibration {
  const cells: number[][][] = Array.from({ length: CLASSES }, () => BAND_MINUTES.map(() => []));
  const used = pairs.filter(
    (p) => p.offlineMinutes > 0.5 && p.routedMinutes > 0 && Number.isFinite(p.routedMinutes),
  );
  for (const p of used) {
    const r = Math.log(Math.min(CLAMP, Math.max(1 / CLAMP, p.routedMinutes / p.offlineMinutes)));
    const c = Math.min(CLASSES - 1, Math.max(0, Math.round(p.density)));
    cells[c]![bandOf(p.offlineMinutes)]!.push(r);
  }
  const shrink = (xs: number[], prior: number) => {
    const z = Math.min(1, Math.sqrt(xs.length / FULL_CREDIBILITY));
    return z > 0 ? z * median(xs) + (1 - z) * prior : prior;
  };
  const overall = used.length ? median(cells.flat(2)) : 0;
  const classLog = cells.map((bands) => shrink(bands.flat(), overall));
  const factors = cells.map((bands, c) =>
    monotone(bands.map((xs) => Math.exp(shrink(xs, classLog[c]!)))),
  );
  return { factors, classFactors: classLog.map(Math.exp), pairs: used.length };
}

/** Raises later bands where needed so that factor × minutes keeps growing as trips get longer. */
function monotone(f: number[]): number[] {
  for (let b = 1; b < f.length; b++) {
    const floor = f[b - 1]! * Math.pow(BAND_MINUTES[b - 1]! / BAND_MINUTES[b]!, 1 - MIN_GROWTH);
    if (f[b]! < floor) f[b] = floor;
  }
  return f;
}

/** The calibration's factor for a trip of `minutes` (offline) ending in density class `density`. */
export function calibrationFactor(
  cal: TravelCalibration,
  density: number,
  minutes: number,
): number {
  const row = cal.factors[Math.min(CLASSES - 1, Math.max(0, Math.round(density)))]!;
  if (minutes <= BAND_MINUTES[0]) return row[0]!;
  const last = BAND_MINUTES.length - 1;
  if (minutes >= BAND_MINUTES[last]!) return row[last]!;
  let b = 0;
  while (minutes > BAND_MINUTES[b + 1]!) b++;
  const f =
    Math.log(minutes / BAND_MINUTES[b]!) / Math.log(BAND_MINUTES[b + 1]! / BAND_MINUTES[b]!);
  return Math.exp(Math.log(row[b]!) * (1 - f) + Math.log(row[b + 1]!) * f);
}

/** `base` (the offline model) scaled by the calibration's factors. */
export function calibratedTravel(cal: TravelCalibration, base: TravelMinutesFn): TravelMinutesFn {
  return (aLat, aLon, bLat, bLon, density) => {
    const m = base(aLat, aLon, bLat, bLon, density);
    return m > 0 ? m * calibrationFactor(cal, density, m) : m;
  };
}
