// The refresh report: what a new claims year does to a plan. The plan's metrics are computed twice on
// its own market, once with the year it was made on and once with the new year; tier changes come from
// the same per-year scores as `trends`, so the report and the trends view agree.
import type {
  Tier,
  RefreshAccount,
  RefreshApi,
  RefreshReport,
  RefreshRequest,
  RefreshTerritory,
  TerritoryMetrics,
  TrendRow,
} from '../../common/contract';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EngineFailure } from '../../common/result';
import { TextFile } from '../../data/export/textWriters';
import { rowsOf, trendSelection } from '../scoring/trendsService';
import { resolveMarket } from '../scoring/scores';
import type { EngineContext } from '../runtime/context';
import { guard } from '../runtime/guard';
import { metricsForModel } from './metrics';
import { BASELINE_NAME, ensureBaseline, loadScenarioModel } from './store';

const MAX_TOP = 1000;
const pct = (x: number) => `${x > 0 ? '+' : ''}${Math.round(x * 100)} %`;

function reasonOf(r: TrendRow, measure: string, from: number, to: number): string {
  const a = r.volumes[0]!;
  const b = r.volumes[r.volumes.length - 1]!;
  const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
  if (a === 0) return `new: no ${measure} in ${from}, ${fmt(b)} in ${to}`;
  if (b === 0)
    return `no ${measure} in ${to} (${fmt(a)} in ${from}): retired, moved or stopped billing`;
  const tierPart =
    r.tiers[0] !== r.tiers[r.tiers.length - 1]
      ? `; tier ${r.tiers[0] ?? '-'} → ${r.tiers[r.tiers.length - 1] ?? '-'}`
      : '';
  return `${measure} ${pct(b / a - 1)} from ${from} to ${to} (${fmt(a)} → ${fmt(b)})${tierPart}`;
}

function accountOf(r: TrendRow, measure: string, from: number, to: number): RefreshAccount {
  return {
    npi: r.npi,
    name: r.name,
    specialty: r.specialty,
    state: r.state,
    city: r.city,
    zip5: r.zip5,
    territory: r.territory,
    tierBefore: r.tiers[0] ?? null,
    tierAfter: r.tiers[r.tiers.length - 1] ?? null,
    volumeBefore: r.volumes[0]!,
    volumeAfter: r.volumes[r.volumes.length - 1]!,
    reason: reasonOf(r, measure, from, to),
  };
}

function territoryRows(before: TerritoryMetrics[], after: TerritoryMetrics[]): RefreshTerritory[] {
  return before.map((b, i) => {
    const a = after[i]!;
    return {
      territoryId: b.territoryId,
      name: b.name,
      repName: b.repName,
      indexRatioBefore: b.indexRatio,
      indexRatioAfter: a.indexRatio,
      bandBefore: b.band,
      bandAfter: a.band,
      workloadHoursBefore: b.workloadHours,
      workloadHoursAfter: a.workloadHours,
      capacityHours: a.capacityHours,
    };
  });
}

