// Recognises a file's format from its header (column names matched case-insensitively, punctuation
// and spacing ignored). Unknown headers get an error that lists what each format needs.
import type { ImportFormat } from '../../common/contract';
import { EngineFailure } from '../../common/result';
import { headerIndex, type HeaderIndex } from './fields';

type Rule = { format: ImportFormat; label: string; needs: string[][]; expected: string };

/** Each `needs` entry is a list of alternatives; every entry must be present. */
const RULES: Rule[] = [
  {
    format: 'cms-provider-service',
    label: 'CMS Medicare Physician & Other Practitioners – by Provider and Service (2013+ CSV)',
    needs: [['rndrng_npi'], ['hcpcs_cd'], ['tot_srvcs'], ['tot_benes'], ['avg_mdcr_pymt_amt']],
    expected: 'Rndrng_NPI, …, HCPCS_Cd, Place_Of_Srvc, Tot_Benes, Tot_Srvcs, …, Avg_Mdcr_Pymt_Amt',
  },
  {
    format: 'cms-provider-service-2012',
    label: 'CMS Medicare Provider Utilization and Payment Data, 2012–2017 tab-delimited layout',
    needs: [
      ['npi'],
      ['hcpcs_code'],
      ['line_srvc_cnt'],
      ['bene_unique_cnt'],
      ['average_medicare_payment_amt'],
    ],
    expected:
      'npi, nppes_provider_last_org_name, …, place_of_service, hcpcs_code, line_srvc_cnt, bene_unique_cnt, …, average_Medicare_payment_amt',
  },
  {
    format: 'nppes',
    label: 'NPPES NPI registry (npidata_pfile)',
    needs: [
      ['npi'],
      ['entity_type_code'],
      ['healthcare_provider_taxonomy_code_1'],
      ['provider_business_practice_location_address_postal_code'],
    ],
    expected:
      'NPI, Entity Type Code, …, Provider Business Practice Location Address Postal Code, …, Healthcare Provider Taxonomy Code_1',
  },
  {
    format: 'nppes-pl',
    label: 'NPPES secondary practice locations (pl_pfile)',
    needs: [
      ['npi'],
      ['provider_secondary_practice_location_address_address_line_1'],
      ['provider_secondary_practice_location_address_postal_code'],
    ],
    expected: 'NPI, Provider Secondary Practice Location Address- Address Line 1, …, Postal Code',
  },
  {
    format: 'open-payments',
    label: 'CMS Open Payments general payments',
    needs: [
      ['covered_recipient_npi', 'physician_npi'],
      ['applicable_manufacturer_or_applicable_gpo_making_payment_name'],
      ['total_amount_of_payment_usdollars'],
    ],
    expected:
      'Covered_Recipient_NPI (or Physician_NPI), Applicable_Manufacturer_or_Applicable_GPO_Making_Payment_Name, Total_Amount_of_Payment_USDollars, Date_of_Payment',
  },
  {
    format: 'zip-county',
    label: 'HUD USPS ZIP–county crosswalk',
    needs: [['zip'], ['county'], ['res_ratio']],
    expected:
      'ZIP, COUNTY, USPS_ZIP_PREF_CITY, USPS_ZIP_PREF_STATE, RES_RATIO, BUS_RATIO, OTH_RATIO, TOT_RATIO',
  },
  {
    format: 'open-payments-profiles',
    label: 'Open Payments Covered Recipient Profile Supplement',
    needs: [['covered_recipient_profile_id'], ['covered_recipient_npi']],
    expected: 'Covered_Recipient_Profile_ID, Covered_Recipient_NPI, …',
  },
  {
    format: 'affiliations',
    label: 'health-system affiliations',
    needs: [['npi'], ['system_id'], ['system_name']],
    expected: 'npi, system_id, system_name',
  },
  {
    format: 'alignment',
    label: 'current alignment',
    needs: [
      ['zip', 'zip5', 'npi'],
      ['territory_id', 'territory'],
    ],
    expected: 'zip or npi, territory_id, optional district, region, rep_id',
  },
  {
    format: 'roster',
    label: 'rep roster',
    needs: [['rep_id'], ['name', 'rep_name']],
    expected: 'rep_id, name, home_zip (or lat, lon), optional level',
  },
  {
    format: 'diagnosis',
    label: 'diagnosis volumes (ICD-10)',
    needs: [
      ['npi'],
      ['icd10', 'icd10_code', 'icd_10', 'icd_10_code', 'diagnosis_code'],
      ['patients', 'claims'],
    ],
    expected: 'npi, icd10, patients and/or claims, optional year',
  },
  {
    format: 'access',
    label: 'access list',
    needs: [['npi'], ['access_score', 'no_see']],
    expected: 'npi, access_score and/or no_see',
  },
  {
    format: 'time-windows',
    label: 'office hours (time windows)',
    needs: [['npi'], ['weekday', 'day'], ['open'], ['close']],
    expected: 'npi, weekday, open, close (HH:MM)',
  },
];

