// The bundled ZIP table against its reference sources (resources/geo/sources, see resources/geo/README.md):
// the HUD USPS ZIP–county crosswalk (2023 Q1) and the Census 2010 ZCTA gazetteer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadGeoData } from '../../../workers/data/geoLoader';

const SOURCES = join(__dirname, '..', '..', '..', 'resources', 'geo', 'sources');

function hudMain(): Map<string, { county: string; state: string; ratio: number }> {
  const lines = gunzipSync(readFileSync(join(SOURCES, 'hud_zip_county_2023q1.csv.gz')))
    .toString('utf8')
    .split('\n')
    .filter(Boolean);
  const h = lines[0]!.split(',');
  const at = (n: string) => h.indexOf(n);
  const best = new Map<
    string,
    { county: string; state: string; ratio: number; res: number; tot: number }
  >();
  for (const l of lines.slice(1)) {
    const v = l.split(',');
    const res = Number(v[at('RES_RATIO')]);
    const tot = Number(v[at('TOT_RATIO')]);
    const zip = v[at('ZIP')]!;
    const cur = best.get(zip);
    if (!cur || res > cur.res || (res === cur.res && tot > cur.tot))
      best.set(zip, {
        county: v[at('COUNTY')]!,
        state: v[at('USPS_ZIP_PREF_STATE')]!,
        ratio: res > 0 ? res : tot,
        res,
        tot,
      });
  }
  return best;
}

const km = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) => {
  const r = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * r) / 2) ** 2 +
    Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lon - a.lon) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
};

describe('bundled ZIP → county table against the HUD crosswalk', () => {
  const geo = loadGeoData();
  const hud = hudMain();
  const STATES = new Set(geo.zips.state);

  it('agrees with HUD on ≥ 99.5 % of ZIPs (ZIPs HUD itself splits below 60 % excluded), and misses no current HUD ZIP', () => {
    let compared = 0;
    let agree = 0;
    const missing: string[] = [];
    for (const [zip, h] of hud) {
      if (!STATES.has(h.state)) continue; // states/territories outside the bundled table
      const i = geo.zips.indexOf(zip);
      if (i < 0) {
        missing.push(zip);
        continue;
      }
      if (h.ratio < 0.6) continue;
      compared++;
      if (geo.zips.county[i] === h.county) agree++;
    }
    expect(missing).toEqual([]);
    expect(compared).toBeGreaterThan(35_000);
    expect(agree / compared).toBeGreaterThanOrEqual(0.995);
    for (const z of ['75036', '75072', '72713', '85288'])
      expect(geo.zips.indexOf(z), z).toBeGreaterThanOrEqual(0);
  });

  it('places JBER (99505, 99506) in Anchorage, not ~500 km away in Dillingham', () => {
    const anchorage = { lat: 61.2181, lon: -149.9003 };
    for (const z of ['99505', '99506']) {
      const i = geo.zips.indexOf(z);
      expect(geo.zips.county[i], z).toBe('02020'); // Anchorage Municipality
      expect(km({ lat: geo.zips.lat[i]!, lon: geo.zips.lon[i]! }, anchorage), z).toBeLessThan(25);
    }
  });
});
