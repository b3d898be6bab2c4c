// What-if operations on a scenario state (in memory). Each turns the state into the next one; the
// caller diffs the two and records the patch (and its inverse) as one undoable step.
import type { WhatIfOp } from '../../common/contract/align';
import type { CallOptions } from '../../common/progress';
import { EngineFailure } from '../../common/result';
import {
  addTerritory,
  localRebalance,
  removeTerritory,
  type AlignSolution,
  type TravelMinutesFn,
} from '../../domain/align/index';
import type { ScenarioState, TerritoryRow } from '../../domain/scenario/state';
import { applyAssignment, buildAlignProblem, type BuiltProblem } from '../align/problem';
import { describeInfeasibilities, solverHooks, throwIfCancelled } from '../align/run';
import { getGeo, getProviderColumns } from '../columns/columnsLoader';
import type { EngineContext } from '../runtime/context';
import type { ScenarioRow } from '../../data/repos/scenarioRepo';
import { marketOrDefault, repsById } from './store';
import { canonicalMarketName } from '../scoring/scores';
import { getUnits, type UnitTable } from '../units/units';

export type OpContext = {
  ctx: EngineContext;
  row: ScenarioRow;
  state: ScenarioState;
  opts: CallOptions | undefined;
  /** Travel function for re-solving operations (road times prefetched by engine/scenarios/whatIfRoadTimes.ts); default the offline model. */
  travel?: TravelMinutesFn;
};

/** Operations that re-solve part of the alignment (and so weigh travel). */
export const SOLVING_OPS: ReadonlySet<WhatIfOp['kind']> = new Set([
  'addRep',
  'removeRep',
  'rebalanceLocal',
]);

function territoryIndex(state: ScenarioState, id: string): number {
  const i = state.territories.findIndex((t) => t.id === id);
  if (i < 0) {
    throw new EngineFailure(
      'NOT_FOUND',
      `No territory "${id}" in this scenario. Territories: ${state.territories
        .slice(0, 20)
        .map((t) => t.id)
        .join(', ')}${state.territories.length > 20 ? ', …' : ''}.`,
      { territoryId: id },
    );
  }
  return i;
}

function checkUnits(units: UnitTable, ids: string[]): string[] {
  // ZIPs and county FIPS codes are both five digits: a leading zero lost in a spreadsheet comes back
  const norm = ids.map((u) => u.trim().padStart(5, '0'));
  const unknown = norm.filter((u) => units.indexOf(u) < 0);
  if (unknown.length)
    throw new EngineFailure(
      'NOT_FOUND',
      `Unknown ${units.kind === 'zip' ? 'ZIP' : 'county'} unit(s): ${unknown.slice(0, 10).join(', ')}. This scenario is aligned by ${units.kind}.`,
      { units: unknown },
    );
  if (norm.length === 0) throw new EngineFailure('BAD_INPUT', 'List at least one unit.');
  return norm;
}

function checkNpis(ctx: EngineContext, npis: string[]): number[] {
  const providers = getProviderColumns(ctx);
  const nums = npis.map((n) => Number(n));
  const unknown = npis.filter(
    (n, i) => !Number.isInteger(nums[i]) || providers.indexOf(nums[i]!) < 0,
  );
  if (unknown.length)
    throw new EngineFailure(
      'NOT_FOUND',
      `Unknown NPI(s): ${unknown.slice(0, 10).join(', ')}. Only providers in the workspace can be moved or pinned.`,
      { npis: unknown },
    );
  if (nums.length === 0) throw new EngineFailure('BAD_INPUT', 'List at least one NPI.');
  return nums;
}

export function solverSetup(o: OpContext): { units: UnitTable; built: BuiltProblem } {
  const market = marketOrDefault(o.ctx, o.state.market);
  const units = getUnits(o.ctx, o.row.unitKind, market);
  const weights = o.state.params.indexWeights ?? units.scores.definition.indexWeights;
  const homes = o.state.territories.every((t) => t.homeLat !== null && t.homeLon !== null)
    ? {
        lat: Float64Array.from(o.state.territories, (t) => t.homeLat!),
        lon: Float64Array.from(o.state.territories, (t) => t.homeLon!),
      }
    : null;
  const built = buildAlignProblem(o.ctx, {
    units,
    state: o.state,
    k: o.state.territories.length,
    weights,
    seed: o.state.params.seed ?? 1,
    homes,
    withInitial: true,
  });
  Object.assign(built.problem, solverHooks(o.opts), o.travel ? { travelMinutes: o.travel } : {});
  return { units, built };
}

