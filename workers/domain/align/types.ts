// Types of the pure territory-alignment solver (owner: align solver).
// Units are ZIPs or counties (or non-geographic blocks: pinned accounts, a health system kept
// whole). All arrays are indexed by unit unless stated otherwise.

/** Drive minutes between two points; `density` is the destination unit's class 0 rural..3 dense urban. */
export type TravelMinutesFn = (
  aLat: number,
  aLon: number,
  bLat: number,
  bLon: number,
  density: number,
) => number;

export type AlignProblem = {
  count: number;
  ids: string[];
  /** Unit centroids. */
  lat: Float64Array;
  lon: Float64Array;
  /** Composite index contribution per unit; Σ value per territory is balanced to the mean. */
  value: Float64Array;
  /** Workload per unit; weights the travel cost. */
  weightForTravel: Float64Array;
  /** 1 = non-geographic block (pinned accounts / a health system kept whole): no contiguity. */
  floating: Uint8Array;
  /** 0 rural .. 3 dense urban. */
  density: Uint8Array;
  /** CSR adjacency over units; neighbours of u are adjList[adjStart[u] .. adjStart[u+1]). */
  adjStart: Int32Array;
  adjList: Int32Array;
  /** Number of territories. */
  k: number;
  /** Fixed rep home bases (length k), or null to let the solver place territory centres. */
  homes: { lat: Float64Array; lon: Float64Array } | null;
  /** Territory index per unit, or -1 when free (locked units, pinned blocks). */
  fixed: Int32Array;
  /**
   * Centres returned by the previous solution (when `homes` is null). What-if operations keep
   * them for territories they do not touch instead of recomputing every centre (faster, and
   * untouched territories keep exactly the same travel figures).
   */
  centres?: { lat: Float64Array; lon: Float64Array };
  /** Existing alignment for rebalance / what-if operations (territory index per unit). */
  initial?: Int32Array;
  /** Rebalance: start from this assignment (a cheaper plan already found) instead of `initial`; disruption is still measured against `initial`. */
  start?: Int32Array;
  /** Max share of Σ opportunity that may change territory (hard budget), e.g. 0.1. */
  maxDisruption?: number;
  /** Opportunity per unit used to measure disruption; defaults to `value`. */
  opportunity?: Float64Array;
  seed: number;
  travelMinutes: TravelMinutesFn;
  shouldStop?: () => boolean;
  onProgress?: (phase: string, done: number, total: number) => void;
  /** Injected clock (ms); the solver never reads a clock itself. */
  now?: () => number;
  /** With `now`: stop refining after this many ms and return the best so far. */
  deadlineMs?: number;
};

export type InfeasibilityKind =
  | 'indivisible-unit'
  | 'locked-overload'
  | 'lock-conflict'
  | 'disconnected-lock'
  | 'disruption-budget'
  | 'unbalanced'
  | 'invalid-input';

export type Infeasibility = {
  kind: InfeasibilityKind | string;
  message: string;
  territory?: number;
  unit?: number;
  /** How much the blocking constraint exceeds the band, in index units (value). */
  excess?: number;
};

export type AlignSolution = {
  /** Territory index per unit (0..k-1). */
  assignment: Int32Array;
  /** Home base (when given) or placed centre per territory. */
  centersLat: Float64Array;
  centersLon: Float64Array;
  /** Σ value per territory. */
  territoryValue: Float64Array;
  infeasibilities: Infeasibility[];
  iterations: number;
  stoppedEarly: boolean;
  /** Share of Σ opportunity whose territory changed vs `initial` (only when `initial` was given). */
  disruption?: number;
};

/** Territory → district and district → region, from `buildHierarchy`. */
export type AlignHierarchy = {
  /** District index per territory. */
  territoryDistrict: Int32Array;
  /** Region index per district. */
  districtRegion: Int32Array;
  /** Region index per territory (convenience). */
  territoryRegion: Int32Array;
};
