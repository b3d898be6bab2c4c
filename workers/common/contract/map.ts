import type { Result } from '../result';
import type { Tier } from './scoring';

/**
 * Provider points for the map, as typed arrays (transferred, never row objects).
 * 15 bytes per provider: lon/lat float32 (8), potential float32 (4), tier uint8 (1), territory uint16 (2).
 */
export type ProviderPoints = {
  count: number;
  /** Interleaved lon, lat. */
  positions: Float32Array;
  potential: Float32Array;
  /** 0 = not in market, 1 = A, 2 = B, 3 = C */
  tier: Uint8Array;
  /** Index into `territoryIds` of the scenario asked for; 0xffff = unassigned. */
  territory: Uint16Array;
  territoryIds: string[];
  market: string | null;
};

/** Unit geometry (ZIP Voronoi cells or counties) as flat binary polygons. */
export type UnitGeometry = {
  unitKind: 'zip' | 'county';
  ids: string[];
  /** Centroids, interleaved lon, lat. */
  centroids: Float32Array;
  /** Polygon rings: all vertices interleaved lon, lat. */
  vertices: Float32Array;
  /**
   * Start index (in vertex pairs) of each unit's largest ring in `vertices`; length = ids.length + 1
   * (a unit without a shape points at the end). Use `ringStarts`/`ringUnit` for all rings.
   */
  polygonStarts: Uint32Array;
  /**
   * Start index (in vertex pairs) of every outer ring in `vertices`; length = rings + 1. A unit made of
   * several pieces (islands, multipart counties) has several rings. Rings are ordered largest first
   * and holes are not stored, so enclaved units, drawn later, cover them.
   */
  ringStarts: Uint32Array;
  /** Unit index (into `ids`) of every ring; length = rings. */
  ringUnit: Uint32Array;
};

/** The scenario's alignment as map attributes, aligned with `unitGeometry(unitKind).ids`. */
export type ScenarioLayer = {
  scenario: string;
  unitKind: 'zip' | 'county';
  territoryIds: string[];
  territoryNames: string[];
  repNames: (string | null)[];
  districts: string[];
  regions: string[];
  /** Rep home bases, interleaved lon, lat per territory. */
  homes: Float32Array;
  /** Territory index per geometry unit (same order as UnitGeometry.ids); 0xffff = unassigned. */
  unitTerritory: Uint16Array;
  /** 1 where the unit is locked, per geometry unit. */
  locked: Uint8Array;
  /** Accounts pinned to a territory other than their unit's. */
  pinnedAccounts: number;
};

/** Health-system (IDN) sites: the centroid of each system's affiliated providers. */
export type HealthSystemSites = {
  ids: string[];
  names: string[];
  /** Interleaved lon, lat. */
  positions: Float32Array;
  providers: Uint32Array;
};

export type ProviderCard = {
  npi: string;
  name: string;
  specialty: string;
  address: string;
  city: string;
  state: string;
  zip: string;
  lat: number | null;
  lon: number | null;
  healthSystem: string | null;
  tier: Tier | null;
  potential: number;
  territoryId: string | null;
  driveMinutesFromHome: number | null;
  volumes: { code: string; description: string; services: number; beneficiaries: number }[];
};

/** A search hit of the command palette: where to fly to (lat/lon null: not geocoded). */
export type PlaceHit = {
  kind: 'provider' | 'zip' | 'city';
  label: string;
  npi?: string;
  zip?: string;
  lat: number | null;
  lon: number | null;
};

export type MapApi = {
  /** Providers by NPI or name (prefix), a ZIP, or a city (prefix), for the command palette. */
  searchPlaces(req: { query: string; limit?: number }): Promise<Result<PlaceHit[]>>;
  providerPoints(req: { scenario?: string; market?: string }): Promise<Result<ProviderPoints>>;
  unitGeometry(req: { unitKind: 'zip' | 'county' }): Promise<Result<UnitGeometry>>;
  /** By NPI, or by `index` = position in the last `providerPoints` arrays (what a map pick gives). */
  providerCard(req: {
    npi?: string;
    index?: number;
    scenario?: string;
    market?: string;
  }): Promise<Result<ProviderCard>>;
  scenarioLayer(req: { scenario: string }): Promise<Result<ScenarioLayer>>;
  /**
   * Only the territory of each map point (same indexing as `providerPoints`): what an edit changes.
   * 2 bytes per provider instead of the whole points frame, and the density layers keep their data.
   */
  pointTerritories(req: { scenario: string }): Promise<Result<PointTerritories>>;
  healthSystemSites(): Promise<Result<HealthSystemSites>>;
};

export type PointTerritories = {
  scenario: string;
  /** Index into `territoryIds`; 0xffff = unassigned. */
  territory: Uint16Array;
  territoryIds: string[];
};
