// Alignment area: align from scratch / rebalance, scenarios, what-if with undo/redo, compare, quota.
import type { AlignApi, ScenarioSummary } from '../../common/contract';
import { EngineFailure } from '../../common/result';
import { deleteScenarioRow, listScenarioRows } from '../../data/repos/scenarioRepo';
import { runAlign } from '../alignRun';
import type { EngineContext } from '../context';
import { guard } from '../guard';
import { computeScenarioMetrics } from '../scenarioMetrics';
import { runCompare, runQuota, runRedo, runUndo, runWhatIf } from '../scenarioOps';
import { ensureBaseline, invalidateScenarios, requireScenario } from '../scenarios';

export function listScenarioSummaries(ctx: EngineContext): ScenarioSummary[] {
  ensureBaseline(ctx);
  return listScenarioRows(ctx.ws.db).map((r) => ({
    id: r.id,
    name: r.name,
    parent: r.parentName,
    unitKind: r.unitKind,
    market: r.market,
    territories: r.territories,
    createdAt: r.createdAt,
    isBaseline: r.isBaseline,
    historyLength: r.historyLength,
  }));
}

function deleteScenario(ctx: EngineContext, name: string): { deleted: string } {
  const row = requireScenario(ctx, name);
  if (row.isBaseline) throw new EngineFailure('CONFLICT', `"${row.name}" is the baseline (the current alignment every scenario is compared with) and cannot be deleted.`);
  deleteScenarioRow(ctx.ws.db, row.id);
  invalidateScenarios(ctx);
  return { deleted: row.name };
}

export function alignService(ctx: EngineContext): AlignApi {
  return {
    align: (req, opts) => guard(() => runAlign(ctx, req, opts)),
    listScenarios: () => guard(() => listScenarioSummaries(ctx)),
    scenarioMetrics: (req) => guard(() => computeScenarioMetrics(ctx, req.scenario)),
    deleteScenario: (req) => guard(() => deleteScenario(ctx, req.scenario)),
    compareScenarios: (req) => guard(() => runCompare(ctx, req.scenarios)),
    whatIf: (req, opts) => guard(() => runWhatIf(ctx, req, opts)),
    undo: (req) => guard(() => runUndo(ctx, req.scenario)),
    redo: (req) => guard(() => runRedo(ctx, req.scenario)),
    setQuota: (req) => guard(() => runQuota(ctx, req)),
  };
}
