// Scoring area: saved market definitions and scoring the provider universe for a market.
import type { MarketDefinition, ScoreSummary, ScoringApi } from '../../common/contract';
import { EngineFailure } from '../../common/result';
import { listMarketRows, readMarketRow, saveMarketRow } from '../../data/repos/marketRepo';
import { getMeta, setMeta } from '../../data/workspace';
import { parseMarket } from '../../domain/market/schema';
import { summarizeScores } from '../../domain/scoring/summary';
import type { EngineContext } from '../runtime/context';
import { guard } from '../runtime/guard';
import { invalidateScenarios, nowIso } from '../scenarios/store';
import {
  ACTIVE_MARKET_META,
  defaultMarketName,
  getScores,
  loadMarket,
  presetNames,
} from './scores';

export function scoreSummary(ctx: EngineContext, market?: string | MarketDefinition): ScoreSummary {
  const t0 = performance.now();
  const s = getScores(ctx, market);
  const sum = summarizeScores(s);
  return {
    market: s.market,
    providers: s.potential.length,
    scoredProviders: sum.scoredProviders,
    totalPotential: sum.totalPotential,
    accessiblePotential: sum.accessiblePotential,
    tiers: sum.tiers,
    thresholds: {
      a: Number.isFinite(s.thresholds.a) ? s.thresholds.a : 0,
      b: Number.isFinite(s.thresholds.b) ? s.thresholds.b : 0,
    },
    millis: performance.now() - t0,
    year: s.year,
    historyYear: s.historyYear,
    unmatchedCodes: s.unmatchedCodes,
  };
}

/** A saved market's name must be non-blank and must not be a preset's (a saved market would hide the preset). */
function checkMarketName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed)
    throw new EngineFailure(
      'BAD_INPUT',
      'Give the market a name before saving it (e.g. "Knee & hip arthroplasty 2022").',
    );
  if (trimmed.length > 120)
    throw new EngineFailure(
      'BAD_INPUT',
      `A market name is at most 120 characters (got ${trimmed.length}).`,
    );
  const taken = presetNames().find((p) => p.toLowerCase() === trimmed.toLowerCase());
  if (taken)
    throw new EngineFailure(
      'CONFLICT',
      `"${trimmed}" is the name of a preset market; save your market under a name of its own (the preset stays as it is).`,
      { name: trimmed },
    );
  return trimmed;
}

/**
 * Scenarios with no recorded market were scored with the workspace default: record that name on them
 * before the default changes, so saving another market never changes their numbers.
 */
function pinUnmarkedScenarios(ctx: EngineContext): void {
  const name = defaultMarketName(ctx);
  ctx.ws.db.prepare(`UPDATE scenarios SET market = ? WHERE market IS NULL`).run(name);
}

export function saveMarketDefinition(ctx: EngineContext, def: MarketDefinition): { name: string } {
  const r = parseMarket(def);
  if (!r.ok)
    throw new EngineFailure(
      'BAD_INPUT',
      `Market definition is not valid: ${r.message}. Fix the named fields and save again.`,
      { issues: r.issues },
    );
  const name = checkMarketName(r.market.name);
  pinUnmarkedScenarios(ctx);
  saveMarketRow(ctx.ws.db, name, JSON.stringify({ ...r.market, name }), nowIso());
  setMeta(ctx.ws.db, ACTIVE_MARKET_META, name);
  ctx.invalidate('providers:scores', 'providers:unitsums');
  invalidateScenarios(ctx);
  return { name };
}

/** Renames a saved market; scenarios scored with it follow the new name. Presets cannot be renamed. */
export function renameMarket(ctx: EngineContext, from: string, to: string): { name: string } {
  const row = readMarketRow(ctx.ws.db, from);
  if (!row) {
    if (presetNames().some((p) => p.toLowerCase() === from.trim().toLowerCase())) {
      throw new EngineFailure(
        'BAD_INPUT',
        `"${from}" is a preset market and cannot be renamed; save a copy under a new name instead.`,
      );
    }
    loadMarket(ctx, from); // NOT_FOUND listing the saved markets
  }
  const name = checkMarketName(to);
  const clash = readMarketRow(ctx.ws.db, name);
  if (clash && clash.name.toLowerCase() !== row!.name.toLowerCase())
    throw new EngineFailure(
      'CONFLICT',
      `A market named "${clash.name}" already exists. Pick another name.`,
    );
  const def = { ...(JSON.parse(row!.definition) as MarketDefinition), name };
  const db = ctx.ws.db;
  db.transaction(() => {
    pinUnmarkedScenarios(ctx);
    db.prepare(`DELETE FROM markets WHERE name = ?`).run(row!.name);
    saveMarketRow(db, name, JSON.stringify(def), row!.updatedAt);
    db.prepare(`UPDATE scenarios SET market = ? WHERE market = ? COLLATE NOCASE`).run(
      name,
      row!.name,
    );
    if (getMeta(db, ACTIVE_MARKET_META) === row!.name) setMeta(db, ACTIVE_MARKET_META, name);
  })();
  ctx.invalidate('providers:scores', 'providers:unitsums');
  invalidateScenarios(ctx);
  return { name };
}

export function scoringService(ctx: EngineContext): ScoringApi {
  return {
    saveMarket: (def) => guard(() => saveMarketDefinition(ctx, def)),
    renameMarket: (req) => guard(() => renameMarket(ctx, req.from, req.to)),
    listMarkets: () =>
      guard(() =>
        listMarketRows(ctx.ws.db).flatMap((row) => {
          const r = parseMarket(JSON.parse(row.definition));
          return r.ok ? [r.market] : [];
        }),
      ),
    getMarket: (req) => guard(() => loadMarket(ctx, req.name)),
    score: (req) => guard(() => scoreSummary(ctx, req.market)),
  };
}
