// Calibration of the offline drive-time model against routed samples: the fit recovers per-class,
// per-length factors, shrinks thin cells towards their class, keeps minutes growing with distance,
// and the sample spreads origins over density classes and destinations over distance bands.
import { describe, expect, it } from 'vitest';
import { travelMinutes } from '../../../workers/domain/driveTime';
import {
  BAND_MINUTES,
  calibratedTravel,
  calibrationFactor,
  calibrationSample,
  fitCalibration,
  type CalibrationPair,
} from '../../../workers/domain/driveTimeCalibration';
import { greatCircleMiles } from '../../../workers/domain/geo/distance';

/** Pairs over every class and length, routed = offline × factor(class, minutes). */
function pairs(
  factor: (density: number, minutes: number) => number,
  classes = [0, 1, 2, 3],
): CalibrationPair[] {
  const out: CalibrationPair[] = [];
  for (const density of classes) {
    for (let m = 2; m < 300; m *= 1.05)
      out.push({ density, offlineMinutes: m, routedMinutes: m * factor(density, m) });
  }
  return out;
}

describe('fitting', () => {
  it('recovers a factor per density class', () => {
    const cal = fitCalibration(pairs((d) => [1.1, 1.3, 1.6, 2.2][d]!));
    expect(cal.classFactors.map((f) => Number(f.toFixed(2)))).toEqual([1.1, 1.3, 1.6, 2.2]);
    for (const m of [3, 20, 60, 250]) expect(calibrationFactor(cal, 3, m)).toBeCloseTo(2.2, 2);
  });

  it('recovers factors that change with trip length', () => {
    const cal = fitCalibration(pairs((_, m) => (m < 25 ? 1.5 : 1.0)));
    expect(calibrationFactor(cal, 1, BAND_MINUTES[0])).toBeCloseTo(1.5, 1);
    expect(calibrationFactor(cal, 1, BAND_MINUTES[4])).toBeCloseTo(1.0, 1);
  });

  it('a class without pairs takes the overall factor; no pairs at all: factor 1, the offline model itself', () => {
    const cal = fitCalibration(pairs(() => 1.4, [1, 2]));
    expect(cal.classFactors[0]).toBeCloseTo(1.4, 2);
    expect(cal.classFactors[3]).toBeCloseTo(1.4, 2);
    const none = fitCalibration([]);
    expect(none.pairs).toBe(0);
    const f = calibratedTravel(none, travelMinutes);
    expect(f(41.8, -87.6, 42.1, -88.0, 2)).toBe(travelMinutes(41.8, -87.6, 42.1, -88.0, 2));
  });

  it('one odd pair (a snapped point, a ferry) barely moves a class with many pairs', () => {
    const many = pairs(() => 1.2, [2]);
    const cal = fitCalibration([...many, { density: 2, offlineMinutes: 10, routedMinutes: 900 }]);
    expect(cal.classFactors[2]).toBeCloseTo(1.2, 2);
  });

  it('calibrated minutes still grow with distance when long trips are much faster than short ones', () => {
    const cal = fitCalibration(pairs((_, m) => (m < 20 ? 3 : 0.4)));
    const f = calibratedTravel(cal, travelMinutes);
    let last = 0;
    for (let lon = -87.62; lon > -92; lon -= 0.02) {
      const m = f(41.8, -87.6, 41.8, lon, 1);
      expect(m).toBeGreaterThan(last);
      last = m;
    }
  });
});

describe('sampling', () => {
  // A 40 × 40 lattice 0.05° apart (≈ 130 × 170 miles), density class by column quarter.
  const n = 1600;
  const lat = Float64Array.from({ length: n }, (_, i) => 40 + Math.floor(i / 40) * 0.05);
  const lon = Float64Array.from({ length: n }, (_, i) => -90 + (i % 40) * 0.05);
  const density = Uint8Array.from({ length: n }, (_, i) => Math.floor((i % 40) / 10));
  const weight = Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 0 : 1 + (i % 5)));
  const pts = { lat, lon, density, weight };

  it('spreads origins over density classes and destinations over distance bands, reproducibly', () => {
    const a = calibrationSample(pts, { origins: 16, perBand: 4, seed: 7 });
    expect(a).toEqual(calibrationSample(pts, { origins: 16, perBand: 4, seed: 7 }));
    expect(a).toHaveLength(16);
    expect([0, 1, 2, 3].map((c) => a.filter((s) => density[s.origin] === c).length)).toEqual([
      4, 4, 4, 4,
    ]);
    for (const s of a) {
      expect(weight[s.origin]).toBeGreaterThan(0);
      const miles = s.destinations.map((u) =>
        greatCircleMiles(lat[s.origin]!, lon[s.origin]!, lat[u]!, lon[u]!),
      );
      expect(miles.filter((d) => d < 5).length).toBeLessThanOrEqual(4);
      expect(miles.some((d) => d >= 40)).toBe(true);
      expect(new Set(s.destinations).size).toBe(s.destinations.length);
      expect(s.destinations.every((u) => weight[u]! > 0 && u !== s.origin)).toBe(true);
    }
  });
});
