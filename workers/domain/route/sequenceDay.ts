// Sequences one day: exact for <= EXACT_LIMIT stops, heuristic above. Stops that cannot be served
// are never dropped silently: each one comes back with the reason (a window that cannot be met from
// the start point, or a day that is full), lowest tier dropped first.
import { hhmm, type DayProblem } from './dayProblem';
import { EXACT_LIMIT, solveExact } from './exact';
import { feasibleInsertion, solveHeuristic } from './localSearch';
import { createRng } from './rng';
import { driveArrive, EPS, evaluate, lastLate, serviceStart } from './timeline';

export type DropReason = { node: number; kind: 'window' | 'day-full'; reason: string };

export type DaySolution = {
  order: number[];
  dropped: DropReason[];
  /** True when the order is proven minimum-drive (exact solver). */
  exact: boolean;
};

/** kicks: iterated-local-search rounds (default 25 up to 25 stops, 10 above: keeps a 30-stop day under ~100 ms). */
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
  return { node: bestNode, kind: 'day-full', reason: dropReason(p, bestNode) };
}

function dropReason(p: DayProblem, node: number): string {
  const window = p.winOffset[node + 1]! > p.winOffset[node]!;
  return window
    ? `window ${windowsText(p, node)} clashes with higher-priority visits on this day`
    : `no time left in the day (${hhmm(p.dayStart)}–${hhmm(p.dayEnd)}) once higher-priority visits are placed`;
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
  let initial: number[] | undefined;
  let trimmed: number[] = [];
  if (active.length > limit) {
    // Large day: trim to a feasible set by priority first, so the search never works on a day
    // that is hopelessly over-full; the trimmed stops get another try once the order is tight.
    const g = feasibleInsertion(p, active);
    active = g.order;
    initial = g.order;
    trimmed = g.rejected;
  }
  for (;;) {
    const small = active.length <= limit;
    const h = solveHeuristic(p, active, rng, small ? 0 : (options.kicks ?? (active.length <= 25 ? 25 : 10)), initial);
    initial = undefined;
    const he = evaluate(p, h.order);
    let order: number[] | null = null;
    let exact = false;
    if (small) {
      const ex = solveExact(p, active, he.late <= EPS ? he.drive : Infinity);
      if (ex) {
        order = ex.order;
        exact = true;
      } else if (he.late <= EPS) order = h.order;
    } else if (he.late <= EPS) order = h.order;
    if (order) {
      const again = reinsert(p, order, trimmed);
      for (const node of again.rejected) dropped.push({ node, kind: 'day-full', reason: dropReason(p, node) });
      return { order: again.order, dropped, exact: exact && again.order.length === order.length };
    }
    const drop = pickDrop(p, h.order);
    dropped.push(drop);
    active = active.filter((n) => n !== drop.node);
  }
}

/** Second try for trimmed stops on the finished order (cheapest feasible position, priority order). */
function reinsert(p: DayProblem, order: number[], trimmed: number[]): { order: number[]; rejected: number[] } {
  if (trimmed.length === 0) return { order, rejected: [] };
  const out = [...order];
  const rejected: number[] = [];
  for (const node of trimmed) {
    let bestPos = -1;
    let bestDrive = Infinity;
    for (let pos = 0; pos <= out.length; pos++) {
      const trial = [...out.slice(0, pos), node, ...out.slice(pos)];
      const e = evaluate(p, trial);
      if (e.late <= EPS && e.drive < bestDrive) {
        bestDrive = e.drive;
        bestPos = pos;
      }
    }
    if (bestPos < 0) rejected.push(node);
    else out.splice(bestPos, 0, node);
  }
  return { order: out, rejected };
}
