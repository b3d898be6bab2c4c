// The in-memory form of a saved scenario (owner: scoring/scenarios area), read by metrics, export,
// routing and the map. Territory indexes are positions in `territories`.

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
  quota: number;
};

export type ScenarioModel = {
  id: number;
  name: string;
  parent: string | null;
  unitKind: 'zip' | 'county';
  market: string | null;
  territories: TerritoryRecord[];
  /** Unit ids (ZIP5 or county FIPS) in the scenario, and each unit's territory index. */
  unitIds: string[];
  unitTerritory: Int32Array;
  locked: Uint8Array;
  /** Pinned accounts: provider index -> territory index. */
  pins: Map<number, number>;
  /** Territory index of every provider (ProviderColumns indexing) after units and pins; -1 none. */
  providerTerritory: Int32Array;
};
