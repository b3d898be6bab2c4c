// The documented trend-class rules at their edges (contract/trends.ts TrendClass).
import { describe, expect, it } from 'vitest';
import {
  classifyTrends,
  DEFAULT_TREND_THRESHOLDS as T,
  growthPerYear,
  thresholdProblem,
  trendClassOf,
  TREND_OF_CODE,
} from '../../../workers/domain/trends/classify';

describe('trend classes', () => {
  it('puts the thresholds themselves in the moving class', () => {
    expect(trendClassOf(100, 120, T)).toBe('rising');
    expect(trendClassOf(100, 119.9, T)).toBe('stable');
    expect(trendClassOf(100, 80, T)).toBe('falling');
    expect(trendClassOf(100, 80.1, T)).toBe('stable');
  });

  it('uses the minimum volume for new and gone, and leaves never-billing providers unclassed', () => {
    expect(trendClassOf(10, 11, T)).toBe('new');
    expect(trendClassOf(0, 500, T)).toBe('new');
    expect(trendClassOf(11, 10, T)).toBe('gone');
    expect(trendClassOf(11, 0, T)).toBe('gone');
    expect(trendClassOf(10, 10, T)).toBeNull();
    expect(trendClassOf(11, 11, T)).toBe('stable');
  });

  it('classes columns with the same rules', () => {
    const from = Float32Array.of(100, 100, 0, 50, 5);
    const to = Float32Array.of(130, 60, 40, 0, 6);
    expect([...classifyTrends(from, to, T)].map((c) => TREND_OF_CODE[c])).toEqual([
      'rising',
      'falling',
      'new',
      'gone',
      null,
    ]);
  });

  it('gives compound yearly growth and refuses bad thresholds', () => {
    expect(growthPerYear(100, 121, 2)).toBeCloseTo(0.1, 12);
    expect(growthPerYear(0, 121, 2)).toBeNull();
    expect(thresholdProblem({ ...T, risingShare: 0 })).toMatch(/risingShare/);
    expect(thresholdProblem({ ...T, minVolume: Number.NaN })).toMatch(/minVolume/);
    expect(thresholdProblem(T)).toBeNull();
  });
});
