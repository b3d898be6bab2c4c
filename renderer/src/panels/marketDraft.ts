// A blank market definition the user starts from when the workspace has none.
import type { MarketDefinition } from '../../../workers/common/contract';

export function blankMarket(name: string): MarketDefinition {
  return {
    name,
    preset: 'medtech',
    codeSets: [{ name: 'Procedures', codes: [], weight: 1 }],
    measure: 'services',
    siteOfCare: { facility: 1, office: 1 },
    specialties: [],
    access: { useImportedScores: true, noSeeFactor: 0.2 },
    competitorLockIn: { manufacturers: [], discount: 0.3 },
    lockedOutSystems: [],
    tiers: { aShare: 0.1, bShare: 0.2 },
    callsPerYear: { A: 24, B: 12, C: 4 },
    callMinutes: { A: 30, B: 25, C: 20 },
    indexWeights: { workload: 0.6, potential: 0.3, history: 0.1, access: 0 },
  };
}
