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
  | 'time-windows';

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
  files: string[];
  /** Data year for claims files; otherwise read from the CMS file name. */
  year?: number;
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
};

export type ImportResult = {
  files: ImportFileResult[];
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
