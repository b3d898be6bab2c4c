// Scenarios: the persisted state (territories, unit assignment, locks, pins, systems kept whole) and
// the operation history (forward patch + inverse patch per step) behind undo/redo.
import type {
  ScenarioParams,
  ScenarioPatch,
  ScenarioState,
  TerritoryRow,
} from '../../domain/scenario/state';
import type { Db } from '../workspace';

export type ScenarioRow = {
  id: number;
  name: string;
  parentId: number | null;
  parentName: string | null;
  unitKind: 'zip' | 'county';
  market: string | null;
  params: ScenarioParams;
  isBaseline: boolean;
  createdAt: string;
  historyPos: number;
  historyLength: number;
  territories: number;
};

type RawRow = Omit<ScenarioRow, 'params' | 'isBaseline'> & { params: string; isBaseline: number };

const SELECT_ROWS = `
SELECT s.id, s.name, s.parent_id AS parentId, p.name AS parentName, s.unit_kind AS unitKind, s.market,
  s.params, s.is_baseline AS isBaseline, s.created_at AS createdAt, s.history_pos AS historyPos,
  (SELECT count(*) FROM scenario_ops o WHERE o.scenario_id = s.id) AS historyLength,
  (SELECT count(*) FROM scenario_territories t WHERE t.scenario_id = s.id) AS territories
FROM scenarios s LEFT JOIN scenarios p ON p.id = s.parent_id`;

const toRow = (r: RawRow): ScenarioRow => ({
  ...r,
  params: JSON.parse(r.params) as ScenarioParams,
  isBaseline: r.isBaseline === 1,
});

export function listScenarioRows(db: Db): ScenarioRow[] {
  return (
    db.prepare(`${SELECT_ROWS} ORDER BY s.is_baseline DESC, s.created_at, s.id`).all() as RawRow[]
  ).map(toRow);
}

export function findScenarioRow(db: Db, name: string): ScenarioRow | undefined {
  const r = db.prepare(`${SELECT_ROWS} WHERE s.name = ? COLLATE NOCASE`).get(name) as
    RawRow | undefined;
  return r ? toRow(r) : undefined;
}

export function baselineRow(db: Db): ScenarioRow | undefined {
  const r = db.prepare(`${SELECT_ROWS} WHERE s.is_baseline = 1 ORDER BY s.id LIMIT 1`).get() as
    RawRow | undefined;
  return r ? toRow(r) : undefined;
}

export function readScenarioState(db: Db, row: ScenarioRow): ScenarioState {
  const territories = db
    .prepare(
      `SELECT territory_id AS id, name, district, region, rep_id AS repId, home_lat AS homeLat, home_lon AS homeLon, quota
       FROM scenario_territories WHERE scenario_id = ? ORDER BY rowid`,
    )
    .all(row.id) as TerritoryRow[];
  const units = new Map<string, string>();
  const locked = new Set<string>();
  for (const [u, t, l] of db
    .prepare(`SELECT unit, territory_id, locked FROM scenario_units WHERE scenario_id = ?`)
    .raw()
    .all(row.id) as [string, string, number][]) {
    units.set(u, t);
    if (l) locked.add(u);
  }
  const pins = new Map<number, string>(
    db
      .prepare(`SELECT npi, territory_id FROM scenario_pins WHERE scenario_id = ?`)
      .raw()
      .all(row.id) as [number, string][],
  );
  const systems = new Map<string, string>(
    db
      .prepare(`SELECT system_id, territory_id FROM scenario_systems WHERE scenario_id = ?`)
      .raw()
      .all(row.id) as [string, string][],
  );
  return { market: row.market, params: row.params, territories, units, locked, pins, systems };
}

export type NewScenario = {
  name: string;
  parentId: number | null;
  unitKind: 'zip' | 'county';
  isBaseline: boolean;
  createdAt: string;
};

function writeTerritory(db: Db, id: number, t: TerritoryRow): void {
  db.prepare(
    `INSERT INTO scenario_territories (scenario_id, territory_id, name, district, region, rep_id, home_lat, home_lon, quota)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(scenario_id, territory_id) DO UPDATE SET name = excluded.name, district = excluded.district,
       region = excluded.region, rep_id = excluded.rep_id, home_lat = excluded.home_lat, home_lon = excluded.home_lon,
       quota = excluded.quota`,
  ).run(id, t.id, t.name, t.district, t.region, t.repId, t.homeLat, t.homeLon, t.quota);
}

