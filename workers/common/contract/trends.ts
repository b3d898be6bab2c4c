import type { Result } from '../result';
import type { MarketDefinition, Tier } from './scoring';

/**
 * Trend classes of a provider between two claims years (from → to), on the market's volume:
 * - `new`: below `minVolume` in the from-year (or absent), at least `minVolume` in the to-year;
 * - `gone`: at least `minVolume` in the from-year, below it in the to-year (retired, moved away, stopped billing);
 * - `rising` / `falling`: at least `minVolume` in both years and a change of at least `risingShare`
 *   up / `fallingShare` down (shares of the from-year volume);
 * - `stable`: the rest of the providers with at least `minVolume` in both years.
 * Providers below `minVolume` in both years have no class (too little volume to trend).
 */
export type TrendClass = 'new' | 'rising' | 'stable' | 'falling' | 'gone';
export const TREND_CLASSES: readonly TrendClass[] = ['new', 'rising', 'stable', 'falling', 'gone'];

export type TrendThresholds = {
  /** Growth at or above this share of the from-year volume is `rising` (default 0.2 = +20 %). */
  risingShare: number;
  /** A fall at or beyond this share is `falling` (default 0.2 = −20 %). */
  fallingShare: number;
  /** Volume below which a provider does not count as billing the market in a year (default 11: CMS suppresses counts under 11). */
  minVolume: number;
};

export type TrendsFilter = {
  /** Specialties (case-insensitive); empty or absent = all. */
  specialties?: string[];
  /** Tier in the to-year. */
  tiers?: Tier[];
  /** Territory ids of `scenario` (the baseline when no scenario is named). */
  territories?: string[];
  classes?: TrendClass[];
  /** Only the members of this saved cohort. */
  cohort?: string;
};

export type TrendsRequest = {
  market: string | MarketDefinition;
  /** Default: the latest claims year and the one before it that the workspace holds. */
  from?: number;
  to?: number;
  thresholds?: Partial<TrendThresholds>;
  filter?: TrendsFilter;
  /** Scenario whose territories the rows name and the territory filter uses (default: the baseline). */
  scenario?: string;
  /** Rows in each of the risers and fallers lists (default 25, at most 1,000). */
  top?: number;
};

export type TrendRow = {
  npi: string;
  name: string;
  specialty: string;
  city: string;
  state: string;
  zip5: string;
  territory: string | null;
  /** Market volume per year of `years`. */
  volumes: number[];
  /** Accessible potential per year of `years`. */
  potentials: number[];
  /** Tier per year of `years` (null: not tiered that year). */
  tiers: (Tier | null)[];
  change: number;
  /** Compound yearly growth from → to (null when the from-year volume is 0). */
  growthPerYear: number | null;
  trend: TrendClass;
};

export type TrendsResult = {
  market: string;
  /** Every claims year of the workspace between from and to, ascending. */
  years: number[];
  from: number;
  to: number;
  thresholds: TrendThresholds;
  /** Providers matching the filter, per trend class. */
  classes: Record<TrendClass, number>;
  /** Providers matching the filter, tier in the from-year → tier in the to-year ('-' = not tiered). */
  tierChanges: { from: Tier | '-'; to: Tier | '-'; providers: number }[];
  /** Market volume of the filtered providers per year of `years`. */
  volumeByYear: number[];
  risers: TrendRow[];
  fallers: TrendRow[];
  millis: number;
};

export type TrendsApi = {
  /** Provider trends of a market across the workspace's claims years. */
  trends(req: TrendsRequest): Promise<Result<TrendsResult>>;
} & CohortApi &
  RefreshApi;

export type CohortSummary = { name: string; providers: number; source: string; createdAt: string };

export type SaveCohortRequest = {
  name: string;
  /** Exactly one source: NPIs, a CSV/text file of NPIs, or every provider a trends filter keeps. */
  npis?: string[];
  npiFile?: string;
  fromTrends?: TrendsRequest;
  /** Replace a cohort of the same name (otherwise saving an existing name is refused). */
  replace?: boolean;
};

