// What the export writers read: territories in reporting order and account columns, assembled by the
// export service from the scenario model, the scores and the metrics.
import type { TerritoryMetrics } from '../../common/contract/align';
import type { AccountOrder } from '../../domain/export/accounts';
import type { CodeVolumes } from '../../domain/export/codeVolumes';
import type { ColumnKind } from './xlsx/styles';

export type TerritoryInfo = {
  /** Index in the scenario model. */
  index: number;
  id: string;
  name: string;
  district: string;
  region: string;
  repId: string;
  repName: string;
  manager: string;
  homeLabel: string;
  homeLat: number;
  homeLon: number;
  metrics: TerritoryMetrics;
};

export type AccountData = {
  npi: Float64Array;
  tier: Uint8Array;
  potential: Float32Array;
  callsPerYear: Float32Array;
  workloadHours: Float32Array;
  minutes: Float32Array;
  order: AccountOrder;
  zipOf(p: number): string;
  systemName(p: number): string;
  volumes: CodeVolumes;
  potentialKind: ColumnKind;
};

export const TIER_LETTER = ['', 'A', 'B', 'C'] as const;

export function npiText(n: number): string {
  return String(Math.round(n)).padStart(10, '0');
}

/** Rounds to a sensible precision for display (keeps files small and values honest). */
export function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