/** Inserts a scenario with its whole state in one transaction; replaces a same-named one when `replace`. */
export function insertScenario(
  db: Db,
  s: NewScenario,
  state: ScenarioState,
  replace = false,
): number {
  return db
    .transaction(() => {
      if (replace) db.prepare(`DELETE FROM scenarios WHERE name = ? COLLATE NOCASE`).run(s.name);
      const id = Number(
        db
          .prepare(
            `INSERT INTO scenarios (name, parent_id, unit_kind, market, params, is_baseline, created_at, history_pos) VALUES (?, ?, ?, ?, ?, ?, ?, 0)`,
          )
          .run(
            s.name,
            s.parentId,
            s.unitKind,
            state.market,
            JSON.stringify(state.params),
            s.isBaseline ? 1 : 0,
            s.createdAt,
          ).lastInsertRowid,
      );
      for (const t of state.territories) writeTerritory(db, id, t);
      const unit = db.prepare(
        `INSERT INTO scenario_units (scenario_id, unit, territory_id, locked) VALUES (?, ?, ?, ?)`,
      );
      for (const [u, t] of state.units) unit.run(id, u, t, state.locked.has(u) ? 1 : 0);
      const pin = db.prepare(
        `INSERT INTO scenario_pins (scenario_id, npi, territory_id) VALUES (?, ?, ?)`,
      );
      for (const [n, t] of state.pins) pin.run(id, n, t);
      const sys = db.prepare(
        `INSERT INTO scenario_systems (scenario_id, system_id, territory_id) VALUES (?, ?, ?)`,
      );
      for (const [sid, t] of state.systems) sys.run(id, sid, t);
      return id;
    })
    .immediate();
}

/** Writes a patch to a scenario's stored state (call inside a transaction). */
export function writePatch(db: Db, id: number, p: ScenarioPatch): void {
  const setUnit = db.prepare(
    `INSERT INTO scenario_units (scenario_id, unit, territory_id, locked) VALUES (?, ?, ?, 0)
     ON CONFLICT(scenario_id, unit) DO UPDATE SET territory_id = excluded.territory_id`,
  );
  const delUnit = db.prepare(`DELETE FROM scenario_units WHERE scenario_id = ? AND unit = ?`);
  for (const [u, t] of p.units ?? []) t === null ? delUnit.run(id, u) : setUnit.run(id, u, t);
  const lock = db.prepare(
    `UPDATE scenario_units SET locked = ? WHERE scenario_id = ? AND unit = ?`,
  );
  for (const [u, on] of p.locks ?? []) lock.run(on ? 1 : 0, id, u);
  const setPin = db.prepare(
    `INSERT INTO scenario_pins (scenario_id, npi, territory_id) VALUES (?, ?, ?) ON CONFLICT(scenario_id, npi) DO UPDATE SET territory_id = excluded.territory_id`,
  );
  const delPin = db.prepare(`DELETE FROM scenario_pins WHERE scenario_id = ? AND npi = ?`);
  for (const [n, t] of p.pins ?? []) t === null ? delPin.run(id, n) : setPin.run(id, n, t);
  const setSys = db.prepare(
    `INSERT INTO scenario_systems (scenario_id, system_id, territory_id) VALUES (?, ?, ?) ON CONFLICT(scenario_id, system_id) DO UPDATE SET territory_id = excluded.territory_id`,
  );
  const delSys = db.prepare(`DELETE FROM scenario_systems WHERE scenario_id = ? AND system_id = ?`);
  for (const [s, t] of p.systems ?? []) t === null ? delSys.run(id, s) : setSys.run(id, s, t);
  const delT = db.prepare(
    `DELETE FROM scenario_territories WHERE scenario_id = ? AND territory_id = ?`,
  );
  for (const t of p.territoriesRemove ?? []) delT.run(id, t);
  for (const t of p.territoriesSet ?? []) writeTerritory(db, id, t);
  if (p.params)
    db.prepare(`UPDATE scenarios SET params = ? WHERE id = ?`).run(JSON.stringify(p.params), id);
  if (p.market !== undefined)
    db.prepare(`UPDATE scenarios SET market = ? WHERE id = ?`).run(p.market, id);
}

