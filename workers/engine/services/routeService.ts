// TEMPORARY during parallel development: replaced by the owner of this area.
import type { RouteApi } from '../../common/contract';
import { notYet } from './notYet';
import type { EngineContext } from '../context';

export function routeService(_ctx: EngineContext): RouteApi {
  return notYet<RouteApi>('route');
}
