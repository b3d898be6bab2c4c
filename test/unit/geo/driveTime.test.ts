import { describe, expect, it } from 'vitest';
import { greatCircleKm, greatCircleMiles } from '../../../workers/domain/geo/distance';
import {
  circuity,
  speedMph,
  travel,
  travelFromStraight,
  travelMatrix,
  travelMinutes,
} from '../../../workers/domain/driveTime';

describe('great-circle distance', () => {
  it('matches known city-pair distances', () => {
    // New York (40.7128, -74.0060) → Los Angeles (34.0522, -118.2437): 3,936 km.
    expect(greatCircleKm(40.7128, -74.006, 34.0522, -118.2437)).toBeCloseTo(3936, -1);
    // One degree of latitude ≈ 69.09 statute miles.
    expect(greatCircleMiles(40, -100, 41, -100)).toBeCloseTo(69.09, 1);
    expect(greatCircleMiles(40, -100, 40, -100)).toBe(0);
  });
  it('is symmetric and handles the antimeridian', () => {
    const a = greatCircleKm(51.8, 179.9, 51.8, -179.9);
    expect(a).toBeLessThan(20);
    expect(greatCircleKm(30, -90, 45, -70)).toBeCloseTo(greatCircleKm(45, -70, 30, -90), 9);
  });
});

describe('drive-time model', () => {
  it('is calibrated to the published circuity and speed ranges', () => {
    // Long trips: US circuity 1.20 (Ballou et al. 2002), interstate speeds.
    expect(circuity(1, 500)).toBeCloseTo(1.2, 2);
    expect(speedMph(0, 500)).toBeGreaterThan(58);
    // Short local trips: circuity ~1.3–1.45 (Boscoe et al. 2012), slow urban speeds.
    expect(circuity(3, 0.5)).toBeGreaterThan(1.28);
    expect(circuity(0, 0.5)).toBeLessThan(1.46);
    expect(speedMph(3, 1)).toBeLessThan(16);
    // Reference trips (minutes).
    expect(travelFromStraight(10, 1).minutes).toBeGreaterThan(17);
    expect(travelFromStraight(10, 1).minutes).toBeLessThan(24);
    expect(travelFromStraight(30, 0).minutes).toBeGreaterThan(36);
    expect(travelFromStraight(30, 0).minutes).toBeLessThan(48);
    expect(travelFromStraight(300, 1).minutes / 60).toBeGreaterThan(5.5);
    expect(travelFromStraight(300, 1).minutes / 60).toBeLessThan(6.5);
  });

  it('grows strictly with distance in every density class, and denser is slower', () => {
    for (const density of [0, 1, 2, 3, 1.5]) {
      let prev = 0;
      for (let d = 0.1; d < 800; d *= 1.15) {
        const m = travelFromStraight(d, density).minutes;
        expect(m).toBeGreaterThan(prev);
        prev = m;
      }
    }
    for (const d of [1, 5, 20, 60]) {
      const byClass = [0, 1, 2, 3].map((c) => travelFromStraight(d, c).minutes);
      expect(byClass).toEqual([...byClass].sort((a, b) => a - b));
    }
  });

  it('agrees between travel, travelMinutes and travelMatrix', () => {
    const t = travel(41.88, -87.63, 42.05, -87.68, 2);
    expect(t.miles).toBeGreaterThan(t.straightMiles);
    expect(travelMinutes(41.88, -87.63, 42.05, -87.68, 2)).toBeCloseTo(t.minutes, 9);
    expect(travelMinutes(41.88, -87.63, 41.88, -87.63, 2)).toBe(0);
    const m = travelMatrix(
      { lat: [41.88, 40.71], lon: [-87.63, -74.0], density: [2, 3] },
      { lat: [42.05, 41.88, 39.95], lon: [-87.68, -87.63, -75.17], density: [2, 2, 3] },
    );
    expect(m.rows).toBe(2);
    expect(m.cols).toBe(3);
    expect(m.minutes[0]).toBeCloseTo(t.minutes, 3);
    expect(m.minutes[1]).toBe(0);
    expect(m.minutes[5]).toBeCloseTo(travelMinutes(40.71, -74.0, 39.95, -75.17, 3), 3);
    expect(m.miles[5]).toBeGreaterThan(80);
  });
});
