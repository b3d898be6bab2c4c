// Sums the market-weighted volume of every provider (potential, history, raw volume) from the volume
// records. Three ways, the cheapest that applies:
// - code runs: with the per-code record index (the engine keeps records grouped by code), only the
//   runs of the market's codes are read: a procedure market touches a few thousand records, not 10 M;
// - complement: when most records carry one common weight (the "every code" market), the sums are the
//   common weight × per-provider totals (cached per measure and year, one pass over the records the
//   first time) plus corrections from the runs of the codes whose weight differs;
// - row scan: without an index, one pass over every record (tests, callers without the index).
// Measured on 1 M providers / 10 M records (bench/scoring): see BENCHMARKS.md.
import type { MarketDefinition } from '../../common/contract/scoring';
import type { ScoringVolumes } from './scoreProviders';

/** Records of code id c are [start[c], start[c+1]) (start[codes] ends the known codes). */
export type VolumeCodeIndex = { start: Int32Array };

export type Measure = MarketDefinition['measure'];

/**
 * Per-provider volume of one measure in one year, split by site of care: entry provider × 3 + site
 * (0 unknown — site codes 0 and 3, which every market weighs alike —, 1 facility, 2 office). Computed
 * once per (measure, year) and reused for every market, see `providerVolumeTotals`.
 */
export type ProviderVolumeTotals = { measure: Measure; year: number; bySite: Float64Array };

/** Where the sums go: Float64 accumulators the caller may reuse between calls (length ≥ providers). */
export type Sums = { potential: Float64Array; history: Float64Array; volume: Float64Array };

export type AccumulateInput = {
  volumes: ScoringVolumes;
  /** Weight per (code id × 4 + site of care); codes beyond codeCount are not in any market. */
  weight: Float32Array;
  codeCount: number;
  measure: Measure;
  year: number;
  historyYear: number;
  index?: VolumeCodeIndex;
  /** Per-provider totals of the measure for these years (the caller caches them), enabling the complement. */
  totals?: (years: number[]) => ProviderVolumeTotals[];
};

function measureColumn(v: ScoringVolumes, m: Measure): Float32Array {
  return m === 'services' ? v.services : m === 'beneficiaries' ? v.beneficiaries : v.payment;
}

/** Site code (& 3) → slot of the 3-slot totals. */
const SITE3 = Uint8Array.of(0, 1, 2, 0);

/** Σ measure per provider and site of care for each of `years`: one pass over the records. */
export function providerVolumeTotals(
  v: ScoringVolumes,
  providerCount: number,
  measure: Measure,
  years: number[],
): ProviderVolumeTotals[] {
  const out = years.map((year) => ({ measure, year, bySite: new Float64Array(providerCount * 3) }));
  if (out.length === 0) return out;
  const col = measureColumn(v, measure);
  const { provider, pos } = v;
  const y0 = years[0]!;
  const t0 = out[0]!.bySite;
  const t1 = out[1]?.bySite;
  const y1 = years[1] ?? -1;
  for (let r = 0; r < v.count; r++) {
    const y = v.year[r]!;
    const t =
      y === y0
        ? t0
        : y === y1
          ? t1
          : out.length > 2
            ? out.find((o) => o.year === y)?.bySite
            : undefined;
    if (t === undefined) continue;
    const p = provider[r]!;
    if (p < 0) continue;
    const i = p * 3 + SITE3[pos[r]! & 3]!;
    t[i] = t[i]! + col[r]!;
  }
  return out;
}

/** Adds records [from, to): potential and history × w[site], volume × volumeIn[site] (±1 or 0). */
function addRun(
  a: AccumulateInput,
  sums: Sums,
  run: { from: number; to: number; w: Float64Array; volumeIn: Int8Array },
): void {
  const v = a.volumes;
  const col = measureColumn(v, a.measure);
  const provider = v.providerRun ? v.providerRun(run.from, run.to) : v.provider;
  const { pos } = v;
  const years = v.year;
  const { potential, history, volume } = sums;
  const { w, volumeIn } = run;
  const year = a.year;
  const historyYear = a.historyYear;
  for (let r = run.from; r < run.to; r++) {
    const y = years[r]!;
    const current = y === year;
    if (!current && y !== historyYear) continue;
    const p = provider[r]!;
    if (p < 0) continue;
    const s = pos[r]! & 3;
    const raw = col[r]!;
    if (current) {
      potential[p] = potential[p]! + raw * w[s]!;
      volume[p] = volume[p]! + raw * volumeIn[s]!;
    } else {
      history[p] = history[p]! + raw * w[s]!;
    }
  }
}

