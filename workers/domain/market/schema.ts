// Market definition schema: validates a user-written (or UI-built) market JSON and fills defaults.
// Errors name the offending field path (e.g. `codeSets[1].weight`) so the user can fix the file.
import { z } from 'zod';
import type { MarketDefinition } from '../../common/contract/scoring';

const nonNegative = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .finite()
    .min(0, `${what} must be ≥ 0`);
const share = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .min(0, `${what} must be between 0 and 1`)
    .max(1, `${what} must be between 0 and 1`);

/** A code is CPT/HCPCS (5 chars) or ICD-10 (3–7 chars, dot optional); a trailing * matches a prefix; '*' matches every code. */
const CODE = /^(\*|[A-Z0-9]{1,7}(\.[A-Z0-9]{1,4})?\*?)$/;

const codeSet = z.object({
  name: z.string().trim().min(1, 'a code set needs a name'),
  codes: z
    .array(
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(
          CODE,
          'not a CPT/HCPCS/ICD-10 code or prefix pattern (e.g. 27447, J1745, E11.9, E11*, *)',
        ),
    )
    .min(1, 'list at least one code (or "*" for every code)'),
  weight: nonNegative('weight').default(1),
});

const tierRecord = (what: string, defaults: Record<'A' | 'B' | 'C', number>) =>
  z
    .object({
      A: nonNegative(`${what} A`),
      B: nonNegative(`${what} B`),
      C: nonNegative(`${what} C`),
    })
    .default(defaults);

export const DEFAULT_CALLS_PER_YEAR = { A: 24, B: 12, C: 4 } as const;
export const DEFAULT_CALL_MINUTES = { A: 30, B: 20, C: 15 } as const;
/** Field hours a rep has per year for calls (≈ 46 weeks × 4 field days × 6.5 h face-time budget). */
export const DEFAULT_CAPACITY_HOURS = 1200;

export const marketSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'the market needs a name')
      .max(120, 'keep the name under 120 characters'),
    preset: z.enum(['medtech', 'pharma']).optional(),
    codeSets: z.array(codeSet).min(1, 'define at least one code set'),
    measure: z.enum(['services', 'beneficiaries', 'payment']).default('services'),
    year: z.number().int().min(2000).max(2100).optional(),
    siteOfCare: z
      .object({ facility: nonNegative('facility weight'), office: nonNegative('office weight') })
      .default({ facility: 1, office: 1 }),
    specialties: z.array(z.string().trim().min(1)).default([]),
    access: z
      .object({
        useImportedScores: z.boolean().default(true),
        noSeeFactor: share('noSeeFactor').default(0),
      })
      .default({ useImportedScores: true, noSeeFactor: 0 }),
    competitorLockIn: z
      .object({
        manufacturers: z.array(z.string().trim().min(1)).default([]),
        discount: share('discount').default(0.5),
      })
      .default({ manufacturers: [], discount: 0.5 }),
    lockedOutSystems: z.array(z.string().trim().min(1)).default([]),
    tiers: z
      .object({ aShare: share('aShare'), bShare: share('bShare') })
      .default({ aShare: 0.1, bShare: 0.2 })
      .refine((t) => t.aShare + t.bShare <= 1, { message: 'aShare + bShare must not exceed 1' }),
    callsPerYear: tierRecord('callsPerYear', DEFAULT_CALLS_PER_YEAR),
    callMinutes: tierRecord('callMinutes', DEFAULT_CALL_MINUTES),
    capacityHours: z.number().positive('capacityHours must be > 0').default(DEFAULT_CAPACITY_HOURS),
    indexWeights: z
      .object({
        workload: nonNegative('workload weight'),
        potential: nonNegative('potential weight'),
        history: nonNegative('history weight'),
        access: nonNegative('access weight').default(0),
      })
      .default({ workload: 0.6, potential: 0.3, history: 0.1, access: 0 })
      .refine((w) => w.workload + w.potential + w.history + w.access > 0, {
        message: 'at least one index weight must be > 0',
      }),
  })
  .strict();

export type MarketValidationIssue = { field: string; message: string };

export type MarketParse =
  | { ok: true; market: MarketDefinition }
  | { ok: false; issues: MarketValidationIssue[]; message: string };

function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(market)';
}

/** Validates and normalises a market definition (defaults filled, codes upper-cased, weights summing to 1). */
export function parseMarket(input: unknown): MarketParse {
  const r = marketSchema.safeParse(input);
  if (!r.success) {
    const issues = r.error.issues.map((i) => ({ field: fieldPath(i.path), message: i.message }));
    return { ok: false, issues, message: issues.map((i) => `${i.field}: ${i.message}`).join('; ') };
  }
  const m = r.data;
  const w = m.indexWeights;
  const sum = w.workload + w.potential + w.history + w.access;
  const market: MarketDefinition = {
    ...m,
    indexWeights: {
      workload: w.workload / sum,
      potential: w.potential / sum,
      history: w.history / sum,
      access: w.access / sum,
    },
  };
  if (market.preset === undefined) delete market.preset;
  if (market.year === undefined) delete market.year;
  return { ok: true, market };
}
