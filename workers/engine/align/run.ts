// `align`: build K territories from scratch or rebalance an existing scenario under a disruption
// budget, then save the result as a scenario. The solver is H5's pure domain/align; this module
// gathers inputs, reports progress, honours cancellation and writes the scenario.
import type {
  AlignRequest,
  AlignResult,
  FrontierResult,
  UnitKind,
} from '../../common/contract/align';
import type { MarketDefinition } from '../../common/contract/scoring';
import { isCancelled, type CallOptions } from '../../common/progress';
import { EngineFailure } from '../../common/result';
import { LIMITS } from '../../common/contract/schemas';
import {
  baselineRow,
  findScenarioRow,
  insertScenario,
  listScenarioRows,
  type ScenarioRow,
} from '../../data/repos/scenarioRepo';
import { readMarketRow, saveMarketRow } from '../../data/repos/marketRepo';
import {
  buildHierarchy,
  disruptionFrontier,
  movesLowerBound,
  rebalance,
  solveAlignment,
  type AlignSolution,
} from '../../domain/align/index';
import { fmt } from '../../domain/align/targets';
import {
  cloneState,
  type IndexWeights,
  type ScenarioInfeasibility,
  type ScenarioParams,
  type ScenarioState,
  type TerritoryRow,
} from '../../domain/scenario/state';
import { applyAssignment, buildAlignProblem, type BuiltProblem } from './problem';
import { greatCircleMiles } from '../../domain/geo/distance';
import { matchRepsToTerritories } from '../../domain/units/assignReps';
import { getProviderColumns } from '../columns/columnsLoader';
import type { EngineContext } from '../runtime/context';
import { computeScenarioMetrics } from '../scenarios/metrics';
import {
  ensureBaseline,
  invalidateScenarios,
  nowIso,
  repsById,
  requireScenario,
  scenarioState,
} from '../scenarios/store';
import { canonicalMarketName, resolveMarket } from '../scoring/scores';
import { inheritTerritories } from './territoryMatch';
import { getUnits, type UnitTable } from '../units/units';

export function solverHooks(
  opts: CallOptions | undefined,
  phasePrefix = '',
): {
  shouldStop: () => boolean;
  onProgress: (phase: string, done: number, total: number) => void;
  now: () => number;
} {
  return {
    shouldStop: () => isCancelled(opts?.cancel),
    onProgress: (phase, done, total) =>
      opts?.onProgress?.({ phase: `${phasePrefix}${phase}`, done, total, unit: 'iterations' }),
    now: () => performance.now(),
  };
}

export function throwIfCancelled(opts: CallOptions | undefined): void {
  if (isCancelled(opts?.cancel))
    throw new EngineFailure('CANCELLED', 'Alignment cancelled; nothing was saved.');
}

/**
 * Infeasibilities with territory/unit indexes turned into ids and the excess expressed in index
 * points (100 = the mean territory), the scale every report uses, instead of raw solver value units.
 */
export function describeInfeasibilities(
  sol: AlignSolution,
  built: BuiltProblem,
  state: ScenarioState,
): ScenarioInfeasibility[] {
  let total = 0;
  for (let u = 0; u < built.problem.count; u++) total += built.problem.value[u]!;
  const mean = total / Math.max(1, built.problem.k);
  const points = (v: number) => (mean > 0 ? (100 * v) / mean : 0);
  const inValueUnits = (kind: string) => kind !== 'disruption-budget';
  const reword = (message: string, excess: number) =>
    message
      .replace(
        `by ${fmt(excess)}`,
        `by ${points(Math.abs(excess)).toFixed(1)} index points (100 = the average territory)`,
      )
      .replace(
        `by ${fmt(Math.abs(excess))}`,
        `by ${points(Math.abs(excess)).toFixed(1)} index points (100 = the average territory)`,
      );
  // The solver numbers territories 1..K; the user knows them by id.
  const named = (message: string, t: number | undefined) => {
    const row = t !== undefined ? state.territories[t] : undefined;
    return row
      ? message.replace(
          new RegExp(`\\bTerritory ${t! + 1}\\b`),
          `Territory ${row.id}${row.name && row.name !== row.id ? ` (${row.name})` : ''}`,
        )
      : message;
  };
  return sol.infeasibilities.map((x) => ({
    kind: String(x.kind),
    message: named(
      x.excess !== undefined && inValueUnits(String(x.kind))
        ? reword(x.message, x.excess)
        : x.message,
      x.territory,
    ),
    ...(x.territory !== undefined && state.territories[x.territory]
      ? { territoryId: state.territories[x.territory]!.id }
      : {}),
    ...(x.unit !== undefined && built.problem.ids[x.unit]
      ? { unit: built.problem.ids[x.unit]! }
      : {}),
    ...(x.excess !== undefined
      ? { excess: inValueUnits(String(x.kind)) ? points(x.excess) : x.excess }
      : {}),
  }));
}

