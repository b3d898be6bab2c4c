// Contiguity repair: every territory keeps its main piece (the one with the most locked
// value, then the most value); every other piece is handed, whole, to the adjacent territory
// that is furthest below its target. Floating blocks are exempt.

import { lockOf } from './targets';
import { recomputeLoads, type SolverState } from './state';

export type Piece = { territory: number; units: number[]; value: number; locked: number };

/** Pieces (connected components) of every territory over the bridged unit graph. */
export function territoryPieces(s: SolverState, only?: Uint8Array): Piece[][] {
  const { n, g, assign, p } = s;
  const pieces: Piece[][] = Array.from({ length: s.k }, () => []);
  const seen = new Uint8Array(n);
  const stack: number[] = [];
  for (let u0 = 0; u0 < n; u0++) {
    const t = assign[u0]!;
    if (seen[u0] || p.floating[u0] || t < 0 || (only && !only[t])) continue;
    const piece: Piece = { territory: t, units: [], value: 0, locked: 0 };
    seen[u0] = 1;
    stack.push(u0);
    while (stack.length > 0) {
      const u = stack.pop()!;
      piece.units.push(u);
      piece.value += p.value[u]!;
      if (lockOf(s, u) >= 0) piece.locked += p.value[u]! + 1e-9;
      for (let e = g.start[u]!; e < g.start[u + 1]!; e++) {
        const v = g.list[e]!;
        if (!seen[v] && assign[v] === t && !p.floating[v]) {
          seen[v] = 1;
          stack.push(v);
        }
      }
    }
    pieces[t]!.push(piece);
  }
  return pieces;
}

/** Repairs until every territory is one piece or no piece can move; returns pieces left over. */
export function repairContiguity(s: SolverState, only?: Uint8Array): number {
  let left = 0;
  for (let round = 0; round < 20; round++) {
    recomputeLoads(s);
    const pieces = territoryPieces(s, only);
    let moved = 0;
    left = 0;
    for (const list of pieces) {
      if (list.length <= 1) continue;
      list.sort((a, b) => b.locked - a.locked || b.value - a.value || a.units[0]! - b.units[0]!);
      for (let i = 1; i < list.length; i++) {
        const piece = list[i]!;
        if (piece.locked > 0) {
          left++;
          continue;
        }
        const to = bestNeighbourTerritory(s, piece, only);
        if (to < 0) {
          left++;
          continue;
        }
        for (const u of piece.units) s.assign[u] = to;
        s.load[piece.territory]! -= piece.value;
        s.load[to]! += piece.value;
        moved++;
      }
    }
    if (moved === 0) break;
  }
  recomputeLoads(s);
  return left;
}

function bestNeighbourTerritory(s: SolverState, piece: Piece, only?: Uint8Array): number {
  const { g, assign } = s;
  const shared = new Map<number, number>();
  for (const u of piece.units) {
    for (let e = g.start[u]!; e < g.start[u + 1]!; e++) {
      const t = assign[g.list[e]!]!;
      if (t === piece.territory || t < 0 || (only && !only[t])) continue;
      shared.set(t, (shared.get(t) ?? 0) + 1);
    }
  }
  let best = -1;
  let bestScore = Infinity;
  for (const [t, edges] of shared) {
    // Prefer the most under-target neighbour; a long shared border breaks near-ties.
    const score = (s.load[t]! + piece.value) / s.target[t]! - 0.001 * edges;
    if (score < bestScore || (score === bestScore && t < best)) {
      bestScore = score;
      best = t;
    }
  }
  return best;
}
