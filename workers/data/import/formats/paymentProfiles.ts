// The Open Payments Covered Recipient Profile Supplement (OP_CVRD_RCPNT_PRFL_SPLMTL_*.csv): maps the
// profile IDs of the PY2013–PY2020 general payments layout (Physician_Profile_ID, no NPI column) to
// NPIs. Imported in the same call as those payment files; it stores nothing itself.
import { fieldNpi, fieldStr } from '../fields';
import type { ImportEnv, RowMapper } from '../mapper';
import { SKIP } from '../mapper';
import { plainRow } from './plain';

export function paymentProfilesMapper(env: ImportEnv): RowMapper {
  const h = env.header;
  const c = { id: h.col('covered_recipient_profile_id'), npi: h.col('covered_recipient_npi') };
  const map = (env.shared.profileNpi ??= new Map());
  return {
    row(f) {
      const r = plainRow(env, f, -1);
      if (typeof r === 'string') return r;
      const id = fieldStr(f, c.id).replace(/\.0+$/, '');
      if (!/^\d+$/.test(id))
        return `Covered_Recipient_Profile_ID '${fieldStr(f, c.id, env.decode)}' is not a number`;
      if (fieldStr(f, c.npi) === '') return SKIP; // a profile without an NPI
      const npi = fieldNpi(f, c.npi);
      if (npi < 0) return `malformed NPI '${fieldStr(f, c.npi, env.decode)}' (expected 10 digits)`;
      map.set(id, npi);
      return undefined;
    },
    finish: () => ({ providers: 0, years: [], replaces: { kind: 'none' } }),
  };
}
