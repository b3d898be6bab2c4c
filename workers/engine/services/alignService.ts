// TEMPORARY during parallel development: replaced by the owner of this area.
import type { AlignApi } from '../../common/contract';
import { notYet } from './notYet';
import type { EngineContext } from '../context';

export function alignService(_ctx: EngineContext): AlignApi {
  return notYet<AlignApi>('align');
}
