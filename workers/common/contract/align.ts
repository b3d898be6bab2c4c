import type { CallOptions } from '../progress';
import type { Result } from '../result';
import type { TravelSource } from './routing';
import type { MarketDefinition, Tier } from './scoring';

export type UnitKind = 'zip' | 'county';

export type TerritoryMetrics = {
  territoryId: string;
  name: string;
  district: string;
  region: string;
  repId: string | null;
  repName: string | null;
  units: number;
  accounts: number;
  tierCounts: Record<Tier, number>;
  potential: number;
  workloadHours: number;
  capacityHours: number;
  index: number;
  /** index ÷ mean index */
  indexRatio: number;
  band: 'within5' | 'withinBand' | 'outside';
  pieces: number;
  travelMeanMin: number;
  travelP90Min: number;
  quota: number;
  /** Plan warnings: the rep's home outside the territory, mean drive above the limit (default 90 min), workload over capacity. */
  warnings?: {
    kind: 'home-outside' | 'long-drive' | 'over-capacity';
    message: string;
    value: number;
  }[];
};

export type Disruption = {
  units: number;
  accounts: number;
  opportunity: number;
  tierAAccounts: number;
};

export type ScenarioMetrics = {
  territories: number;
  units: number;
  within5: number;
  withinBand: number;
  maxMinRatio: number;
  noncontiguous: number;
  travelMeanMin: number;
  travelP90Min: number;
  disruption: Disruption | null;
  /** Constraints that made perfect balance impossible (indivisible units, big systems, locks); excess in index points (100 = average territory). */
  infeasibilities: {
    kind: string;
    message: string;
    territoryId?: string;
    unit?: string;
    excess?: number;
  }[];
  perTerritory: TerritoryMetrics[];
  /** The scenario, its parent (what `disruption` is measured against) and the market scored. */
  scenario?: string;
  parent?: string | null;
  market?: string;
  /** Index weights in effect (after giving the weight of an empty component, e.g. no history year, to the others). */
  indexWeights?: { workload: number; potential: number; history: number; access: number };
  /** Accounts not in any territory (unknown ZIP or unaligned unit) and their share of the national index. */
  unassignedAccounts?: number;
  unassignedIndexShare?: number;
  /** Totals across territories. */
  totals?: {
    accounts: number;
    potential: number;
    workloadHours: number;
    capacityHours: number;
    quota: number;
  };
  /** Territories with at least one entry in `perTerritory[].warnings`, and the mean-drive limit used (minutes). */
  territoryWarnings?: number;
  driveWarnMinutes?: number;
  /** Where the travel figures came from: the workspace's routing server (osrm/valhalla) or the offline model. */
  travelSource?: TravelSource;
  /** Set when some home → account pairs used the offline model although a routing server is set: how many and why. */
  travelWarning?: string | null;
};

export type ScenarioSummary = {
  id: number;
  name: string;
  parent: string | null;
  unitKind: UnitKind;
  /** The market the scenario is scored with (recorded on it; the workspace default for an unmarked scenario). */
  market: string | null;
  territories: number;
  createdAt: string;
  isBaseline: boolean;
  historyLength: number;
};

export type AlignRequest = {
  territories?: number;
  unit?: UnitKind;
  scenario?: string;
  /** Rebalance from this scenario (warm start) instead of building from scratch. */
  from?: string;
  maxDisruption?: number;
  seed?: number;
  market?: string | MarketDefinition;
  indexWeights?: { workload: number; potential: number; history: number; access?: number };
  /**
   * Roster home bases. undefined (default): when the roster has exactly K reps with a home, the
   * territories are built around those homes (reps and territories solved together); true: the
   * same, and an error when the roster does not have K homes; false: ignore the roster (the engine
   * places the territory centres).
   */
  useRoster?: boolean;
  /**
   * With `from`: a disruption frontier — one rebalance per budget (shares of opportunity, e.g.
   * [0.05, 0.1, …, 0.5]), each saved as its own scenario `<scenario>-<budget %>`; the result's
   * `frontier` lists the points (the Balance panel plots it).
   */
  frontier?: number[];
  /** Mean drive from home (minutes) above which a territory carries a 'long-drive' warning (default 90). */
  driveWarnMinutes?: number;
  /** Health systems (ids, or 'all') whose providers must all land in one territory. */
  keepSystemsWhole?: string[] | 'all';
  /** Replace an existing scenario of the same name instead of failing. */
  replace?: boolean;
  /** Districts and regions of the hierarchy built for a from-scratch alignment (defaults: K/8, districts/5). */
  districts?: number;
  regions?: number;
};

/**
 * Where the drive times the alignment solver optimised came from (as opposed to `metrics.travelSource`,
 * which is about the reported home → account figures).
 */
