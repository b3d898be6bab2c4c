import { describe, expect, it } from 'vitest';
import {
  applyPatch,
  cloneState,
  diffStates,
  inversePatch,
  isEmptyPatch,
  type ScenarioPatch,
  type ScenarioState,
} from '../../../workers/domain/scenario/state';
import { fillUnassigned } from '../../../workers/domain/scenario/baseline';
import { minCostAssignment } from '../../../workers/domain/align/match';
import { matchRepsToTerritories } from '../../../workers/domain/units/assignReps';
import { indexFactors } from '../../../workers/domain/units/aggregate';

const base = (): ScenarioState => ({
  market: null,
  params: { seed: 1 },
  territories: [
    {
      id: 'T1',
      name: 'One',
      district: 'D',
      region: 'R',
      repId: null,
      homeLat: 1,
      homeLon: 2,
      quota: 0,
    },
    {
      id: 'T2',
      name: 'Two',
      district: 'D',
      region: 'R',
      repId: 'R2',
      homeLat: null,
      homeLon: null,
      quota: 5,
    },
  ],
  units: new Map([
    ['00001', 'T1'],
    ['00002', 'T2'],
  ]),
  locked: new Set(['00001']),
  pins: new Map([[1234567890, 'T2']]),
  systems: new Map(),
});

describe('scenario patches', () => {
  it('diff then apply reproduces the target state, and the inverse restores the original', () => {
    const a = base();
    const b = cloneState(a);
    b.units.set('00001', 'T2');
    b.units.delete('00002');
    b.locked.delete('00001');
    b.locked.add('00003');
    b.pins.delete(1234567890);
    b.systems.set('S1', 'T1');
    b.territories.push({
      id: 'T3',
      name: 'Three',
      district: 'D',
      region: 'R',
      repId: null,
      homeLat: null,
      homeLon: null,
      quota: 0,
    });
    b.territories[0]!.name = 'Renamed';
    b.params = { seed: 2 };
    b.market = 'medtech';
    const forward = diffStates(a, b);
    const inverse = diffStates(b, a);
    const x = cloneState(a);
    applyPatch(x, forward);
    expect(isEmptyPatch(diffStates(x, b))).toBe(true);
    applyPatch(x, inverse);
    expect(isEmptyPatch(diffStates(x, a))).toBe(true);
    expect(isEmptyPatch(diffStates(a, cloneState(a)))).toBe(true);
  });

  it('the inverse read off the forward patch equals the inverse diff, and undoes it', () => {
    const a = base();
    const b = cloneState(a);
    b.units.set('00001', 'T2');
    b.units.set('00009', 'T1');
    b.units.delete('00002');
    b.locked.add('00002');
    b.locked.delete('00001');
    b.pins.set(1234567890, 'T1');
    b.pins.set(1111111111, 'T2');
    b.systems.set('S1', 'T2');
    b.territories = b.territories.filter((t) => t.id !== 'T2');
    b.territories[0]!.quota = 7;
    b.territories.push({
      id: 'T4',
      name: 'Four',
      district: 'D',
      region: 'R',
      repId: null,
      homeLat: 3,
      homeLon: 4,
      quota: 0,
    });
    b.params = { seed: 3 };
    b.market = 'pharma';
    const forward = diffStates(a, b);
    const byKey = (p: ScenarioPatch) =>
      JSON.stringify(p, (_k, v) => (Array.isArray(v) && Array.isArray(v[0]) ? [...v].sort() : v));
    expect(byKey(inversePatch(a, forward))).toBe(byKey(diffStates(b, a)));
    const x = cloneState(b);
    applyPatch(x, inversePatch(a, forward));
    expect(isEmptyPatch(diffStates(x, a))).toBe(true);
  });
});

describe('baseline gap filling', () => {
  it('fills unaligned units from aligned neighbours, islands from the nearest aligned unit', () => {
    // path 0-1-2, plus an island 3 near unit 2
    const assign = Int32Array.from([0, -1, -1, -1]);
    const filled = fillUnassigned(
      assign,
      Float64Array.from([0, 0, 0, 0]),
      Float64Array.from([0, 1, 2, 2.5]),
      Int32Array.from([0, 1, 3, 4, 4]),
      Int32Array.from([1, 0, 2, 1]),
    );
    expect(filled).toBe(3);
    expect([...assign]).toEqual([0, 0, 0, 0]);
  });
});

describe('rep matching', () => {
  it('finds the minimum-cost assignment (not the greedy one)', () => {
    // Greedy takes (0,0)=1 first and is then forced into (1,1)=100; optimal is 2+3.
    const cost = Float64Array.from([1, 2, 3, 100]);
    expect([...minCostAssignment(cost, 2)]).toEqual([1, 0]);
    const pts = [0, 10, 20];
    const m = matchRepsToTerritories(3, (t, r) => Math.abs(pts[t]! - pts[2 - r]!));
    expect([...m]).toEqual([2, 1, 0]);
  });
});

describe('index factors', () => {
  it('give an empty component (no history year) weight to the others', () => {
    const f = indexFactors(
      { workload: 10, potential: 100, history: 0, access: 0 },
      { workload: 0.6, potential: 0.3, history: 0.1 },
      1,
    );
    expect(f.effectiveWeights.workload).toBeCloseTo(0.6 / 0.9);
    expect(f.effectiveWeights.history).toBe(0);
    expect(f.workload * 10 + f.potential * 100).toBeCloseTo(1);
  });
});
