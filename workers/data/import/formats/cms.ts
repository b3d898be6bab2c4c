// CMS "by Provider and Service" claims: the 28/29-column CSV (2013+ data, current layout) and the
// 2012–2017 tab-delimited layout. One volume record per row; provider details decoded only the first
// time an NPI is seen in the file (files are sorted by NPI, about 10 rows per provider).
import { providerWriter } from '../../repos/providers';
import { createChunkWriter } from '../../volumeStore';
import { dupeIndex, duplicateReason } from '../dupes';
import {
  amountProblem,
  fieldNpi,
  fieldNum,
  fieldStr,
  FLOAT32_MAX,
  normalizeZip5,
  type HeaderIndex,
} from '../fields';
import { fieldCountReason, SKIP, type ImportEnv, type RowMapper } from '../mapper';
import type { RecordFields } from '../scanner';

type CmsColumns = {
  npi: number;
  last: number;
  first: number;
  credentials: number;
  gender: number;
  entity: number;
  street1: number;
  city: number;
  state: number;
  zip: number;
  ruca: number;
  type: number;
  code: number;
  description: number;
  drug: number;
  pos: number;
  benes: number;
  services: number;
  payment: number;
};

function columns(h: HeaderIndex, legacy: boolean): CmsColumns {
  if (!legacy) {
    return {
      npi: h.col('rndrng_npi'),
      last: h.col('rndrng_prvdr_last_org_name'),
      first: h.col('rndrng_prvdr_first_name'),
      credentials: h.col('rndrng_prvdr_crdntls'),
      gender: h.col('rndrng_prvdr_gndr'),
      entity: h.col('rndrng_prvdr_ent_cd'),
      street1: h.col('rndrng_prvdr_st1'),
      city: h.col('rndrng_prvdr_city'),
      state: h.col('rndrng_prvdr_state_abrvtn'),
      zip: h.col('rndrng_prvdr_zip5'),
      ruca: h.col('rndrng_prvdr_ruca'),
      type: h.col('rndrng_prvdr_type'),
      code: h.col('hcpcs_cd'),
      description: h.col('hcpcs_desc'),
      drug: h.col('hcpcs_drug_ind'),
      pos: h.col('place_of_srvc'),
      benes: h.col('tot_benes'),
      services: h.col('tot_srvcs'),
      payment: h.col('avg_mdcr_pymt_amt'),
    };
  }
  return {
    npi: h.col('npi'),
    last: h.col('nppes_provider_last_org_name'),
    first: h.col('nppes_provider_first_name'),
    credentials: h.col('nppes_credentials'),
    gender: h.col('nppes_provider_gender'),
    entity: h.col('nppes_entity_code'),
    street1: h.col('nppes_provider_street1'),
    city: h.col('nppes_provider_city'),
    state: h.col('nppes_provider_state'),
    zip: h.col('nppes_provider_zip'),
    ruca: -1,
    type: h.col('provider_type'),
    code: h.col('hcpcs_code'),
    description: h.col('hcpcs_description'),
    drug: h.col('hcpcs_drug_indicator'),
    pos: h.col('place_of_service'),
    benes: h.col('bene_unique_cnt'),
    services: h.col('line_srvc_cnt'),
    payment: h.col('average_medicare_payment_amt'),
  };
}

/**
 * Code → codes.id lookup straight from the field bytes, without making a string per row. Open
 * addressing keyed by two small-integer halves of the upper-cased code (a Map keyed by doubles was
 * a tenth of the import's time). Codes longer than 8 ASCII bytes fall back to the string path.
 */
type CodeCache = { get(f: RecordFields, k: number): number; set(id: number): void };

function codeCache(): CodeCache {
  let mask = 8191;
  let lo = new Int32Array(mask + 1);
  let hi = new Int32Array(mask + 1);
  let ids = new Int32Array(mask + 1).fill(-1);
  let size = 0;
  let kLo = 0;
  let kHi = 0;
  let slot = -1;
  const place = (a: number, b: number): number => {
    let i = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & mask;
    while (ids[i] !== -1 && (lo[i] !== a || hi[i] !== b)) i = (i + 1) & mask;
    return i;
  };
  const rehash = () => {
    const [oLo, oHi, oIds] = [lo, hi, ids];
    mask = mask * 2 + 1;
    lo = new Int32Array(mask + 1);
    hi = new Int32Array(mask + 1);
    ids = new Int32Array(mask + 1).fill(-1);
    for (let j = 0; j < oIds.length; j++) {
      if (oIds[j] === -1) continue;
      const i = place(oLo[j]!, oHi[j]!);
      lo[i] = oLo[j]!;
      hi[i] = oHi[j]!;
      ids[i] = oIds[j]!;
    }
  };
  return {
    get(f, k) {
      const buf = f.buf;
      let a = 0;
      let b = 0;
      let len = 0;
      slot = -1;
      for (let i = f.start[k]!, e = f.end[k]!; i < e; i++) {
        let c = buf[i]!;
        if (c === 0x20) continue;
        if (c >= 0x80 || len === 8) return -2;
        if (c >= 0x61 && c <= 0x7a) c -= 0x20;
        if (len < 4) a = (a << 7) | c;
        else b = (b << 7) | c;
        len++;
      }
      if (len === 0) return -1;
      kLo = a;
      kHi = (b << 3) | (len - 4 > 0 ? len - 4 : 0);
      slot = place(kLo, kHi);
      return ids[slot]! >= 0 ? ids[slot]! : -2;
    },
    set(id) {
      if (slot < 0) return;
      lo[slot] = kLo;
      hi[slot] = kHi;
      ids[slot] = id;
      size += 1;
      if (size * 2 > mask) rehash();
    },
  };
}