/** Fills `sums` (zeroed here) with the market-weighted volume of every provider. */
export function accumulateVolumes(a: AccumulateInput, sums: Sums, providerCount: number): void {
  sums.potential.fill(0, 0, providerCount);
  sums.history.fill(0, 0, providerCount);
  sums.volume.fill(0, 0, providerCount);
  const idx = a.index;
  if (!idx || idx.start.length < a.codeCount + 1) return rowScan(a, sums);
  const base = commonWeight(a, idx);
  const useTotals = base.records > 0 && a.totals !== undefined && hasWeight(base.w);
  const w = new Float64Array(4);
  const volumeIn = new Int8Array(4);
  for (let c = 0; c < a.codeCount; c++) {
    const from = idx.start[c]!;
    const to = idx.start[c + 1]!;
    if (to <= from) continue;
    let differs = false;
    for (let s = 0; s < 4; s++) {
      const wc = a.weight[c * 4 + s]!;
      const b = useTotals ? base.w[s]! : 0;
      w[s] = wc - b;
      volumeIn[s] = (wc !== 0 ? 1 : 0) - (b !== 0 ? 1 : 0);
      if (wc !== b) differs = true;
    }
    if (differs) addRun(a, sums, { from, to, w, volumeIn });
  }
  if (!useTotals) return;
  addTotals(a, sums, Float64Array.from(base.w), providerCount);
  // the totals also hold records of codes outside the code table (never in a market): take them out
  const tail = idx.start[a.codeCount]!;
  if (tail < a.volumes.count) {
    for (let s = 0; s < 4; s++) {
      w[s] = -base.w[s]!;
      volumeIn[s] = base.w[s] !== 0 ? -1 : 0;
    }
    addRun(a, sums, { from: tail, to: a.volumes.count, w, volumeIn });
  }
}

/** Common weight (per site) and how many records carry it: the complement pays off when it is most. */
function commonWeight(
  a: AccumulateInput,
  idx: VolumeCodeIndex,
): { w: Float32Array; records: number } {
  const byKey = new Map<string, { w: Float32Array; records: number }>();
  let best: { w: Float32Array; records: number } = { w: new Float32Array(4), records: 0 };
  for (let c = 0; c < a.codeCount; c++) {
    const n = idx.start[c + 1]! - idx.start[c]!;
    if (n <= 0) continue;
    const w = a.weight.subarray(c * 4, c * 4 + 4);
    const key = `${w[0]},${w[1]},${w[2]},${w[3]}`;
    let e = byKey.get(key);
    if (!e) byKey.set(key, (e = { w: Float32Array.from(w), records: 0 }));
    e.records += n;
    if (e.records > best.records) best = e;
  }
  // Only worth it when the common weight covers most records (else the runs are cheaper and exact),
  // and only for weights that treat site codes 0 and 3 alike (the totals share their slot).
  const ok = best.records * 2 > a.volumes.count && best.w[0] === best.w[3];
  return ok ? best : { w: new Float32Array(4), records: 0 };
}

function hasWeight(w: Float32Array): boolean {
  return w[0] !== 0 || w[1] !== 0 || w[2] !== 0 || w[3] !== 0;
}

function addTotals(a: AccumulateInput, sums: Sums, w: Float64Array, providerCount: number): void {
  // site code 3 weighs like 0 in every market (see scoreProviders), so slot 0 takes w[0]
  const w0 = w[0]!,
    w1 = w[1]!,
    w2 = w[2]!;
  const v0 = w0 !== 0 ? 1 : 0,
    v1 = w1 !== 0 ? 1 : 0,
    v2 = w2 !== 0 ? 1 : 0;
  const years = [a.year, a.historyYear].filter((y) => y >= 0);
  const got = a.totals!(years);
  const cur = a.year >= 0 ? (got.find((t) => t.year === a.year)?.bySite ?? null) : null;
  const hist =
    a.historyYear >= 0 ? (got.find((t) => t.year === a.historyYear)?.bySite ?? null) : null;
  const { potential, history, volume } = sums;
  // The corrections (already in the sums) and the totals round differently, so a provider whose
  // volume is all in codes the market leaves out can end at ±1e-13 instead of 0, which would put it
  // in tier C: residues below 1e-9 of the base are zero.
  if (cur) {
    for (let p = 0, i = 0; p < providerCount; p++, i += 3) {
      const t0 = cur[i]!,
        t1 = cur[i + 1]!,
        t2 = cur[i + 2]!;
      const base = t0 * w0 + t1 * w1 + t2 * w2;
      const sum = potential[p]! + base;
      potential[p] = Math.abs(sum) <= 1e-9 * Math.abs(base) ? 0 : sum;
      volume[p] = volume[p]! + t0 * v0 + t1 * v1 + t2 * v2;
    }
  }
  if (hist) {
    for (let p = 0, i = 0; p < providerCount; p++, i += 3) {
      const base = hist[i]! * w0 + hist[i + 1]! * w1 + hist[i + 2]! * w2;
      const sum = history[p]! + base;
      history[p] = Math.abs(sum) <= 1e-9 * Math.abs(base) ? 0 : sum;
    }
  }
}

/** One pass over every record (no code index). */
function rowScan(a: AccumulateInput, sums: Sums): void {
  const v = a.volumes;
  const col = measureColumn(v, a.measure);
  const { potential, history, volume } = sums;
  const { weight, codeCount, year, historyYear } = a;
  for (let r = 0; r < v.count; r++) {
    const y = v.year[r]!;
    const current = y === year;
    if (!current && y !== historyYear) continue;
    const code = v.code[r]!;
    if (code >= codeCount) continue;
    const w = weight[(code << 2) | (v.pos[r]! & 3)]!;
    if (w === 0) continue;
    const p = v.provider[r]!;
    if (p < 0) continue;
    const raw = col[r]!;
    if (current) {
      potential[p] = potential[p]! + raw * w;
      volume[p] = volume[p]! + raw;
    } else {
      history[p] = history[p]! + raw * w;
    }
  }
}
