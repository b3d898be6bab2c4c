import type { CallOptions } from '../progress';
import type { Result } from '../result';

export type ExportRequest = {
  scenario: string;
  outDir: string;
  /** Scenario to list changes against; default the scenario's parent, else the workspace baseline. */
  baseline?: string;
  /** Include the week's route plan in every rep pack (default true). */
  routes?: boolean;
  /** Render a territory map into every rep pack (default true). */
  maps?: boolean;
  /** CRM load files in crm/<profile>/ (Salesforce ETM, Veeva CRM, or generic spreadsheet CSVs). */
  crm?: 'salesforce' | 'veeva' | 'generic';
  /** API name of the Account external-ID field that holds the NPI (default NPI__c; Veeva NPI_vod__c). */
  accountKey?: string;
  /** User field the roster's rep_id is matched on (default FederationIdentifier). */
  userKey?: 'FederationIdentifier' | 'Email' | 'Username';
  /** DeveloperName of the Territory2Type the territories get (default Tessera_Territory). */
  territoryType?: string;
};

/** One file written; `path` is relative to the output folder; `rows` are data rows per sheet (or per file). */
export type ExportedFile = { path: string; bytes: number; rows: Record<string, number> };

export type ExportTotals = {
  territories: number;
  /** Geography units (ZIPs or counties) aligned to a territory. */
  zips: number;
  accounts: number;
  potential: number;
  /** Units moved + accounts moved against the baseline/parent (0 when nothing changed or no comparison). */
  changes: number;
  unitsMoved: number;
  accountsMoved: number;
  tierA: number;
  tierB: number;
  tierC: number;
  workloadHours: number;
  quota: number;
  packs: number;
  /** Scenario the changes are listed against, null when there was nothing to compare with. */
  against: string | null;
};

export type ExportResult = {
  scenario: string;
  outDir: string;
  files: ExportedFile[];
  totals: ExportTotals;
  seconds: number;
};

export type ExportApi = {
  exportScenario(req: ExportRequest, opts?: CallOptions): Promise<Result<ExportResult>>;
};
