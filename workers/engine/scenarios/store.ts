// Scenarios in the engine: the baseline (from the imported current alignment, else the first
// generated alignment), loading a saved scenario into its indexed in-memory model, and saving new
// ones. All SQL lives in data/repos/scenarioRepo.ts.
import { EngineFailure } from '../../common/result';
import {
  baselineRow,
  childScenarioIds,
  findScenarioRow,
  insertScenario,
  listScenarioRows,
  readImportedAlignment,
  readReps,
  readScenarioState,
  type RepRow,
  type ScenarioRow,
} from '../../data/repos/scenarioRepo';
import type { ScenarioState } from '../../domain/scenario/state';
import { baselineFromImport } from '../../domain/scenario/baseline';
import type { ScenarioModel, TerritoryRecord } from './model';
import { getGeo, getProviderColumns } from '../columns/columnsLoader';
import type { EngineContext } from '../runtime/context';
import { defaultMarketName, getScores } from '../scoring/scores';
import { getUnitGeometry, type UnitGeometry } from '../units/units';

export const BASELINE_NAME = 'baseline';

export function nowIso(): string {
  return new Date().toISOString();
}

/** Cache key prefix of one scenario's state, model and metrics (under 'providers': imports drop them). */
export function scenarioCacheKey(
  id: number,
  what: 'state' | 'model' | 'metrics',
  row: { historyPos: number; historyLength: number },
): string {
  return `providers:scenario:${id}:${what}:${row.historyPos}:${row.historyLength}`;
}

/** Drops every cached scenario (after deletes, baseline creation, market changes). */
export function invalidateScenarios(ctx: EngineContext): void {
  ctx.invalidate('providers:scenario');
}

/** Drops one scenario's caches and those of its children (their disruption is measured against it). */
export function invalidateScenario(ctx: EngineContext, id: number): void {
  ctx.invalidate(
    `providers:scenario:${id}`,
    ...childScenarioIds(ctx.ws.db, id).map((c) => `providers:scenario:${c}`),
  );
}

export function repsById(
  ctx: EngineContext,
): Map<string, RepRow & { homeLat: number | null; homeLon: number | null }> {
  const { zips } = getGeo(ctx);
  const out = new Map<string, RepRow & { homeLat: number | null; homeLon: number | null }>();
  for (const r of readReps(ctx.ws.db)) {
    let lat = r.lat;
    let lon = r.lon;
    if ((lat === null || lon === null) && r.homeZip) {
      const z = zips.indexOf(r.homeZip.padStart(5, '0').slice(0, 5));
      if (z >= 0) {
        lat = zips.lat[z]!;
        lon = zips.lon[z]!;
      }
    }
    out.set(r.repId, { ...r, homeLat: lat, homeLon: lon });
  }
  return out;
}

/**
 * Creates the baseline from the imported current alignment when there is one and no baseline yet.
 * Returns the baseline row (or undefined when there is neither an import nor a generated alignment).
 */
export function ensureBaseline(ctx: EngineContext): ScenarioRow | undefined {
  const existing = baselineRow(ctx.ws.db);
  if (existing) return existing;
  const rows = readImportedAlignment(ctx.ws.db);
  if (rows.length === 0) return undefined;
  const geometry = getUnitGeometry(ctx, 'zip');
  const providers = getProviderColumns(ctx);
  const state = baselineFromImport({
    rows,
    unitIds: geometry.ids,
    unitLat: geometry.lat,
    unitLon: geometry.lon,
    adjStart: geometry.adjStart,
    adjList: geometry.adjList,
    providerUnit: geometry.providerUnit,
    providerIndexOf: providers.indexOf,
    reps: repsById(ctx),
  });
  // the baseline records the market it is scored with, so a market saved later does not change it
  state.market ??= defaultMarketName(ctx);
  insertScenario(
    ctx.ws.db,
    { name: BASELINE_NAME, parentId: null, unitKind: 'zip', isBaseline: true, createdAt: nowIso() },
    state,
  );
  invalidateScenarios(ctx);
  return baselineRow(ctx.ws.db);
}

export function requireScenario(ctx: EngineContext, name: string): ScenarioRow {
  ensureBaseline(ctx);
  const row = findScenarioRow(ctx.ws.db, name);
  if (row) return row;
  const names = listScenarioRows(ctx.ws.db).map((r) => r.name);
  throw new EngineFailure(
    'NOT_FOUND',
    `No scenario named "${name}" in this workspace. Scenarios: ${names.length ? names.join(', ') : 'none yet — create one with tessera align <ws> --territories K'}.`,
    { scenario: name, scenarios: names },
  );
}

/**
 * The stored state of a scenario, cached per history position (a what-if on the national ZIP
 * universe then reads no SQL). Callers must not mutate it: clone it first (cloneState).
 */
export function scenarioState(ctx: EngineContext, row: ScenarioRow): ScenarioState {
  return ctx.cached(scenarioCacheKey(row.id, 'state', row), () =>
    readScenarioState(ctx.ws.db, row),
  );
}

function territoryRecords(
  ctx: EngineContext,
  state: ScenarioState,
  centroid: (t: number) => [number, number],
): TerritoryRecord[] {
  const reps = repsById(ctx);
  return state.territories.map((t, i) => {
    const rep = t.repId ? reps.get(t.repId) : undefined;
    const known = t.homeLat !== null && t.homeLon !== null;
    const [cLat, cLon] = known ? [t.homeLat!, t.homeLon!] : centroid(i);
    return {
      id: t.id,
      name: t.name || t.id,
      district: t.district,
      region: t.region,
      repId: t.repId,
      repName: rep?.name ?? null,
      homeLat: cLat,
      homeLon: cLon,
      homeKnown: known,
      quota: t.quota,
    };
  });
}

