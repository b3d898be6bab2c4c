// Trends area of the contract: per provider, a market's volume, accessible potential and tier in each
// claims year the workspace holds, classed new / rising / stable / falling / gone between two years.
// The per-year columns are computed once per (market, years, thresholds) and kept, so a changed
// filter only re-counts typed arrays.
import type {
  MarketDefinition,
  Tier,
  TrendsApi,
  TrendsRequest,
  TrendsResult,
  TrendRow,
  TrendThresholds,
} from '../../common/contract';
import { TREND_CLASSES, type TrendClass } from '../../common/contract/trends';
import { EngineFailure } from '../../common/result';
import { cohortNpis, listCohortRows } from '../../data/repos/cohorts';
import { providerDetails } from '../../data/repos/providers';
import { dataYears } from '../../domain/scoring/scoreProviders';
import {
  classifyTrends,
  DEFAULT_TREND_THRESHOLDS,
  growthPerYear,
  thresholdProblem,
  TREND_CODE,
  TREND_OF_CODE,
} from '../../domain/trends/classify';
import { TIER_CODES } from '../columns/columns';
import { getProviderColumns, getVolumeColumns } from '../columns/columnsLoader';
import type { EngineContext } from '../runtime/context';
import { guard } from '../runtime/guard';
import { BASELINE_NAME, ensureBaseline, loadScenarioModel } from '../scenarios/store';
import { getScores, resolveMarket } from './scores';

const MAX_TOP = 1000;

/** Per-year columns of one market over a span of years, and the classes between its ends. */
type TrendColumns = {
  market: string;
  years: number[];
  volume: Float32Array[];
  potential: Float32Array[];
  tier: Uint8Array[];
  trend: Uint8Array;
};

function claimsYears(ctx: EngineContext): number[] {
  return ctx.cached('volumes:years', () => dataYears(getVolumeColumns(ctx)));
}

function pickYears(
  ctx: EngineContext,
  req: TrendsRequest,
): { from: number; to: number; span: number[] } {
  const years = claimsYears(ctx);
  if (years.length < 2) {
    throw new EngineFailure(
      'BAD_INPUT',
      `Trends need volumes of at least two years; this workspace holds ${years.length ? `only ${years.join(', ')}` : 'no volumes'}. Import another year with 'tessera import <ws> <file> --year Y'.`,
      { years },
    );
  }
  for (const [field, y] of [
    ['from', req.from],
    ['to', req.to],
  ] as const) {
    if (y !== undefined && !years.includes(y)) {
      throw new EngineFailure(
        'BAD_INPUT',
        `--${field} ${y}: the workspace holds volumes for ${years.join(', ')}. Pick one of these years.`,
        { field, years },
      );
    }
  }
  const to = req.to ?? years[years.length - 1]!;
  const from = req.from ?? [...years].reverse().find((y) => y < to);
  if (from === undefined || from >= to) {
    throw new EngineFailure(
      'BAD_INPUT',
      `The from-year must be before the to-year (${from ?? 'none'} → ${to}); the workspace holds ${years.join(', ')}.`,
      { years },
    );
  }
  return { from, to, span: years.filter((y) => y >= from && y <= to) };
}

function thresholdsOf(req: TrendsRequest): TrendThresholds {
  const t = { ...DEFAULT_TREND_THRESHOLDS, ...req.thresholds };
  const problem = thresholdProblem(t);
  if (problem)
    throw new EngineFailure('BAD_INPUT', `Trend thresholds: ${problem}.`, { thresholds: t });
  return t;
}

function trendColumns(
  ctx: EngineContext,
  def: MarketDefinition,
  span: number[],
  t: TrendThresholds,
): TrendColumns {
  const key = JSON.stringify([def, span, t]);
  const cache = ctx.cached('providers:trends', () => new Map<string, TrendColumns>());
  const hit = cache.get(key);
  if (hit) return hit;
  const volume: Float32Array[] = [];
  const potential: Float32Array[] = [];
  const tier: Uint8Array[] = [];
  for (const year of span) {
    const s = getScores(ctx, { ...def, year });
    // copies: the score cache may hand the same arrays to a later market
    volume.push(Float32Array.from(s.volume));
    potential.push(Float32Array.from(s.accessiblePotential));
    tier.push(Uint8Array.from(s.tier));
  }
  const made = {
    market: def.name,
    years: span,
    volume,
    potential,
    tier,
    trend: classifyTrends(volume[0]!, volume[volume.length - 1]!, t),
  };
  cache.clear(); // one market's trends at a time: each span costs ~9 bytes × providers × years
  cache.set(key, made);
  return made;
}

