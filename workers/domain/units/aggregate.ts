// Sums provider scores into geography units and builds the composite index (pure, typed arrays).
// Index components: workload hours, accessible potential, history and access difficulty (difficulty ×
// workload hours, so hard-to-see targets weigh more). Each component is divided by its national total
// and weighted, so a unit's index value is its weighted share of the nation, scaled by `scale`.
// A component with no data nationally (e.g. no prior year for history) gives its weight to the others.

export type ProviderScoreInput = {
  accessiblePotential: Float32Array;
  tier: Uint8Array;
  workloadHours: Float32Array;
  history: Float32Array;
  accessDifficulty: Float32Array;
};

export type IndexWeightsInput = {
  workload: number;
  potential: number;
  history: number;
  access?: number;
};

export type UnitSums = {
  count: number;
  /** Providers with a tier (in the market and accessible). */
  accounts: Int32Array;
  workload: Float64Array;
  potential: Float64Array;
  history: Float64Array;
  access: Float64Array;
  /** Accounts by tier: [A, B, C] per unit, stride 3. */
  tierCounts: Int32Array;
};

export function aggregateUnits(
  providerUnit: Int32Array,
  unitCount: number,
  s: ProviderScoreInput,
): UnitSums {
  const out: UnitSums = {
    count: unitCount,
    accounts: new Int32Array(unitCount),
    workload: new Float64Array(unitCount),
    potential: new Float64Array(unitCount),
    history: new Float64Array(unitCount),
    access: new Float64Array(unitCount),
    tierCounts: new Int32Array(unitCount * 3),
  };
  for (let p = 0; p < providerUnit.length; p++) {
    const u = providerUnit[p]!;
    if (u < 0) continue;
    const t = s.tier[p]!;
    const w = s.workloadHours[p]!;
    out.potential[u] = out.potential[u]! + s.accessiblePotential[p]!;
    out.history[u] = out.history[u]! + s.history[p]!;
    if (t === 0) continue;
    out.accounts[u] = out.accounts[u]! + 1;
    out.tierCounts[u * 3 + t - 1] = out.tierCounts[u * 3 + t - 1]! + 1;
    out.workload[u] = out.workload[u]! + w;
    out.access[u] = out.access[u]! + s.accessDifficulty[p]! * w;
  }
  return out;
}

/** Multipliers per component: value = a·workload + b·potential + c·history + d·access. */
export type IndexFactors = {
  workload: number;
  potential: number;
  history: number;
  access: number;
  effectiveWeights: Required<IndexWeightsInput>;
};

export function indexFactors(
  totals: { workload: number; potential: number; history: number; access: number },
  weights: IndexWeightsInput,
  scale: number,
): IndexFactors {
  const w = {
    workload: weights.workload,
    potential: weights.potential,
    history: weights.history,
    access: weights.access ?? 0,
  };
  const keys = ['workload', 'potential', 'history', 'access'] as const;
  let live = 0;
  for (const k of keys) if (totals[k] > 0) live += w[k];
  let all = 0;
  for (const k of keys) all += w[k];
  const eff = { workload: 0, potential: 0, history: 0, access: 0 };
  for (const k of keys) eff[k] = totals[k] > 0 && live > 0 ? (w[k] * all) / live / (all || 1) : 0;
  const f = (k: (typeof keys)[number]) => (totals[k] > 0 ? (eff[k] * scale) / totals[k] : 0);
  return {
    workload: f('workload'),
    potential: f('potential'),
    history: f('history'),
    access: f('access'),
    effectiveWeights: eff,
  };
}

export function sumColumn(a: Float64Array | Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

/** Composite index value per unit. */
export function unitValues(sums: UnitSums, f: IndexFactors): Float64Array {
  const v = new Float64Array(sums.count);
  for (let u = 0; u < sums.count; u++) {
    v[u] =
      f.workload * sums.workload[u]! +
      f.potential * sums.potential[u]! +
      f.history * sums.history[u]! +
      f.access * sums.access[u]!;
  }
  return v;
}

/** Composite index value per provider (same factors), for pinned accounts, systems and metrics. */
export function providerValues(s: ProviderScoreInput, f: IndexFactors): Float64Array {
  const n = s.tier.length;
  const v = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const w = s.tier[p]! > 0 ? s.workloadHours[p]! : 0;
    v[p] =
      f.workload * w +
      f.potential * s.accessiblePotential[p]! +
      f.history * s.history[p]! +
      f.access * s.accessDifficulty[p]! * w;
  }
  return v;
}

export function componentTotals(s: ProviderScoreInput): {
  workload: number;
  potential: number;
  history: number;
  access: number;
} {
  let workload = 0;
  let potential = 0;
  let history = 0;
  let access = 0;
  for (let p = 0; p < s.tier.length; p++) {
    potential += s.accessiblePotential[p]!;
    history += s.history[p]!;
    if (s.tier[p] === 0) continue;
    workload += s.workloadHours[p]!;
    access += s.accessDifficulty[p]! * s.workloadHours[p]!;
  }
  return { workload, potential, history, access };
}
