// Plain CSVs users write: affiliations, rep roster, current alignment, access list. Each is the
// user's current complete list, so importing one replaces the previous list of that kind.
import { accessWriter } from '../../repos/accessScores';
import { affiliationWriter } from '../../repos/affiliations';
import { alignmentWriter } from '../../repos/alignmentImport';
import { repWriter } from '../../repos/reps';
import { fieldNpi, fieldNum, fieldStr, normalizeZip5 } from '../fields';
import { fieldCountReason, type ImportEnv, type RowMapper } from '../mapper';
import { duplicateReason } from '../dupes';
import type { RecordFields } from '../scanner';

const none = { providers: 0, years: [] as number[] };

/** A row checker shared by plain mappers: exact field count, and an NPI column when asked. */
export function plainRow(
  env: ImportEnv,
  f: RecordFields,
  npiCol: number,
): { npi: number } | string {
  const bad = fieldCountReason(f, env.header.names.length);
  if (bad) return bad;
  if (npiCol < 0) return { npi: -1 };
  const npi = fieldNpi(f, npiCol);
  if (npi < 0)
    return `missing or malformed NPI '${fieldStr(f, npiCol, env.decode)}' (expected 10 digits)`;
  return { npi };
}

export function affiliationsMapper(env: ImportEnv): RowMapper {
  const h = env.header;
  const c = { npi: h.col('npi'), id: h.col('system_id'), name: h.col('system_name') };
  const w = affiliationWriter(env.db);
  if (!env.append) w.clear();
  const dupes = new Map<string, { part: number; line: number }>();
  return {
    row(f) {
      const r = plainRow(env, f, c.npi);
      if (typeof r === 'string') return r;
      const systemId = fieldStr(f, c.id, env.decode);
      if (!systemId) return 'missing system_id';
      const prev = dupes.get(`${r.npi}|${systemId}`);
      if (prev) return duplicateReason('NPI and system_id', prev, env.parts.names);
      dupes.set(`${r.npi}|${systemId}`, { part: env.parts.current, line: f.line });
      w.add({ npi: r.npi, systemId, systemName: fieldStr(f, c.name, env.decode) || systemId });
      return undefined;
    },
    finish: () => ({ ...none, replaces: { kind: 'source', sourceKey: 'affiliations' } }),
  };
}

export function rosterMapper(env: ImportEnv): RowMapper {
  const h = env.header;
  const c = {
    id: h.col('rep_id'),
    name: h.col('name', 'rep_name'),
    zip: h.col('home_zip', 'zip', 'zip5'),
    lat: h.col('lat', 'latitude'),
    lon: h.col('lon', 'lng', 'longitude'),
    level: h.col('level', 'role'),
  };
  const w = repWriter(env.db);
  if (!env.append) w.clear();
  const seen = new Map<string, { part: number; line: number }>();
  return {
    row(f) {
      const r = plainRow(env, f, -1);
      if (typeof r === 'string') return r;
      const repId = fieldStr(f, c.id, env.decode);
      if (!repId) return 'missing rep_id';
      const dup = seen.get(repId);
      if (dup !== undefined)
        return `${duplicateReason('rep_id', dup, env.parts.names)} (rep_id ${repId})`;
      const homeZip = normalizeZip5(fieldStr(f, c.zip));
      let lat = fieldNum(f, c.lat);
      let lon = fieldNum(f, c.lon);
      const hasCoords = Number.isFinite(lat) && Number.isFinite(lon);
      if (hasCoords && (Math.abs(lat) > 90 || Math.abs(lon) > 180))
        return `lat/lon ${lat},${lon} out of range`;
      if (!hasCoords) {
        if (!homeZip) return 'needs a home_zip or lat and lon';
        const at = env.geocoder.locate(homeZip);
        if (!at) return `home ZIP ${homeZip} is not a known ZIP; give lat and lon instead`;
        lat = at.lat;
        lon = at.lon;
      }
      seen.set(repId, { part: env.parts.current, line: f.line });
      w.add({
        repId,
        name: fieldStr(f, c.name, env.decode) || repId,
        homeZip,
        lat,
        lon,
        level: fieldStr(f, c.level, env.decode),
      });
      return undefined;
    },
    finish: () => ({ ...none, replaces: { kind: 'source', sourceKey: 'roster' } }),
  };
}

