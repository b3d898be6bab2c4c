// Comparing two alignments of the same providers: disruption (share of units, accounts, opportunity
// and Tier A accounts whose territory changes) and the transfer matrix (who gains what from whom).
// Territories are matched by id, so indexes may differ between scenarios.

export type AlignmentView = {
  territoryIds: string[];
  /** Territory index per provider (-1 none). */
  providerTerritory: Int32Array;
  /** Unit ids and territory index per unit. */
  unitIds: string[];
  unitTerritory: Int32Array;
};

export type OpportunityColumns = { accessiblePotential: Float32Array; tier: Uint8Array };

export type DisruptionFigures = { units: number; accounts: number; opportunity: number; tierAAccounts: number };

export type Transfer = { from: string; to: string; units: number; accounts: number; opportunity: number };

const NONE = '(unassigned)';

function idOf(ids: string[], t: number): string {
  return t >= 0 ? (ids[t] ?? NONE) : NONE;
}

/** Unit-level changes; units are matched by id (so ZIP vs county scenarios compare as all-changed only where ids differ). */
function unitChanges(base: AlignmentView, other: AlignmentView, onChange: (from: string, to: string) => void): { changed: number; total: number } {
  const otherIndex = new Map<string, number>();
  other.unitIds.forEach((u, i) => otherIndex.set(u, i));
  let changed = 0;
  let total = 0;
  for (let u = 0; u < base.unitIds.length; u++) {
    const j = otherIndex.get(base.unitIds[u]!);
    const from = idOf(base.territoryIds, base.unitTerritory[u]!);
    const to = j === undefined ? NONE : idOf(other.territoryIds, other.unitTerritory[j]!);
    if (from === NONE && to === NONE) continue;
    total += 1;
    if (from !== to) {
      changed += 1;
      onChange(from, to);
    }
  }
  return { changed, total };
}

export function compareAlignments(base: AlignmentView, other: AlignmentView, s: OpportunityColumns): { disruption: DisruptionFigures; transfers: Transfer[] } {
  const pairs = new Map<string, Transfer>();
  const pair = (from: string, to: string) => {
    const key = `${from}\u0000${to}`;
    let t = pairs.get(key);
    if (!t) pairs.set(key, (t = { from, to, units: 0, accounts: 0, opportunity: 0 }));
    return t;
  };
  const units = unitChanges(base, other, (from, to) => void (pair(from, to).units += 1));
  let accounts = 0;
  let accountsChanged = 0;
  let opp = 0;
  let oppChanged = 0;
  let tierA = 0;
  let tierAChanged = 0;
  for (let p = 0; p < base.providerTerritory.length; p++) {
    const tier = s.tier[p]!;
    const o = s.accessiblePotential[p]!;
    if (tier === 0 && o <= 0) continue;
    const from = idOf(base.territoryIds, base.providerTerritory[p]!);
    const to = idOf(other.territoryIds, other.providerTerritory[p] ?? -1);
    const moved = from !== to;
    opp += o;
    if (tier > 0) accounts += 1;
    if (tier === 1) tierA += 1;
    if (!moved) continue;
    oppChanged += o;
    if (tier > 0) accountsChanged += 1;
    if (tier === 1) tierAChanged += 1;
    const t = pair(from, to);
    if (tier > 0) t.accounts += 1;
    t.opportunity += o;
  }
  const share = (a: number, b: number) => (b > 0 ? a / b : 0);
  const transfers = [...pairs.values()].sort((a, b) => b.opportunity - a.opportunity || b.units - a.units || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  return {
    disruption: {
      units: share(units.changed, units.total),
      accounts: share(accountsChanged, accounts),
      opportunity: share(oppChanged, opp),
      tierAAccounts: share(tierAChanged, tierA),
    },
    transfers,
  };
}