export async function refreshReport(
  ctx: EngineContext,
  req: RefreshRequest,
): Promise<RefreshReport> {
  const t0 = performance.now();
  const top = req.top ?? 50;
  if (!Number.isInteger(top) || top < 0 || top > MAX_TOP)
    throw new EngineFailure(
      'BAD_INPUT',
      `top must be a whole number from 0 to ${MAX_TOP}, not ${top}.`,
      { top },
    );
  const scenario = req.scenario ?? (ensureBaseline(ctx) ? BASELINE_NAME : undefined);
  if (!scenario)
    throw new EngineFailure(
      'BAD_INPUT',
      'This workspace has no plan to refresh: import the current alignment or create one with tessera align, then name it with --scenario.',
      {},
    );
  const model = loadScenarioModel(ctx, scenario);
  const def = resolveMarket(ctx, req.market ?? model.market ?? undefined);
  const sel = trendSelection(ctx, {
    market: def,
    from: req.previousYear,
    to: req.year,
    thresholds: req.thresholds,
    scenario,
  });
  const before = metricsForModel(ctx, model, { ...def, year: sel.from });
  const after = metricsForModel(ctx, model, { ...def, year: sel.to });
  const { cols, terr } = sel;
  const first = cols.tier[0]!;
  const last = cols.tier[cols.tier.length - 1]!;
  const vFirst = cols.volume[0]!;
  const vLast = cols.volume[cols.volume.length - 1]!;
  const gained: number[] = [];
  const lost: number[] = [];
  const pairs = new Map<string, number>();
  for (let i = 0; i < first.length; i++) {
    if (cols.trend[i] === 0) continue;
    if (last[i] === 1 && first[i] !== 1) gained.push(i);
    if (first[i] === 1 && last[i] !== 1) lost.push(i);
    const k = `${'-ABC'[first[i]!]}${'-ABC'[last[i]!]}`;
    pairs.set(k, (pairs.get(k) ?? 0) + 1);
  }
  const bySize = (a: number, b: number) =>
    Math.abs(vLast[b]! - vFirst[b]!) - Math.abs(vLast[a]! - vFirst[a]!) || a - b;
  gained.sort(bySize);
  lost.sort(bySize);
  const rows = (idx: number[]) =>
    rowsOf(ctx, cols, idx.slice(0, top), terr).map((r) =>
      accountOf(r, def.measure, sel.from, sel.to),
    );
  const terrs = territoryRows(before.perTerritory, after.perTerritory);
  const moved = terrs
    .filter((t) => t.bandBefore !== t.bandAfter)
    .sort(
      (a, b) =>
        Math.abs(b.indexRatioAfter - b.indexRatioBefore) -
        Math.abs(a.indexRatioAfter - a.indexRatioBefore),
    );
  const overCapacity = terrs.filter(
    (t) => t.workloadHoursAfter > t.capacityHours && t.workloadHoursBefore <= t.capacityHours,
  );
  const alerts = req.alertsFile
    ? await writeAlerts(req.alertsFile, alertRows(ctx, sel, def.measure))
    : undefined;
  const head = (m: typeof before) => ({
    within5: m.within5,
    withinBand: m.withinBand,
    maxMinRatio: m.maxMinRatio,
    territories: m.territories,
  });
  return {
    scenario: model.name,
    market: def.name,
    previousYear: sel.from,
    year: sel.to,
    before: head(before),
    after: head(after),
    tierChanges: [...pairs]
      .map(([k, providers]) => ({ from: k[0] as Tier | '-', to: k[1] as Tier | '-', providers }))
      .sort((a, b) => (a.from + a.to).localeCompare(b.from + b.to)),
    newTierA: rows(gained),
    lostTierA: rows(lost),
    newTierACount: gained.length,
    lostTierACount: lost.length,
    territoriesMoved: moved,
    overCapacity,
    alerts,
    notChecked: [
      'accounts that moved practice ZIP or changed health system: the workspace keeps one practice location and affiliation per provider (the latest imported), not one per year',
      'deactivated NPIs still targeted: NPPES deactivations are skipped at import, not stored',
    ],
    millis: performance.now() - t0,
  };
}

/** Every classed provider whose tier changed between the two years, largest volume change first. */
function alertRows(
  ctx: EngineContext,
  sel: ReturnType<typeof trendSelection>,
  measure: string,
): RefreshAccount[] {
  const { cols, terr } = sel;
  const first = cols.tier[0]!;
  const last = cols.tier[cols.tier.length - 1]!;
  const vFirst = cols.volume[0]!;
  const vLast = cols.volume[cols.volume.length - 1]!;
  const idx: number[] = [];
  for (let i = 0; i < first.length; i++)
    if (cols.trend[i] !== 0 && first[i] !== last[i]) idx.push(i);
  idx.sort((a, b) => Math.abs(vLast[b]! - vFirst[b]!) - Math.abs(vLast[a]! - vFirst[a]!) || a - b);
  return rowsOf(ctx, cols, idx, terr).map((r) => accountOf(r, measure, sel.from, sel.to));
}

async function writeAlerts(
  path: string,
  rows: RefreshAccount[],
): Promise<{ path: string; rows: number }> {
  const dir = dirname(resolve(path));
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new EngineFailure(
      'BAD_INPUT',
      `Cannot write the alerts file ${path}: the folder ${dir} does not exist. Create it or name another file.`,
      { file: path },
    );
  if (existsSync(path) && !statSync(path).isFile())
    throw new EngineFailure(
      'BAD_INPUT',
      `Cannot write the alerts file ${path}: it is not a regular file. Name a .csv file.`,
      { file: path },
    );
  const out = new TextFile(path);
  await out.write('\uFEFF');
  await out.csvRow([
    'npi',
    'name',
    'specialty',
    'city',
    'state',
    'zip5',
    'territory',
    'tier_before',
    'tier_after',
    'volume_before',
    'volume_after',
    'reason',
  ]);
  for (const r of rows) {
    await out.csvRow([
      r.npi,
      r.name,
      r.specialty,
      r.city,
      r.state,
      r.zip5,
      r.territory ?? '',
      r.tierBefore ?? '',
      r.tierAfter ?? '',
      Math.round(r.volumeBefore * 100) / 100,
      Math.round(r.volumeAfter * 100) / 100,
      r.reason,
    ]);
  }
  await out.close();
  return { path, rows: rows.length };
}

export function refreshService(ctx: EngineContext): RefreshApi {
  return { refreshReport: (req) => guard(() => refreshReport(ctx, req)) };
}