export type AlignTravel = {
  /** The routing server's kind when any pair the solver used came from it, else 'offline'. */
  source: TravelSource;
  /** Set when some or all pairs used the offline model although a server is set: how many and why. */
  warning: string | null;
  /** Home → unit pairs asked of the server (each unit with its few nearest homes) and how many it answered. */
  pairs: number;
  routedPairs: number;
  /** Per density class (rural, suburban, urban, dense urban): server ÷ offline minutes fitted on a
   *  sample of pairs and applied to the offline model while centres move; null when not calibrated. */
  calibration: { pairs: number; factors: number[] } | null;
  /** From scratch: the second pass around the settled homes on road times — units it moved, whether
   *  it was kept (it is dropped if fewer territories would end within ±5 %), and the workload-weighted
   *  mean unit → home road minutes before and after it. */
  refinement?: { moved: number; kept: boolean; minutesBefore: number; minutesAfter: number };
};

export type AlignResult = {
  scenario: string;
  territories: number;
  units: number;
  metrics: ScenarioMetrics;
  seconds: number;
  /** Where the solver's travel costs came from (set by the engine's align). */
  alignTravel?: AlignTravel;
  /** Set for a frontier run (`AlignRequest.frontier`); `scenario`/`metrics` are then the last point's. */
  frontier?: FrontierResult;
};

export type FrontierResult = {
  /** Legacy fragments repaired before any budget is spent: territories in pieces before, disruption it cost. */
  repaired: { fragments: number; disruption: number };
  points: {
    budget: number;
    /** Saved scenario of this point. */
    scenario: string;
    disruption: number;
    within5: number;
    withinBand: number;
    noncontiguous: number;
    travelMeanMin: number;
    /** The budget's own solve was not better, so the previous point's plan was kept (monotone curve). */
    keptPrevious: boolean;
  }[];
  /** Lower bound (share of opportunity) on the disruption any plan needs to bring every territory within ±5 % / into 0.85–1.15. */
  lowerBound: { within5: number; band: number };
};

export type WhatIfOp =
  | { kind: 'moveUnits'; units: string[]; to: string }
  | { kind: 'moveAccounts'; npis: string[]; to: string }
  | { kind: 'lockUnits'; units: string[]; locked: boolean }
  | { kind: 'pinAccounts'; npis: string[]; to: string | null }
  | { kind: 'addRep'; name?: string; homeZip?: string }
  | { kind: 'removeRep'; territoryId: string }
  | {
      kind: 'setWeights';
      weights: { workload: number; potential: number; history: number; access?: number };
    }
  | { kind: 'setMarket'; market: string }
  | { kind: 'rebalanceLocal'; territoryIds: string[] }
  | { kind: 'keepSystemsWhole'; systemIds: string[]; keep: boolean }
  | { kind: 'renameTerritory'; territoryId: string; name?: string; repId?: string | null };

export type WhatIfRequest = {
  scenario: string;
  op: WhatIfOp;
  /** Write the result as a new scenario derived from `scenario` instead of changing it in place. */
  saveAs?: string;
};

export type WhatIfResult = {
  scenario: string;
  changedUnits: string[];
  changedTerritories: string[];
  metrics: ScenarioMetrics;
  historyPosition: number;
  millis: number;
  /** Where the solver's travel costs came from, for operations that re-solve (add/remove rep, local rebalance). */
  alignTravel?: AlignTravel;
};

export type CompareResult = {
  scenarios: string[];
  /** The one market every scenario was scored on for this comparison. */
  market: string;
  perTerritory: {
    territoryId: string;
    values: {
      index: number;
      indexRatio: number;
      potential: number;
      accounts: number;
      workloadHours: number;
    }[];
  }[];
  /** transfer[i] = {from, to, units, accounts, opportunity} between the first scenario and each other. */
  transfers: {
    against: string;
    from: string;
    to: string;
    units: number;
    accounts: number;
    opportunity: number;
  }[];
  disruption: ({ against: string } & Disruption)[];
  metrics: ScenarioMetrics[];
};

export type QuotaRequest = { scenario: string; nationalGoal: number; floor?: number; cap?: number };

export type QuotaResult = {
  territories: { territoryId: string; quota: number }[];
  districts: { district: string; region: string; quota: number; territories: number }[];
  regions: { region: string; quota: number; territories: number }[];
  clampedFloor: number;
  clampedCap: number;
};

export type AlignApi = {
  align(req: AlignRequest, opts?: CallOptions): Promise<Result<AlignResult>>;
  listScenarios(): Promise<Result<ScenarioSummary[]>>;
  /**
   * Metrics of a scenario scored with `market` (a saved market's name or a preset key); without it,
   * with the market the scenario records. The result's `market` and `indexWeights` name what was used.
   */
  scenarioMetrics(req: { scenario: string; market?: string }): Promise<Result<ScenarioMetrics>>;
  deleteScenario(req: { scenario: string }): Promise<Result<{ deleted: string }>>;
  /** Compares on `market` (every scenario re-scored with it); without it, scenarios recorded with different markets are refused (CONFLICT). */
  compareScenarios(req: { scenarios: string[]; market?: string }): Promise<Result<CompareResult>>;
  whatIf(req: WhatIfRequest, opts?: CallOptions): Promise<Result<WhatIfResult>>;
  undo(req: { scenario: string }): Promise<Result<WhatIfResult>>;
  redo(req: { scenario: string }): Promise<Result<WhatIfResult>>;
  setQuota(req: QuotaRequest): Promise<Result<QuotaResult>>;
};
