// Alignment area: align from scratch / rebalance, scenarios, what-if with undo/redo, compare, quota.
import type {
  AlignApi,
  CompareResult,
  ScenarioMetrics,
  ScenarioSummary,
} from '../../common/contract';
import type { CallOptions } from '../../common/progress';
import { EngineFailure } from '../../common/result';
import { deleteScenarioRow, listScenarioRows } from '../../data/repos/scenarioRepo';
import { runAlignRouted } from './withRoadTimes';
import type { EngineContext } from '../runtime/context';
import { guard } from '../runtime/guard';
import { routedScenarioMetrics } from '../scenarios/metricsRoadTimes';
import { runCompare, runQuota, runRedo, runUndo } from '../scenarios/history';
import { runWhatIfRouted } from '../scenarios/whatIfRoadTimes';
import { ensureBaseline, invalidateScenarios, requireScenario } from '../scenarios/store';
import { defaultMarketName } from '../scoring/scores';

export function listScenarioSummaries(ctx: EngineContext): ScenarioSummary[] {
  ensureBaseline(ctx);
  return listScenarioRows(ctx.ws.db).map((r) => ({
    id: r.id,
    name: r.name,
    parent: r.parentName,
    unitKind: r.unitKind,
    // the market the scenario is scored with (a scenario without one uses the workspace default)
    market: r.market ?? defaultMarketName(ctx),
    territories: r.territories,
    createdAt: r.createdAt,
    isBaseline: r.isBaseline,
    historyLength: r.historyLength,
  }));
}

function deleteScenario(ctx: EngineContext, name: string): { deleted: string } {
  const row = requireScenario(ctx, name);
  if (row.isBaseline)
    throw new EngineFailure(
      'CONFLICT',
      `"${row.name}" is the baseline (the current alignment every scenario is compared with) and cannot be deleted.`,
    );
  deleteScenarioRow(ctx.ws.db, row.id);
  invalidateScenarios(ctx);
  return { deleted: row.name };
}

/** A result whose metrics use the routing server's drive times when one is set (unchanged offline). */
async function withRouted<T extends { scenario: string; metrics: ScenarioMetrics }>(
  ctx: EngineContext,
  r: T,
  opts?: CallOptions,
): Promise<T> {
  return { ...r, metrics: await routedScenarioMetrics(ctx, r.scenario, opts) };
}

async function routedCompare(
  ctx: EngineContext,
  c: CompareResult,
  market?: string,
): Promise<CompareResult> {
  const metrics: ScenarioMetrics[] = [];
  for (const name of c.scenarios)
    metrics.push(await routedScenarioMetrics(ctx, name, undefined, market));
  return { ...c, metrics };
}

export function alignService(ctx: EngineContext): AlignApi {
  return {
    // Metrics in results carry routed drive-time figures when a routing server is set (engine/scenarios/metricsRoadTimes.ts).
    align: (req, opts) =>
      guard(async () => withRouted(ctx, await runAlignRouted(ctx, req, opts), opts)),
    listScenarios: () => guard(() => listScenarioSummaries(ctx)),
    scenarioMetrics: (req) =>
      guard(() => routedScenarioMetrics(ctx, req.scenario, undefined, req.market)),
    deleteScenario: (req) => guard(() => deleteScenario(ctx, req.scenario)),
    compareScenarios: (req) =>
      guard(async () => routedCompare(ctx, runCompare(ctx, req.scenarios, req.market), req.market)),
    whatIf: (req, opts) =>
      guard(async () => withRouted(ctx, await runWhatIfRouted(ctx, req, opts), opts)),
    undo: (req) => guard(async () => withRouted(ctx, runUndo(ctx, req.scenario))),
    redo: (req) => guard(async () => withRouted(ctx, runRedo(ctx, req.scenario))),
    setQuota: (req) => guard(() => runQuota(ctx, req)),
  };
}