export function alignmentMapper(env: ImportEnv): RowMapper {
  const h = env.header;
  const c = {
    zip: h.col('zip', 'zip5', 'zip_code'),
    npi: h.col('npi'),
    territory: h.col('territory_id', 'territory'),
    district: h.col('district', 'district_id'),
    region: h.col('region', 'region_id'),
    rep: h.col('rep_id'),
  };
  const w = alignmentWriter(env.db);
  const kinds: ('zip' | 'npi')[] = [];
  if (c.zip >= 0) kinds.push('zip');
  if (c.npi >= 0) kinds.push('npi');
  if (!env.append) for (const k of kinds) w.clearKind(k);
  const seen = new Map<string, { territory: string; line: number }>();
  return {
    row(f) {
      const r = plainRow(env, f, -1);
      if (typeof r === 'string') return r;
      const territoryId = fieldStr(f, c.territory, env.decode);
      if (!territoryId) return 'missing territory_id';
      const npiText = fieldStr(f, c.npi);
      let unitKind: 'zip' | 'npi';
      let unit: string;
      if (npiText) {
        const npi = fieldNpi(f, c.npi);
        if (npi < 0) return `malformed NPI '${npiText}' (expected 10 digits)`;
        unitKind = 'npi';
        unit = String(npi);
      } else {
        unit = normalizeZip5(fieldStr(f, c.zip));
        if (!unit) return `missing or malformed ZIP '${fieldStr(f, c.zip, env.decode)}'`;
        unitKind = 'zip';
      }
      const key = `${unitKind}:${unit}`;
      const prev = seen.get(key);
      if (prev && prev.territory !== territoryId)
        return `${unitKind.toUpperCase()} ${unit} is already aligned to territory ${prev.territory} on line ${prev.line}`;
      seen.set(key, { territory: territoryId, line: f.line });
      w.add({
        unitKind,
        unit,
        territoryId,
        district: fieldStr(f, c.district, env.decode),
        region: fieldStr(f, c.region, env.decode),
        repId: fieldStr(f, c.rep, env.decode),
      });
      return undefined;
    },
    finish: () => ({
      ...none,
      replaces: { kind: 'source', sourceKey: `alignment:${kinds.join('+')}` },
    }),
  };
}

const YES = new Set(['y', 'yes', '1', 'true', 't', 'x']);
const NO = new Set(['n', 'no', '0', 'false', 'f', '']);

export function accessMapper(env: ImportEnv): RowMapper {
  const h = env.header;
  const c = { npi: h.col('npi'), score: h.col('access_score'), noSee: h.col('no_see') };
  const w = accessWriter(env.db);
  if (!env.append) w.clear();
  const dupes = new Map<string, { part: number; line: number }>();
  return {
    row(f) {
      const r = plainRow(env, f, c.npi);
      if (typeof r === 'string') return r;
      let accessScore = 1;
      if (c.score >= 0) {
        accessScore = fieldNum(f, c.score);
        if (!(accessScore >= 0 && accessScore <= 1))
          return `access_score '${fieldStr(f, c.score, env.decode)}' is not a number from 0 to 1`;
      }
      const ns = fieldStr(f, c.noSee).toLowerCase();
      if (!YES.has(ns) && !NO.has(ns)) return `no_see '${ns}' is not Y/N`;
      const prev = dupes.get(String(r.npi));
      if (prev) return duplicateReason('NPI', prev, env.parts.names);
      dupes.set(String(r.npi), { part: env.parts.current, line: f.line });
      w.add({ npi: r.npi, accessScore, noSee: YES.has(ns) });
      return undefined;
    },
    finish: () => ({ ...none, replaces: { kind: 'source', sourceKey: 'access' } }),
  };
}