export type Territories = { ofProvider: Int32Array; ids: string[] } | null;

function territoriesOf(ctx: EngineContext, scenario: string | undefined): Territories {
  const name = scenario ?? (ensureBaseline(ctx) ? BASELINE_NAME : undefined);
  if (!name) return null;
  const model = loadScenarioModel(ctx, name);
  return { ofProvider: model.providerTerritory, ids: model.territories.map((t) => t.id) };
}

/** 1 per provider kept by the filter. */
function filterMask(
  ctx: EngineContext,
  cols: TrendColumns,
  req: TrendsRequest,
  terr: Territories,
): Uint8Array {
  const providers = getProviderColumns(ctx);
  const n = providers.count;
  const f = req.filter ?? {};
  const keepSpecialty = f.specialties?.length
    ? (() => {
        const wanted = new Set(f.specialties.map((s) => s.trim().toLowerCase()));
        return providers.specialties.map((s) => wanted.has(s.trim().toLowerCase()));
      })()
    : null;
  const tierCodes = f.tiers?.length ? new Set(f.tiers.map((t) => ({ A: 1, B: 2, C: 3 })[t])) : null;
  const classCodes = f.classes?.length ? new Set(f.classes.map((c) => TREND_CODE[c])) : null;
  let territoryKeep: Uint8Array | null = null;
  if (f.territories?.length) {
    if (!terr)
      throw new EngineFailure(
        'BAD_INPUT',
        'A territory filter needs a scenario: this workspace has no baseline alignment. Name one with --scenario.',
        {},
      );
    const wanted = new Set(f.territories);
    const unknown = f.territories.filter((id) => !terr.ids.includes(id));
    if (unknown.length)
      throw new EngineFailure(
        'BAD_INPUT',
        `No territory ${unknown.join(', ')} in the scenario. Territories are named like ${terr.ids.slice(0, 3).join(', ')}.`,
        { unknown },
      );
    territoryKeep = Uint8Array.from(terr.ids, (id) => (wanted.has(id) ? 1 : 0));
  }
  const inCohort = f.cohort !== undefined ? cohortMembership(ctx, f.cohort) : null;
  const lastTier = cols.tier[cols.tier.length - 1]!;
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = cols.trend[i]!;
    if (c === 0) continue;
    if (inCohort && !inCohort[i]) continue;
    if (classCodes && !classCodes.has(c)) continue;
    if (keepSpecialty && !keepSpecialty[providers.specialty[i]!]) continue;
    if (tierCodes && !tierCodes.has(lastTier[i]!)) continue;
    if (territoryKeep) {
      const t = terr!.ofProvider[i]!;
      if (t < 0 || !territoryKeep[t]) continue;
    }
    mask[i] = 1;
  }
  return mask;
}

/** 1 per provider of the workspace that is a member of the cohort. */
export function cohortMembership(ctx: EngineContext, name: string): Uint8Array {
  const npis = cohortNpis(ctx.ws.db, name);
  if (!npis) {
    const names = listCohortRows(ctx.ws.db).map((c) => c.name);
    throw new EngineFailure(
      'NOT_FOUND',
      `No cohort named "${name}". Cohorts: ${names.length ? names.join(', ') : "none yet — save one with 'tessera cohort save'"}.`,
      { cohort: name, cohorts: names },
    );
  }
  const providers = getProviderColumns(ctx);
  const out = new Uint8Array(providers.count);
  for (const npi of npis) {
    const i = providers.indexOf(npi);
    if (i >= 0) out[i] = 1;
  }
  return out;
}

function topIndexes(cols: TrendColumns, mask: Uint8Array, sign: 1 | -1, top: number): number[] {
  const first = cols.volume[0]!;
  const last = cols.volume[cols.volume.length - 1]!;
  const picked: number[] = [];
  for (let i = 0; i < mask.length; i++)
    if (mask[i] && sign * (last[i]! - first[i]!) > 0) picked.push(i);
  picked.sort((a, b) => sign * (last[b]! - first[b]! - (last[a]! - first[a]!)) || a - b);
  return picked.slice(0, top);
}

