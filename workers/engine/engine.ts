// The engine: one object implementing the whole contract, composed from one service per area.
import type { EngineApi } from '../common/contract';
import { openWorkspace, type OpenOptions } from '../data/workspace';
import { createContext, type EngineContext } from './context';
import { storeMapPayloads } from './mapPayloads';
import { alignService } from './services/alignService';
import { demoService } from './services/demoService';
import { exportService } from './services/exportService';
import { mapService } from './services/mapService';
import { marketService } from './services/marketService';
import { routeService } from './services/routeService';
import { routingService } from './services/routingService';
import { scoringService } from './services/scoringService';
import { workspaceService } from './services/workspaceService';

export type Engine = EngineApi & { close(): Promise<void> };

export function createEngineFromContext(ctx: EngineContext): Engine {
  const api = {
    ...workspaceService(ctx),
    ...demoService(ctx),
    ...marketService(ctx),
    ...scoringService(ctx),
    ...alignService(ctx),
    ...mapService(ctx),
    ...exportService(ctx),
    ...routeService(ctx),
    ...routingService(ctx),
  } satisfies EngineApi;
  return {
    ...api,
    async close() {
      storeMapPayloads(ctx);
      ctx.ws.close();
    },
  };
}

/** Opens a workspace in this thread. Throws EngineFailure (e.g. WORKSPACE_TOO_NEW) on failure. */
export function openEngine(path: string, options: OpenOptions = {}): Engine {
  return createEngineFromContext(createContext(openWorkspace(path, options)));
}
