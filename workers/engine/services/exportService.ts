// TEMPORARY during parallel development: replaced by the owner of this area.
import type { ExportApi } from '../../common/contract';
import { notYet } from './notYet';
import type { EngineContext } from '../context';

export function exportService(_ctx: EngineContext): ExportApi {
  return notYet<ExportApi>('export');
}
