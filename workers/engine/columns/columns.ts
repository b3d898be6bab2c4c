// Shared in-memory columnar model of a workspace, built by the data area (owner: import/market) and
// read by every other area. Index i means the same provider in every provider column.
import type { MarketDefinition, Tier } from '../../common/contract';

export type ProviderColumns = {
  count: number;
  /** NPIs as numbers (10 digits fit in a double and in uint32), ascending. */
  npi: Float64Array;
  /** NaN when not geocoded. */
  lat: Float32Array;
  lon: Float32Array;
  /** Index into GeoData.zips (see data/geo.ts), -1 when the ZIP is unknown. */
  zipIndex: Int32Array;
  /** Index into `specialties`. */
  specialty: Uint16Array;
  specialties: string[];
  /** Index into `systems` (health system / IDN), -1 when unaffiliated. First affiliation wins. */
  system: Int32Array;
  systems: { id: string; name: string }[];
  /** Imported access score 0..1 (1 when none imported) and no-see flag. */
  access: Float32Array;
  noSee: Uint8Array;
  /** Index lookup by NPI. */
  indexOf(npi: number): number;
};

/** All volume records of the workspace (claims and diagnosis volumes), one entry per record. */
export type VolumeColumns = {
  count: number;
  /** Provider index (into ProviderColumns), -1 if the NPI has no provider row. */
  provider: Int32Array;
  /** `provider` with at least records [from, to) filled in (when read lazily; see engine/columns/columnsLoader.ts). */
  providerRun?(from: number, to: number): Int32Array;
  /** codes.id */
  code: Uint32Array;
  /** 0 unknown, 1 facility, 2 office */
  pos: Uint8Array;
  year: Uint16Array;
  beneficiaries: Float32Array;
  services: Float32Array;
  payment: Float32Array;
};

export type CodeTable = {
  /** Indexed by codes.id (sparse ids are fine: holes are empty strings). */
  code: string[];
  description: string[];
  system: ('HCPCS' | 'ICD10' | '')[];
  drug: Uint8Array;
  idOf(code: string): number | undefined;
};

/** Scores of every provider for one market (owner: scoring). Same indexing as ProviderColumns. */
export type ProviderScores = {
  market: string;
  potential: Float32Array;
  accessiblePotential: Float32Array;
  /** 0 = not in market, 1 = A, 2 = B, 3 = C */
  tier: Uint8Array;
  callsPerYear: Float32Array;
  workloadHours: Float32Array;
  /** Per-provider history (prior-year or baseline sales proxy), 0 when none. */
  history: Float32Array;
  /** Access difficulty 0..1 (1 - access score), for the pharma index. */
  accessDifficulty: Float32Array;
  /** Per-provider volume of the market's codes, as the market's measure. */
  volume: Float32Array;
  /** The validated definition these scores were computed for. */
  definition: MarketDefinition;
  /** Data year scored (null when the workspace has no volumes) and the prior year used as history. */
  year: number | null;
  historyYear: number | null;
  /** Accessible-potential thresholds of tiers A and B. */
  thresholds: { a: number; b: number };
  /** Code patterns of the market that matched no code in the workspace. */
  unmatchedCodes: string[];
};

export const TIER_CODES: Record<number, Tier | null> = { 0: null, 1: 'A', 2: 'B', 3: 'C' };
