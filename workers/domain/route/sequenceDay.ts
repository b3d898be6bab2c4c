// Sequences one day under the lexicographic objective of objective.ts: the most Tier A visits,
// then B, then C, then the least drive. Exact (prize-collecting Held–Karp) up to EXACT_LIMIT
// candidate stops, ruin-and-recreate search above (lns.ts). Stops that are not served come back
// with the constraint that blocks them (reasons.ts): never a greedy trim, never a silent drop.
import type { DayProblem } from './dayProblem';
import { EXACT_LIMIT, solveExactPrize } from './exact';
import { solveLns } from './lns';
import { aloneBlock, capacityBlock, legsFor, type Block, type BlockKind } from './reasons';
import { createRng } from './rng';
import { EPS, evaluate } from './timeline';

/** kind 'window' = cannot be served on this day in any order (see block.kind); 'day-full' = fits
 *  alone but not beside the visits kept (block.blockers names them). */
export type DropReason = {
  node: number;
  kind: 'window' | 'day-full';
  reason: string;
  block: Block;
};

export type DaySolution = {
  order: number[];
  dropped: DropReason[];
  /** True when the order is proven best (exact solver). */
  exact: boolean;
};

/** kicks: penalised ILS rounds tried first by the search; iterations: ruin-and-recreate rounds. */
export type SolveDayOptions = {
  seed?: number;
  kicks?: number;
  exactLimit?: number;
  iterations?: number;
  /** A feasible order to start from (the search never returns anything worse). */
  initial?: number[];
  /** Names for reasons that cite other visits (default "stop N"). */
  label?: (node: number) => string;
  /** Skip the reasons (callers that only need the order). */
  noReasons?: boolean;
};

export { EXACT_LIMIT };

const ALONE_KINDS: BlockKind[] = [
  'day-length',
  'window-short',
  'lunch',
  'window-reach',
  'window-return',
  'window-lunch',
];

/** Whether `v` can go somewhere into the feasible `order` (every position tried). */
function insertable(p: DayProblem, order: number[], v: number): number[] | null {
  let best: number[] | null = null;
  let bestDrive = Infinity;
  for (let pos = 0; pos <= order.length; pos++) {
    const trial = [...order.slice(0, pos), v, ...order.slice(pos)];
    const e = evaluate(p, trial);
    if (e.late <= EPS && e.drive < bestDrive) {
      bestDrive = e.drive;
      best = trial;
    }
  }
  return best;
}

/** Best order of `stops` (node ids of p); what is not served comes back with its reason. */
export function solveDay(
  p: DayProblem,
  stops: number[],
  options: SolveDayOptions = {},
): DaySolution {
  const limit = options.exactLimit ?? EXACT_LIMIT;
  const rng = createRng(options.seed ?? 1);
  const label = options.label ?? ((node: number) => `stop ${node}`);
  const legs = legsFor(p, stops);
  const dropped: DropReason[] = [];
  const active: number[] = [];
  for (const node of stops) {
    const block = aloneBlock(p, node, legs);
    if (block) dropped.push({ node, kind: 'window', reason: block.reason, block });
    else active.push(node);
  }
  let order: number[];
  let exact = false;
  if (active.length <= limit) {
    order = solveExactPrize(p, active).order;
    exact = true;
  } else {
    const initial = options.initial?.filter((x) => active.includes(x));
    order = solveLns(p, active, rng, {
      ...(options.iterations !== undefined ? { iterations: options.iterations } : {}),
      ...(options.kicks !== undefined ? { kicks: options.kicks } : {}),
      ...(initial ? { initial } : {}),
    }).order;
  }
  // Safety net: a stop the search left out that still fits somewhere goes in.
  const inOrder = new Set(order);
  const left = active
    .filter((x) => !inOrder.has(x))
    .sort((a, b) => p.priority[a]! - p.priority[b]! || a - b);
  for (const v of left) {
    const with_ = insertable(p, order, v);
    if (with_) {
      order = with_;
      inOrder.add(v);
      exact = false;
    }
  }
  for (const v of left) {
    if (inOrder.has(v)) continue;
    if (options.noReasons) {
      dropped.push({
        node: v,
        kind: 'day-full',
        reason: 'does not fit beside the visits kept',
        block: { kind: 'capacity', reason: '' },
      });
      continue;
    }
    const block = capacityBlock(p, v, order, label);
    dropped.push({ node: v, kind: 'day-full', reason: block.reason, block });
  }
  return { order, dropped, exact };
}

/** True when the block kind says the stop cannot be served on the day in any order. */
export function isAloneKind(kind: BlockKind): boolean {
  return ALONE_KINDS.includes(kind);
}

/** Why a stop cannot be served even as the only visit of the day, or null when it can. */
export function explainAlone(p: DayProblem, node: number): string | null {
  return aloneBlock(p, node, legsFor(p, [node]))?.reason ?? null;
}
