import { describe, expect, it } from 'vitest';
import { offlineTravel, offlineTravelMatrix } from '../../../workers/domain/route/offlineTravel';
import { createRng } from '../../../workers/domain/route/rng';
import { windowsOfNpi } from '../../../workers/engine/routes/inputs';

describe('offline week matrix', () => {
  it('gives exactly the pairwise offlineTravel numbers, both directions', () => {
    const rng = createRng(7);
    const n = 40;
    const lat = Float64Array.from({ length: n }, () => 30 + rng.next() * 15);
    const lon = Float64Array.from({ length: n }, () => -120 + rng.next() * 40);
    const density = Float64Array.from({ length: n }, () => Math.floor(rng.next() * 4));
    lat[5] = lat[4]!; // a pair at the same point: 0 minutes, 0 miles
    lon[5] = lon[4]!;
    const minutes = new Float64Array(n * n);
    const miles = new Float64Array(n * n);
    offlineTravelMatrix(lat, lon, density, minutes, miles);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        const lo = Math.min(i, j);
        const hi = Math.max(i, j);
        const t = offlineTravel(
          { lat: lat[lo]!, lon: lon[lo]!, density: density[lo]! },
          { lat: lat[hi]!, lon: lon[hi]!, density: density[hi]! },
        );
        expect(minutes[i * n + j]).toBe(t.minutes);
        expect(miles[i * n + j]).toBe(t.miles);
      }
    }
    expect(minutes[4 * n + 5]).toBe(0);
  });
});

describe('time windows by NPI', () => {
  // NPI 10: Monday 9–12 and "every weekday" 13–17; NPI 20: Saturday only; NPI 30: none.
  const w = {
    npis: Float64Array.from([10, 20]),
    start: Int32Array.from([0, 3, 4]),
    weekday: Uint8Array.from([0, 1, 1, 6]),
    open: Uint16Array.from([780, 540, 600, 480]),
    close: Uint16Array.from([1020, 720, 660, 600]),
  };
  it('fills Mon–Fri from every-weekday rows unless a day has its own', () => {
    const m = windowsOfNpi(w, 10)!;
    expect(m.get(1)).toEqual([
      { open: 540, close: 720 },
      { open: 600, close: 660 },
    ]);
    for (const d of [2, 3, 4, 5]) expect(m.get(d)).toEqual([{ open: 780, close: 1020 }]);
    expect(m.has(6)).toBe(false);
  });
  it('keeps weekend-only accounts closed on weekdays and returns undefined without rows', () => {
    const m = windowsOfNpi(w, 20)!;
    expect([...m.keys()]).toEqual([6]);
    expect(windowsOfNpi(w, 30)).toBeUndefined();
    expect(windowsOfNpi(w, 5)).toBeUndefined();
  });
});
