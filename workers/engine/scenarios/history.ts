// What-if steps with history (undo/redo surviving restarts), compare and quota on saved scenarios.
import type {
  CompareResult,
  QuotaRequest,
  QuotaResult,
  WhatIfRequest,
  WhatIfResult,
} from '../../common/contract/align';
import type { CallOptions } from '../../common/progress';
import { EngineFailure } from '../../common/result';
import {
  findScenarioRow,
  insertScenario,
  moveHistory,
  readOp,
  recordStep,
  setTerritoryQuotas,
  type ScenarioRow,
} from '../../data/repos/scenarioRepo';
import type { TravelMinutesFn } from '../../domain/align/index';
import { compareAlignments } from '../../domain/metrics/compare';
import { allocateQuota, rollUp } from '../../domain/metrics/quota';
import {
  applyPatch,
  cloneState,
  diffStates,
  inversePatch,
  isEmptyPatch,
  touchedTerritories,
  type ScenarioPatch,
  type ScenarioState,
} from '../../domain/scenario/state';
import type { EngineContext } from '../runtime/context';
import { alignmentView, computeScenarioMetrics, scenarioScores, withMarket } from './metrics';
import { defaultMarketName } from '../scoring/scores';
import {
  invalidateScenario,
  loadScenarioModel,
  nowIso,
  requireScenario,
  scenarioCacheKey,
  scenarioState,
} from './store';
import { applyWhatIf } from './whatIfOps';

/** Invalidates the written scenario, seeds its new state (known in memory) and reports metrics. */
function result(
  ctx: EngineContext,
  name: string,
  before: ScenarioState,
  patch: ScenarioPatch,
  t0: number,
  after?: ScenarioState,
): WhatIfResult {
  const old = requireScenario(ctx, name);
  invalidateScenario(ctx, old.id);
  const row = requireScenario(ctx, name);
  const next = after ?? cloneState(before);
  if (!after) applyPatch(next, patch);
  ctx.cached(scenarioCacheKey(row.id, 'state', row), () => next);
  return {
    scenario: row.name,
    changedUnits: (patch.units ?? []).map(([u]) => u).sort(),
    changedTerritories: touchedTerritories(before, patch),
    metrics: computeScenarioMetrics(ctx, row.name),
    historyPosition: row.historyPos,
    millis: performance.now() - t0,
  };
}

function deriveScenario(ctx: EngineContext, parent: ScenarioRow, name: string): ScenarioRow {
  if (findScenarioRow(ctx.ws.db, name))
    throw new EngineFailure(
      'CONFLICT',
      `A scenario named "${name}" already exists; choose another name for the copy.`,
      { scenario: name },
    );
  insertScenario(
    ctx.ws.db,
    {
      name,
      parentId: parent.id,
      unitKind: parent.unitKind,
      isBaseline: false,
      createdAt: nowIso(),
    },
    scenarioState(ctx, parent),
  );
  return findScenarioRow(ctx.ws.db, name)!;
}

/** Applies one what-if step; re-solving steps weigh travel with `travel` (default the offline model). */
export function runWhatIf(
  ctx: EngineContext,
  req: WhatIfRequest,
  opts?: CallOptions,
  travel?: TravelMinutesFn,
): WhatIfResult {
  const t0 = performance.now();
  let row = requireScenario(ctx, req.scenario);
  if (req.saveAs) row = deriveScenario(ctx, row, req.saveAs.trim());
  const before = scenarioState(ctx, row);
  const after = cloneState(before);
  applyWhatIf({ ctx, row, state: after, opts, ...(travel ? { travel } : {}) }, req.op);
  const patch = diffStates(before, after);
  if (!isEmptyPatch(patch)) {
    recordStep(ctx.ws.db, row.id, {
      op: req.op,
      patch,
      inverse: inversePatch(before, patch),
      createdAt: nowIso(),
    });
  }
  return result(ctx, row.name, before, patch, t0, after);
}

export function runUndo(ctx: EngineContext, name: string): WhatIfResult {
  const t0 = performance.now();
  const row = requireScenario(ctx, name);
  if (row.historyPos <= 0)
    throw new EngineFailure(
      'CONFLICT',
      `Nothing to undo in "${row.name}" (history position 0 of ${row.historyLength}).`,
    );
  const step = readOp(ctx.ws.db, row.id, row.historyPos - 1);
  if (!step)
    throw new EngineFailure(
      'INTERNAL',
      `History step ${row.historyPos - 1} of "${row.name}" is missing.`,
    );
  const before = scenarioState(ctx, row);
  moveHistory(ctx.ws.db, row.id, step.inverse, row.historyPos - 1);
  return result(ctx, row.name, before, step.inverse, t0);
}

