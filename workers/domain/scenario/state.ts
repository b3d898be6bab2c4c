// A scenario as persisted, keyed by ids (not indexes): territories, unit → territory, locks, pins,
// health systems kept whole. What-if operations turn one state into another; the difference between
// the two (a patch) is what the history stores, forwards and backwards, so undo/redo replays exactly.
import type { AlignTravel } from '../../common/contract/align';

export type TerritoryRow = {
  id: string;
  name: string;
  district: string;
  region: string;
  repId: string | null;
  homeLat: number | null;
  homeLon: number | null;
  quota: number;
};

export type IndexWeights = {
  workload: number;
  potential: number;
  history: number;
  access?: number;
};

export type ScenarioInfeasibility = {
  kind: string;
  message: string;
  territoryId?: string;
  unit?: string;
  excess?: number;
};

export type ScenarioParams = {
  indexWeights?: IndexWeights;
  seed?: number;
  method?: string;
  maxDisruption?: number;
  /** Constraints the last solve reported as blocking a perfect balance. */
  infeasibilities?: ScenarioInfeasibility[];
  /** Where the baseline came from, e.g. 'alignment_import' or 'align'. */
  source?: string;
  /** Where the last solve's travel costs came from when a routing server was set. */
  travel?: AlignTravel;
  /** Mean drive (minutes) above which a territory is flagged (default 90). */
  driveWarnMinutes?: number;
};

export type ScenarioState = {
  market: string | null;
  params: ScenarioParams;
  territories: TerritoryRow[];
  /** unit id → territory id */
  units: Map<string, string>;
  locked: Set<string>;
  /** NPI → territory id */
  pins: Map<number, string>;
  /** health system id → territory id (system kept whole) */
  systems: Map<string, string>;
};

export type ScenarioPatch = {
  units?: [string, string | null][];
  locks?: [string, boolean][];
  pins?: [number, string | null][];
  systems?: [string, string | null][];
  territoriesSet?: TerritoryRow[];
  territoriesRemove?: string[];
  params?: ScenarioParams;
  market?: string | null;
};

export function cloneState(s: ScenarioState): ScenarioState {
  return {
    market: s.market,
    params: structuredClone(s.params),
    territories: s.territories.map((t) => ({ ...t })),
    units: new Map(s.units),
    locked: new Set(s.locked),
    pins: new Map(s.pins),
    systems: new Map(s.systems),
  };
}

function diffMap<K, V>(a: Map<K, V>, b: Map<K, V>): [K, V | null][] {
  const out: [K, V | null][] = [];
  for (const [k, v] of b) if (a.get(k) !== v) out.push([k, v]);
  for (const k of a.keys()) if (!b.has(k)) out.push([k, null]);
  return out;
}

const sameTerritory = (a: TerritoryRow, b: TerritoryRow) => JSON.stringify(a) === JSON.stringify(b);

/** The patch that turns `before` into `after`. */
export function diffStates(before: ScenarioState, after: ScenarioState): ScenarioPatch {
  const patch: ScenarioPatch = {};
  const units = diffMap(before.units, after.units);
  if (units.length) patch.units = units;
  const locks: [string, boolean][] = [];
  for (const u of after.locked) if (!before.locked.has(u)) locks.push([u, true]);
  for (const u of before.locked) if (!after.locked.has(u)) locks.push([u, false]);
  if (locks.length) patch.locks = locks;
  const pins = diffMap(before.pins, after.pins);
  if (pins.length) patch.pins = pins;
  const systems = diffMap(before.systems, after.systems);
  if (systems.length) patch.systems = systems;
  const beforeT = new Map(before.territories.map((t) => [t.id, t]));
  const afterIds = new Set(after.territories.map((t) => t.id));
  const set = after.territories.filter(
    (t) => !beforeT.has(t.id) || !sameTerritory(beforeT.get(t.id)!, t),
  );
  if (set.length) patch.territoriesSet = set;
  const remove = before.territories.filter((t) => !afterIds.has(t.id)).map((t) => t.id);
  if (remove.length) patch.territoriesRemove = remove;
  if (JSON.stringify(before.params) !== JSON.stringify(after.params)) patch.params = after.params;
  if (before.market !== after.market) patch.market = after.market;
  return patch;
}

/**
 * The patch that undoes `p` applied to `before` — what diffStates(after, before) gives, read off the
 * forward patch instead of diffing every unit of both states again.
 */
export function inversePatch(before: ScenarioState, p: ScenarioPatch): ScenarioPatch {
  const inv: ScenarioPatch = {};
  if (p.units) inv.units = p.units.map(([u]) => [u, before.units.get(u) ?? null]);
  if (p.locks) inv.locks = p.locks.map(([u, on]) => [u, !on]);
  if (p.pins) inv.pins = p.pins.map(([n]) => [n, before.pins.get(n) ?? null]);
  if (p.systems) inv.systems = p.systems.map(([id]) => [id, before.systems.get(id) ?? null]);
  const touched = new Set([
    ...(p.territoriesSet ?? []).map((t) => t.id),
    ...(p.territoriesRemove ?? []),
  ]);
  const restore = before.territories.filter((t) => touched.has(t.id));
  if (restore.length) inv.territoriesSet = restore.map((t) => ({ ...t }));
  const existed = new Set(before.territories.map((t) => t.id));
  const remove = (p.territoriesSet ?? []).filter((t) => !existed.has(t.id)).map((t) => t.id);
  if (remove.length) inv.territoriesRemove = remove;
  if (p.params) inv.params = structuredClone(before.params);
  if (p.market !== undefined) inv.market = before.market;
  return inv;
}

export function isEmptyPatch(p: ScenarioPatch): boolean {
  return Object.keys(p).length === 0;
}

/** Applies a patch to a state in place (territory order: existing order, new ones appended). */
export function applyPatch(s: ScenarioState, p: ScenarioPatch): void {
  for (const [u, t] of p.units ?? []) t === null ? s.units.delete(u) : s.units.set(u, t);
  for (const [u, on] of p.locks ?? []) on ? s.locked.add(u) : s.locked.delete(u);
  for (const [n, t] of p.pins ?? []) t === null ? s.pins.delete(n) : s.pins.set(n, t);
  for (const [id, t] of p.systems ?? []) t === null ? s.systems.delete(id) : s.systems.set(id, t);
  if (p.territoriesRemove) {
    const gone = new Set(p.territoriesRemove);
    s.territories = s.territories.filter((t) => !gone.has(t.id));
  }
  for (const row of p.territoriesSet ?? []) {
    const i = s.territories.findIndex((t) => t.id === row.id);
    if (i >= 0) s.territories[i] = { ...row };
    else s.territories.push({ ...row });
  }
  if (p.params) s.params = structuredClone(p.params);
  if (p.market !== undefined) s.market = p.market;
}

/** Territory ids touched by a patch (for "changed territories" in what-if results). */
export function touchedTerritories(before: ScenarioState, p: ScenarioPatch): string[] {
  const out = new Set<string>();
  for (const [u, t] of p.units ?? []) {
    const was = before.units.get(u);
    if (was) out.add(was);
    if (t) out.add(t);
  }
  for (const [n, t] of p.pins ?? []) {
    const was = before.pins.get(n);
    if (was) out.add(was);
    if (t) out.add(t);
  }
  for (const t of p.territoriesSet ?? []) out.add(t.id);
  for (const t of p.territoriesRemove ?? []) out.add(t);
  return [...out].sort();
}
