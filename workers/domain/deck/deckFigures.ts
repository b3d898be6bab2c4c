// The figures a client deck shows, computed from a scenario comparison (the same CompareResult that
// `tessera scenario compare --json` prints) so the deck and the CLI can never disagree: the
// comparison table, the balance chart series, the outlier lists, the largest transfers and their
// regional roll-up, and the per-region appendix rows. Pure.
import type { CompareResult, ScenarioMetrics, TerritoryMetrics } from '../../common/contract/align';

export const BAND = { low: 0.85, high: 1.15 } as const;

/** A row of the comparison table: a label, one display string per scenario, and the raw values. */
export type ComparisonRow = {
  key: string;
  label: string;
  values: (number | null)[];
  text: string[];
};

export const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
export const num1 = (x: number) => x.toFixed(1);
export const int = (x: number) => Math.round(x).toLocaleString('en-US');

/** Share of territories whose workload hours are within ±15 % of the mean territory workload. */
export function workloadFit(m: ScenarioMetrics): number {
  const t = m.perTerritory;
  if (!t.length) return 0;
  const mean = t.reduce((s, x) => s + x.workloadHours, 0) / t.length;
  return t.filter((x) => Math.abs(x.workloadHours - mean) <= 0.15 * mean).length / t.length;
}

/** Territories whose workload is above their rep's capacity hours. */
export function overCapacity(m: ScenarioMetrics): number {
  return m.perTerritory.filter((x) => x.capacityHours > 0 && x.workloadHours > x.capacityHours)
    .length;
}

/**
 * The comparison table. Column 0 is the reference (today); disruption cells of the reference are
 * null ("—"). Display strings are what the slide prints; the readback test parses them.
 */
export function comparisonRows(c: CompareResult): ComparisonRow[] {
  const ms = c.metrics;
  const disruption = (i: number) => (i === 0 ? null : (c.disruption[i - 1] ?? null));
  const row = (
    key: string,
    label: string,
    f: (m: ScenarioMetrics, i: number) => number | null,
    fmt: (x: number) => string,
  ): ComparisonRow => {
    const values = ms.map((m, i) => f(m, i));
    return { key, label, values, text: values.map((v) => (v === null ? '—' : fmt(v))) };
  };
  return [
    row('within5', 'Territories within ±5 % of mean index', (m) => m.within5, pct),
    row('withinBand', `Within band ${BAND.low}–${BAND.high}`, (m) => m.withinBand, pct),
    row(
      'maxMin',
      'Largest ÷ smallest territory index',
      (m) => m.maxMinRatio,
      (x) => x.toFixed(2),
    ),
    row('noncontiguous', 'Non-contiguous territories', (m) => m.noncontiguous, int),
    row('driveMean', 'Drive time from home, mean (min)', (m) => m.travelMeanMin, num1),
    row('driveP90', 'Drive time from home, P90 (min)', (m) => m.travelP90Min, num1),
    row('workloadFit', 'Workload within ±15 % of mean', (m) => workloadFit(m), pct),
    row('overCapacity', 'Territories over capacity', (m) => overCapacity(m), int),
    row('dUnits', 'Disruption: ZIPs/counties moved', (_m, i) => disruption(i)?.units ?? null, pct),
    row('dAccounts', 'Disruption: accounts moved', (_m, i) => disruption(i)?.accounts ?? null, pct),
    row(
      'dOpportunity',
      'Disruption: opportunity moved',
      (_m, i) => disruption(i)?.opportunity ?? null,
      pct,
    ),
    row(
      'dTierA',
      'Disruption: Tier A accounts moved',
      (_m, i) => disruption(i)?.tierAAccounts ?? null,
      pct,
    ),
  ];
}

/** Balance chart: territories sorted by index ÷ mean (ascending), with the band as two lines. */
export function balanceSeries(m: ScenarioMetrics): { labels: string[]; ratio: number[] } {
  const t = [...m.perTerritory].sort((a, b) => a.indexRatio - b.indexRatio);
  return {
    labels: t.map((x) => x.territoryId),
    ratio: t.map((x) => Math.round(x.indexRatio * 1000) / 1000),
  };
}

export type Outliers = {
  outOfBand: number;
  outOfBandShare: number;
  over: TerritoryMetrics[];
  under: TerritoryMetrics[];
  /** Longest P90 drive from home (top 5), and the threshold used: 1.5 × the national P90. */
  drive: TerritoryMetrics[];
  driveThreshold: number;
  driveCount: number;
  /** Workload more than 15 % away from the mean territory workload. */
  workload: TerritoryMetrics[];
  workloadCount: number;
  workloadMean: number;
  fragmented: TerritoryMetrics[];
};

