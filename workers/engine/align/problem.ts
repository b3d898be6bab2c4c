// Builds the solver's AlignProblem from units and a scenario state: composite index value per unit,
// locked units fixed, pinned accounts and health systems kept whole lifted out of their ZIPs into
// "floating" blocks (non-geographic units with a workload-weighted centroid, exempt from contiguity).
// Disruption (rebalance budget) is measured in accessible potential, the opportunity that changes rep.
import type { AlignProblem } from '../../domain/align/types';
import { travelMinutes } from '../../domain/driveTime';
import type { IndexWeights, ScenarioState } from '../../domain/scenario/state';
import {
  componentTotals,
  indexFactors,
  providerValues,
  type IndexFactors,
} from '../../domain/units/aggregate';
import { getProviderColumns } from '../columns/columnsLoader';
import type { EngineContext } from '../runtime/context';
import type { UnitTable } from '../units/units';

/** Index values are expressed so that the national total is 1,000,000 (scale does not matter to the solver). */
export const VALUE_SCALE = 1_000_000;

export type BlockKind = 'pin' | 'system';

export type BuiltProblem = {
  problem: AlignProblem;
  /** Number of geographic units (blocks follow them). */
  geoCount: number;
  blocks: { kind: BlockKind; key: string }[];
  /** Provider → problem unit (geographic unit or block), -1 when unlocated. */
  providerBlock: Int32Array;
  factors: IndexFactors;
  providerValue: Float64Array;
  territoryIndex: Map<string, number>;
};

export type ProblemOptions = {
  units: UnitTable;
  state: ScenarioState;
  k: number;
  weights: IndexWeights;
  seed: number;
  homes: { lat: Float64Array; lon: Float64Array } | null;
  /** Use the state's unit assignment as `initial` (rebalance and what-ifs). */
  withInitial: boolean;
  /** Health systems (ids) to keep whole even if the state does not list them yet. */
  keepWhole?: string[];
};

type Blocks = {
  providerBlock: Int32Array;
  blocks: { kind: BlockKind; key: string }[];
  blockTerritory: number[];
};

function liftBlocks(ctx: EngineContext, o: ProblemOptions, tIndex: Map<string, number>): Blocks {
  const providers = getProviderColumns(ctx);
  const geoCount = o.units.count;
  const providerBlock = Int32Array.from(o.units.providerUnit);
  const blocks: { kind: BlockKind; key: string }[] = [];
  const blockTerritory: number[] = [];
  const pinBlock = new Map<number, number>();
  for (const [npi, tid] of o.state.pins) {
    const p = providers.indexOf(npi);
    const t = tIndex.get(tid);
    if (p < 0 || t === undefined) continue;
    let b = pinBlock.get(t);
    if (b === undefined) {
      b = geoCount + blocks.length;
      pinBlock.set(t, b);
      blocks.push({ kind: 'pin', key: tid });
      blockTerritory.push(t);
    }
    providerBlock[p] = b;
  }
  const whole = new Set([...o.state.systems.keys(), ...(o.keepWhole ?? [])]);
  if (whole.size > 0) {
    const sysBlock = new Map<number, number>();
    providers.systems.forEach((s, i) => {
      if (!whole.has(s.id)) return;
      sysBlock.set(i, geoCount + blocks.length);
      blocks.push({ kind: 'system', key: s.id });
      const t = o.state.systems.get(s.id);
      blockTerritory.push(t === undefined ? -1 : (tIndex.get(t) ?? -1));
    });
    for (let p = 0; p < providers.count; p++) {
      const s = providers.system[p]!;
      if (s < 0 || providerBlock[p]! >= geoCount) continue;
      const b = sysBlock.get(s);
      if (b !== undefined) providerBlock[p] = b;
    }
  }
  return { providerBlock, blocks, blockTerritory };
}

