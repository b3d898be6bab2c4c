// Keeps territory identities stable across a from-scratch re-alignment: each new territory takes the
// id and name of the parent territory it overlaps most (by opportunity, greedy one-to-one), or of the
// parent territory of the same rep when home bases came from the roster. Disruption and compare then
// speak about the same territories the field knows.
import type { ScenarioState } from '../../domain/scenario/state';
import type { UnitTable } from '../units/units';

export function inheritTerritories(
  state: ScenarioState,
  parent: ScenarioState,
  units: UnitTable,
  byRep: boolean,
): void {
  const pairs: { a: number; b: number; w: number }[] = [];
  const parentIndex = new Map(parent.territories.map((t, i) => [t.id, i]));
  const newIndex = new Map(state.territories.map((t, i) => [t.id, i]));
  if (byRep) {
    const parentByRep = new Map(
      parent.territories.flatMap((t, i) => (t.repId ? [[t.repId, i] as const] : [])),
    );
    state.territories.forEach((t, i) => {
      const j = t.repId ? parentByRep.get(t.repId) : undefined;
      if (j !== undefined) pairs.push({ a: i, b: j, w: 1 });
    });
  } else {
    const overlap = new Map<number, number>();
    for (let u = 0; u < units.count; u++) {
      const id = units.ids[u]!;
      const a = newIndex.get(state.units.get(id) ?? '');
      const b = parentIndex.get(parent.units.get(id) ?? '');
      if (a === undefined || b === undefined) continue;
      const key = a * 1_000_003 + b;
      overlap.set(key, (overlap.get(key) ?? 0) + units.sums.potential[u]! + 1e-9);
    }
    for (const [key, w] of overlap)
      pairs.push({ a: Math.floor(key / 1_000_003), b: key % 1_000_003, w });
    pairs.sort((x, y) => y.w - x.w || x.a - y.a || x.b - y.b);
  }
  const takenA = new Set<number>();
  const takenB = new Set<number>();
  const rename = new Map<string, string>();
  const names = new Map<number, string>();
  for (const { a, b } of pairs) {
    if (takenA.has(a) || takenB.has(b)) continue;
    takenA.add(a);
    takenB.add(b);
    rename.set(state.territories[a]!.id, parent.territories[b]!.id);
    names.set(a, parent.territories[b]!.name);
  }
  const used = new Set(rename.values());
  let next = 1;
  state.territories.forEach((t, i) => {
    if (rename.has(t.id)) return;
    if (!used.has(t.id)) {
      used.add(t.id);
      rename.set(t.id, t.id);
      return;
    }
    while (used.has(`NEW${next}`)) next += 1;
    rename.set(t.id, `NEW${next}`);
    used.add(`NEW${next}`);
    names.set(i, `New territory ${next}`);
  });
  state.territories.forEach((t, i) => {
    t.id = rename.get(t.id)!;
    t.name = names.get(i) ?? t.name;
  });
  for (const [u, t] of state.units) state.units.set(u, rename.get(t) ?? t);
  for (const [s, t] of state.systems) state.systems.set(s, rename.get(t) ?? t);
  for (const [n, t] of state.pins) state.pins.set(n, rename.get(t) ?? t);
}
