// Open Payments relationships: which providers received payments from named manufacturers.
import type { Db } from '../workspace';

/**
 * NPIs paid by any manufacturer whose name contains one of `names` (case-insensitive), so "Medtronic"
 * matches "Medtronic USA, Inc." as Open Payments spells it.
 */
export function npisPaidBy(db: Db, names: readonly string[]): number[] {
  if (names.length === 0) return [];
  const stmt = db
    .prepare(`SELECT DISTINCT npi FROM payments WHERE instr(lower(manufacturer), lower(?)) > 0`)
    .pluck();
  const out = new Set<number>();
  for (const n of names) for (const npi of stmt.all(n.trim()) as number[]) out.add(npi);
  return [...out];
}