export function buildAlignProblem(ctx: EngineContext, o: ProblemOptions): BuiltProblem {
  const providers = getProviderColumns(ctx);
  const { units, state } = o;
  const geoCount = units.count;
  const tIndex = new Map(state.territories.map((t, i) => [t.id, i]));
  const lifted = liftBlocks(ctx, o, tIndex);
  const n = geoCount + lifted.blocks.length;
  const factors = indexFactors(componentTotals(units.scores), o.weights, VALUE_SCALE);
  const pv = providerValues(units.scores, factors);
  const value = new Float64Array(n);
  const work = new Float64Array(n);
  const opportunity = new Float64Array(n);
  const bLat = new Float64Array(n);
  const bLon = new Float64Array(n);
  const bW = new Float64Array(n);
  const bDen = new Float64Array(n);
  for (let p = 0; p < providers.count; p++) {
    const b = lifted.providerBlock[p]!;
    if (b < 0) continue;
    value[b] = value[b]! + pv[p]!;
    opportunity[b] = opportunity[b]! + units.scores.accessiblePotential[p]!;
    const w = units.scores.workloadHours[p]! + 1e-3;
    work[b] = work[b]! + units.scores.workloadHours[p]!;
    if (b >= geoCount && !Number.isNaN(providers.lat[p]!)) {
      bLat[b] = bLat[b]! + w * providers.lat[p]!;
      bLon[b] = bLon[b]! + w * providers.lon[p]!;
      bW[b] = bW[b]! + w;
      bDen[b] = bDen[b]! + w * units.providerDensity[p]!;
    }
  }
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  lat.set(units.lat);
  lon.set(units.lon);
  const density = new Uint8Array(n);
  density.set(units.density);
  const floating = new Uint8Array(n);
  const fixed = new Int32Array(n).fill(-1);
  for (let i = 0; i < lifted.blocks.length; i++) {
    const b = geoCount + i;
    floating[b] = 1;
    lat[b] = bW[b]! > 0 ? bLat[b]! / bW[b]! : 39.83;
    lon[b] = bW[b]! > 0 ? bLon[b]! / bW[b]! : -98.58;
    density[b] = bW[b]! > 0 ? Math.round(bDen[b]! / bW[b]!) : 1;
    if (lifted.blocks[i]!.kind === 'pin') fixed[b] = lifted.blockTerritory[i]!;
  }
  for (const u of state.locked) {
    const i = units.indexOf(u);
    const t = tIndex.get(state.units.get(u) ?? '');
    if (i >= 0 && t !== undefined) fixed[i] = t;
  }
  const adjStart = new Int32Array(n + 1);
  adjStart.set(units.adjStart);
  adjStart.fill(units.adjStart[geoCount]!, geoCount + 1);
  let initial: Int32Array | undefined;
  if (o.withInitial) {
    initial = new Int32Array(n).fill(-1);
    for (let u = 0; u < geoCount; u++)
      initial[u] = tIndex.get(state.units.get(units.ids[u]!) ?? '') ?? -1;
    for (let i = 0; i < lifted.blocks.length; i++)
      initial[geoCount + i] = lifted.blockTerritory[i]!;
  }
  const ids = [...units.ids, ...lifted.blocks.map((b) => `${b.kind}:${b.key}`)];
  const problem: AlignProblem = {
    count: n,
    ids,
    lat,
    lon,
    value,
    weightForTravel: work,
    floating,
    density,
    adjStart,
    adjList: units.adjList,
    k: o.k,
    homes: o.homes,
    fixed,
    seed: o.seed,
    travelMinutes,
    ...(initial ? { initial, opportunity } : {}),
  };
  return {
    problem,
    geoCount,
    blocks: lifted.blocks,
    providerBlock: lifted.providerBlock,
    factors,
    providerValue: pv,
    territoryIndex: tIndex,
  };
}

/** Writes a solver assignment back into a scenario state (units and systems kept whole). */
export function applyAssignment(
  state: ScenarioState,
  built: BuiltProblem,
  units: UnitTable,
  assignment: Int32Array,
): void {
  for (let u = 0; u < built.geoCount; u++) {
    const t = assignment[u]!;
    const row = t >= 0 ? state.territories[t] : undefined;
    if (row) state.units.set(units.ids[u]!, row.id);
    else state.units.delete(units.ids[u]!);
  }
  built.blocks.forEach((b, i) => {
    if (b.kind !== 'system') return;
    const row = state.territories[assignment[built.geoCount + i]!];
    if (row) state.systems.set(b.key, row.id);
  });
}