function uniqueName(ctx: EngineContext, base: string): string {
  const taken = new Set(listScenarioRows(ctx.ws.db).map((r) => r.name.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`.toLowerCase())) return `${base}-${i}`;
}

function marketFor(
  ctx: EngineContext,
  req: AlignRequest,
  from: ScenarioState | undefined,
): { def: MarketDefinition; name: string | null } {
  if (req.market !== undefined && typeof req.market !== 'string') {
    const def = resolveMarket(ctx, req.market);
    saveMarketRow(ctx.ws.db, def.name, JSON.stringify(def), nowIso());
    ctx.invalidate('providers:scores');
    return { def, name: def.name };
  }
  const name =
    typeof req.market === 'string' && req.market.trim()
      ? canonicalMarketName(ctx, req.market)
      : (from?.market ?? null);
  const def = resolveMarket(ctx, name ?? undefined);
  // Record the market actually used, so saving another market later does not change this scenario.
  return { def, name: name ?? (readMarketRow(ctx.ws.db, def.name) ? def.name : 'all') };
}

function freshTerritories(k: number): TerritoryRow[] {
  const width = Math.max(3, String(k).length);
  return Array.from({ length: k }, (_, i) => {
    const id = `T${String(i + 1).padStart(width, '0')}`;
    return {
      id,
      name: `Territory ${i + 1}`,
      district: '',
      region: '',
      repId: null,
      homeLat: null,
      homeLon: null,
      quota: 0,
    };
  });
}

/** Roster home bases when the roster has exactly K reps with a known home (and the caller allows it). */
function rosterHomes(
  ctx: EngineContext,
  k: number,
  req: AlignRequest,
): { repIds: string[]; lat: Float64Array; lon: Float64Array } | null {
  if (req.useRoster === false) return null;
  const reps = [...repsById(ctx).values()].filter((r) => r.homeLat !== null && r.homeLon !== null);
  if (reps.length !== k) {
    if (req.useRoster) {
      throw new EngineFailure(
        'BAD_INPUT',
        `--use-roster needs one rep with a home base per territory: the roster has ${reps.length} reps with a home, ${k} territories were asked for. Import a roster of ${k} reps or leave the home bases to the engine.`,
      );
    }
    return null;
  }
  return {
    repIds: reps.map((r) => r.repId),
    lat: Float64Array.from(reps, (r) => r.homeLat!),
    lon: Float64Array.from(reps, (r) => r.homeLon!),
  };
}

/**
 * Engine-placed territories get the roster's reps when it has exactly K reps with a home: closest
 * minimum total squared rep-home ↔ territory-centre distance, and the rep's home becomes the home base, so
 * drive times are the rep's real ones.
 */
function matchRoster(ctx: EngineContext, state: ScenarioState): boolean {
  const reps = [...repsById(ctx).values()].filter((r) => r.homeLat !== null && r.homeLon !== null);
  const k = state.territories.length;
  if (reps.length !== k) return false;
  const match = matchRepsToTerritories(k, (t, r) =>
    greatCircleMiles(
      state.territories[t]!.homeLat!,
      state.territories[t]!.homeLon!,
      reps[r]!.homeLat!,
      reps[r]!.homeLon!,
    ),
  );
  state.territories.forEach((row, t) => {
    const rep = reps[match[t]!]!;
    row.repId = rep.repId;
    row.homeLat = rep.homeLat;
    row.homeLon = rep.homeLon;
  });
  return true;
}

export function stateHomes(state: ScenarioState): { lat: Float64Array; lon: Float64Array } | null {
  if (!state.territories.every((t) => t.homeLat !== null && t.homeLon !== null)) return null;
  return {
    lat: Float64Array.from(state.territories, (t) => t.homeLat!),
    lon: Float64Array.from(state.territories, (t) => t.homeLon!),
  };
}

function systemsToKeep(ctx: EngineContext, req: AlignRequest): string[] {
  if (!req.keepSystemsWhole) return [];
  const all = getProviderColumns(ctx).systems;
  if (req.keepSystemsWhole === 'all') return all.map((s) => s.id);
  const known = new Map(
    all.flatMap((s) => [
      [s.id.toLowerCase(), s.id],
      [s.name.toLowerCase(), s.id],
    ]),
  );
  return req.keepSystemsWhole.map((name) => {
    const id = known.get(name.toLowerCase());
    if (!id)
      throw new EngineFailure(
        'NOT_FOUND',
        `No health system "${name}" among the imported affiliations (${all.length} systems). Use a system id or name from the affiliations file.`,
      );
    return id;
  });
}

function applyHierarchy(state: ScenarioState, sol: AlignSolution, req: AlignRequest): void {
  const k = state.territories.length;
  const districts = Math.max(1, Math.min(k, req.districts ?? Math.round(k / 8)));
  const regions = Math.max(1, Math.min(districts, req.regions ?? Math.round(districts / 5)));
  const h = buildHierarchy(sol.centersLat, sol.centersLon, districts, regions);
  state.territories.forEach((t, i) => {
    const d = h.territoryDistrict[i]!;
    t.district = `District ${d + 1}`;
    t.region = `Region ${h.districtRegion[d]! + 1}`;
  });
}

type Plan = {
  row: ScenarioRow | undefined;
  state: ScenarioState;
  kind: UnitKind;
  homes: { lat: Float64Array; lon: Float64Array } | null;
  rebalance: boolean;
  /** Set once the homes of a from-scratch run are settled: whether the roster's reps were matched. */
  rosterMatched?: boolean;
};

function plan(ctx: EngineContext, req: AlignRequest): Plan {
  if (req.from) {
    const row = requireScenario(ctx, req.from);
    if (req.unit && req.unit !== row.unitKind) {
      throw new EngineFailure(
        'BAD_INPUT',
        `Scenario "${row.name}" is aligned by ${row.unitKind}; a rebalance keeps the unit level. Drop --unit or align from scratch with --unit ${req.unit}.`,
      );
    }
    const state = cloneState(scenarioState(ctx, row));
    const k = req.territories ?? state.territories.length;
    if (k !== state.territories.length) {
      throw new EngineFailure(
        'BAD_INPUT',
        `Rebalancing "${row.name}" keeps its ${state.territories.length} territories (asked for ${k}). Add or remove reps with 'tessera whatif', or align from scratch without --from.`,
      );
    }
    return { row, state, kind: row.unitKind, homes: stateHomes(state), rebalance: true };
  }
  const k = req.territories;
  if (!k || !Number.isInteger(k) || k < 1)
    throw new EngineFailure(
      'BAD_INPUT',
      'Give the number of territories (--territories K, a whole number ≥ 1), or --from SCENARIO to rebalance an existing one.',
    );
  // checked before anything is sized by K (a billion territories once ran to 4 GB); K ≤ units below
  if (k > LIMITS.territories)
    throw new EngineFailure(
      'BAD_INPUT',
      `--territories ${k} is more than Tessera balances in one alignment (at most ${LIMITS.territories}). Split the country into regions and align each.`,
      { field: 'territories', limit: LIMITS.territories },
    );
  const state: ScenarioState = {
    market: null,
    params: {},
    territories: freshTerritories(k),
    units: new Map(),
    locked: new Set(),
    pins: new Map(),
    systems: new Map(),
  };
  // Homes are part of the problem: with a roster of K reps the territories are built around them.
  const roster = rosterHomes(ctx, k, req);
  if (roster) {
    state.territories.forEach((t, i) => {
      t.repId = roster.repIds[i]!;
      t.homeLat = roster.lat[i]!;
      t.homeLon = roster.lon[i]!;
    });
  }
  return {
    row: ensureBaseline(ctx),
    state,
    kind: req.unit ?? 'zip',
    homes: roster ? { lat: roster.lat, lon: roster.lon } : null,
    rebalance: false,
  };
}

/** Everything a run needs before the solver starts (inputs checked, problem built, hooks set). */
export type AlignJob = {
  req: AlignRequest;
  name: string;
  replace: boolean;
  plan: Plan;
  market: { def: MarketDefinition; name: string | null };
  units: UnitTable;
  weights: IndexWeights;
  seed: number;
  built: BuiltProblem;
  t0: number;
};

export function prepareAlign(ctx: EngineContext, req: AlignRequest, opts?: CallOptions): AlignJob {
  const t0 = performance.now();
  if (req.maxDisruption !== undefined && !(req.maxDisruption >= 0 && req.maxDisruption <= 1)) {
    throw new EngineFailure(
      'BAD_INPUT',
      `--max-disruption is a share of opportunity between 0 and 1 (e.g. 0.1 = 10 %); got ${req.maxDisruption}.`,
    );
  }
  if (req.driveWarnMinutes !== undefined && !(req.driveWarnMinutes > 0))
    throw new EngineFailure(
      'BAD_INPUT',
      `--drive-warn is a number of minutes above 0 (default 90); got ${req.driveWarnMinutes}.`,
    );
  if (req.maxDisruption !== undefined && !req.from)
    throw new EngineFailure(
      'BAD_INPUT',
      '--max-disruption needs --from SCENARIO (the alignment to rebalance).',
    );
  const name =
    req.scenario?.trim() ||
    uniqueName(
      ctx,
      req.from ? `${req.from}-rebalanced` : `align-${req.territories}-${req.unit ?? 'zip'}`,
    );
  const existing = findScenarioRow(ctx.ws.db, name);
  if (existing && !req.replace)
    throw new EngineFailure(
      'CONFLICT',
      `A scenario named "${name}" already exists. Choose another --scenario name, delete it first, or pass --replace.`,
      { scenario: name },
    );
  if (existing?.isBaseline)
    throw new EngineFailure(
      'CONFLICT',
      `"${name}" is the baseline scenario and cannot be replaced; choose another name.`,
    );
  const p = plan(ctx, req);
  const market = marketFor(ctx, req, p.rebalance ? p.state : undefined);
  const units = getUnits(ctx, p.kind, market.def);
  const k = p.state.territories.length;
  if (k > units.count) {
    throw new EngineFailure(
      'BAD_INPUT',
      `${k} territories cannot be built from ${units.count} ${p.kind === 'zip' ? 'ZIPs' : 'counties'} with providers: every territory needs at least one unit. Ask for at most ${units.count} territories${p.kind === 'county' ? '' : ''}, or use --unit zip for finer units.`,
      { field: 'territories', units: units.count },
    );
  }
  for (const level of ['districts', 'regions'] as const) {
    const n = req[level];
    if (n !== undefined && (!Number.isInteger(n) || n < 1 || n > k))
      throw new EngineFailure(
        'BAD_INPUT',
        `--${level} must be a whole number from 1 to the number of territories (${k}), got ${n}.`,
        { field: level },
      );
  }
  const weights = req.indexWeights ?? p.state.params.indexWeights ?? market.def.indexWeights;
  const seed = req.seed ?? 1;
  const built = buildAlignProblem(ctx, {
    units,
    state: p.state,
    k: p.state.territories.length,
    weights,
    seed,
    homes: p.homes,
    withInitial: p.rebalance,
    keepWhole: systemsToKeep(ctx, req),
  });
  let totalValue = 0;
  for (let u = 0; u < built.problem.count; u++) totalValue += built.problem.value[u]!;
  if (!(totalValue > 0)) {
    throw new EngineFailure(
      'NO_DATA',
      `Market "${market.def.name}" has no workload, potential or history in this workspace, so there is nothing to balance. Import claims (tessera import) or choose a market whose codes have volume (tessera score --market …).`,
    );
  }
  Object.assign(
    built.problem,
    solverHooks(opts),
    p.rebalance && req.maxDisruption !== undefined ? { maxDisruption: req.maxDisruption } : {},
  );
  return {
    req,
    name,
    replace: Boolean(existing),
    plan: p,
    market,
    units,
    weights,
    seed,
    built,
    t0,
  };
}

/** Runs the solver on the job's problem (with whatever travel function it holds). */
export function solveJob(job: AlignJob, opts?: CallOptions): AlignSolution {
  const sol = job.plan.rebalance ? rebalance(job.built.problem) : solveAlignment(job.built.problem);
  throwIfCancelled(opts);
  return sol;
}

/**
 * A from-scratch run's home bases once the solver has placed its centres: the roster's homes when
 * they were fixed, else the centres, or the roster's reps matched to them (closest first).
 */
export function settleHomes(
  ctx: EngineContext,
  job: AlignJob,
  sol: AlignSolution,
): { lat: Float64Array; lon: Float64Array } {
  const state = job.plan.state;
  state.territories.forEach((t, i) => {
    t.homeLat ??= sol.centersLat[i]!;
    t.homeLon ??= sol.centersLon[i]!;
  });
  const matched = !job.plan.homes && job.req.useRoster !== false ? matchRoster(ctx, state) : false;
  job.plan.rosterMatched = matched;
  return stateHomes(state)!;
}

/** Writes the solution into the scenario (hierarchy and inherited ids for a from-scratch run), saves it, measures it. */
export function saveAlign(
  ctx: EngineContext,
  job: AlignJob,
  sol: AlignSolution,
  travel?: ScenarioParams['travel'],
): AlignResult {
  const { plan: p, req, built, units, market, weights, seed } = job;
  const state = p.state;
  if (!p.rebalance && p.rosterMatched === undefined) settleHomes(ctx, job, sol);
  applyAssignment(state, built, units, sol.assignment);
  if (!p.rebalance) {
    applyHierarchy(state, sol, req);
    if (p.row)
      inheritTerritories(
        state,
        scenarioState(ctx, p.row),
        units,
        Boolean(p.homes) || Boolean(p.rosterMatched),
      );
  }
  state.market = market.name;
  state.params = {
    ...state.params,
    indexWeights: {
      workload: weights.workload,
      potential: weights.potential,
      history: weights.history,
      access: weights.access ?? 0,
    },
    seed,
    method: p.rebalance
      ? `rebalance (max disruption ${req.maxDisruption ?? 1})`
      : p.homes
        ? 'location-allocation around the roster homes'
        : 'location-allocation from scratch',
    ...(req.maxDisruption !== undefined ? { maxDisruption: req.maxDisruption } : {}),
    ...(req.driveWarnMinutes !== undefined ? { driveWarnMinutes: req.driveWarnMinutes } : {}),
    infeasibilities: describeInfeasibilities(sol, built, state),
    source: 'align',
    ...(travel ? { travel } : {}),
  };
  if (!travel) delete state.params.travel;
  const isBaseline = !baselineRow(ctx.ws.db);
  insertScenario(
    ctx.ws.db,
    {
      name: job.name,
      parentId: p.row?.id ?? null,
      unitKind: p.kind,
      isBaseline,
      createdAt: nowIso(),
    },
    state,
    job.replace,
  );
  invalidateScenarios(ctx);
  const metrics = computeScenarioMetrics(ctx, job.name);
  return {
    scenario: job.name,
    territories: state.territories.length,
    units: units.count,
    metrics,
    seconds: (performance.now() - job.t0) / 1000,
  };
}

/**
 * Aligns with the offline drive-time model (no network). The engine's `align` goes through
 * engine/align/withRoadTimes.ts, which uses the workspace's routing server when one is set.
 */
export function runAlign(ctx: EngineContext, req: AlignRequest, opts?: CallOptions): AlignResult {
  if (req.frontier) return runFrontier(ctx, req, opts);
  const job = prepareAlign(ctx, req, opts);
  return saveAlign(ctx, job, solveJob(job, opts));
}

/**
 * `align --from S --frontier b1,b2,…`: one rebalance per budget (domain/align/frontier.ts), each
 * point saved as scenario `<name>-<budget %>`; returns the last point's result with the curve and
 * the LP lower bound on the disruption needed.
 */
export function runFrontier(
  ctx: EngineContext,
  req: AlignRequest,
  opts?: CallOptions,
): AlignResult {
  const budgets = req.frontier ?? [];
  if (!req.from)
    throw new EngineFailure(
      'BAD_INPUT',
      '--frontier needs --from SCENARIO (the alignment to rebalance).',
    );
  if (budgets.length === 0 || budgets.some((b) => !(b > 0 && b <= 1))) {
    throw new EngineFailure(
      'BAD_INPUT',
      `--frontier takes shares of opportunity between 0 and 1, comma-separated (e.g. 0.05,0.1,0.2,0.3); got ${budgets.join(',') || 'nothing'}.`,
    );
  }
  if (req.maxDisruption !== undefined)
    throw new EngineFailure(
      'BAD_INPUT',
      '--frontier and --max-disruption are exclusive: the frontier tries each budget in turn.',
    );
  const base = req.scenario?.trim() || `${req.from}-frontier`;
  const sorted = [...new Set(budgets)].sort((a, b) => a - b);
  const nameOf = (b: number) => `${base}-${Math.round(b * 1000) / 10}`;
  const job = prepareAlign(ctx, { ...req, scenario: nameOf(sorted[0]!) }, opts);
  const curve = disruptionFrontier(job.built.problem, sorted);
  throwIfCancelled(opts);
  const lowerBound = {
    within5: movesLowerBound(job.built.problem, 0.95, 1.05),
    band: movesLowerBound(job.built.problem, 0.85, 1.15),
  };
  let last: AlignResult | null = null;
  const points: FrontierResult['points'] = [];
  for (const pt of curve.points) {
    const name = nameOf(pt.budget);
    const existing = findScenarioRow(ctx.ws.db, name);
    if (existing && !req.replace)
      throw new EngineFailure(
        'CONFLICT',
        `A scenario named "${name}" already exists. Choose another --scenario base name or pass --replace.`,
        { scenario: name },
      );
    if (existing?.isBaseline)
      throw new EngineFailure(
        'CONFLICT',
        `"${name}" is the baseline scenario and cannot be replaced; choose another --scenario name.`,
      );
    const pointJob: AlignJob = {
      ...job,
      name,
      replace: Boolean(existing),
      req: { ...req, maxDisruption: pt.budget },
      plan: { ...job.plan, state: cloneState(job.plan.state) },
    };
    last = saveAlign(ctx, pointJob, pt.solution);
    points.push({
      budget: pt.budget,
      scenario: name,
      disruption: pt.disruption,
      within5: last.metrics.within5,
      withinBand: last.metrics.withinBand,
      noncontiguous: last.metrics.noncontiguous,
      travelMeanMin: last.metrics.travelMeanMin,
      keptPrevious: pt.keptPrevious,
    });
  }
  return {
    ...last!,
    seconds: (performance.now() - job.t0) / 1000,
    frontier: { repaired: curve.repaired, points, lowerBound },
  };
}