export type Detected = { format: ImportFormat; label: string; header: HeaderIndex };

export function formatLabel(format: ImportFormat): string {
  return RULES.find((r) => r.format === format)?.label ?? format;
}

/** The format a header line names, or null. */
export function tryDetectFormat(columns: string[]): Detected | null {
  const header = headerIndex(columns);
  for (const rule of RULES) {
    if (rule.needs.every((alts) => alts.some((a) => header.has(a)))) {
      return { format: rule.format, label: rule.label, header };
    }
  }
  return null;
}

/** Text safe to echo in a message: control and non-printable characters shown as \xNN / "?". */
export function printable(text: string, max = 40): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    out += c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0) || c === 0xfffd ? '?' : ch;
    if (out.length >= max) return `${out}…`;
  }
  return out;
}

/** An Open Payments general payments file in the PY2013–PY2020 layout (Physician_Profile_ID, no NPI). */
export function isOldPaymentsLayout(columns: string[]): boolean {
  const h = headerIndex(columns);
  return (
    h.has('physician_profile_id') &&
    !h.has('covered_recipient_npi') &&
    !h.has('physician_npi') &&
    h.has('total_amount_of_payment_usdollars') &&
    h.has('applicable_manufacturer_or_applicable_gpo_making_payment_name')
  );
}

export function detectFormat(path: string, columns: string[]): Detected {
  const found = tryDetectFormat(columns);
  if (found) return found;
  const header = headerIndex(columns);
  if (
    header.has('physician_profile_id') &&
    !header.has('covered_recipient_npi') &&
    !header.has('physician_npi')
  ) {
    throw new EngineFailure(
      'UNKNOWN_FORMAT',
      `${path}: this is an Open Payments file in the PY2013–PY2020 layout: it identifies physicians by Physician_Profile_ID and has no NPI column, ` +
        'so its payments cannot be matched to providers. Download the program year again from openpaymentsdata.cms.gov in the current layout ' +
        '(Covered_Recipient_NPI), or import it together with the Covered Recipient Profile Supplement (OP_CVRD_RCPNT_PRFL_SPLMTL_*.csv, columns ' +
        'Covered_Recipient_Profile_ID and Covered_Recipient_NPI), which maps profile IDs to NPIs.',
      { path, columns: columns.slice(0, 50) },
    );
  }
  const trimmed = columns.map((c) => c.trim());
  const looksJson = /^[{[]/.test(trimmed[0] ?? '');
  const shown =
    trimmed
      .slice(0, 12)
      .map((c) => printable(c))
      .join(', ') + (columns.length > 12 ? `, … (${columns.length} columns)` : '');
  if (looksJson) {
    throw new EngineFailure(
      'UNKNOWN_FORMAT',
      `${path}: this looks like JSON, not a delimited text file with a header line. Export the data as CSV or Parquet and import that.`,
      { path },
    );
  }
  throw new EngineFailure(
    'UNKNOWN_FORMAT',
    `${path}: unrecognised file format (line 1 has columns: ${shown || 'none'}). ` +
      `Tessera reads these formats, recognised by their header line:\n` +
      RULES.map((r) => `  - ${r.label}: ${r.expected}`).join('\n') +
      `\nRename the columns of your file to match one of these, or export it again from its source.`,
    {
      path,
      columns: columns.slice(0, 50),
      expected: RULES.map((r) => ({ format: r.format, columns: r.expected })),
    },
  );
}
