// The imported current alignment: ZIP- or NPI-keyed units → territory → district → region (+ rep).
import type { Db } from '../workspace';

export type AlignmentRow = {
  unitKind: 'zip' | 'npi';
  unit: string;
  territoryId: string;
  district: string;
  region: string;
  repId: string;
};

export function alignmentWriter(db: Db): {
  clearKind(kind: 'zip' | 'npi'): void;
  add(r: AlignmentRow): void;
} {
  const ins = db.prepare(
    `INSERT INTO alignment_import (unit_kind, unit, territory_id, district, region, rep_id)
     VALUES (@unitKind, @unit, @territoryId, @district, @region, @repId)
     ON CONFLICT(unit_kind, unit) DO UPDATE SET territory_id = excluded.territory_id, district = excluded.district,
       region = excluded.region, rep_id = excluded.rep_id`,
  );
  const del = db.prepare(`DELETE FROM alignment_import WHERE unit_kind = ?`);
  return { clearKind: (k) => void del.run(k), add: (r) => void ins.run(r) };
}

export function readAlignment(db: Db): AlignmentRow[] {
  return db
    .prepare(
      `SELECT unit_kind AS unitKind, unit, territory_id AS territoryId, district, region, rep_id AS repId FROM alignment_import ORDER BY unit_kind, unit`,
    )
    .all() as AlignmentRow[];
}
