// TEMPORARY during parallel development: replaced by the owner of this area.
import type { MarketApi } from '../../common/contract';
import { notYet } from './notYet';
import type { EngineContext } from '../context';

export function marketService(_ctx: EngineContext): MarketApi {
  return notYet<MarketApi>('market');
}
