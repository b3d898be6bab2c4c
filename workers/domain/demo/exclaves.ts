// Legacy alignments are drawn on a map by people, so they are mostly contiguous even when their
// ZIP lists came from prefix arithmetic. This pass takes the prefix-block assignment, fills ZIPs
// without accounts from their neighbours (as the baseline scenario does), and hands detached pieces
// of a territory to the territory they border most — a few rounds, within an account budget per
// territory, so the odd exclave (across water, a large second body) survives, as in real legacy
// alignments, and the legacy imbalance is kept.

export type ZipGraph = { start: Int32Array; list: Int32Array };

/** Multi-source breadth-first fill of unassigned (-1) nodes from their assigned neighbours. */
function fill(assign: Int32Array, g: ZipGraph): Int32Array {
  const out = Int32Array.from(assign);
  const queue = new Int32Array(out.length);
  let head = 0;
  let tail = 0;
  for (let u = 0; u < out.length; u++) if (out[u]! >= 0) queue[tail++] = u;
  while (head < tail) {
    const u = queue[head++]!;
    for (let e = g.start[u]!; e < g.start[u + 1]!; e++) {
      const v = g.list[e]!;
      if (out[v]! >= 0) continue;
      out[v] = out[u]!;
      queue[tail++] = v;
    }
  }
  return out;
}

/** Connected pieces of each territory: piece label per node (-1 unassigned) and piece weights. */
function pieces(
  assign: Int32Array,
  g: ZipGraph,
  weight: ArrayLike<number>,
): { label: Int32Array; weight: number[]; territory: number[] } {
  const label = new Int32Array(assign.length).fill(-1);
  const pieceWeight: number[] = [];
  const pieceTerritory: number[] = [];
  const stack: number[] = [];
  for (let s = 0; s < assign.length; s++) {
    if (assign[s]! < 0 || label[s]! >= 0) continue;
    const id = pieceWeight.length;
    let w = 0;
    label[s] = id;
    stack.push(s);
    while (stack.length) {
      const u = stack.pop()!;
      w += weight[u]!;
      for (let e = g.start[u]!; e < g.start[u + 1]!; e++) {
        const v = g.list[e]!;
        if (label[v]! < 0 && assign[v] === assign[s]) {
          label[v] = id;
          stack.push(v);
        }
      }
    }
    pieceWeight.push(w);
    pieceTerritory.push(assign[s]!);
  }
  return { label, weight: pieceWeight, territory: pieceTerritory };
}

/** Accounts a territory may lose, and gain, while pieces move: a share of its original accounts. */
const BUDGET_SHARE = 0.4;

type Budget = {
  lost: Map<number, number>;
  gained: Map<number, number>;
  original: Map<number, number>;
};

/** Territories each piece borders, with the number of shared edges. */
function bordersOf(
  assign: Int32Array,
  g: ZipGraph,
  label: Int32Array,
  movable: (id: number) => boolean,
): Map<number, Map<number, number>> {
  const border = new Map<number, Map<number, number>>();
  for (let u = 0; u < assign.length; u++) {
    const id = label[u]!;
    if (id < 0 || !movable(id)) continue;
    for (let e = g.start[u]!; e < g.start[u + 1]!; e++) {
      const t = assign[g.list[e]!]!;
      if (t < 0 || t === assign[u]) continue;
      let counts = border.get(id);
      if (!counts) border.set(id, (counts = new Map()));
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
  }
  return border;
}

/**
 * One round: detached pieces (not their territory's heaviest), lightest first, join the bordering
 * territory they share most edges with, as long as neither side's account budget is spent — so a
 * territory never loses or gains more than BUDGET_SHARE of its accounts, and the legacy imbalance
 * stays what it was.
 */
function mergeRound(
  assign: Int32Array,
  g: ZipGraph,
  weight: ArrayLike<number>,
  budget: Budget,
): number {
  const p = pieces(assign, g, weight);
  const main = new Map<number, number>();
  p.territory.forEach((t, id) => {
    const best = main.get(t);
    if (best === undefined || p.weight[id]! > p.weight[best]!) main.set(t, id);
  });
  const border = bordersOf(assign, g, p.label, (id) => main.get(p.territory[id]!) !== id);
  const left = (m: Map<number, number>, t: number) =>
    BUDGET_SHARE * budget.original.get(t)! - (m.get(t) ?? 0);
  const target = new Map<number, number>();
  const ids = [...border.keys()].sort((a, b) => p.weight[a]! - p.weight[b]! || a - b);
  for (const id of ids) {
    const w = p.weight[id]!;
    const from = p.territory[id]!;
    if (w > left(budget.lost, from)) continue;
    let best = -1;
    let bestCount = 0;
    for (const [t, c] of border.get(id)!) {
      if (w > left(budget.gained, t)) continue;
      if (c > bestCount || (c === bestCount && t < best)) [best, bestCount] = [t, c];
    }
    if (best < 0) continue;
    target.set(id, best);
    budget.lost.set(from, (budget.lost.get(from) ?? 0) + w);
    budget.gained.set(best, (budget.gained.get(best) ?? 0) + w);
  }
  let moved = 0;
  for (let u = 0; u < assign.length; u++) {
    const t = target.get(p.label[u]!);
    if (t !== undefined) {
      assign[u] = t;
      moved += 1;
    }
  }
  return moved;
}

/**
 * Tidies a ZIP-keyed assignment (territory per ZIP index, -1 for ZIPs without accounts). Returns
 * the new territory of every ZIP that had one; `weight` (accounts per ZIP) decides which piece of a
 * territory is its main body.
 */
export function mergeExclaves(
  assign: Int32Array,
  g: ZipGraph,
  weight: ArrayLike<number>,
  rounds = 4,
): Int32Array {
  const filled = fill(assign, g);
  const original = new Map<number, number>();
  for (let u = 0; u < assign.length; u++)
    if (assign[u]! >= 0) original.set(assign[u]!, (original.get(assign[u]!) ?? 0) + weight[u]!);
  const budget: Budget = { lost: new Map(), gained: new Map(), original };
  for (let r = 0; r < rounds; r++) if (mergeRound(filled, g, weight, budget) === 0) break;
  const out = Int32Array.from(assign);
  for (let u = 0; u < out.length; u++) if (out[u]! >= 0) out[u] = filled[u]!;
  return out;
}
