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

export type DisruptionFigures = {
  units: number;
  accounts: number;
  opportunity: number;
  tierAAccounts: number;
};

export type Transfer = {
  from: string;
  to: string;
  units: number;
  accounts: number;
  opportunity: number;
};

const NONE = '(unassigned)';

function idOf(ids: string[], t: number): string {
  return t >= 0 ? (ids[t] ?? NONE) : NONE;
}

/**
 * Territory index in `base` for each territory index of `other`, matched by id; an id `base` does not
 * have maps to -2, which equals no base index (so providers there count as moved). Lets the
 * per-provider loops compare integers instead of id strings (a million providers per edit).
 */
function toBaseIndex(base: AlignmentView, other: AlignmentView): Int32Array {
  const index = new Map(base.territoryIds.map((id, i) => [id, i]));
  return Int32Array.from(other.territoryIds, (id) => index.get(id) ?? -2);
}

/** Unit-level changes; units are matched by id (so ZIP vs county scenarios compare as all-changed only where ids differ). */
function unitChanges(
  base: AlignmentView,
  other: AlignmentView,
  map: Int32Array,
  onChange: (from: string, to: string) => void,
): { changed: number; total: number } {
  // the same unit geometry (the usual case) needs no id matching
  const same = base.unitIds === other.unitIds;
  const otherIndex = same ? null : new Map(other.unitIds.map((u, i) => [u, i]));
  let changed = 0;
  let total = 0;
  for (let u = 0; u < base.unitIds.length; u++) {
    const j = same ? u : otherIndex!.get(base.unitIds[u]!);
    const bt = base.unitTerritory[u]!;
    const ot = j === undefined ? -1 : other.unitTerritory[j]!;
    if (bt < 0 && ot < 0) continue;
    total += 1;
    if (bt === (ot >= 0 ? map[ot]! : -1)) continue;
    const from = idOf(base.territoryIds, bt);
    const to = idOf(other.territoryIds, ot);
    if (from === to) continue;
    changed += 1;
    onChange(from, to);
  }
  return { changed, total };
}

export function compareAlignments(
  base: AlignmentView,
  other: AlignmentView,
  s: OpportunityColumns,
): { disruption: DisruptionFigures; transfers: Transfer[] } {
  const pairs = new Map<string, Transfer>();
  const pair = (from: string, to: string) => {
    const key = `${from}\u0000${to}`;
    let t = pairs.get(key);
    if (!t) pairs.set(key, (t = { from, to, units: 0, accounts: 0, opportunity: 0 }));
    return t;
  };
  const map = toBaseIndex(base, other);
  const units = unitChanges(base, other, map, (from, to) => void (pair(from, to).units += 1));
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
    opp += o;
    if (tier > 0) accounts += 1;
    if (tier === 1) tierA += 1;
    const bt = base.providerTerritory[p]!;
    const ot = other.providerTerritory[p] ?? -1;
    if (bt === (ot >= 0 ? map[ot]! : -1)) continue;
    const from = idOf(base.territoryIds, bt);
    const to = idOf(other.territoryIds, ot);
    if (from === to) continue;
    oppChanged += o;
    if (tier > 0) accountsChanged += 1;
    if (tier === 1) tierAChanged += 1;
    const t = pair(from, to);
    if (tier > 0) t.accounts += 1;
    t.opportunity += o;
  }
  const share = (a: number, b: number) => (b > 0 ? a / b : 0);
  const transfers = [...pairs.values()].sort(
    (a, b) =>
      b.opportunity - a.opportunity ||
      b.units - a.units ||
      a.from.localeCompare(b.from) ||
      a.to.localeCompare(b.to),
  );
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
