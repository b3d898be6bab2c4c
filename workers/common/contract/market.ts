import type { Result } from '../result';

export type GroupBy = 'state' | 'zip' | 'county';

export type MarketSizeRequest = {
  codes: string[];
  by?: GroupBy;
  year?: number;
};

export type MarketTotals = {
  providers: number;
  services: number;
  beneficiaries: number;
  payment: number;
};

export type MarketSizeResult = MarketTotals & {
  codes: string[];
  /** Codes asked for that have no volume in the workspace. */
  unknownCodes: string[];
  year: number | null;
  byCode: ({ code: string; description: string } & MarketTotals)[];
  groups: ({ key: string } & MarketTotals)[];
  millis: number;
};

export type CodeInfo = {
  code: string;
  system: 'HCPCS' | 'ICD10';
  description: string;
  drug: boolean;
  services: number;
  providers: number;
};

export type CodeSearchRequest = { query: string; limit?: number };

export type MarketApi = {
  marketSize(req: MarketSizeRequest): Promise<Result<MarketSizeResult>>;
  searchCodes(req: CodeSearchRequest): Promise<Result<CodeInfo[]>>;
};
