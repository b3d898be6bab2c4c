import { describe, expect, it } from 'vitest';
import { loadGeoData } from '../../../workers/data/geoLoader';

describe('loadGeoData', () => {
  const { zips, counties } = loadGeoData();

  it('loads the national ZIP table with centroids, city, state, county and density', () => {
    expect(zips.count).toBeGreaterThan(40_000);
    const i = zips.indexOf('10001');
    expect(zips.city[i]).toBe('New York');
    expect(zips.state[i]).toBe('NY');
    expect(zips.county[i]).toBe('36061'); // New York County (Manhattan)
    expect(zips.lat[i]).toBeCloseTo(40.75, 1);
    expect(zips.lon[i]).toBeCloseTo(-74.0, 1);
    expect(zips.density[i]).toBe(3);
  });

  it('assigns counties by point-in-polygon, including state borders and coasts', () => {
    expect(zips.county[zips.indexOf('94607')]).toBe('06001'); // Oakland → Alameda
    expect(zips.county[zips.indexOf('98110')]).toBe('53035'); // Bainbridge Island → Kitsap
    expect(zips.county[zips.indexOf('60601')]).toBe('17031'); // Chicago → Cook
    expect(zips.county[zips.indexOf('96813')]).toBe('15003'); // Honolulu
    expect(zips.county[zips.indexOf('00601')]).toBe('72001'); // Adjuntas PR
    const missing = zips.county.filter((c) => c === '').length;
    expect(missing).toBe(0);
    // Every ZIP's county lies in the ZIP's own state (nearly always: ZIPs do not cross states).
    const crossState = zips.zip.filter(
      (_, k) => counties.state[counties.indexOf(zips.county[k] ?? '')] !== zips.state[k],
    );
    expect(crossState.length / zips.count).toBeLessThan(0.002);
  });

  it('grades density from dense urban cores down to rural towns', () => {
    const d = (z: string) => zips.density[zips.indexOf(z)];
    expect(d('60601')).toBe(3); // Chicago Loop
    expect(d('94607')).toBe(2); // Oakland
    expect(d('75034')).toBe(1); // Frisco TX
    expect(d('59001')).toBe(0); // Absarokee MT
    const counts = [0, 0, 0, 0];
    for (const c of zips.density) counts[c] = (counts[c] ?? 0) + 1;
    expect(counts.every((c) => c > 0)).toBe(true);
  });

  it('looks ZIPs up leniently (ZIP+4, lost leading zeros) and counties by FIPS', () => {
    expect(zips.indexOf('10001-1234')).toBe(zips.indexOf('10001'));
    expect(zips.indexOf('601')).toBe(zips.indexOf('00601'));
    expect(zips.indexOf('99999')).toBe(-1);
    const cook = counties.indexOf('17031');
    expect(counties.name[cook]).toBe('Cook');
    expect(counties.state[cook]).toBe('IL');
    expect(counties.lat[cook]).toBeCloseTo(41.84, 0);
    expect(counties.count).toBe(3231);
  });

  it('returns the same cached tables on every call', () => {
    expect(loadGeoData()).toBe(loadGeoData());
  });
});
