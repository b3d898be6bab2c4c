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
};

export type UnitChange = { unit: string; from: string; to: string; accounts: number; opportunity: number };
export type Transfer = { from: string; to: string; units: number; accounts: number; tierA: number; opportunity: number };
export type DisruptionTotals = {
  units: { moved: number; total: number };
  accounts: { moved: number; total: number };
  tierA: { moved: number; total: number };
  opportunity: { moved: number; total: number };
};

export type ChangeSet = {
  units: UnitChange[];
  /** Provider indexes of accounts that change territory, and their from/to territory ids. */
  accounts: { provider: Int32Array; from: string[]; to: string[] };
  transfers: Transfer[];
  totals: DisruptionTotals;
};

const NONE = '(unassigned)';

function idOf(side: AlignmentSide, t: number): string {
  return t >= 0 ? (side.territoryIds[t] ?? NONE) : NONE;
}

export function computeChanges(input: ChangeInput): ChangeSet {
  const { baseline, scenario, tier, potential } = input;
  const nUnits = input.unitIds.length;
  const unitAccounts = new Int32Array(nUnits);
  const unitOpportunity = new Float64Array(nUnits);
  const movedProviders: number[] = [];
  const from: string[] = [];
  const to: string[] = [];
  const matrix = new Map<string, Transfer>();
  const cell = (f: string, t: string): Transfer => {
    const key = `${f}\u0000${t}`;
    let c = matrix.get(key);
    if (!c) matrix.set(key, (c = { from: f, to: t, units: 0, accounts: 0, tierA: 0, opportunity: 0 }));
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
    units.push({ unit: id, from: a, to: b, accounts: unitAccounts[u]!, opportunity: unitOpportunity[u]! });
    cell(a, b).units += 1;
  }
  // Units only in the baseline (dropped from the scenario) are changes too.
  for (const [id, t] of baseline.unitTerritory) {
    if (scenario.unitTerritory.has(id)) continue;
    totals.units.total += 1;
    totals.units.moved += 1;
    const a = idOf(baseline, t);
    units.push({ unit: id, from: a, to: NONE, accounts: 0, opportunity: 0 });
    cell(a, NONE).units += 1;
  }
  units.sort((x, y) => y.opportunity - x.opportunity || (x.unit < y.unit ? -1 : 1));
  const transfers = [...matrix.values()].sort((x, y) => y.opportunity - x.opportunity || y.units - x.units);
  return { units, accounts: { provider: Int32Array.from(movedProviders), from, to }, transfers, totals };
}

/** Share moved (0..1) of one disruption measure. */
export function share(m: { moved: number; total: number }): number {
  return m.total > 0 ? m.moved / m.total : 0;
}
