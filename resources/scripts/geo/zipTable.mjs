// ZIP table: centroids/city/state from the `zipcodes` package, county FIPS by point-in-polygon in
// us-atlas counties, density class from the spacing of neighbouring ZIP centroids.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import KDBush from 'kdbush';
import { STATE_BY_FIPS } from './fips.mjs';
import { bboxGrid, ringsContain, ringsDistance2 } from './pointInPolygon.mjs';

const require = createRequire(import.meta.url);

// West of Greenwich everywhere but the Pacific territories and the far Aleutians: a positive
// longitude elsewhere is a sign slip in the source (e.g. 10200 New York at +73.95) and is flipped.
const EAST_OK = new Set(['GU', 'MP', 'AS', 'AK']);

/** Rows of { zip, lat, lon, city, state } for states/territories we have polygons for, sorted by ZIP. */
export function readZipRows() {
  const { codes } = require('zipcodes/lib/codes.js');
  const states = new Set(Object.values(STATE_BY_FIPS));
  return Object.values(codes)
    .filter(
      (r) => states.has(r.state) && Number.isFinite(r.latitude) && Number.isFinite(r.longitude),
    )
    .filter((r) => !(r.latitude === 0 && r.longitude === 0))
    .map((r) => {
      const lon = r.longitude > 0 && !EAST_OK.has(r.state) ? -r.longitude : r.longitude;
      return { zip: r.zip, lat: r.latitude, lon, city: r.city, state: r.state };
    })
    .sort((a, b) => (a.zip < b.zip ? -1 : a.zip > b.zip ? 1 : 0));
}

/**
 * County FIPS per ZIP: the county polygon that contains the centroid, preferring a county of the
 * ZIP's own state; when none contains it (coastal/island centroids just off the 1:10m outline) the
 * nearest county of the ZIP's state within 0.5°, else the nearest county of any state, else ''.
 */
export function assignCounties(rows, counties) {
  const grid = bboxGrid(counties);
  let outside = 0;
  const county = rows.map((r) => {
    const candidates = grid.near(r.lon, r.lat, 0);
    const containing = candidates.filter((i) =>
      counties[i].polygons.some((rings) => ringsContain(rings, r.lon, r.lat)),
    );
    const sameState = containing.find((i) => counties[i].state === r.state);
    if (sameState !== undefined) return counties[sameState].fips;
    if (containing.length > 0) return counties[containing[0]].fips;
    outside++;
    return nearestCounty(r, counties, grid.near(r.lon, r.lat, 0.5));
  });
  return { county, outside };
}

function nearestCounty(r, counties, candidates) {
  let best = '',
    bestSame = '',
    d = Infinity,
    dSame = Infinity;
  for (const i of candidates) {
    const c = counties[i];
    const dist = Math.min(...c.polygons.map((rings) => ringsDistance2(rings, r.lon, r.lat)));
    if (dist < d) {
      d = dist;
      best = c.fips;
    }
    if (c.state === r.state && dist < dSame) {
      dSame = dist;
      bestSame = c.fips;
    }
  }
  return bestSame || best;
}

const KM_PER_DEG = 111.195;

/**
 * Density class from the distance to the K-th nearest distinct ZIP centroid (ZIPs are drawn to hold
 * comparable numbers of delivery points, so their spacing tracks population density: under a km in
 * Manhattan, tens of km in the Great Plains). Thresholds (km, K = 6) were set so that known places
 * land where expected: Midtown and the Upper West Side, the Chicago Loop, downtown Denver, Houston,
 * Philadelphia, DC, Cambridge MA → dense urban (3, < 2.5 km); Brooklyn, San Francisco, Oakland,
 * downtown Dallas, Atlanta, Tempe, Madison, Portland → urban (2, < 5.5 km); Naperville, Frisco,
 * Katy, Carmel IN, Chapel Hill, Franklin TN, Fairfax → suburban (1, < 16 km); Billings, Manhattan KS,
 * Pierre, rural towns → rural (0). Nationally: 0 ≈ 40 %, 1 ≈ 45 %, 2 ≈ 12 %, 3 ≈ 3 % of ZIPs.
 */
export const DENSITY_K = 6;
export const DENSITY_THRESHOLDS_KM = { dense: 2.5, urban: 5.5, suburban: 16 };

export function densityClasses(rows) {
  const keyOf = (r) => `${r.lat},${r.lon}`;
  const unique = new Map();
  for (const r of rows) if (!unique.has(keyOf(r))) unique.set(keyOf(r), r);
  const pts = [...unique.values()];
  const index = new KDBush(pts.length);
  for (const p of pts) index.add(p.lon * Math.cos((p.lat * Math.PI) / 180), p.lat);
  index.finish();
  const spacing = new Map();
  for (const p of pts) spacing.set(keyOf(p), kthNearestKm(index, pts, p, DENSITY_K));
  const { dense, urban, suburban } = DENSITY_THRESHOLDS_KM;
  const spacingKm = rows.map((r) => spacing.get(keyOf(r)));
  const density = spacingKm.map((s) => (s < dense ? 3 : s < urban ? 2 : s < suburban ? 1 : 0));
  return { density, spacingKm };
}