export function rowsOf(
  ctx: EngineContext,
  cols: TrendColumns,
  idx: number[],
  terr: Territories,
): TrendRow[] {
  const providers = getProviderColumns(ctx);
  const details = new Map(
    providerDetails(
      ctx.ws.db,
      idx.map((i) => providers.npi[i]!),
    ).map((d) => [d.npi, d]),
  );
  const span = cols.years[cols.years.length - 1]! - cols.years[0]!;
  return idx.map((i) => {
    const npi = providers.npi[i]!;
    const d = details.get(npi);
    const volumes = cols.volume.map((v) => v[i]!);
    const t = terr?.ofProvider[i] ?? -1;
    return {
      npi: String(npi),
      name: d?.name ?? '',
      specialty: d?.specialty ?? providers.specialties[providers.specialty[i]!] ?? '',
      city: d?.city ?? '',
      state: d?.state ?? '',
      zip5: d?.zip5 ?? '',
      territory: t >= 0 ? terr!.ids[t]! : null,
      volumes,
      potentials: cols.potential.map((v) => v[i]!),
      tiers: cols.tier.map((v) => TIER_CODES[v[i]!] ?? null),
      change: volumes[volumes.length - 1]! - volumes[0]!,
      growthPerYear: growthPerYear(volumes[0]!, volumes[volumes.length - 1]!, span),
      trend: TREND_OF_CODE[cols.trend[i]!]!,
    };
  });
}

/** The per-year columns of a request's market and years, and the providers its filter keeps. */
export function trendSelection(ctx: EngineContext, req: TrendsRequest) {
  const def = resolveMarket(ctx, req.market);
  const { from, to, span } = pickYears(ctx, req);
  const thresholds = thresholdsOf(req);
  const cols = trendColumns(ctx, def, span, thresholds);
  const terr = territoriesOf(ctx, req.scenario);
  return { from, to, thresholds, cols, terr, mask: filterMask(ctx, cols, req, terr) };
}

export function computeTrends(ctx: EngineContext, req: TrendsRequest): TrendsResult {
  const t0 = performance.now();
  const top = req.top ?? 25;
  if (!Number.isInteger(top) || top < 0 || top > MAX_TOP)
    throw new EngineFailure(
      'BAD_INPUT',
      `top must be a whole number from 0 to ${MAX_TOP}, not ${top}.`,
      { top },
    );
  const { from, to, thresholds, cols, terr, mask } = trendSelection(ctx, req);
  const classes = Object.fromEntries(TREND_CLASSES.map((c) => [c, 0])) as Record<
    TrendClass,
    number
  >;
  const tierPairs = new Map<string, number>();
  const volumeByYear = cols.years.map(() => 0);
  const firstTier = cols.tier[0]!;
  const lastTier = cols.tier[cols.tier.length - 1]!;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    classes[TREND_OF_CODE[cols.trend[i]!]!] += 1;
    const pair = `${TIER_CODES[firstTier[i]!] ?? '-'}${TIER_CODES[lastTier[i]!] ?? '-'}`;
    tierPairs.set(pair, (tierPairs.get(pair) ?? 0) + 1);
    for (let y = 0; y < cols.years.length; y++) volumeByYear[y]! += cols.volume[y]![i]!;
  }
  const tierChanges = [...tierPairs]
    .map(([k, providers]) => ({ from: k[0] as Tier | '-', to: k[1] as Tier | '-', providers }))
    .sort((a, b) => (a.from + a.to).localeCompare(b.from + b.to));
  return {
    market: cols.market,
    years: cols.years,
    from,
    to,
    thresholds,
    classes,
    tierChanges,
    volumeByYear,
    risers: rowsOf(ctx, cols, topIndexes(cols, mask, 1, top), terr),
    fallers: rowsOf(ctx, cols, topIndexes(cols, mask, -1, top), terr),
    millis: performance.now() - t0,
  };
}

export function trendsService(ctx: EngineContext): Pick<TrendsApi, 'trends'> {
  return { trends: (req) => guard(() => computeTrends(ctx, req)) };
}