export type SaveCohortResult = CohortSummary & {
  /** NPIs given that the workspace has no provider for (kept in the cohort: a later import may add them). */
  unknownNpis: number;
  /** Lines of an NPI file that were not NPIs, with the reason. */
  rejected: { line: number; reason: string }[];
  duplicates: number;
};

export type CohortTrend = {
  name: string;
  providers: number;
  /** Providers of the cohort with a trend class (billing the market in one of the two years). */
  classed: number;
  volumeByYear: number[];
  growthPerYear: number | null;
  classes: Record<TrendClass, number>;
};

export type CompareCohortsRequest = Omit<TrendsRequest, 'filter' | 'top'> & { cohorts: string[] };

export type CompareCohortsResult = {
  market: string;
  years: number[];
  from: number;
  to: number;
  thresholds: TrendThresholds;
  /** One per cohort asked for, then "everyone else" (every provider in none of them). */
  cohorts: CohortTrend[];
};

export type CohortApi = {
  saveCohort(req: SaveCohortRequest): Promise<Result<SaveCohortResult>>;
  listCohorts(): Promise<Result<CohortSummary[]>>;
  deleteCohort(req: { name: string }): Promise<Result<{ name: string }>>;
  compareCohorts(req: CompareCohortsRequest): Promise<Result<CompareCohortsResult>>;
};

export type RefreshRequest = {
  /** The plan to check (default: the baseline). */
  scenario?: string;
  /** The new data year (default: the latest the workspace holds) and the year the plan was made on (default: the one before). */
  year?: number;
  previousYear?: number;
  /** Default: the scenario's market, else the active market. */
  market?: string | MarketDefinition;
  thresholds?: Partial<TrendThresholds>;
  /** Rows in each account list (default 50, at most 1,000). */
  top?: number;
  /**
   * Also write every account whose tier changed, with the reason, to this CSV (UTF-8 with BOM,
   * CRLF): npi, name, specialty, city, state, zip5, territory, tier_before, tier_after,
   * volume_before, volume_after, reason. For a CRM alert or target-list load.
   */
  alertsFile?: string;
};

export type RefreshAccount = {
  npi: string;
  name: string;
  specialty: string;
  city: string;
  state: string;
  zip5: string;
  territory: string | null;
  tierBefore: Tier | null;
  tierAfter: Tier | null;
  volumeBefore: number;
  volumeAfter: number;
  reason: string;
};

export type RefreshTerritory = {
  territoryId: string;
  name: string;
  repName: string | null;
  indexRatioBefore: number;
  indexRatioAfter: number;
  bandBefore: 'within5' | 'withinBand' | 'outside';
  bandAfter: 'within5' | 'withinBand' | 'outside';
  workloadHoursBefore: number;
  workloadHoursAfter: number;
  capacityHours: number;
};

export type RefreshReport = {
  scenario: string;
  market: string;
  previousYear: number;
  year: number;
  /** The plan's balance on each year's data (within5 and withinBand are shares of territories, 0–1). */
  before: { within5: number; withinBand: number; maxMinRatio: number; territories: number };
  after: { within5: number; withinBand: number; maxMinRatio: number; territories: number };
  /** Tier in the previous year → tier in the new year, over every provider with a trend class. */
  tierChanges: { from: Tier | '-'; to: Tier | '-'; providers: number }[];
  /** Accounts that became Tier A, and Tier A accounts that are no longer A (largest volume change first). */
  newTierA: RefreshAccount[];
  lostTierA: RefreshAccount[];
  newTierACount: number;
  lostTierACount: number;
  /** Territories whose band changed (left ±5 % or the 0.85–1.15 band, or came back), largest move first. */
  territoriesMoved: RefreshTerritory[];
  /** Territories whose call workload now exceeds the rep's annual call capacity (and did not before). */
  overCapacity: RefreshTerritory[];
  /** The alerts file written (with alertsFile): its path and rows. */
  alerts?: { path: string; rows: number };
  /** What this report cannot tell from the workspace, in words. */
  notChecked: string[];
  millis: number;
};

export type RefreshApi = {
  /** What a new data year does to a plan: tier changes, territories out of band, workload over capacity. */
  refreshReport(req: RefreshRequest): Promise<Result<RefreshReport>>;
};