function kthNearestKm(index, pts, p, k) {
  const k0 = Math.cos((p.lat * Math.PI) / 180);
  const x = p.lon * k0,
    y = p.lat;
  for (let r = 0.02; ; r *= 2) {
    const ids = index.within(x, y, r);
    if (ids.length > k || r > 20) {
      const d = ids
        .map((i) => {
          const q = pts[i];
          return Math.hypot(q.lon * Math.cos((q.lat * Math.PI) / 180) - x, q.lat - y);
        })
        .sort((a, b) => a - b);
      return (d[Math.min(k, d.length - 1)] ?? 20) * KM_PER_DEG;
    }
  }
}

// --- HUD ZIP–county crosswalk and Census ZCTA gazetteer (resources/geo/sources, see README) ---------

function readGzCsv(path) {
  const text = gunzipSync(readFileSync(path)).toString('utf8');
  const lines = text.split(/\r?\n/).filter(Boolean);
  const header = lines[0].split(',');
  return lines.slice(1).map((l) => {
    const v = l.split(','); // no quoted commas in these two files (checked by the row width)
    if (v.length !== header.length)
      throw new Error(`${path}: a row has ${v.length} fields, expected ${header.length}: ${l}`);
    return Object.fromEntries(header.map((h, i) => [h, v[i]]));
  });
}

/**
 * HUD crosswalk → Map ZIP → { county, city, state, ratio }: the ZIP's main county is the one with the
 * largest residential ratio (RES_RATIO; TOT_RATIO breaks ties and decides for ZIPs without
 * residences — P.O. boxes, businesses). `ratio` is that county's share, for "HUD splits" statistics.
 */
export function readHud(path) {
  const best = new Map();
  for (const r of readGzCsv(path)) {
    const res = Number(r.RES_RATIO);
    const tot = Number(r.TOT_RATIO);
    const cur = best.get(r.ZIP);
    if (!cur || res > cur.res || (res === cur.res && tot > cur.tot)) {
      best.set(r.ZIP, {
        county: r.COUNTY,
        city: r.USPS_ZIP_PREF_CITY,
        state: r.USPS_ZIP_PREF_STATE,
        res,
        tot,
        ratio: res > 0 ? res : tot,
      });
    }
  }
  return best;
}

export function readGazetteer(path) {
  const out = new Map();
  for (const r of readGzCsv(path)) out.set(r.zcta, { lat: Number(r.lat), lon: Number(r.lon) });
  return out;
}

const titleCase = (s) => s.toLowerCase().replace(/\b([a-z])/g, (m) => m.toUpperCase());

export function kmBetween(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** A `zipcodes` centroid further than this from the ZCTA's internal point is replaced by the latter. */
export const FAR_OFF_KM = 25;

/**
 * Completes the `zipcodes` rows with the HUD crosswalk's ZIPs it lacks (centroid from the ZCTA
 * gazetteer, else the centroid of the ZIP's HUD county) and replaces centroids that are far off the
 * ZCTA's internal point (99505/99506 JBER placed in Dillingham). Returns the rows sorted by ZIP.
 */
export function completeZipRows(rows, hud, gaz, counties) {
  const states = new Set(Object.values(STATE_BY_FIPS));
  const countyAt = new Map(counties.map((c) => [c.fips, c]));
  const have = new Set(rows.map((r) => r.zip));
  let moved = 0;
  let added = 0;
  let addedAtCounty = 0;
  const out = rows.map((r) => {
    const g = gaz.get(r.zip);
    if (g && kmBetween(r, g) > FAR_OFF_KM) {
      moved++;
      return { ...r, lat: g.lat, lon: g.lon };
    }
    return r;
  });
  for (const [zip, h] of hud) {
    if (have.has(zip) || !states.has(h.state)) continue;
    let at = gaz.get(zip);
    if (!at) {
      const c = countyAt.get(h.county);
      if (!c) continue;
      at = { lat: c.centroid[1], lon: c.centroid[0] };
      addedAtCounty++;
    }
    out.push({ zip, lat: at.lat, lon: at.lon, city: titleCase(h.city), state: h.state });
    added++;
  }
  out.sort((a, b) => (a.zip < b.zip ? -1 : a.zip > b.zip ? 1 : 0));
  return { rows: out, moved, added, addedAtCounty };
}

/** The HUD main county wherever HUD has the ZIP and the county is one of ours; else the polygon's. */
export function hudCounties(rows, polygonCounty, hud, counties) {
  const ours = new Set(counties.map((c) => c.fips));
  let fromHud = 0;
  let notOurs = 0;
  const county = rows.map((r, i) => {
    const h = hud.get(r.zip);
    if (!h) return polygonCounty[i];
    if (!ours.has(h.county)) {
      notOurs++;
      return polygonCounty[i];
    }
    fromHud++;
    return h.county;
  });
  return { county, fromHud, notOurs };
}
