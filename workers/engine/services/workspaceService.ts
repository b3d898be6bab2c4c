// TEMPORARY during parallel development: replaced by the owner of this area.
import type { WorkspaceApi } from '../../common/contract';
import { notYet } from './notYet';
import type { EngineContext } from '../context';

export function workspaceService(_ctx: EngineContext): WorkspaceApi {
  return notYet<WorkspaceApi>('workspace');
}
