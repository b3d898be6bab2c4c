// Search for the workstation's command palette: a provider (NPI or name), a ZIP or a city, each with
// where to fly to. Territories are searched in the renderer (it holds their names).
import type { PlaceHit } from '../../common/contract/map';
import { EngineFailure } from '../../common/result';
import type { EngineContext } from '../runtime/context';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function searchPlaces(
  ctx: EngineContext,
  req: { query: string; limit?: number },
): PlaceHit[] {
  const q = String(req.query ?? '').trim();
  const limit = req.limit ?? 8;
  if (!Number.isInteger(limit) || limit < 1 || limit > 50)
    throw new EngineFailure('BAD_INPUT', `limit must be 1–50 (got ${limit}).`);
  if (q.length < 2 || q.length > 80) return [];
  const db = ctx.ws.db;
  const hits: PlaceHit[] = [];
  type Row = {
    npi: number;
    last: string;
    first: string;
    city: string;
    state: string;
    zip: string;
    lat: number | null;
    lon: number | null;
  };
  const provider = (r: Row): PlaceHit => ({
    kind: 'provider',
    label: `${[r.first, r.last].filter(Boolean).join(' ')} · NPI ${r.npi} · ${r.city}, ${r.state} ${r.zip}`,
    npi: String(r.npi),
    zip: r.zip,
    lat: r.lat,
    lon: r.lon,
  });
  const cols = 'npi, last_or_org AS last, first_name AS first, city, state, zip5 AS zip, lat, lon';
  if (/^\d{10}$/.test(q)) {
    const r = db.prepare(`SELECT ${cols} FROM providers WHERE npi = ?`).get(Number(q)) as
      Row | undefined;
    if (r) hits.push(provider(r));
  }
  if (/^\d{5}$/.test(q)) {
    const z = db
      .prepare(
        `SELECT zip5 AS zip, MIN(city) AS city, MIN(state) AS state, AVG(lat) AS lat, AVG(lon) AS lon, COUNT(*) AS n FROM providers WHERE zip5 = ? AND lat IS NOT NULL GROUP BY zip5`,
      )
      .get(q) as
      { zip: string; city: string; state: string; lat: number; lon: number; n: number } | undefined;
    if (z)
      hits.push({
        kind: 'zip',
        label: `ZIP ${z.zip} · ${z.city}, ${z.state} · ${z.n} providers`,
        zip: z.zip,
        lat: z.lat,
        lon: z.lon,
      });
  }
  if (/[a-z]/i.test(q)) {
    const like = `${escapeLike(q.toUpperCase())}%`;
    const cities = db
      .prepare(
        `SELECT city, state, AVG(lat) AS lat, AVG(lon) AS lon, COUNT(*) AS n FROM providers WHERE UPPER(city) LIKE ? ESCAPE '\\' AND lat IS NOT NULL GROUP BY city, state ORDER BY n DESC LIMIT 4`,
      )
      .all(like) as { city: string; state: string; lat: number; lon: number; n: number }[];
    for (const c of cities)
      hits.push({
        kind: 'city',
        label: `${c.city}, ${c.state} · ${c.n} providers`,
        lat: c.lat,
        lon: c.lon,
      });
    const rows = db
      .prepare(
        `SELECT ${cols} FROM providers WHERE UPPER(last_or_org) LIKE ? ESCAPE '\\' ORDER BY last_or_org LIMIT ?`,
      )
      .all(like, limit) as Row[];
    hits.push(...rows.map(provider));
  }
  return hits.slice(0, limit + 5);
}