export function outliers(m: ScenarioMetrics): Outliers {
  const t = m.perTerritory;
  const out = t.filter((x) => x.indexRatio < BAND.low || x.indexRatio > BAND.high);
  const driveThreshold = 1.5 * m.travelP90Min;
  const driveAll = t
    .filter((x) => x.travelP90Min > driveThreshold)
    .sort((a, b) => b.travelP90Min - a.travelP90Min);
  const mean = t.length ? t.reduce((s, x) => s + x.workloadHours, 0) / t.length : 0;
  const wAll = t
    .filter((x) => Math.abs(x.workloadHours - mean) > 0.15 * mean)
    .sort((a, b) => Math.abs(b.workloadHours - mean) - Math.abs(a.workloadHours - mean));
  return {
    outOfBand: out.length,
    outOfBandShare: t.length ? out.length / t.length : 0,
    over: out.filter((x) => x.indexRatio > BAND.high).sort((a, b) => b.indexRatio - a.indexRatio),
    under: out.filter((x) => x.indexRatio < BAND.low).sort((a, b) => a.indexRatio - b.indexRatio),
    drive: driveAll.slice(0, 5),
    driveThreshold,
    driveCount: driveAll.length,
    workload: wAll.slice(0, 5),
    workloadCount: wAll.length,
    workloadMean: mean,
    fragmented: t.filter((x) => x.pieces > 1).sort((a, b) => b.pieces - a.pieces),
  };
}

export type Transfer = CompareResult['transfers'][number];

/** The largest from → to moves of one option (by opportunity). */
export function largestTransfers(c: CompareResult, against: string, n: number): Transfer[] {
  return c.transfers
    .filter((t) => t.against === against)
    .sort(
      (a, b) =>
        b.opportunity - a.opportunity || a.from.localeCompare(b.from) || a.to.localeCompare(b.to),
    )
    .slice(0, n);
}

export type RegionFlow = {
  fromRegion: string;
  toRegion: string;
  units: number;
  accounts: number;
  opportunity: number;
  moves: number;
};

/** Transfers rolled up by the region of the giving territory (today) and of the receiving one (the option). */
export function regionalRollUp(
  c: CompareResult,
  against: string,
  regionToday: Map<string, string>,
  regionOption: Map<string, string>,
): RegionFlow[] {
  const flows = new Map<string, RegionFlow>();
  for (const t of c.transfers) {
    if (t.against !== against) continue;
    const fromRegion = regionToday.get(t.from) ?? '(none)';
    const toRegion = regionOption.get(t.to) ?? regionToday.get(t.to) ?? '(none)';
    const k = `${fromRegion}\u0000${toRegion}`;
    const f = flows.get(k) ?? {
      fromRegion,
      toRegion,
      units: 0,
      accounts: 0,
      opportunity: 0,
      moves: 0,
    };
    f.units += t.units;
    f.accounts += t.accounts;
    f.opportunity += t.opportunity;
    f.moves++;
    flows.set(k, f);
  }
  return [...flows.values()].sort((a, b) => b.opportunity - a.opportunity);
}

/** Balance class of an index ratio for the option maps: 1 < 0.85, 2 0.85–0.95, 3 0.95–1.05, 4 1.05–1.15, 5 > 1.15. */
export function balanceClass(ratio: number): number {
  if (ratio < BAND.low) return 1;
  if (ratio < 0.95) return 2;
  if (ratio <= 1.05) return 3;
  if (ratio <= BAND.high) return 4;
  return 5;
}

/** Quantile breaks (k classes) of the positive values; classes 1..k, 0 for ≤ 0. */
export function quantileBreaks(values: ArrayLike<number>, k: number): number[] {
  const pos: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i]! > 0) pos.push(values[i]!);
  pos.sort((a, b) => a - b);
  if (!pos.length) return [];
  const breaks: number[] = [];
  for (let q = 1; q < k; q++)
    breaks.push(pos[Math.min(pos.length - 1, Math.floor((q * pos.length) / k))]!);
  return breaks;
}

export function classOf(value: number, breaks: number[]): number {
  if (!(value > 0)) return 0;
  let k = 1;
  while (k <= breaks.length && value > breaks[k - 1]!) k++;
  return k;
}
