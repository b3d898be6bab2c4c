// Helpers for the multi-part / container / fuzz import tests: the whole state of a workspace as one
// fingerprint (integrity check + every row of every table an import writes), market totals as
// `tessera market --json` computes them, and DuckDB-written Parquet.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Workspace } from '../../workers/data/workspace';
import { createContext } from '../../workers/engine/runtime/context';
import { marketService } from '../../workers/engine/scoring/marketService';
import { REAL } from './importHelpers';

export const CMS2012 = join(REAL, 'cms-provider-service-cy2012-excerpt.txt');

const TABLES = [
  'providers',
  'codes',
  'volume_chunks',
  'imports',
  'rejects',
  'affiliations',
  'reps',
  'payments',
  'alignment_import',
  'access_scores',
  'time_windows',
  'provider_locations',
];

/** Integrity check plus a hash of every row of every table an import can change (ids and timestamps included). */
export function fingerprint(ws: Workspace): { integrity: string; tables: Record<string, string> } {
  const integrity = (ws.db.pragma('integrity_check', { simple: true }) as string) ?? '';
  const tables: Record<string, string> = {};
  for (const t of TABLES) {
    const h = createHash('sha256');
    for (const row of ws.db
      .prepare(`SELECT * FROM ${t} ORDER BY rowid`)
      .raw()
      .iterate() as Iterable<unknown[]>) {
      h.update(
        JSON.stringify(row, (_k, v) =>
          v && typeof v === 'object' && v.type === 'Buffer'
            ? Buffer.from(v.data).toString('hex')
            : v,
        ),
      );
      h.update('\n');
    }
    tables[t] = h.digest('hex').slice(0, 16);
  }
  return { integrity, tables };
}

/** Market totals over every HCPCS code of the workspace for a year (what `tessera market --json` prints). */
export async function marketTotals(
  ws: Workspace,
  year = 2012,
): Promise<{
  providers: number;
  services: number;
  beneficiaries: number;
  payment: number;
  rows: number;
  byCode: Record<string, [number, number]>;
}> {
  const codes = (
    ws.db.prepare(`SELECT code FROM codes ORDER BY code`).all() as { code: string }[]
  ).map((c) => c.code);
  const ctx = createContext(ws);
  const r = await marketService(ctx).marketSize({ codes, year });
  if (!r.ok) throw new Error(r.error.message);
  const rows = (
    ws.db
      .prepare(`SELECT coalesce(sum(n), 0) AS n FROM volume_chunks WHERE year = ?`)
      .get(year) as { n: number }
  ).n;
  const byCode: Record<string, [number, number]> = {};
  for (const c of r.value.byCode) byCode[c.code] = [c.providers, c.services];
  return {
    providers: r.value.providers,
    services: r.value.services,
    beneficiaries: r.value.beneficiaries,
    payment: r.value.payment,
    rows,
    byCode,
  };
}

export function realLines(): { header: string; rows: string[] } {
  const lines = readFileSync(CMS2012, 'utf8').split('\n');
  return { header: lines[0]!, rows: lines.slice(1).filter((l) => l !== '') };
}

/** Runs SQL statements in an in-memory DuckDB (the dev dependency @duckdb/node-api). */
export async function duckdb(...sql: string[]): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  try {
    for (const s of sql) await con.run(s);
  } finally {
    con.closeSync();
    inst.closeSync();
  }
}

/** A small seeded PRNG (mulberry32) so every random split/mutation is reproducible from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
