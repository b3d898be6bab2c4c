// Rebalance: start from the current alignment and move as little as possible. Every unit that
// leaves its current territory spends its opportunity from the disruption budget (a hard limit);
// a stay bonus keeps needless moves out. Reports how much of the budget was used.

import { refine, reportLeftovers } from './refine';
import { computeTargets, fmt, TIGHT } from './targets';
import { createState, recomputeLoads, toSolution } from './state';
import { placeCentres, settleUnassigned } from './whatif';
import { solveFromScratch } from './solve';
import { bandPenalty, deviationCeiling, localSearch, type DisruptionBudget } from './localSearch';
import type { AlignProblem, AlignSolution } from './types';

const STAY_WEIGHT = 1;
/** How much further from its target an unbalanced territory may get while value flows through it. */
const FLOW_SLACK = 0.02;

export function rebalance(p: AlignProblem): AlignSolution {
  if (!p.initial || p.initial.length !== p.count) {
    const sol = solveFromScratch(p);
    sol.infeasibilities.unshift({
      kind: 'invalid-input',
      message:
        'Rebalance needs the current alignment (one territory per unit); none was given, so the alignment was built from scratch.',
    });
    return sol;
  }
  const initial = Int32Array.from(p.initial, (t) => (t >= 0 && t < p.k ? t : -1));
  const start = p.start && p.start.length === p.count ? p.start : initial;
  const s = createState(
    p,
    p.k,
    Int32Array.from(start, (t) => (t >= 0 && t < p.k ? t : -1)),
  );
  computeTargets(s);
  placeCentres(s);
  settleUnassigned(s);
  const opportunity = p.opportunity ?? p.value;
  let total = 0;
  let used = 0;
  for (let u = 0; u < s.n; u++) {
    total += opportunity[u]!;
    if (initial[u]! >= 0 && s.assign[u] !== initial[u]) used += opportunity[u]!;
  }
  const share = p.maxDisruption ?? 1;
  const dis: DisruptionBudget = {
    initial,
    opportunity,
    budget: Math.max(0, share) * total,
    used,
    stayWeight: STAY_WEIGHT,
    totalOpportunity: total,
  };
  // 1. Spend the budget on the moves that buy the most territories back into ±5 % first (descending
  //    gain per opportunity moved, band-count penalty); no unbalanced territory gets worse to do it.
  recomputeLoads(s);
  const strict = deviationCeiling(s.load, s.target, 0);
  for (const threshold of [1000, 300, 100, 30, 10, 3]) {
    localSearch(s, {
      passes: 15,
      disruption: dis,
      minGainPerDisruption: threshold,
      penaltyOf: bandPenalty,
      ceiling: strict,
    });
  }
  // 2. The rest of the budget on the convex penalty (largest deviations first), letting value flow
  //    through unbalanced territories (2 % slack) while balanced ones stay balanced.
  recomputeLoads(s);
  refine(s, {
    rounds: 3,
    passes: 80,
    disruption: dis,
    ceiling: deviationCeiling(s.load, s.target, FLOW_SLACK),
  });
  reportLeftovers(s);
  reportBudget(s, dis, share);
  return toSolution(s, { disruption: total > 0 ? dis.used / total : 0 });
}

function reportBudget(
  s: ReturnType<typeof createState>,
  dis: DisruptionBudget,
  share: number,
): void {
  recomputeLoads(s);
  let outside = 0;
  for (let t = 0; t < s.k; t++) if (Math.abs(s.load[t]! / s.target[t]! - 1) > TIGHT) outside++;
  const usedShare = dis.totalOpportunity > 0 ? dis.used / dis.totalOpportunity : 0;
  if (dis.used > dis.budget + 1e-9) {
    s.infeasibilities.push({
      kind: 'disruption-budget',
      excess: dis.used - dis.budget,
      message: `Locked units alone move ${(usedShare * 100).toFixed(1)} % of opportunity, above the ${(share * 100).toFixed(1)} % disruption budget by ${fmt(dis.used - dis.budget)}.`,
    });
  } else if (outside > 0 && dis.used >= 0.9 * dis.budget) {
    s.infeasibilities.push({
      kind: 'disruption-budget',
      excess: outside,
      message: `The ${(share * 100).toFixed(1)} % disruption budget is used (${(usedShare * 100).toFixed(1)} %) and ${outside} territories remain outside ±5 %; allow more disruption or run a full alignment.`,
    });
  }
}
