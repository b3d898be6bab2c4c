// Scoring area: saved market definitions and scoring the provider universe for a market.
import type { MarketDefinition, ScoreSummary, ScoringApi } from '../../common/contract';
import { EngineFailure } from '../../common/result';
import { listMarketRows, saveMarketRow } from '../../data/repos/marketRepo';
import { setMeta } from '../../data/workspace';
import { parseMarket } from '../../domain/market/schema';
import { summarizeScores } from '../../domain/scoring/summary';
import type { EngineContext } from '../runtime/context';
import { guard } from '../runtime/guard';
import { invalidateScenarios, nowIso } from '../scenarios/store';
import { ACTIVE_MARKET_META, getScores, loadMarket } from './scores';

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
    thresholds: { a: Number.isFinite(s.thresholds.a) ? s.thresholds.a : 0, b: Number.isFinite(s.thresholds.b) ? s.thresholds.b : 0 },
    millis: performance.now() - t0,
    year: s.year,
    historyYear: s.historyYear,
    unmatchedCodes: s.unmatchedCodes,
  };
}

export function saveMarketDefinition(ctx: EngineContext, def: MarketDefinition): { name: string } {
  const r = parseMarket(def);
  if (!r.ok) throw new EngineFailure('BAD_INPUT', `Market definition is not valid: ${r.message}. Fix the named fields and save again.`, { issues: r.issues });
  saveMarketRow(ctx.ws.db, r.market.name, JSON.stringify(r.market), nowIso());
  setMeta(ctx.ws.db, ACTIVE_MARKET_META, r.market.name);
  ctx.invalidate('providers:scores', 'providers:unitsums');
  invalidateScenarios(ctx);
  return { name: r.market.name };
}

export function scoringService(ctx: EngineContext): ScoringApi {
  return {
    saveMarket: (def) => guard(() => saveMarketDefinition(ctx, def)),
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