/** Builds the indexed model of a scenario state over the unit geometry of its kind. */
export function buildModel(
  ctx: EngineContext,
  row: ScenarioRow,
  state: ScenarioState,
  geometry: UnitGeometry = getUnitGeometry(ctx, row.unitKind),
): ScenarioModel {
  const providers = getProviderColumns(ctx);
  const tIndex = new Map(state.territories.map((t, i) => [t.id, i]));
  const unitTerritory = new Int32Array(geometry.count).fill(-1);
  const locked = new Uint8Array(geometry.count);
  for (const [u, t] of state.units) {
    const i = geometry.indexOf(u);
    if (i >= 0) unitTerritory[i] = tIndex.get(t) ?? -1;
  }
  for (const u of state.locked) {
    const i = geometry.indexOf(u);
    if (i >= 0) locked[i] = 1;
  }
  const pins = new Map<number, number>();
  for (const [npi, t] of state.pins) {
    const p = providers.indexOf(npi);
    const ti = tIndex.get(t);
    if (p >= 0 && ti !== undefined) pins.set(p, ti);
  }
  const systemIndex = new Map(providers.systems.map((s, i) => [s.id, i]));
  const systems = new Map<number, number>();
  for (const [sid, t] of state.systems) {
    const s = systemIndex.get(sid);
    const ti = tIndex.get(t);
    if (s !== undefined && ti !== undefined) systems.set(s, ti);
  }
  const providerTerritory = providerTerritories({
    unitTerritory,
    providerUnit: geometry.providerUnit,
    providerSystem: providers.system,
    systemCount: providers.systems.length,
    pins,
    systems,
  });
  const scores = getScores(ctx, marketOrDefault(ctx, state.market));
  const k = state.territories.length;
  const wLat = new Float64Array(k);
  const wLon = new Float64Array(k);
  const wSum = new Float64Array(k);
  for (let p = 0; p < providers.count; p++) {
    const t = providerTerritory[p]!;
    const w = scores.workloadHours[p]!;
    if (t < 0 || !(w > 0) || Number.isNaN(providers.lat[p]!)) continue;
    wLat[t] = wLat[t]! + w * providers.lat[p]!;
    wLon[t] = wLon[t]! + w * providers.lon[p]!;
    wSum[t] = wSum[t]! + w;
  }
  for (let u = 0; u < geometry.count; u++) {
    const t = unitTerritory[u]!;
    if (t < 0) continue;
    const w = 1e-6; // empty territories fall back to the mean of their unit centroids
    wLat[t] = wLat[t]! + w * geometry.lat[u]!;
    wLon[t] = wLon[t]! + w * geometry.lon[u]!;
    wSum[t] = wSum[t]! + w;
  }
  const centroid = (t: number): [number, number] =>
    wSum[t]! > 0 ? [wLat[t]! / wSum[t]!, wLon[t]! / wSum[t]!] : [39.83, -98.58];
  return {
    id: row.id,
    name: row.name,
    parent: row.parentName,
    unitKind: row.unitKind,
    market: state.market,
    isBaseline: row.isBaseline,
    createdAt: row.createdAt,
    params: state.params,
    historyPos: row.historyPos,
    historyLength: row.historyLength,
    territories: territoryRecords(ctx, state, centroid),
    unitIds: geometry.ids,
    unitTerritory,
    unitLat: geometry.lat,
    unitLon: geometry.lon,
    locked,
    pins,
    systems,
    providerUnit: geometry.providerUnit,
    providerTerritory,
  };
}

/**
 * Territory index per provider: its pin, else its kept-whole health system's territory, else its
 * unit's. Pins and systems go through typed arrays (a Map lookup per provider cost tens of ms on the
 * national universe, paid on every edit).
 */
function providerTerritories(a: {
  unitTerritory: Int32Array;
  providerUnit: Int32Array;
  providerSystem: Int32Array;
  systemCount: number;
  pins: Map<number, number>;
  systems: Map<number, number>;
}): Int32Array {
  const n = a.providerUnit.length;
  const out = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    const u = a.providerUnit[p]!;
    out[p] = u >= 0 ? a.unitTerritory[u]! : -1;
  }
  if (a.systems.size > 0) {
    const systemTerritory = new Int32Array(a.systemCount).fill(-1);
    for (const [s, t] of a.systems) systemTerritory[s] = t;
    for (let p = 0; p < n; p++) {
      const s = a.providerSystem[p]!;
      if (s >= 0 && systemTerritory[s]! >= 0) out[p] = systemTerritory[s]!;
    }
  }
  for (const [p, t] of a.pins) out[p] = t;
  return out;
}

/** A scenario's market if it still resolves, else the workspace default (a deleted market must not brick a scenario). */
export function marketOrDefault(ctx: EngineContext, market: string | null): string | undefined {
  if (market === null) return undefined;
  try {
    getScores(ctx, market);
    return market;
  } catch (e) {
    if (e instanceof EngineFailure && e.error.code === 'NOT_FOUND') return undefined;
    throw e;
  }
}

/** The indexed in-memory model of a saved scenario (cached until the next scenario write or import). */
export function loadScenarioModel(ctx: EngineContext, name: string): ScenarioModel {
  const row = requireScenario(ctx, name);
  return ctx.cached(scenarioCacheKey(row.id, 'model', row), () =>
    buildModel(ctx, row, scenarioState(ctx, row)),
  );
}
