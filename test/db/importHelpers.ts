// Shared helpers for import/market tests: a fresh workspace, files under a temp folder, one import call.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportRequest, ImportResult } from '../../workers/common/contract';
import type { CallOptions } from '../../workers/common/progress';
import { loadGeoData } from '../../workers/data/geoLoader';
import { runImport } from '../../workers/data/import/pipeline';
import { openWorkspace, type Workspace } from '../../workers/data/workspace';

// Real public-use excerpts (see test/fixtures/real/README.md for their sources), kept in the repo so
// tests run on any clone.
export const REAL = join(__dirname, '..', 'fixtures', 'real');
export const tmpDir = (): string => mkdtempSync(join(tmpdir(), 'tessera-import-'));

export function freshWorkspace(dir = tmpDir()): Workspace {
  return openWorkspace(join(dir, 'w.tessera'), { create: true });
}

export function writeFile(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

export function importInto(
  ws: Workspace,
  request: ImportRequest,
  opts?: CallOptions,
): Promise<ImportResult> {
  return runImport({ db: ws.db, geo: loadGeoData(), request, opts });
}

export function count(ws: Workspace, sql: string, ...args: unknown[]): number {
  return (ws.db.prepare(sql).get(...args) as { n: number }).n;
}

/** A snapshot of everything an import can change, to prove a failed import changed nothing. */
export function snapshot(ws: Workspace): Record<string, number> {
  const tables = [
    'providers',
    'codes',
    'volume_chunks',
    'imports',
    'rejects',
    'affiliations',
    'reps',
    'payments',
    'alignment_import',
  ];
  return Object.fromEntries(tables.map((t) => [t, count(ws, `SELECT count(*) AS n FROM ${t}`)]));
}

export const CMS28 =
  'Rndrng_NPI,Rndrng_Prvdr_Last_Org_Name,Rndrng_Prvdr_First_Name,Rndrng_Prvdr_MI,Rndrng_Prvdr_Crdntls,Rndrng_Prvdr_Ent_Cd,' +
  'Rndrng_Prvdr_St1,Rndrng_Prvdr_St2,Rndrng_Prvdr_City,Rndrng_Prvdr_State_Abrvtn,Rndrng_Prvdr_State_FIPS,Rndrng_Prvdr_Zip5,' +
  'Rndrng_Prvdr_RUCA,Rndrng_Prvdr_RUCA_Desc,Rndrng_Prvdr_Cntry,Rndrng_Prvdr_Type,Rndrng_Prvdr_Mdcr_Prtcptg_Ind,HCPCS_Cd,' +
  'HCPCS_Desc,HCPCS_Drug_Ind,Place_Of_Srvc,Tot_Benes,Tot_Srvcs,Tot_Bene_Day_Srvcs,Avg_Sbmtd_Chrg,Avg_Mdcr_Alowd_Amt,' +
  'Avg_Mdcr_Pymt_Amt,Avg_Mdcr_Stdzd_Amt';

/** One 28-column CMS row. */
export function cmsRow(o: {
  npi: string;
  last?: string;
  zip: string;
  state: string;
  code: string;
  desc?: string;
  pos: 'F' | 'O';
  benes: string;
  srvcs: string;
  pay: string;
  type?: string;
}): string {
  const desc = o.desc ?? `"Procedure ${o.code}, per unit"`;
  return `${o.npi},${o.last ?? 'SMITH'},JOHN,A,M.D.,I,1 MAIN ST,,CITY,${o.state},01,${o.zip},1,"Metropolitan area core: primary flow within an urbanized area of 50,000 and greater",US,${o.type ?? 'Cardiology'},Y,${o.code},${desc},N,${o.pos},${o.benes},${o.srvcs},${o.benes},100,80,${o.pay},70`;
}