function finishSolve(
  o: OpContext,
  units: UnitTable,
  built: BuiltProblem,
  sol: AlignSolution,
): void {
  throwIfCancelled(o.opts);
  applyAssignment(o.state, built, units, sol.assignment);
  o.state.params = {
    ...o.state.params,
    infeasibilities: describeInfeasibilities(sol, built, o.state),
  };
}

function nextTerritoryId(state: ScenarioState): string {
  const ids = new Set(state.territories.map((t) => t.id));
  const width = Math.max(3, String(state.territories.length + 1).length);
  for (let i = state.territories.length + 1; ; i++) {
    const id = `T${String(i).padStart(width, '0')}`;
    if (!ids.has(id)) return id;
  }
}

/** The centroid of a home ZIP given for a new rep. */
export function homeOfZip(ctx: EngineContext, zip: string): { lat: number; lon: number } {
  const { zips } = getGeo(ctx);
  const z = zips.indexOf(zip.trim().padStart(5, '0'));
  if (z < 0) throw new EngineFailure('NOT_FOUND', `Home ZIP ${zip} is not a known ZIP code.`);
  return { lat: zips.lat[z]!, lon: zips.lon[z]! };
}

function addRep(o: OpContext, op: Extract<WhatIfOp, { kind: 'addRep' }>): void {
  const home = op.homeZip ? homeOfZip(o.ctx, op.homeZip) : undefined;
  const { units, built } = solverSetup(o);
  const sol = addTerritory(built.problem, built.problem.initial!, home ? { home } : undefined);
  const k = o.state.territories.length;
  const id = nextTerritoryId(o.state);
  const row: TerritoryRow = {
    id,
    name: op.name?.trim() || `Territory ${id}`,
    district: '',
    region: '',
    repId: null,
    homeLat: sol.centersLat[k] ?? home?.lat ?? null,
    homeLon: sol.centersLon[k] ?? home?.lon ?? null,
    quota: 0,
  };
  // The new territory inherits the district/region of the territory it was mostly split from.
  const from = new Map<number, number>();
  for (let u = 0; u < built.geoCount; u++)
    if (sol.assignment[u] === k)
      from.set(
        built.problem.initial![u]!,
        (from.get(built.problem.initial![u]!) ?? 0) + built.problem.value[u]!,
      );
  const donor = [...from.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (donor !== undefined && o.state.territories[donor]) {
    row.district = o.state.territories[donor]!.district;
    row.region = o.state.territories[donor]!.region;
  }
  o.state.territories.push(row);
  finishSolve(o, units, built, sol);
}

function removeRep(o: OpContext, territoryId: string): void {
  const t = territoryIndex(o.state, territoryId);
  if (o.state.territories.length < 2)
    throw new EngineFailure(
      'BAD_INPUT',
      'A scenario needs at least one territory; this is the last one.',
    );
  for (const [npi, tid] of [...o.state.pins]) if (tid === territoryId) o.state.pins.delete(npi);
  for (const u of [...o.state.locked])
    if (o.state.units.get(u) === territoryId) o.state.locked.delete(u);
  const { units, built } = solverSetup(o);
  const sol = removeTerritory(built.problem, built.problem.initial!, t);
  o.state.territories.splice(t, 1);
  finishSolve(o, units, built, sol);
  for (const [s, tid] of [...o.state.systems]) if (tid === territoryId) o.state.systems.delete(s);
}

function keepSystems(o: OpContext, ids: string[], keep: boolean): void {
  const providers = getProviderColumns(o.ctx);
  const index = new Map(
    providers.systems.flatMap((s, i) => [
      [s.id.toLowerCase(), i] as const,
      [s.name.toLowerCase(), i] as const,
    ]),
  );
  const wanted = ids.map((id) => {
    const i = index.get(id.toLowerCase());
    if (i === undefined)
      throw new EngineFailure(
        'NOT_FOUND',
        `No health system "${id}" among the imported affiliations.`,
      );
    return i;
  });
  if (!keep) {
    for (const i of wanted) o.state.systems.delete(providers.systems[i]!.id);
    return;
  }
  const units = getUnits(o.ctx, o.row.unitKind, marketOrDefault(o.ctx, o.state.market));
  const tIndex = new Map(o.state.territories.map((t, i) => [t.id, i]));
  const share = new Map<number, Float64Array>(
    wanted.map((i) => [i, new Float64Array(o.state.territories.length)]),
  );
  for (let p = 0; p < providers.count; p++) {
    const acc = share.get(providers.system[p]!);
    const u = units.providerUnit[p]!;
    if (!acc || u < 0) continue;
    const t = tIndex.get(o.state.units.get(units.ids[u]!) ?? '');
    if (t !== undefined) acc[t] = acc[t]! + units.scores.accessiblePotential[p]! + 1e-6;
  }
  for (const [i, acc] of share) {
    let best = 0;
    for (let t = 1; t < acc.length; t++) if (acc[t]! > acc[best]!) best = t;
    o.state.systems.set(providers.systems[i]!.id, o.state.territories[best]!.id);
  }
}

export function applyWhatIf(o: OpContext, op: WhatIfOp): void {
  const s = o.state;
  switch (op.kind) {
    case 'moveUnits': {
      territoryIndex(s, op.to);
      for (const u of checkUnits(
        getUnits(o.ctx, o.row.unitKind, marketOrDefault(o.ctx, s.market)),
        op.units,
      ))
        s.units.set(u, op.to);
      return;
    }
    case 'moveAccounts':
    case 'pinAccounts': {
      const to = op.to;
      if (to !== null) territoryIndex(s, to);
      for (const npi of checkNpis(o.ctx, op.npis))
        to === null ? s.pins.delete(npi) : s.pins.set(npi, to);
      return;
    }
    case 'lockUnits': {
      for (const u of checkUnits(
        getUnits(o.ctx, o.row.unitKind, marketOrDefault(o.ctx, s.market)),
        op.units,
      ))
        op.locked ? s.locked.add(u) : s.locked.delete(u);
      return;
    }
    case 'addRep':
      return addRep(o, op);
    case 'removeRep':
      return removeRep(o, op.territoryId);
    case 'setWeights': {
      const w = op.weights;
      const all = [w.workload, w.potential, w.history, w.access ?? 0];
      if (all.some((x) => !(x >= 0)) || all.every((x) => x === 0))
        throw new EngineFailure(
          'BAD_INPUT',
          'Index weights must be ≥ 0 and not all 0 (e.g. workload 0.6, potential 0.3, history 0.1).',
        );
      const sum = all.reduce((a, b) => a + b, 0);
      s.params = {
        ...s.params,
        indexWeights: {
          workload: w.workload / sum,
          potential: w.potential / sum,
          history: w.history / sum,
          access: (w.access ?? 0) / sum,
        },
      };
      return;
    }
    case 'setMarket':
      s.market = canonicalMarketName(o.ctx, op.market);
      return;
    case 'rebalanceLocal': {
      const ts = op.territoryIds.map((id) => territoryIndex(s, id));
      const { units, built } = solverSetup(o);
      return finishSolve(
        o,
        units,
        built,
        localRebalance(built.problem, built.problem.initial!, ts),
      );
    }
    case 'keepSystemsWhole':
      return keepSystems(o, op.systemIds, op.keep);
    case 'renameTerritory': {
      const t = s.territories[territoryIndex(s, op.territoryId)]!;
      if (op.name !== undefined) t.name = op.name;
      if (op.repId !== undefined) {
        const rep = op.repId === null ? undefined : repsById(o.ctx).get(op.repId);
        if (op.repId !== null && !rep)
          throw new EngineFailure('NOT_FOUND', `No rep "${op.repId}" in the roster.`);
        t.repId = op.repId;
        if (rep?.homeLat != null && rep.homeLon != null)
          [t.homeLat, t.homeLon] = [rep.homeLat, rep.homeLon];
      }
      return;
    }
  }
}
