// A newer HUD USPS ZIP–county crosswalk (ZIP, COUNTY, …, RES_RATIO, …, TOT_RATIO; one row per ZIP ×
// county) imported into one workspace: each ZIP's main county (largest residential ratio, total ratio
// for ZIPs without residences — the rule resources/scripts/geo/zipTable.mjs builds the bundled table
// with) replaces the bundled county for the providers of that ZIP, now and in later imports (the
// crosswalk is kept in the workspace's meta table). Re-importing replaces the earlier crosswalk.
import { getMeta, setMeta, type Db } from '../../workspace';
import { fieldNum, fieldStr, normalizeZip5 } from '../fields';
import type { ImportEnv, RowMapper } from '../mapper';
import { plainRow } from './plain';

export const ZIP_COUNTY_META = 'zip-county-crosswalk';

/** The crosswalk a user imported into this workspace (ZIP → county FIPS), if any. */
export function workspaceCountyOverride(db: Db): Map<string, string> | undefined {
  const text = getMeta(db, ZIP_COUNTY_META);
  if (!text) return undefined;
  const o = JSON.parse(text) as { zips: Record<string, string> };
  return new Map(Object.entries(o.zips));
}

export function zipCountyMapper(env: ImportEnv): RowMapper {
  const h = env.header;
  const c = {
    zip: h.col('zip'),
    county: h.col('county'),
    res: h.col('res_ratio'),
    tot: h.col('tot_ratio'),
  };
  const best = new Map<string, { county: string; res: number; tot: number }>();
  return {
    row(f) {
      const r = plainRow(env, f, -1);
      if (typeof r === 'string') return r;
      const zip = normalizeZip5(fieldStr(f, c.zip));
      if (!zip) return `ZIP '${fieldStr(f, c.zip, env.decode)}' is not a 5-digit ZIP`;
      const county = fieldStr(f, c.county).padStart(5, '0');
      if (!/^\d{5}$/.test(county))
        return `COUNTY '${fieldStr(f, c.county, env.decode)}' is not a 5-digit county FIPS code`;
      const res = fieldNum(f, c.res);
      const tot = c.tot >= 0 ? fieldNum(f, c.tot) : 0;
      if (!(res >= 0 && res <= 1.000001))
        return `RES_RATIO '${fieldStr(f, c.res, env.decode)}' is not a share from 0 to 1`;
      const cur = best.get(zip);
      if (!cur || res > cur.res || (res === cur.res && tot > cur.tot))
        best.set(zip, { county, res, tot: Number.isFinite(tot) ? tot : 0 });
      return undefined;
    },
    finish() {
      const zips: Record<string, string> = {};
      for (const [z, b] of best) zips[z] = b.county;
      setMeta(
        env.db,
        ZIP_COUNTY_META,
        JSON.stringify({ path: env.path, importedAt: new Date().toISOString(), zips }),
      );
      const upd = env.db.prepare(
        `UPDATE providers SET county_fips = ? WHERE zip5 = ? AND county_fips IS NOT ?`,
      );
      let changed = 0;
      for (const [z, b] of best) changed += upd.run(b.county, z, b.county).changes;
      return {
        providers: changed,
        years: [],
        replaces: { kind: 'source', sourceKey: 'zip-county' },
      };
    },
  };
}
