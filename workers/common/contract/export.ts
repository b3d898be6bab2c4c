import type { CallOptions } from '../progress';
import type { Result } from '../result';

export type ExportRequest = { scenario: string; outDir: string; baseline?: string };

export type ExportedFile = { path: string; bytes: number; rows: Record<string, number> };

export type ExportResult = {
  scenario: string;
  outDir: string;
  files: ExportedFile[];
  totals: { territories: number; zips: number; accounts: number; potential: number; changes: number };
  seconds: number;
};

export type ExportApi = {
  exportScenario(req: ExportRequest, opts?: CallOptions): Promise<Result<ExportResult>>;
};
