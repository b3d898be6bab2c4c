// Per-account volume of the market's codes for the Accounts sheet: one column per code when the
// market has a handful of codes, else one column per code set (a set like "E11*" can match hundreds
// of ICD-10 codes, which no one reads as columns). Volume is the market's measure in its scoring year.
import type { MarketDefinition } from '../../common/contract/scoring';
import { resolveCodeWeights } from '../scoring/codeWeights';
import type { ScoringVolumes } from '../scoring/scoreProviders';

export const MAX_CODE_COLUMNS = 8;

export type CodeVolumes = {
  headers: string[];
  columns: number;
  /** Row-major providers × columns. */
  values: Float32Array;
  year: number | null;
};

const MEASURE_LABEL: Record<MarketDefinition['measure'], string> = {
  services: 'services',
  beneficiaries: 'beneficiaries',
  payment: 'payment $',
};

/** `year` is the data year the market was scored on (null: every year). */
export function codeVolumes(input: {
  providers: number;
  volumes: ScoringVolumes;
  codes: readonly string[];
  market: MarketDefinition;
  year: number | null;
}): CodeVolumes {
  const { volumes, codes, market } = input;
  const all = resolveCodeWeights(codes, market);
  const columnOf = new Int32Array(codes.length).fill(-1);
  const headers: string[] = [];
  const label = MEASURE_LABEL[market.measure];
  if (all.matched > 0 && all.matched <= MAX_CODE_COLUMNS) {
    codes.forEach((c, id) => {
      if (all.weight[id]! > 0) {
        columnOf[id] = headers.length;
        headers.push(`${c} ${label}`);
      }
    });
  } else {
    market.codeSets.forEach((set) => {
      const w = resolveCodeWeights(codes, { ...market, codeSets: [set] });
      if (w.matched === 0) return;
      const col = headers.length;
      headers.push(`${set.name} ${label}`);
      w.weight.forEach((x, id) => {
        if (x > 0 && columnOf[id] === -1) columnOf[id] = col;
      });
    });
  }
  const columns = headers.length;
  const values = new Float32Array(input.providers * columns);
  const { year } = input;
  const measure =
    market.measure === 'beneficiaries'
      ? volumes.beneficiaries
      : market.measure === 'payment'
        ? volumes.payment
        : volumes.services;
  for (let i = 0; i < volumes.count; i++) {
    if (year !== null && volumes.year[i] !== year) continue;
    const col = columnOf[volumes.code[i]!] ?? -1;
    const p = volumes.provider[i]!;
    if (col < 0 || p < 0) continue;
    const at = p * columns + col;
    values[at] = values[at]! + measure[i]!;
  }
  return { headers, columns, values, year };
}
