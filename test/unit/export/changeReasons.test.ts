import { describe, expect, it } from 'vitest';
import { computeChanges } from '../../../workers/domain/export/changes';
import { workability } from '../../../workers/domain/export/workable';

describe('change reasons', () => {
  // Providers: 0 follows its ZIP (10001 moves T1 → T2), 1 is pinned to T2, 2 is in a system kept whole in T2,
  // 3 goes to the new territory T3 with ZIP 10004, 4 was pinned in the baseline and now follows its ZIP back, 5 leaves T9 (removed).
  const ch = computeChanges({
    baseline: {
      territoryIds: ['T1', 'T2', 'T9'],
      unitTerritory: new Map([
        ['10001', 0],
        ['10002', 0],
        ['10003', 1],
        ['10004', 0],
        ['10005', 2],
      ]),
      providerTerritory: Int32Array.from([0, 0, 0, 0, 0, 2]),
    },
    scenario: {
      territoryIds: ['T1', 'T2', 'T3'],
      unitTerritory: new Map([
        ['10001', 1],
        ['10002', 0],
        ['10003', 1],
        ['10004', 2],
        ['10005', 1],
      ]),
      providerTerritory: Int32Array.from([1, 1, 1, 2, 1, 1]),
    },
    unitIds: ['10001', '10002', '10003', '10004', '10005'],
    providerUnit: Int32Array.from([0, 1, 1, 3, 2, 4]),
    tier: Uint8Array.from([1, 2, 3, 1, 2, 3]),
    potential: Float32Array.from([10, 20, 30, 40, 50, 60]),
    why: {
      pinned: (p) => p === 1,
      keptWhole: (p) => p === 2,
      basePinned: (p) => p === 4,
      baseKeptWhole: () => false,
    },
  });
  it('gives each moved account the first reason that holds', () => {
    const byProvider = Object.fromEntries(
      Array.from(ch.accounts.provider, (p, i) => [p, ch.accounts.reason[i]]),
    );
    expect(byProvider).toEqual({
      0: 'zip-moved',
      1: 'pinned',
      2: 'system-kept-whole',
      3: 'rep-added',
      4: 'pin-released',
      5: 'rep-removed',
    });
  });
  it('gives moved units theirs', () => {
    expect(Object.fromEntries(ch.units.map((u) => [u.unit, u.reason]))).toEqual({
      '10001': 'zip-moved',
      '10004': 'rep-added',
      '10005': 'rep-removed',
    });
  });
});

describe('workability', () => {
  it('flags far accounts, a week that does not fit, over-capacity and a home outside, in plain words', () => {
    const w = workability({
      travelMeanMin: 317,
      workloadHours: 1500,
      capacityHours: 1200,
      week: { due: 47, made: 12 },
      homeInside: false,
      homeLabel: 'ZIP 10001',
    });
    expect(w.ok).toBe(false);
    expect(w.summary).toMatch(/^NOT WORKABLE/);
    expect(w.problems.join('\n')).toMatch(
      /317 minutes' drive[\s\S]*12 of the 47 visits due \(26 %\)[\s\S]*1,500 hours a year against 1,200[\s\S]*home base \(ZIP 10001\) is outside/,
    );
  });
  it('says workable when it is', () => {
    const w = workability({
      travelMeanMin: 25,
      workloadHours: 900,
      capacityHours: 1200,
      week: { due: 30, made: 30 },
      homeInside: true,
      homeLabel: '',
    });
    expect(w).toMatchObject({ ok: true, problems: [] });
    expect(w.summary).toMatch(
      /^Workable: mean drive 25 min \(limit 60\), the week plan fits all 30 due visits, home base inside/,
    );
  });
});
