// TEMPORARY during parallel development: replaced by the owner of this area.
import type { DemoApi } from '../../common/contract';
import { notYet } from './notYet';
import type { EngineContext } from '../context';

export function demoService(_ctx: EngineContext): DemoApi {
  return notYet<DemoApi>('demo');
}
