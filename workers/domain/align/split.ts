// Two-territory re-split by region growing: two seeds grow through the unit graph, the side
// further below its target taking its nearest frontier unit each step, so both sides stay
// connected and end close to their targets. Used for pair re-splits of stubborn territories,
// for adding a territory (split where most needed) and for refilling an emptied territory.

import { MinHeap } from './heap';
import { chord2 } from './sphere';
import { lockOf } from './targets';
import type { SolverState } from './state';
import type { AlignProblem } from './types';

export type SplitInput = {
  units: number[];
  sides: [number, number];
  seeds: [number, number];
  targets: [number, number];
};

export function splitUnits(s: SolverState, input: SplitInput): void {
  const { p, g } = s;
  const side = new Map<number, number>();
  for (const u of input.units) side.set(u, -1);
  const heaps: MinHeap[] = [new MinHeap(), new MinHeap()];
  const load = [0, 0];
  const take = (u: number, c: number): void => {
    side.set(u, c);
    load[c]! += p.value[u]!;
    for (let e = g.start[u]!; e < g.start[u + 1]!; e++) {
      const v = g.list[e]!;
      if (side.get(v) === -1 && !p.floating[v])
        heaps[c]!.push(chord2(s.pts, v, s.pts, input.seeds[c === 0 ? 0 : 1]), v);
    }
  };
  for (const u of input.units) {
    const lock = lockOf(s, u);
    const c = lock === input.sides[0] ? 0 : lock === input.sides[1] ? 1 : -1;
    if (c >= 0) take(u, c);
  }
  for (const c of [0, 1]) if (side.get(input.seeds[c]!) === -1) take(input.seeds[c]!, c);
  for (;;) {
    const r0 = load[0]! / input.targets[0];
    const r1 = load[1]! / input.targets[1];
    const order = r0 <= r1 ? [0, 1] : [1, 0];
    let grew = false;
    for (const c of order) {
      const h = heaps[c]!;
      while (h.size > 0) {
        const u = h.pop();
        if (side.get(u) !== -1) continue;
        take(u, c);
        grew = true;
        break;
      }
      if (grew) break;
    }
    if (!grew) break;
  }
  placeFloating(s, input, side, load);
  for (const [u, c] of side) if (c >= 0) s.assign[u] = input.sides[c as 0 | 1];
}

function placeFloating(
  s: SolverState,
  input: SplitInput,
  side: Map<number, number>,
  load: number[],
): void {
  const floating = input.units.filter((u) => side.get(u) === -1 && s.p.floating[u]);
  floating.sort((a, b) => s.p.value[b]! - s.p.value[a]! || a - b);
  for (const u of floating) {
    const c = load[0]! / input.targets[0] <= load[1]! / input.targets[1] ? 0 : 1;
    side.set(u, c);
    load[c]! += s.p.value[u]!;
  }
}

/** Two units of `units` far apart (a diameter estimate): farthest from the first, then from it. */
export function farApart(s: SolverState, units: number[]): [number, number] {
  const geo = units.filter((u) => !s.p.floating[u]);
  const list = geo.length >= 2 ? geo : units;
  const far = (from: number): number => {
    let best = list[0]!;
    let bestD = -1;
    for (const u of list) {
      const d = chord2(s.pts, u, s.pts, from);
      if (d > bestD) {
        bestD = d;
        best = u;
      }
    }
    return best;
  };
  const a = far(list[0]!);
  return [a, far(a)];
}

/** The unit of `units` nearest to a point given in degrees. */
export function nearestUnit(
  p: Pick<AlignProblem, 'lat' | 'lon' | 'floating'>,
  units: number[],
  lat: number,
  lon: number,
): number {
  let best = units[0]!;
  let bestD = Infinity;
  const cos = Math.cos((lat * Math.PI) / 180);
  const hasGeo = units.some((x) => !p.floating[x]);
  for (const u of units) {
    if (p.floating[u] && hasGeo) continue;
    const dx = (p.lon[u]! - lon) * cos;
    const dy = p.lat[u]! - lat;
    const d = dx * dx + dy * dy;
    if (d < bestD) {
      bestD = d;
      best = u;
    }
  }
  return best;
}
