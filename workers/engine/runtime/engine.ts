// The engine: one object implementing the whole contract, composed from one service per area.
import type { EngineApi } from '../../common/contract';
import { openWorkspace, type OpenOptions } from '../../data/workspace';
import { createContext, type EngineContext } from './context';
import { storeMapPayloads } from '../map/storedPayloads';
import { alignService } from '../align/alignService';
import { demoService } from '../workspace/demoService';
import { exportService } from '../export/exportService';
import { deckService } from '../export/deckService';
import { mapService } from '../map/mapService';
import { marketService } from '../scoring/marketService';
import { routeService } from '../routes/routeService';
import { routingService } from '../travel/routingService';
import { scoringService } from '../scoring/scoringService';
import { cohortService } from '../scoring/cohortService';
import { refreshService } from '../scenarios/refresh';
import { trendsService } from '../scoring/trendsService';
import { workspaceService } from '../workspace/workspaceService';

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
    ...deckService(ctx),
    ...trendsService(ctx),
    ...cohortService(ctx),
    ...refreshService(ctx),
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
