// Procedure (HCPCS/CPT) and diagnosis (ICD-10) codes. Ids are stable: volume chunks store codes.id.
import type { Db } from '../workspace';

export type CodeSystem = 'HCPCS' | 'ICD10';
export type CodeRow = {
  id: number;
  code: string;
  system: CodeSystem;
  description: string;
  drug: number;
};

export type CodeRegistry = {
  /** Returns the id of the code, creating it (or filling an empty description) as needed. */
  idFor(code: string, system: CodeSystem, description: string, drug: boolean): number;
  /** Codes created during this import. */
  readonly created: number;
};

export function codeRegistry(db: Db): CodeRegistry {
  const ids = new Map<string, number>();
  const described = new Set<string>();
  for (const r of db.prepare(`SELECT id, code, description FROM codes`).all() as CodeRow[]) {
    ids.set(r.code, r.id);
    if (r.description !== '') described.add(r.code);
  }
  const insert = db.prepare(
    `INSERT INTO codes (code, system, description, drug) VALUES (?, ?, ?, ?)`,
  );
  const describe = db.prepare(`UPDATE codes SET description = ?, drug = ? WHERE id = ?`);
  let created = 0;
  return {
    idFor(code, system, description, drug) {
      const id = ids.get(code);
      if (id !== undefined) {
        if (description !== '' && !described.has(code)) {
          describe.run(description, drug ? 1 : 0, id);
          described.add(code);
        }
        return id;
      }
      const newId = Number(insert.run(code, system, description, drug ? 1 : 0).lastInsertRowid);
      ids.set(code, newId);
      if (description !== '') described.add(code);
      created += 1;
      return newId;
    },
    get created() {
      return created;
    },
  };
}

export function readCodes(db: Db): CodeRow[] {
  return db
    .prepare(`SELECT id, code, system, description, drug FROM codes ORDER BY id`)
    .all() as CodeRow[];
}

export function codeCount(db: Db): number {
  return (db.prepare(`SELECT count(*) AS n FROM codes`).get() as { n: number }).n;
}
