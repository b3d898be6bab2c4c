// Resolves a market's code sets to one weight per code id (the volume rows' code column).
import type { MarketDefinition } from '../../common/contract/scoring';

export type CodeWeights = {
  /** Weight per codes.id; 0 = not in the market. */
  weight: Float32Array;
  /** Patterns of the market that matched no code of the workspace. */
  unmatched: string[];
  /** Number of distinct codes in the market. */
  matched: number;
};

const norm = (c: string) => c.toUpperCase().replace(/\./g, '');

/**
 * Exact codes match with or without the ICD-10 dot; `E11*` matches every code starting with E11;
 * `*` matches every code. A code in several sets takes the largest weight (never double counted).
 */
export function resolveCodeWeights(
  codes: readonly string[],
  market: MarketDefinition,
): CodeWeights {
  const weight = new Float32Array(codes.length);
  const normalised = codes.map((c) => (c ? norm(c) : ''));
  const exact = new Map<string, number>();
  normalised.forEach((c, id) => {
    if (c) exact.set(c, id);
  });
  const unmatched: string[] = [];
  for (const set of market.codeSets) {
    for (const pattern of set.codes) {
      let hits = 0;
      const apply = (id: number) => {
        hits += 1;
        if (set.weight > weight[id]!) weight[id] = set.weight;
      };
      if (pattern === '*') {
        normalised.forEach((c, id) => c && apply(id));
      } else if (pattern.endsWith('*')) {
        const prefix = norm(pattern.slice(0, -1));
        normalised.forEach((c, id) => c && c.startsWith(prefix) && apply(id));
      } else {
        const id = exact.get(norm(pattern));
        if (id !== undefined) apply(id);
      }
      if (hits === 0) unmatched.push(pattern);
    }
  }
  let matched = 0;
  for (let i = 0; i < weight.length; i++) if (weight[i]! > 0) matched += 1;
  return { weight, unmatched, matched };
}
