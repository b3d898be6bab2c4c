// Format → row mapper, and whether a format needs a data year.
import type { ImportFormat } from '../../../common/contract';
import type { ImportEnv, RowMapper } from '../mapper';
import { cmsMapper } from './cms';
import { diagnosisMapper } from './diagnosis';
import { nppesLocationsMapper, nppesMapper } from './nppes';
import { paymentsMapper } from './payments';
import { accessMapper, affiliationsMapper, alignmentMapper, rosterMapper } from './plain';
import { timeWindowsMapper } from './timeWindows';
import { zipCountyMapper } from './zipCounty';
import { paymentProfilesMapper } from './paymentProfiles';

/** 'required': claims files (no year, no import); 'optional': a year column may carry it; 'none'. */
export function needsYear(format: ImportFormat): 'required' | 'optional' | 'none' {
  switch (format) {
    case 'cms-provider-service':
    case 'cms-provider-service-2012':
      return 'required';
    case 'diagnosis':
    case 'open-payments':
      return 'optional';
    default:
      return 'none';
  }
}

const MAPPERS: Record<ImportFormat, (env: ImportEnv) => RowMapper> = {
  'cms-provider-service': cmsMapper,
  'cms-provider-service-2012': cmsMapper,
  nppes: nppesMapper,
  'nppes-pl': nppesLocationsMapper,
  'open-payments': paymentsMapper,
  affiliations: affiliationsMapper,
  roster: rosterMapper,
  alignment: alignmentMapper,
  diagnosis: diagnosisMapper,
  access: accessMapper,
  'time-windows': timeWindowsMapper,
  'zip-county': zipCountyMapper,
  'open-payments-profiles': paymentProfilesMapper,
};

export function mapperFor(env: ImportEnv): RowMapper {
  return MAPPERS[env.format](env);
}
