// TEMPORARY during parallel development: replaced by the owner of this area.
import type { ScoringApi } from '../../common/contract';
import { notYet } from './notYet';
import type { EngineContext } from '../context';

export function scoringService(_ctx: EngineContext): ScoringApi {
  return notYet<ScoringApi>('scoring');
}
