// Workspace area: what the workspace holds, importing files, and the rows imports rejected.
import type { RejectsRequest, WorkspaceApi, WorkspaceInfo } from '../../common/contract';
import type { CallOptions } from '../../common/progress';
import { EngineFailure } from '../../common/result';
import { runImport } from '../../data/import/pipeline';
import { workspaceCounts } from '../../data/repos/workspaceStats';
import { listImports } from '../../data/repos/imports';
import { listRejects } from '../../data/repos/rejects';
import { getMeta } from '../../data/workspace';
import { getGeo } from '../columns/columnsLoader';
import type { EngineContext } from '../runtime/context';
import { guard } from '../runtime/guard';

function info(ctx: EngineContext): WorkspaceInfo {
  const db = ctx.ws.db;
  const synthetic = getMeta(db, 'synthetic');
  return {
    path: ctx.ws.path,
    schemaVersion: ctx.ws.schemaVersion,
    synthetic: synthetic === '1' || synthetic === 'true',
    ...workspaceCounts(db),
    imports: listImports(db),
  };
}

function rejects(ctx: EngineContext, req: RejectsRequest) {
  const limit = req.limit ?? 20;
  const offset = req.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
    throw new EngineFailure('BAD_INPUT', `limit must be between 1 and 100000 (got ${limit}).`);
  if (!Number.isInteger(offset) || offset < 0)
    throw new EngineFailure('BAD_INPUT', `offset must be 0 or more (got ${offset}).`);
  return listRejects(ctx.ws.db, { importId: req.importId, limit, offset });
}

/**
 * Another process's writes to the workspace file (a CLI import into the open workspace, a second
 * window) are seen through SQLite's PRAGMA data_version, which changes only when another connection
 * commits. On a change every cache is dropped (it was built from the old data) and the version the
 * workstation polls moves on, so it refreshes every view. Cheap: one pragma read per poll.
 */
function dataVersionWatcher(ctx: EngineContext): () => { version: number } {
  const read = () => Number(ctx.ws.db.pragma('data_version', { simple: true }));
  let seen: number | null = null; // read at the first poll: building the service touches no workspace
  let version = 0;
  return () => {
    const now = read();
    if (seen === null) seen = now;
    else if (now !== seen) {
      seen = now;
      version++;
      ctx.invalidate();
    }
    return { version };
  };
}

export function workspaceService(ctx: EngineContext): WorkspaceApi {
  const dataVersion = dataVersionWatcher(ctx);
  return {
    dataVersion: () => guard(() => dataVersion()),
    info: () => guard(() => info(ctx)),
    importFiles: (req, opts?: CallOptions) =>
      guard(async () => {
        const geo = getGeo(ctx);
        try {
          return await runImport({ db: ctx.ws.db, geo, request: req, opts });
        } finally {
          // Everything derived from providers/volumes/codes (scores, model caches) is stale now.
          ctx.invalidate();
        }
      }),
    rejects: (req) => guard(() => rejects(ctx, req)),
  };
}
