// Built-in market presets. They are starting points the user edits and saves under their own name.
import type { MarketDefinition } from '../../common/contract/scoring';
import { DEFAULT_CALL_MINUTES, DEFAULT_CALLS_PER_YEAR, DEFAULT_CAPACITY_HOURS } from './schema';

export type PresetName = 'medtech' | 'pharma' | 'all';

const common = {
  specialties: [] as string[],
  access: { useImportedScores: true, noSeeFactor: 0 },
  competitorLockIn: { manufacturers: [] as string[], discount: 0.5 },
  lockedOutSystems: [] as string[],
  tiers: { aShare: 0.1, bShare: 0.2 },
  callsPerYear: { ...DEFAULT_CALLS_PER_YEAR },
  callMinutes: { ...DEFAULT_CALL_MINUTES },
  capacityHours: DEFAULT_CAPACITY_HOURS,
};

/**
 * MedTech procedure market: large-joint reconstruction (knee/hip arthroplasty and revisions), counted
 * in procedures, facility cases weighted fully, office services (follow-ups billed in office) at 0.2.
 * Index: 60 % workload / 30 % potential / 10 % history.
 */
export function medtechPreset(name = 'MedTech — joint reconstruction'): MarketDefinition {
  return {
    name,
    preset: 'medtech',
    codeSets: [
      { name: 'Primary arthroplasty', codes: ['27447', '27130', '27446', '27125'], weight: 1 },
      {
        name: 'Revision arthroplasty',
        codes: ['27486', '27487', '27134', '27137', '27138'],
        weight: 1.5,
      },
    ],
    measure: 'services',
    siteOfCare: { facility: 1, office: 0.2 },
    ...common,
    indexWeights: { workload: 0.6, potential: 0.3, history: 0.1, access: 0 },
  };
}

/**
 * Pharma market: type 2 diabetes, patients with an E11 diagnosis (when diagnosis volumes are imported)
 * plus beneficiaries seen for established-patient office visits, office setting only.
 * Index: 40 % calls (workload) / 30 % potential / 20 % access difficulty / 10 % history.
 */
export function pharmaPreset(name = 'Pharma — type 2 diabetes'): MarketDefinition {
  return {
    name,
    preset: 'pharma',
    codeSets: [
      { name: 'Type 2 diabetes diagnoses', codes: ['E11*'], weight: 1 },
      { name: 'Office visits (established)', codes: ['99213', '99214', '99215'], weight: 0.25 },
    ],
    measure: 'beneficiaries',
    siteOfCare: { facility: 0.5, office: 1 },
    ...common,
    access: { useImportedScores: true, noSeeFactor: 0.1 },
    indexWeights: { workload: 0.4, potential: 0.3, history: 0.1, access: 0.2 },
  };
}

export const DEFAULT_MARKET_NAME = 'All procedures (services) — default';

/** The market used when none is saved: every code, counted in services, no adjustments. */
export function allCodesMarket(name = DEFAULT_MARKET_NAME): MarketDefinition {
  return {
    name,
    codeSets: [{ name: 'Every code', codes: ['*'], weight: 1 }],
    measure: 'services',
    siteOfCare: { facility: 1, office: 1 },
    ...common,
    indexWeights: { workload: 0.6, potential: 0.3, history: 0.1, access: 0 },
  };
}

export function presetMarket(preset: PresetName, name?: string): MarketDefinition {
  if (preset === 'medtech') return medtechPreset(name);
  if (preset === 'pharma') return pharmaPreset(name);
  return allCodesMarket(name);
}
