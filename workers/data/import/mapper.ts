// What a per-format row mapper gets and returns. A mapper turns scanned records into repository
// writes; the pipeline owns reading, counting, rejects, progress and the transaction.
import type { ImportFormat } from '../../common/contract';
import type { GeoData } from '../geo';
import type { CodeRegistry } from '../repos/codes';
import type { Db } from '../workspace';
import { isDataYear, type DecodeState, type HeaderIndex } from './fields';
import type { Geocoder } from './geocode';
import type { RecordFields } from './scanner';

export type ImportEnv = {
  db: Db;
  importId: number;
  path: string;
  format: ImportFormat;
  header: HeaderIndex;
  /** Year from --year or the file name; null when neither gave one. */
  year: number | null;
  geo: GeoData;
  geocoder: Geocoder;
  codes: CodeRegistry;
  decode: DecodeState;
  /** --append: add to what the workspace holds for this source instead of replacing it. */
  append: boolean;
  /** The parts of this source (file names as shown in messages) and the one being read. */
  parts: { names: string[]; current: number };
  /** State shared by the sources of one import call (the Open Payments profile ID → NPI map). */
  shared: { profileNpi?: Map<string, number> };
};

/** Returned by row(): undefined = imported, SKIP = not a data row (copyright line), else a reject reason. */
export const SKIP = '\u0000skip';
export type RowOutcome = string | undefined;

export type MapperResult = {
  /** Providers created or updated. */
  providers: number;
  /** Data years the file contributed (volumes, payments); null entries are not used. */
  years: number[];
  /**
   * What a re-import of this source replaces: volume records of the same family and years, or a
   * whole table (the mapper already cleared it at the start).
   */
  replaces:
    { kind: 'volumes'; family: string } | { kind: 'source'; sourceKey: string } | { kind: 'none' };
};

export type RowMapper = {
  row(f: RecordFields): RowOutcome;
  finish(): MapperResult;
};

export type MapperFactory = (env: ImportEnv) => RowMapper;

/** Data year from a CMS/Open Payments file name: `_D22_` → 2022, `CY2012` → 2012, `PGYR2021` → 2021. */
export function yearFromFileName(path: string): number | null {
  const segments = path.split(/[\\/]/);
  const own = yearInName(segments[segments.length - 1] ?? path);
  if (own !== null) return own;
  // a Hive-style partition folder, as Spark/DuckDB/BigQuery write them: …/year=2022/part-0.parquet
  const hive = /(?:^|[\\/])(?:year|data_year|yr)=((?:19|20)\d{2})(?=[\\/])/i.exec(path);
  if (hive && isDataYear(Number(hive[1]))) return Number(hive[1]);
  // the folder of part files named like the CMS file (…/MUP_PHY_R24_P05_V10_D22_Prov_Svc/part-0.parquet)
  return segments.length > 1 ? yearInName(segments[segments.length - 2]!) : null;
}

function yearInName(name: string): number | null {
  const d = /(?:^|[_\-. ])D(\d{2})(?=[_\-. ]|$)/i.exec(name);
  if (d && isDataYear(2000 + Number(d[1]))) return 2000 + Number(d[1]);
  const cy = /(?:CY|PGYR|DY)[_-]?((?:19|20)\d{2})/i.exec(name);
  if (cy && isDataYear(Number(cy[1]))) return Number(cy[1]);
  return null;
}

export function fieldCountReason(f: RecordFields, expected: number): string | undefined {
  if (f.unterminated)
    return `a quote opens a field that does not close on this line (a stray or unterminated quote); this line was rejected and reading resumed on the next line`;
  if (f.n === expected) return undefined;
  const hint =
    f.n < expected ? ' (truncated or cut-off line?)' : ' (unquoted delimiter inside a value?)';
  return `has ${f.n} fields, expected ${expected}${hint}`;
}
