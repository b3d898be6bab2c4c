// What changes territory between a baseline (or the parent scenario) and the exported scenario:
// every ZIP/county and every account that moves, from → to, the opportunity moved, a transfer matrix
// (who gains what from whom) and disruption totals. Territories are compared by id.

export type AlignmentSide = {
  territoryIds: readonly string[];
  /** Unit id → territory index. */
  unitTerritory: ReadonlyMap<string, number>;
  /** Territory index per provider (ProviderColumns indexing), -1 none. */
  providerTerritory: Int32Array;
};

export type ChangeInput = {
  baseline: AlignmentSide;
  scenario: AlignmentSide;
  /** Scenario unit ids, in a stable order, and each provider's unit index (-1 unknown). */
  unitIds: readonly string[];
  providerUnit: Int32Array;
  tier: Uint8Array;
  potential: Float32Array;
  /** Why an account moved: pins and kept-whole health systems on each side (provider index). */
  why?: {
    pinned(p: number): boolean;
    keptWhole(p: number): boolean;
    basePinned(p: number): boolean;
    baseKeptWhole(p: number): boolean;
  };
};

/**
 * Why something changed territory, first match wins: the territory it went to is new (rep added) or
 * the one it left is gone (rep removed); the account is pinned; its health system is kept whole; its
 * ZIP moved; a pin or kept-whole system of the baseline was released (the account returned to its ZIP's territory).
 */
export type ChangeReason =
  | 'rep-added'
  | 'rep-removed'
  | 'pinned'
  | 'system-kept-whole'
  | 'zip-moved'
  | 'pin-released'
  | 'system-released'
  | 'other';

export const REASON_TEXT: Record<ChangeReason, string> = {
  'rep-added': 'Rep added (new territory)',
  'rep-removed': 'Rep removed (territory closed)',
  pinned: 'Account pinned',
  'system-kept-whole': 'Health system kept whole',
  'zip-moved': 'ZIP moved',
  'pin-released': 'Pin released (follows its ZIP)',
  'system-released': 'System no longer kept whole (follows its ZIP)',
  other: 'Reassigned',
};

export type UnitChange = {
  unit: string;
  from: string;
  to: string;
  accounts: number;
  opportunity: number;
  reason: ChangeReason;
};
export type Transfer = {
  from: string;
  to: string;
  units: number;
  accounts: number;
  tierA: number;
  opportunity: number;
};
export type DisruptionTotals = {
  units: { moved: number; total: number };
  accounts: { moved: number; total: number };
  tierA: { moved: number; total: number };
  opportunity: { moved: number; total: number };
};

export type ChangeSet = {
  units: UnitChange[];
  /** Provider indexes of accounts that change territory, their from/to territory ids and the reason. */
  accounts: { provider: Int32Array; from: string[]; to: string[]; reason: ChangeReason[] };
  transfers: Transfer[];
  totals: DisruptionTotals;
};

const NONE = '(unassigned)';

function idOf(side: AlignmentSide, t: number): string {
  return t >= 0 ? (side.territoryIds[t] ?? NONE) : NONE;
}