export type StoredOp = {
  seq: number;
  op: { op: unknown; patch: ScenarioPatch };
  inverse: ScenarioPatch;
  createdAt: string;
};

/** Records a new step at the current history position (dropping any redo tail) and applies it. */
export function recordStep(
  db: Db,
  id: number,
  step: { op: unknown; patch: ScenarioPatch; inverse: ScenarioPatch; createdAt: string },
): number {
  return db
    .transaction(() => {
      const pos =
        (db.prepare(`SELECT history_pos FROM scenarios WHERE id = ?`).pluck().get(id) as number) ??
        0;
      db.prepare(`DELETE FROM scenario_ops WHERE scenario_id = ? AND seq >= ?`).run(id, pos);
      db.prepare(
        `INSERT INTO scenario_ops (scenario_id, seq, op, inverse, created_at) VALUES (?, ?, ?, ?, ?)`,
      ).run(
        id,
        pos,
        JSON.stringify({ op: step.op, patch: step.patch }),
        JSON.stringify(step.inverse),
        step.createdAt,
      );
      writePatch(db, id, step.patch);
      db.prepare(`UPDATE scenarios SET history_pos = ? WHERE id = ?`).run(pos + 1, id);
      return pos + 1;
    })
    .immediate();
}

export function readOp(db: Db, id: number, seq: number): StoredOp | undefined {
  const r = db
    .prepare(
      `SELECT seq, op, inverse, created_at AS createdAt FROM scenario_ops WHERE scenario_id = ? AND seq = ?`,
    )
    .get(id, seq) as { seq: number; op: string; inverse: string; createdAt: string } | undefined;
  return r
    ? {
        seq: r.seq,
        op: JSON.parse(r.op) as StoredOp['op'],
        inverse: JSON.parse(r.inverse) as ScenarioPatch,
        createdAt: r.createdAt,
      }
    : undefined;
}

/** Applies a stored patch (undo: inverse of step pos-1; redo: patch of step pos) and moves the position. */
export function moveHistory(db: Db, id: number, patch: ScenarioPatch, newPos: number): void {
  db.transaction(() => {
    writePatch(db, id, patch);
    db.prepare(`UPDATE scenarios SET history_pos = ? WHERE id = ?`).run(newPos, id);
  }).immediate();
}

export function updateScenarioParams(db: Db, id: number, params: ScenarioParams): void {
  db.prepare(`UPDATE scenarios SET params = ? WHERE id = ?`).run(JSON.stringify(params), id);
}

export function setTerritoryQuotas(
  db: Db,
  id: number,
  quotas: { territoryId: string; quota: number }[],
): void {
  const stmt = db.prepare(
    `UPDATE scenario_territories SET quota = ? WHERE scenario_id = ? AND territory_id = ?`,
  );
  db.transaction(() => {
    for (const q of quotas) stmt.run(q.quota, id, q.territoryId);
  }).immediate();
}

export function childScenarioIds(db: Db, id: number): number[] {
  return db.prepare(`SELECT id FROM scenarios WHERE parent_id = ?`).pluck().all(id) as number[];
}

export function deleteScenarioRow(db: Db, id: number): void {
  db.prepare(`DELETE FROM scenarios WHERE id = ?`).run(id);
}

export type ImportedAlignmentRow = {
  unitKind: 'zip' | 'npi';
  unit: string;
  territoryId: string;
  district: string;
  region: string;
  repId: string;
};

export function readImportedAlignment(db: Db): ImportedAlignmentRow[] {
  return db
    .prepare(
      `SELECT unit_kind AS unitKind, unit, territory_id AS territoryId, district, region, rep_id AS repId FROM alignment_import ORDER BY territory_id, unit`,
    )
    .all() as ImportedAlignmentRow[];
}

export type RepRow = {
  repId: string;
  name: string;
  homeZip: string;
  lat: number | null;
  lon: number | null;
  level: string;
};

export function readReps(db: Db): RepRow[] {
  return db
    .prepare(
      `SELECT rep_id AS repId, name, home_zip AS homeZip, lat, lon, level FROM reps ORDER BY rep_id`,
    )
    .all() as RepRow[];
}
