// Provider scores for a market, cached per market definition. The cache hangs under the 'providers'
// key so an import (which invalidates the columns) drops it too.
import type { MarketDefinition } from '../../common/contract/scoring';
import { EngineFailure } from '../../common/result';
import { getMeta } from '../../data/workspace';
import { writeIfFree } from '../../data/bestEffortWrite';
import { npisPaidBy } from '../../data/repos/competitorPayments';
import { readStoredScores, SCORE_ARRAYS, writeStoredScores } from '../../data/repos/scoreCache';
import { listMarketRows, readMarketRow } from '../../data/repos/marketRepo';
import { parseMarket } from '../../domain/market/schema';
import { allCodesMarket, presetMarket, type PresetName } from '../../domain/market/presets';
import { dataYears, scoreProviders } from '../../domain/scoring/scoreProviders';
import {
  providerVolumeTotals,
  type Measure,
  type ProviderVolumeTotals,
  type Sums,
} from '../../domain/scoring/accumulate';
import type { ProviderScores } from '../columns/columns';
import {
  getCodeTable,
  getProviderColumns,
  getVolumeCodeIndex,
  getVolumeColumns,
} from '../columns/columnsLoader';
import type { EngineContext } from '../runtime/context';

export const ACTIVE_MARKET_META = 'market.active';
const KEEP = 4;

function validated(input: unknown, where: string): MarketDefinition {
  const r = parseMarket(input);
  if (!r.ok) {
    throw new EngineFailure(
      'BAD_INPUT',
      `Market definition ${where} is not valid: ${r.message}. Fix the named fields and try again.`,
      { issues: r.issues },
    );
  }
  return r.market;
}

/** A saved market by name, a preset ('medtech', 'pharma', 'all'), or NOT_FOUND listing what exists. */
export function loadMarket(ctx: EngineContext, name: string): MarketDefinition {
  const row = readMarketRow(ctx.ws.db, name);
  if (row) return validated(JSON.parse(row.definition), `"${row.name}" (saved in the workspace)`);
  const key = name.trim().toLowerCase();
  if (key === 'medtech' || key === 'pharma' || key === 'all' || key === 'default') {
    return presetMarket(key === 'default' ? 'all' : (key as PresetName));
  }
  const saved = listMarketRows(ctx.ws.db).map((m) => m.name);
  throw new EngineFailure(
    'NOT_FOUND',
    `No market named "${name}" in this workspace. Saved markets: ${saved.length ? saved.join(', ') : 'none'}; presets: medtech, pharma, all. Save one with 'tessera score <ws> --market FILE --save'.`,
    { market: name, saved },
  );
}

/** The name to store for a market reference: the saved market's name, or the preset key ('medtech'). */
export function canonicalMarketName(ctx: EngineContext, name: string): string {
  const row = readMarketRow(ctx.ws.db, name);
  if (row) return row.name;
  loadMarket(ctx, name); // throws NOT_FOUND with the list of markets
  return name.trim().toLowerCase();
}

/**
 * The name of the market used when the caller names none: the active (last saved) market, else the
 * latest saved one, else the 'all' preset. Scenarios never follow it silently: a scenario without a
 * recorded market is pinned to this name before another market becomes the default (see
 * saveMarketDefinition), so the same scenario always gives the same metrics.
 */
export function defaultMarketName(ctx: EngineContext): string {
  const active = getMeta(ctx.ws.db, ACTIVE_MARKET_META);
  if (active) {
    const row = readMarketRow(ctx.ws.db, active);
    if (row) return row.name;
  }
  return listMarketRows(ctx.ws.db)[0]?.name ?? 'all';
}

/** Preset keys and the names their definitions carry: a saved market may not take them. */
export function presetNames(): string[] {
  const keys: PresetName[] = ['medtech', 'pharma', 'all'];
  return [...keys, 'default', ...keys.map((k) => presetMarket(k).name)];
}

/** The market used when the caller names none: the active (last saved) market, else every code. */
export function defaultMarket(ctx: EngineContext): MarketDefinition {
  const active = getMeta(ctx.ws.db, ACTIVE_MARKET_META);
  if (active && readMarketRow(ctx.ws.db, active)) return loadMarket(ctx, active);
  const latest = listMarketRows(ctx.ws.db)[0];
  if (latest) return loadMarket(ctx, latest.name);
  return allCodesMarket();
}

