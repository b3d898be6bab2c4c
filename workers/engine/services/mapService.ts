// TEMPORARY during parallel development: replaced by the owner of this area.
import type { MapApi } from '../../common/contract';
import { notYet } from './notYet';
import type { EngineContext } from '../context';

export function mapService(_ctx: EngineContext): MapApi {
  return notYet<MapApi>('map');
}
