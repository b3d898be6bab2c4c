import type { CallOptions } from '../progress';
import type { Result } from '../result';

export type ImportFormat =
  | 'cms-provider-service'
  | 'cms-provider-service-2012'
  | 'nppes'
  | 'nppes-pl'
  | 'open-payments'
  | 'affiliations'
  | 'roster'
  | 'alignment'
  | 'diagnosis'
  | 'access'
  | 'time-windows'
  | 'zip-county'
  | 'open-payments-profiles';

export type ImportRecord = {
  id: number;
  path: string;
  format: ImportFormat;
  year: number | null;
  rows: number;
  imported: number;
  rejected: number;
  seconds: number;
  importedAt: string;
};

export type WorkspaceInfo = {
  path: string;
  schemaVersion: number;
  /** True when the workspace holds the generated demo data rather than real claims. */
  synthetic: boolean;
  providers: number;
  geocodedProviders: number;
  codes: number;
  volumeRows: number;
  years: number[];
  reps: number;
  affiliations: number;
  scenarios: number;
  imports: ImportRecord[];
};

export type ImportRequest = {
  /** Files, folders of part files (Spark style) or globs; all parts of one format and year are one source. */
  files: string[];
  /** Data year for claims files; otherwise read from the CMS file name. */
  year?: number;
  /** Add to what the workspace holds for each source's family/year instead of replacing it. */
  append?: boolean;
  /** Replace even when the new data barely overlaps (or is much smaller than) what it replaces. */
  replace?: boolean;
  /** Worksheet of an .xlsx input (default: the first). */
  sheet?: string;
};

export type RejectedRow = { file: string; line: number; reason: string; raw: string };

export type ImportFileResult = {
  path: string;
  format: ImportFormat;
  year: number | null;
  rows: number;
  imported: number;
  rejected: number;
  seconds: number;
  /** Providers created or updated by this file. */
  providers: number;
  /** ZIPs that could not be geocoded to a centroid (first few), with the total count. */
  ungeocodedZips: { count: number; sample: string[] };
  /** First rejected rows, for display. */
  firstRejects: RejectedRow[];
  /** Deactivated NPIs skipped (NPPES), or copyright/footer rows skipped (CMS). */
  skipped: number;
  encoding: 'utf-8' | 'windows-1252';
  /** Physical lines of the part (header included); every one is a header, record line, blank or repeated header. */
  lines: number;
  blankLines: number;
  /** Lines that continue a record whose quoted field holds a line break (an address on two lines). */
  continuationLines: number;
  /** The header line found again inside the data (parts concatenated with their headers), skipped. */
  repeatedHeaders: number;
  /** Whether the part had its own header line (later parts of a split may not). */
  hasHeader: boolean;
  /** Rejected as a repeat of an earlier row's natural key (included in rejected). */
  duplicates: number;
  /** Index into ImportResult.sources. */
  source: number;
  /** How the part was read: text, gzip, zip-entry, parquet, xlsx. */
  container: 'text' | 'gzip' | 'zip-entry' | 'parquet' | 'xlsx';
};

/** What one family/year holds: volume rows, distinct providers, summed services (or a table's rows). */
export type ImportHolding = {
  year: number | null;
  rows: number;
  providers: number;
  services: number;
};

/** One source: every part of one format and data year named in the call, imported as a whole. */
export type ImportSourceResult = {
  format: ImportFormat;
  label: string;
  parts: number;
  years: number[];
  mode: 'replace' | 'append';
  read: { rows: number; imported: number; rejected: number; duplicates: number };
  /** What the replace removed (null for an append or a first import). */
  replaced: ImportHolding[] | null;
  /** What the workspace holds for this family and year(s) after the import. */
  holds: ImportHolding[];
};

export type ImportResult = {
  files: ImportFileResult[];
  sources: ImportSourceResult[];
  providers: number;
  codes: number;
  rows: number;
  rejected: number;
};

export type RejectsRequest = { importId?: number; limit?: number; offset?: number };

export type WorkspaceApi = {
  info(): Promise<Result<WorkspaceInfo>>;
  /**
   * Moves on whenever another process wrote to the workspace file (PRAGMA data_version); the engine
   * has then dropped its caches. The workstation polls it and refreshes every view on a change.
   */
  dataVersion(): Promise<Result<{ version: number }>>;
  importFiles(req: ImportRequest, opts?: CallOptions): Promise<Result<ImportResult>>;
  rejects(req: RejectsRequest): Promise<Result<{ total: number; rows: RejectedRow[] }>>;
};