export function cmsMapper(env: ImportEnv): RowMapper {
  const legacy = env.format === 'cms-provider-service-2012';
  const c = columns(env.header, legacy);
  const expected = env.header.names.length;
  const year = env.year!;
  const chunks = createChunkWriter(env.db, env.importId, year);
  const providers = providerWriter(env.db);
  const cache = codeCache();
  const seen = new Set<number>();
  const dupes = dupeIndex();
  const names = legacy
    ? {
        services: 'line_srvc_cnt',
        benes: 'bene_unique_cnt',
        payment: 'average_Medicare_payment_amt',
      }
    : { services: 'Tot_Srvcs', benes: 'Tot_Benes', payment: 'Avg_Mdcr_Pymt_Amt' };
  let lastNpi = -1;
  let providerCount = 0;

  const codeIdOf = (f: RecordFields): number => {
    const known = cache.get(f, c.code);
    if (known !== -2) return known; // an id, or -1 for a blank code
    const code = fieldStr(f, c.code, env.decode).toUpperCase();
    if (!code) return -1;
    const drug = fieldStr(f, c.drug).toUpperCase() === 'Y';
    const id = env.codes.idFor(code, 'HCPCS', fieldStr(f, c.description, env.decode), drug);
    cache.set(id);
    return id;
  };

  const addProvider = (f: RecordFields, npi: number): void => {
    const d = env.decode;
    const zip5 = normalizeZip5(fieldStr(f, c.zip));
    const at = env.geocoder.locate(zip5);
    const ruca = fieldNum(f, c.ruca);
    providers.upsert({
      npi,
      entityType: fieldStr(f, c.entity).toUpperCase().slice(0, 1),
      lastOrOrg: fieldStr(f, c.last, d),
      firstName: fieldStr(f, c.first, d),
      credentials: fieldStr(f, c.credentials, d),
      gender: fieldStr(f, c.gender).toUpperCase().slice(0, 1),
      specialty: fieldStr(f, c.type, d),
      taxonomy: '',
      address: fieldStr(f, c.street1, d),
      city: fieldStr(f, c.city, d),
      state: fieldStr(f, c.state).toUpperCase(),
      zip5,
      countyFips: at?.county ?? '',
      lat: at?.lat ?? null,
      lon: at?.lon ?? null,
      ruca: Number.isFinite(ruca) ? ruca : null,
      source: legacy ? 'cms-2012' : 'cms',
    });
    providerCount += 1;
  };

  return {
    row(f) {
      const bad = fieldCountReason(f, expected);
      if (bad) {
        if (legacy && fieldNpi(f, c.npi) === 1) return SKIP;
        return bad;
      }
      const npi = fieldNpi(f, c.npi);
      if (npi === 1) return SKIP; // CMS copyright line "0000000001 CPT copyright …"
      if (npi < 0)
        return `missing or malformed NPI '${fieldStr(f, c.npi, env.decode)}' (expected 10 digits)`;
      const services = fieldNum(f, c.services);
      let bad2 = amountProblem(names.services, services, fieldStr(f, c.services, env.decode));
      if (bad2) return bad2;
      const benes = fieldNum(f, c.benes);
      bad2 = amountProblem(names.benes, benes, fieldStr(f, c.benes, env.decode));
      if (bad2) return bad2;
      const avgPay = fieldNum(f, c.payment);
      bad2 = amountProblem(names.payment, avgPay, fieldStr(f, c.payment, env.decode));
      if (bad2) return bad2;
      if (!(services * avgPay <= FLOAT32_MAX))
        return `${names.services} × ${names.payment} (${services} × ${avgPay}) is out of range`;
      const codeId = codeIdOf(f);
      if (codeId < 0) return 'missing HCPCS code';
      const p = c.pos >= 0 && f.end[c.pos]! > f.start[c.pos]! ? f.buf[f.start[c.pos]!]! | 0x20 : 0;
      const pos = p === 0x66 ? 1 : p === 0x6f ? 2 : 0; // F facility, O office
      // natural key within a year: NPI + code + place of service (npi < 2^34, pos 2 bits, code 17 bits)
      const prev =
        codeId < 131072
          ? dupes.check((npi * 131072 + codeId) * 4 + pos, env.parts.current, f.line)
          : dupes.checkText(`${npi}|${codeId}|${pos}`, env.parts.current, f.line);
      if (prev)
        return duplicateReason('NPI, HCPCS code and place of service', prev, env.parts.names);
      if (npi !== lastNpi) {
        lastNpi = npi;
        if (!seen.has(npi)) {
          seen.add(npi);
          addProvider(f, npi);
        }
      }
      chunks.append(npi, codeId, pos, benes, services, services * avgPay);
      return undefined;
    },
    finish() {
      chunks.flush();
      return {
        providers: providerCount,
        years: [year],
        replaces: { kind: 'volumes', family: 'cms' },
      };
    },
  };
}