export function computeChanges(input: ChangeInput): ChangeSet {
  const { baseline, scenario, tier, potential, why } = input;
  const nUnits = input.unitIds.length;
  const baseIds = new Set(baseline.territoryIds);
  const scenarioIds = new Set(scenario.territoryIds);
  const territoryReason = (a: string, b: string): ChangeReason | null =>
    b !== NONE && !baseIds.has(b)
      ? 'rep-added'
      : a !== NONE && !scenarioIds.has(a)
        ? 'rep-removed'
        : null;
  const unitMoved = (u: number): boolean => {
    if (u < 0) return false;
    const id = input.unitIds[u]!;
    return (
      idOf(baseline, baseline.unitTerritory.get(id) ?? -1) !==
      idOf(scenario, scenario.unitTerritory.get(id) ?? -1)
    );
  };
  const accountReason = (p: number, a: string, b: string, u: number): ChangeReason =>
    territoryReason(a, b) ??
    (why?.pinned(p)
      ? 'pinned'
      : why?.keptWhole(p)
        ? 'system-kept-whole'
        : unitMoved(u)
          ? 'zip-moved'
          : why?.basePinned(p)
            ? 'pin-released'
            : why?.baseKeptWhole(p)
              ? 'system-released'
              : 'other');
  const reasons: ChangeReason[] = [];
  const unitAccounts = new Int32Array(nUnits);
  const unitOpportunity = new Float64Array(nUnits);
  const movedProviders: number[] = [];
  const from: string[] = [];
  const to: string[] = [];
  const matrix = new Map<string, Transfer>();
  const cell = (f: string, t: string): Transfer => {
    const key = `${f}\u0000${t}`;
    let c = matrix.get(key);
    if (!c)
      matrix.set(key, (c = { from: f, to: t, units: 0, accounts: 0, tierA: 0, opportunity: 0 }));
    return c;
  };
  const totals: DisruptionTotals = {
    units: { moved: 0, total: 0 },
    accounts: { moved: 0, total: 0 },
    tierA: { moved: 0, total: 0 },
    opportunity: { moved: 0, total: 0 },
  };
  for (let p = 0; p < tier.length; p++) {
    if (tier[p] === 0) continue;
    const a = idOf(baseline, baseline.providerTerritory[p] ?? -1);
    const b = idOf(scenario, scenario.providerTerritory[p] ?? -1);
    if (a === NONE && b === NONE) continue;
    const v = potential[p]!;
    const u = input.providerUnit[p] ?? -1;
    if (u >= 0) {
      unitAccounts[u] = unitAccounts[u]! + 1;
      unitOpportunity[u] = unitOpportunity[u]! + v;
    }
    totals.accounts.total += 1;
    totals.opportunity.total += v;
    if (tier[p] === 1) totals.tierA.total += 1;
    if (a === b) continue;
    movedProviders.push(p);
    from.push(a);
    to.push(b);
    reasons.push(accountReason(p, a, b, u));
    totals.accounts.moved += 1;
    totals.opportunity.moved += v;
    if (tier[p] === 1) totals.tierA.moved += 1;
    const c = cell(a, b);
    c.accounts += 1;
    c.opportunity += v;
    if (tier[p] === 1) c.tierA += 1;
  }
  const units: UnitChange[] = [];
  for (let u = 0; u < nUnits; u++) {
    const id = input.unitIds[u]!;
    const a = idOf(baseline, baseline.unitTerritory.get(id) ?? -1);
    const b = idOf(scenario, scenario.unitTerritory.get(id) ?? -1);
    totals.units.total += 1;
    if (a === b) continue;
    totals.units.moved += 1;
    units.push({
      unit: id,
      from: a,
      to: b,
      accounts: unitAccounts[u]!,
      opportunity: unitOpportunity[u]!,
      reason: territoryReason(a, b) ?? 'zip-moved',
    });
    cell(a, b).units += 1;
  }
  // Units only in the baseline (dropped from the scenario) are changes too.
  for (const [id, t] of baseline.unitTerritory) {
    if (scenario.unitTerritory.has(id)) continue;
    totals.units.total += 1;
    totals.units.moved += 1;
    const a = idOf(baseline, t);
    units.push({
      unit: id,
      from: a,
      to: NONE,
      accounts: 0,
      opportunity: 0,
      reason: territoryReason(a, NONE) ?? 'zip-moved',
    });
    cell(a, NONE).units += 1;
  }
  units.sort((x, y) => y.opportunity - x.opportunity || (x.unit < y.unit ? -1 : 1));
  const transfers = [...matrix.values()].sort(
    (x, y) => y.opportunity - x.opportunity || y.units - x.units,
  );
  return {
    units,
    accounts: { provider: Int32Array.from(movedProviders), from, to, reason: reasons },
    transfers,
    totals,
  };
}

/** Share moved (0..1) of one disruption measure. */
export function share(m: { moved: number; total: number }): number {
  return m.total > 0 ? m.moved / m.total : 0;
}
