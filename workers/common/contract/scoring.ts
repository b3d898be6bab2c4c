import type { Result } from '../result';

export type VolumeMeasure = 'services' | 'beneficiaries' | 'payment';
export type Tier = 'A' | 'B' | 'C';

/** A saved, named market definition. Validated with zod in the engine (see domain/market). */
export type MarketDefinition = {
  name: string;
  preset?: 'medtech' | 'pharma';
  /**
   * Code sets with weights; codes are CPT/HCPCS or ICD-10 (diagnosis volumes). A trailing `*` matches
   * a prefix (`E11*`), `*` alone every code. A code in several sets takes the largest weight.
   */
  codeSets: { name: string; codes: string[]; weight: number }[];
  measure: VolumeMeasure;
  year?: number;
  /** Multipliers by site of care. */
  siteOfCare: { facility: number; office: number };
  /** Only providers whose specialty matches one of these (case-insensitive); empty = all. */
  specialties: string[];
  /** Access adjustment: imported access scores (0–1) multiply potential; no-see providers get this factor. */
  access: { useImportedScores: boolean; noSeeFactor: number };
  /** Providers paid by these manufacturers (Open Payments) have potential multiplied by (1 - discount). */
  competitorLockIn: { manufacturers: string[]; discount: number };
  /** Health systems (IDN) that are contracted away: their providers get zero accessible potential. */
  lockedOutSystems: string[];
  tiers: { aShare: number; bShare: number };
  callsPerYear: Record<Tier, number>;
  callMinutes: Record<Tier, number>;
  /** Call hours a rep can cover per year (workload vs capacity); default 1,200. */
  capacityHours?: number;
  /** Composite index weights (normalised to sum 1). */
  indexWeights: { workload: number; potential: number; history: number; access: number };
};

export type ScoreSummary = {
  market: string;
  providers: number;
  scoredProviders: number;
  totalPotential: number;
  accessiblePotential: number;
  tiers: Record<Tier, { providers: number; potential: number; workloadHours: number }>;
  thresholds: { a: number; b: number };
  millis: number;
  /** Claims year scored, and the earlier year the history component comes from (null: none recent enough). */
  year: number | null;
  historyYear: number | null;
  /** Market codes with no volume in the workspace. */
  unmatchedCodes: string[];
};

export type ScoringApi = {
  /** Saves under `def.name`, replacing a saved market of that name; a preset's name is refused (CONFLICT). */
  saveMarket(def: MarketDefinition): Promise<Result<{ name: string }>>;
  /** Renames a saved market; scenarios that record it follow. */
  renameMarket(req: { from: string; to: string }): Promise<Result<{ name: string }>>;
  listMarkets(): Promise<Result<MarketDefinition[]>>;
  getMarket(req: { name: string }): Promise<Result<MarketDefinition>>;
  /** Scores every provider for a market (a saved name, an unsaved definition, or '' for the workspace's default). */
  score(req: { market: string | MarketDefinition }): Promise<Result<ScoreSummary>>;
};