export function runRedo(ctx: EngineContext, name: string): WhatIfResult {
  const t0 = performance.now();
  const row = requireScenario(ctx, name);
  if (row.historyPos >= row.historyLength)
    throw new EngineFailure(
      'CONFLICT',
      `Nothing to redo in "${row.name}" (history position ${row.historyPos} of ${row.historyLength}).`,
    );
  const step = readOp(ctx.ws.db, row.id, row.historyPos);
  if (!step)
    throw new EngineFailure(
      'INTERNAL',
      `History step ${row.historyPos} of "${row.name}" is missing.`,
    );
  const before = scenarioState(ctx, row);
  moveHistory(ctx.ws.db, row.id, step.op.patch, row.historyPos + 1);
  return result(ctx, row.name, before, step.op.patch, t0);
}

/**
 * Compares scenarios on one market: the given one (each scenario re-scored with it), else their common
 * recorded market; scenarios recorded with different markets and no market given are refused (a
 * difference in balance would otherwise mix alignment and market changes).
 */
export function runCompare(ctx: EngineContext, names: string[], market?: string): CompareResult {
  if (names.length < 2)
    throw new EngineFailure('BAD_INPUT', 'Compare needs at least two scenarios.');
  const own = names.map((n) => loadScenarioModel(ctx, n));
  if (market === undefined || market.trim() === '') {
    const markets = own.map((m) => m.market ?? defaultMarketName(ctx));
    if (new Set(markets.map((m) => m.toLowerCase())).size > 1) {
      throw new EngineFailure(
        'CONFLICT',
        `These scenarios were scored on different markets (${own.map((m, i) => `"${m.name}": ${markets[i]}`).join('; ')}), so their metrics are not comparable. Compare them on one market (--market NAME, or pick the market in the top bar).`,
        { markets: Object.fromEntries(own.map((m, i) => [m.name, markets[i]!])) },
      );
    }
  }
  const models = own.map((m) => withMarket(ctx, m, market));
  const metrics = models.map((m) => computeScenarioMetrics(ctx, m.name, market));
  const base = models[0]!;
  const scores = scenarioScores(ctx, base);
  const ids = [...new Set(models.flatMap((m) => m.territories.map((t) => t.id)))].sort();
  const perTerritory = ids.map((territoryId) => ({
    territoryId,
    values: metrics.map((m) => {
      const t = m.perTerritory.find((x) => x.territoryId === territoryId);
      return {
        index: t?.index ?? 0,
        indexRatio: t?.indexRatio ?? 0,
        potential: t?.potential ?? 0,
        accounts: t?.accounts ?? 0,
        workloadHours: t?.workloadHours ?? 0,
      };
    }),
  }));
  const transfers: CompareResult['transfers'] = [];
  const disruption: CompareResult['disruption'] = [];
  for (const other of models.slice(1)) {
    const c = compareAlignments(alignmentView(base), alignmentView(other), scores);
    disruption.push({ against: other.name, ...c.disruption });
    for (const t of c.transfers) transfers.push({ against: other.name, ...t });
  }
  return {
    scenarios: models.map((m) => m.name),
    market: metrics[0]!.market ?? defaultMarketName(ctx),
    perTerritory,
    transfers,
    disruption,
    metrics,
  };
}

export function runQuota(ctx: EngineContext, req: QuotaRequest): QuotaResult {
  if (!(req.nationalGoal > 0))
    throw new EngineFailure(
      'BAD_INPUT',
      `The national goal must be a positive number (got ${req.nationalGoal}).`,
    );
  const model = loadScenarioModel(ctx, req.scenario);
  const metrics = computeScenarioMetrics(ctx, model.name);
  const potential = Float64Array.from(metrics.perTerritory, (t) => t.potential);
  let split;
  try {
    split = allocateQuota(potential, {
      goal: req.nationalGoal,
      ...(req.floor !== undefined ? { floor: req.floor } : {}),
      ...(req.cap !== undefined ? { cap: req.cap } : {}),
    });
  } catch (e) {
    throw new EngineFailure(
      'INFEASIBLE',
      `Quota: ${(e as Error).message}. Lower the floor or raise the cap (they are multiples of the average territory quota).`,
    );
  }
  const territories = model.territories.map((t, i) => ({
    territoryId: t.id,
    quota: split.quota[i]!,
  }));
  setTerritoryQuotas(ctx.ws.db, model.id, territories);
  invalidateScenario(ctx, model.id);
  const districtKeys = model.territories.map((t) => `${t.region}\u0000${t.district}`);
  const districts = rollUp(districtKeys, split.quota).map((g) => {
    const [region, district] = g.key.split('\u0000') as [string, string];
    return { district, region, quota: g.value, territories: g.territories };
  });
  const regions = rollUp(
    model.territories.map((t) => t.region),
    split.quota,
  ).map((g) => ({ region: g.key, quota: g.value, territories: g.territories }));
  return {
    territories,
    districts,
    regions,
    clampedFloor: split.clampedFloor,
    clampedCap: split.clampedCap,
  };
}