export function resolveMarket(
  ctx: EngineContext,
  market?: string | MarketDefinition,
): MarketDefinition {
  if (market === undefined || (typeof market === 'string' && market.trim() === ''))
    return defaultMarket(ctx);
  if (typeof market === 'string') return loadMarket(ctx, market);
  return validated(market, `"${(market as { name?: string }).name ?? '(unnamed)'}"`);
}

function competitorFlags(
  ctx: EngineContext,
  m: MarketDefinition,
  count: number,
  indexOf: (npi: number) => number,
): Uint8Array | undefined {
  if (m.competitorLockIn.manufacturers.length === 0) return undefined;
  const flags = new Uint8Array(count);
  for (const npi of npisPaidBy(ctx.ws.db, m.competitorLockIn.manufacturers)) {
    const i = indexOf(npi);
    if (i >= 0) flags[i] = 1;
  }
  return flags;
}

/** Scores of every provider for a market (default: the active market), computed once per definition. */
export function getScores(ctx: EngineContext, market?: string | MarketDefinition): ProviderScores {
  const def = resolveMarket(ctx, market);
  const key = JSON.stringify(def);
  const cache = ctx.cached('providers:scores', () => new Map<string, ProviderScores>());
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const providers = getProviderColumns(ctx);
  // Saved markets, presets and the default are stored after scoring (ad hoc definitions, e.g. a market
  // being edited live, are not: each edit would write ~30 MB on a national workspace).
  const storeKey = typeof market === 'object' ? null : `${SCORING_VERSION}:${key}`;
  const stored = storeKey ? storedScores(ctx, storeKey, providers.count) : null;
  const scores = stored ?? computeScores(ctx, def);
  if (storeKey && !stored)
    writeIfFree(ctx.ws.db, () =>
      writeStoredScores(ctx.ws.db, {
        key: storeKey,
        count: providers.count,
        arrays: scores,
        meta: scoreMeta(scores),
      }),
    );
  cache.set(key, scores);
  while (cache.size > KEEP) cache.delete(cache.keys().next().value!);
  return scores;
}

/**
 * Bump when scoring gives different numbers for the same data and market: stored scores under an
 * older version are then ignored (and replaced by the next score).
 */
export const SCORING_VERSION = 'scores-v2'; // v2: history only from a year at most MAX_HISTORY_GAP_YEARS before

type ScoreMeta = Omit<ProviderScores, (typeof SCORE_ARRAYS)[number] | 'tier'>;

function scoreMeta(s: ProviderScores): ScoreMeta {
  const { market, definition, year, historyYear, thresholds, unmatchedCodes } = s;
  return { market, definition, year, historyYear, thresholds, unmatchedCodes };
}

function storedScores(ctx: EngineContext, key: string, count: number): ProviderScores | null {
  const got = readStoredScores(ctx.ws.db, key, count);
  return got ? { ...(got.meta as ScoreMeta), ...got.arrays } : null;
}

function computeScores(ctx: EngineContext, def: MarketDefinition): ProviderScores {
  const providers = getProviderColumns(ctx);
  const volumes = getVolumeColumns(ctx);
  return scoreProviders({
    providers,
    volumes,
    dataYears: ctx.cached('volumes:years', () => dataYears(volumes)),
    codes: getCodeTable(ctx).code,
    market: def,
    competitor: competitorFlags(ctx, def, providers.count, providers.indexOf),
    codeIndex: getVolumeCodeIndex(ctx),
    totals: (measure, years) => volumeTotals(ctx, measure, years),
    scratch: ctx.cached('providers:scoreScratch', (): Sums => {
      const n = providers.count;
      return {
        potential: new Float64Array(n),
        history: new Float64Array(n),
        volume: new Float64Array(n),
      };
    }),
  });
}

/**
 * Per-provider totals of a measure by year and site of care (32 bytes per provider and year), kept
 * under 'volumes:' so an import drops them: after the first "every code" score, re-scoring any market
 * whose codes mostly share one weight reads only the providers and the codes that differ.
 */
function volumeTotals(
  ctx: EngineContext,
  measure: Measure,
  years: number[],
): ProviderVolumeTotals[] {
  const cache = ctx.cached('volumes:totals', () => new Map<string, ProviderVolumeTotals>());
  const missing = years.filter((y) => !cache.has(`${measure}:${y}`));
  if (missing.length > 0) {
    const made = providerVolumeTotals(
      getVolumeColumns(ctx),
      getProviderColumns(ctx).count,
      measure,
      missing,
    );
    for (const t of made) cache.set(`${measure}:${t.year}`, t);
  }
  return years.map((y) => cache.get(`${measure}:${y}`)!);
}
