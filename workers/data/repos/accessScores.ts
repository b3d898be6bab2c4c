// Imported access list: how accessible each provider is to reps (0..1) and no-see flags.
import type { Db } from '../workspace';

export type AccessRow = { npi: number; accessScore: number; noSee: boolean };

export function accessWriter(db: Db): { clear(): void; add(a: AccessRow): void } {
  const ins = db.prepare(
    `INSERT INTO access_scores (npi, access_score, no_see) VALUES (?, ?, ?)
     ON CONFLICT(npi) DO UPDATE SET access_score = excluded.access_score, no_see = excluded.no_see`,
  );
  return {
    clear: () => void db.prepare(`DELETE FROM access_scores`).run(),
    add: (a) => void ins.run(a.npi, a.accessScore, a.noSee ? 1 : 0),
  };
}

export function readAccess(db: Db): AccessRow[] {
  return (
    db.prepare(`SELECT npi, access_score AS s, no_see AS n FROM access_scores`).all() as {
      npi: number;
      s: number;
      n: number;
    }[]
  ).map((r) => ({ npi: r.npi, accessScore: r.s, noSee: r.n === 1 }));
}
