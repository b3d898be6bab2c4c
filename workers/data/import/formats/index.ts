// Format → row mapper, and whether a format needs a data year.
import type { ImportFormat } from '../../../common/contract';
import { EngineFailure } from '../../../common/result';
import type { ImportEnv, RowMapper } from '../mapper';
import { cmsMapper } from './cms';

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

export function mapperFor(env: ImportEnv): RowMapper {
  switch (env.format) {
    case 'cms-provider-service':
    case 'cms-provider-service-2012':
      return cmsMapper(env);
    default:
      throw new EngineFailure('UNKNOWN_FORMAT', `${env.path}: ${env.format} files are recognised but cannot be imported by this build.`);
  }
}
