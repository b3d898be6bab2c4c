// NPPES: the npidata_pfile (one row per NPI, 330 columns; keep what territory planning needs) and the
// pl_pfile of secondary practice locations (stored as extra locations of a provider).
import { providerWriter } from '../../repos/providers';
import { locationWriter } from '../../repos/providerLocations';
import { fieldNpi, fieldNum, fieldStr, normalizeZip5 } from '../fields';
import { fieldCountReason, SKIP, type ImportEnv, type RowMapper } from '../mapper';
import type { RecordFields } from '../scanner';

const SLOTS = 15;

function nppesColumns(env: ImportEnv) {
  const h = env.header;
  const practice = 'provider_business_practice_location_address_';
  return {
    npi: h.col('npi'),
    entity: h.col('entity_type_code'),
    org: h.col('provider_organization_name_legal_business_name'),
    last: h.col('provider_last_name_legal_name'),
    first: h.col('provider_first_name'),
    credentials: h.col('provider_credential_text'),
    gender: h.col('provider_sex_code', 'provider_gender_code'),
    street: h.col('provider_first_line_business_practice_location_address'),
    city: h.col(`${practice}city_name`),
    state: h.col(`${practice}state_name`),
    zip: h.col(`${practice}postal_code`),
    deactivated: h.col('npi_deactivation_date'),
    reactivated: h.col('npi_reactivation_date'),
    taxonomy: Array.from({ length: SLOTS }, (_, i) =>
      h.col(`healthcare_provider_taxonomy_code_${i + 1}`),
    ),
    primary: Array.from({ length: SLOTS }, (_, i) =>
      h.col(`healthcare_provider_primary_taxonomy_switch_${i + 1}`),
    ),
  };
}

/** Primary taxonomy: the first slot whose switch is Y; else the first listed taxonomy. */
function primaryTaxonomy(f: RecordFields, c: ReturnType<typeof nppesColumns>): string {
  let first = '';
  for (let i = 0; i < SLOTS; i++) {
    const code = fieldStr(f, c.taxonomy[i]!);
    if (!code) continue;
    if (fieldStr(f, c.primary[i]!).toUpperCase() === 'Y') return code;
    if (!first) first = code;
  }
  return first;
}

export function nppesMapper(env: ImportEnv): RowMapper {
  const c = nppesColumns(env);
  const expected = env.header.names.length;
  const providers = providerWriter(env.db);
  let count = 0;
  return {
    row(f) {
      const bad = fieldCountReason(f, expected);
      if (bad) return bad;
      const npi = fieldNpi(f, c.npi);
      if (npi < 0)
        return `missing or malformed NPI '${fieldStr(f, c.npi, env.decode)}' (expected 10 digits)`;
      const entityText = fieldStr(f, c.entity);
      const deactivated = fieldStr(f, c.deactivated) !== '' && fieldStr(f, c.reactivated) === '';
      if (deactivated) return SKIP; // deactivated NPIs carry only NPI and deactivation date
      if (entityText === '')
        return 'missing entity type code (expected 1 individual or 2 organization) and no deactivation date';
      const entityCode = fieldNum(f, c.entity);
      if (entityCode !== 1 && entityCode !== 2)
        return `entity type code '${fieldStr(f, c.entity, env.decode)}' is not 1 (individual) or 2 (organization)`;
      const org = entityCode === 2;
      const zip5 = normalizeZip5(fieldStr(f, c.zip));
      const at = env.geocoder.locate(zip5);
      providers.upsert({
        npi,
        entityType: org ? 'O' : 'I',
        lastOrOrg: fieldStr(f, org ? c.org : c.last, env.decode),
        firstName: org ? '' : fieldStr(f, c.first, env.decode),
        credentials: fieldStr(f, c.credentials, env.decode),
        gender: fieldStr(f, c.gender).toUpperCase().slice(0, 1),
        specialty: '',
        taxonomy: primaryTaxonomy(f, c),
        address: fieldStr(f, c.street, env.decode),
        city: fieldStr(f, c.city, env.decode),
        state: fieldStr(f, c.state).toUpperCase(),
        zip5,
        countyFips: at?.county ?? '',
        lat: at?.lat ?? null,
        lon: at?.lon ?? null,
        ruca: null,
        source: 'nppes',
      });
      count += 1;
      return undefined;
    },
    finish: () => ({ providers: count, years: [], replaces: { kind: 'none' } }),
  };
}

export function nppesLocationsMapper(env: ImportEnv): RowMapper {
  const h = env.header;
  const p = 'provider_secondary_practice_location_address_';
  const c = {
    npi: h.col('npi'),
    street: h.col(`${p}address_line_1`),
    city: h.col(`${p}city_name`),
    state: h.col(`${p}state_name`),
    zip: h.col(`${p}postal_code`),
  };
  const expected = h.names.length;
  const w = locationWriter(env.db);
  w.clear();
  return {
    row(f) {
      const bad = fieldCountReason(f, expected);
      if (bad) return bad;
      const npi = fieldNpi(f, c.npi);
      if (npi < 0)
        return `missing or malformed NPI '${fieldStr(f, c.npi, env.decode)}' (expected 10 digits)`;
      const zip5 = normalizeZip5(fieldStr(f, c.zip));
      const address = fieldStr(f, c.street, env.decode);
      if (!zip5 && !address) return 'no secondary practice address';
      const at = env.geocoder.locate(zip5);
      w.add({
        npi,
        address,
        city: fieldStr(f, c.city, env.decode),
        state: fieldStr(f, c.state).toUpperCase(),
        zip5,
        countyFips: at?.county ?? '',
        lat: at?.lat ?? null,
        lon: at?.lon ?? null,
      });
      return undefined;
    },
    finish: () => ({
      providers: 0,
      years: [],
      replaces: { kind: 'source', sourceKey: 'nppes-pl' },
    }),
  };
}
