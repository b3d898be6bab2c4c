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
  /** Start index (in vertex pairs) of each unit's polygon in `vertices`; length = ids.length + 1. */
  polygonStarts: Uint32Array;
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

export type MapApi = {
  providerPoints(req: { scenario?: string; market?: string }): Promise<Result<ProviderPoints>>;
  unitGeometry(req: { unitKind: 'zip' | 'county' }): Promise<Result<UnitGeometry>>;
  providerCard(req: { npi: string; scenario?: string }): Promise<Result<ProviderCard>>;
};
