// The in-memory form of a saved scenario (owner: scoring/scenarios area), read by metrics, export,
// routing and the map. Territory indexes are positions in `territories`.
import type { ScenarioParams } from '../../domain/scenario/state';

export type TerritoryRecord = {
  id: string;
  name: string;
  district: string;
  region: string;
  repId: string | null;
  repName: string | null;
  /** Rep home base; falls back to the territory's workload centroid when no rep/home is known. */
  homeLat: number;
  homeLon: number;
  /** True when homeLat/homeLon is a real rep home base (roster or placed by the solver), false for a centroid fallback. */
  homeKnown: boolean;
  quota: number;
};

export type ScenarioModel = {
  id: number;
  name: string;
  parent: string | null;
  unitKind: 'zip' | 'county';
  market: string | null;
  isBaseline: boolean;
  createdAt: string;
  /** Solve parameters (index weights, seed, method, disruption budget) and reported infeasibilities. */
  params: ScenarioParams;
  /** Undo/redo: steps applied (position) and steps recorded. */
  historyPos: number;
  historyLength: number;
  territories: TerritoryRecord[];
  /** Unit ids (ZIP5 or county FIPS) in the scenario, and each unit's territory index (-1 unassigned). */
  unitIds: string[];
  unitTerritory: Int32Array;
  /** Unit centroids (same indexing as unitIds). */
  unitLat: Float64Array;
  unitLon: Float64Array;
  locked: Uint8Array;
  /** Pinned accounts: provider index -> territory index. */
  pins: Map<number, number>;
  /** Health systems kept whole: system index (ProviderColumns.systems) -> territory index. */
  systems: Map<number, number>;
  /** Unit index of every provider (ProviderColumns indexing); -1 when its ZIP is unknown. */
  providerUnit: Int32Array;
  /** Territory index of every provider (ProviderColumns indexing) after units and pins; -1 none. */
  providerTerritory: Int32Array;
};
