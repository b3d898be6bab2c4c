// Sequences one day: exact for <= EXACT_LIMIT stops, heuristic above. Stops that cannot be served
// are never dropped silently: each one comes back with the reason (a window that cannot be met from
// the start point, or a day that is full), lowest tier dropped first.
import { hhmm, type DayProblem } from './dayProblem';
import { EXACT_LIMIT, solveExact } from './exact';
import { solveHeuristic } from './localSearch';
import { createRng } from './rng';
import { driveArrive, EPS, evaluate, lastLate, serviceStart } from './timeline';

export type DropReason = { node: number; kind: 'window' | 'day-full'; reason: string };

export type DaySolution = {
  order: number[];
  dropped: DropReason[];
  /** True when the order is proven minimum-drive (exact solver). */
  exact: boolean;
};

export type SolveDayOptions = { seed?: number; kicks?: number; exactLimit?: number };

function windowsText(p: DayProblem, node: number): string {
  const parts: string[] = [];
  for (let w = p.winOffset[node]!; w < p.winOffset[node + 1]!; w++) {
    parts.push(`${hhmm(p.winOpen[w]!)}–${hhmm(p.winClose[w]!)}`);
  }
  return parts.join(', ');
}

/** Why a stop cannot be served even as the only visit of the day, or null when it can. */
export function explainAlone(p: DayProblem, node: number): string | null {
  const e = evaluate(p, [node]);
  if (e.late <= EPS) return null;
  const service = p.service[node]!;
  const hasWindows = p.winOffset[node + 1]! > p.winOffset[node]!;
  if (hasWindows) {
    let fits = false;
    for (let w = p.winOffset[node]!; w < p.winOffset[node + 1]!; w++) {
      if (p.winClose[w]! - p.winOpen[w]! >= service - EPS) fits = true;
    }
    if (!fits) return `window ${windowsText(p, node)} is shorter than the ${Math.round(service)}-minute visit`;
    const out = p.minutes[node]!;
    const arrive = driveArrive(p, p.dayStart, out);
    serviceStart(p, node, arrive);
    if (lastLate > EPS) {
      return `window ${windowsText(p, node)} closes before the visit can be done: earliest arrival ${hhmm(arrive)} (${Math.round(out)} min drive from the start at ${hhmm(p.dayStart)})`;
    }
  }
  const back = p.minutes[node * p.size + p.n + 1]!;
  return `the visit (${Math.round(service)} min) and the drive out and back (${Math.round(p.minutes[node]! + back)} min) do not fit between ${hhmm(p.dayStart)} and ${hhmm(p.dayEnd)}`;
}

function pickDrop(p: DayProblem, order: number[]): DropReason {
  let worst = 0;
  for (const node of order) worst = Math.max(worst, p.priority[node]!);
  let bestNode = -1;
  let bestCost = Infinity;
  for (let i = 0; i < order.length; i++) {
    const node = order[i]!;
    if (p.priority[node] !== worst) continue;
    const rest = order.filter((_, k) => k !== i);
    const c = evaluate(p, rest).cost;
    if (c < bestCost - EPS) {
      bestCost = c;
      bestNode = node;
    }
  }
  const withIt = evaluate(p, order);
  const window = p.winOffset[bestNode + 1]! > p.winOffset[bestNode]!;
  const reason =
    window && withIt.finish <= p.dayEnd + EPS
      ? `window ${windowsText(p, bestNode)} clashes with higher-priority visits on this day`
      : `no time left in the day (${hhmm(p.dayStart)}–${hhmm(p.dayEnd)}) once higher-priority visits are placed`;
  return { node: bestNode, kind: 'day-full', reason };
}

/** Best order of `stops` (node ids of p); drops and explains what cannot fit. */
export function solveDay(p: DayProblem, stops: number[], options: SolveDayOptions = {}): DaySolution {
  const limit = options.exactLimit ?? EXACT_LIMIT;
  const rng = createRng(options.seed ?? 1);
  const dropped: DropReason[] = [];
  let active: number[] = [];
  for (const node of stops) {
    const why = explainAlone(p, node);
    if (why) dropped.push({ node, kind: 'window', reason: why });
    else active.push(node);
  }
  for (;;) {
    const small = active.length <= limit;
    const h = solveHeuristic(p, active, rng, small ? 0 : (options.kicks ?? 25));
    const he = evaluate(p, h.order);
    if (small) {
      const exact = solveExact(p, active, he.late <= EPS ? he.drive : Infinity);
      if (exact) return { order: exact.order, dropped, exact: true };
      if (he.late <= EPS) return { order: h.order, dropped, exact: false };
    } else if (he.late <= EPS) {
      return { order: h.order, dropped, exact: false };
    }
    const drop = pickDrop(p, h.order);
    dropped.push(drop);
    active = active.filter((n) => n !== drop.node);
  }
}
