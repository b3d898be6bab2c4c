import { describe, expect, it } from 'vitest';
import type {
  CompareResult,
  ScenarioMetrics,
  TerritoryMetrics,
} from '../../../workers/common/contract';
import {
  balanceClass,
  comparisonRows,
  largestTransfers,
  outliers,
  regionalRollUp,
  workloadFit,
} from '../../../workers/domain/deck/deckFigures';

const terr = (
  id: string,
  ratio: number,
  workload: number,
  extra: Partial<TerritoryMetrics> = {},
): TerritoryMetrics => ({
  territoryId: id,
  name: id,
  district: 'D1',
  region: 'R1',
  repId: null,
  repName: null,
  units: 1,
  accounts: 10,
  tierCounts: { A: 1, B: 2, C: 7 },
  potential: 100,
  workloadHours: workload,
  capacityHours: 1000,
  index: ratio * 100,
  indexRatio: ratio,
  band: 'outside',
  pieces: 1,
  travelMeanMin: 10,
  travelP90Min: 20,
  quota: 0,
  ...extra,
});
const metrics = (ts: TerritoryMetrics[], within5: number): ScenarioMetrics => ({
  territories: ts.length,
  units: ts.length,
  within5,
  withinBand: 0.5,
  maxMinRatio: 2,
  noncontiguous: 0,
  travelMeanMin: 10,
  travelP90Min: 20,
  disruption: null,
  infeasibilities: [],
  perTerritory: ts,
});

describe('deck figures', () => {
  const today = metrics(
    [
      terr('T1', 0.5, 100),
      terr('T2', 1.5, 300, { pieces: 3, travelP90Min: 90 }),
      terr('T3', 1.0, 200),
    ],
    1 / 3,
  );
  const option = metrics([terr('T1', 0.97, 200), terr('T2', 1.02, 210), terr('T3', 1.01, 190)], 1);
  const c: CompareResult = {
    scenarios: ['today', 'opt'],
    market: 'Demo market',
    perTerritory: [],
    metrics: [today, option],
    disruption: [
      { against: 'opt', units: 0.2, accounts: 0.1, opportunity: 0.15, tierAAccounts: 0.05 },
    ],
    transfers: [
      { against: 'opt', from: 'T2', to: 'T1', units: 3, accounts: 30, opportunity: 500 },
      { against: 'opt', from: 'T3', to: 'T1', units: 1, accounts: 5, opportunity: 80 },
      { against: 'opt', from: 'T2', to: 'T9', units: 2, accounts: 9, opportunity: 120 },
    ],
  };

  it('shows — for the reference column of disruption rows and percentages for the options', () => {
    const rows = comparisonRows(c);
    const d = rows.find((r) => r.key === 'dOpportunity')!;
    expect(d.text).toEqual(['—', '15.0 %']);
    expect(rows.find((r) => r.key === 'within5')!.text).toEqual(['33.3 %', '100.0 %']);
  });

  it('counts workload fit within ±15 % of the mean and lists outliers with reasons', () => {
    expect(workloadFit(today)).toBeCloseTo(1 / 3, 9); // mean 200: only T3 within 170–230
    expect(workloadFit(option)).toBe(1);
    const o = outliers(today);
    expect(o.outOfBand).toBe(2);
    expect(o.fragmented.map((t) => t.territoryId)).toEqual(['T2']);
    expect(o.drive.map((t) => t.territoryId)).toEqual(['T2']); // 90 > 1.5 × 20
  });

  it('orders transfers by opportunity and rolls them up by region without losing any', () => {
    expect(largestTransfers(c, 'opt', 2).map((t) => t.opportunity)).toEqual([500, 120]);
    const roll = regionalRollUp(
      c,
      'opt',
      new Map([
        ['T1', 'East'],
        ['T2', 'West'],
        ['T3', 'East'],
      ]),
      new Map([
        ['T1', 'East'],
        ['T9', 'North'],
      ]),
    );
    expect(roll.reduce((s, r) => s + r.opportunity, 0)).toBe(700);
    expect(roll[0]).toMatchObject({
      fromRegion: 'West',
      toRegion: 'East',
      opportunity: 500,
      moves: 1,
    });
    expect(roll.find((r) => r.toRegion === 'North')?.opportunity).toBe(120);
  });

  it('classes index ratios at the band edges', () => {
    expect([0.84, 0.85, 0.95, 1.0, 1.05, 1.15, 1.16].map(balanceClass)).toEqual([
      1, 2, 3, 3, 3, 4, 5,
    ]);
  });
});
