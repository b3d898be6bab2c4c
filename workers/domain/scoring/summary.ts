// Totals of a scoring run by tier (what `tessera score` prints and the market panel shows).
import type { Tier } from '../../common/contract/scoring';
import type { ProviderScoreColumns } from './scoreProviders';

export type TierTotals = Record<
  Tier,
  { providers: number; potential: number; workloadHours: number }
>;

export function summarizeScores(s: ProviderScoreColumns): {
  scoredProviders: number;
  totalPotential: number;
  accessiblePotential: number;
  tiers: TierTotals;
} {
  const tiers: TierTotals = {
    A: { providers: 0, potential: 0, workloadHours: 0 },
    B: { providers: 0, potential: 0, workloadHours: 0 },
    C: { providers: 0, potential: 0, workloadHours: 0 },
  };
  const keys: (Tier | null)[] = [null, 'A', 'B', 'C'];
  let scored = 0;
  let total = 0;
  let accessible = 0;
  for (let i = 0; i < s.potential.length; i++) {
    const pot = s.potential[i]!;
    total += pot;
    accessible += s.accessiblePotential[i]!;
    if (pot > 0) scored += 1;
    const key = keys[s.tier[i]!];
    if (!key) continue;
    const t = tiers[key];
    t.providers += 1;
    t.potential += s.accessiblePotential[i]!;
    t.workloadHours += s.workloadHours[i]!;
  }
  return { scoredProviders: scored, totalPotential: total, accessiblePotential: accessible, tiers };
}
