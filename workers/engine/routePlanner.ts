// planWeek: a territory's week of day routes, from the scenario (accounts, home base), the market's
// scores (tiers, call frequency, call length) and the imported time windows. Used by the `route`
// contract method and by the rep pack's Routes sheet.
import type { RouteRequest, RouteWeek, Tier } from '../common/contract';
import { EngineFailure } from '../common/result';
import { epochDay, nextMonday } from '../domain/route/calendar';
import { DEFAULT_DAY, parseHhmm, type DaySettings } from '../domain/route/dayProblem';
import { planWeekPure } from '../domain/route/week';
import type { PlanPoint, WeekAccount } from '../domain/route/weekModel';
import { providerDetails } from '../data/repos/providers';
import { TIER_CODES } from './columns';
import { getProviderColumns } from './columnsLoader';
import type { EngineContext } from './context';
import { densityAt, findTerritory, offlineTravel, providerDensity, timeWindows } from './routeInputs';
import { marketOrDefault, loadScenarioModel } from './scenarios';
import { getScores, resolveMarket } from './scores';

const MAX_DAYS = 10;

function bad(message: string): never {
  throw new EngineFailure('BAD_INPUT', message);
}

function timeField(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const m = parseHhmm(text);
  if (!Number.isFinite(m)) bad(`${name} "${text}" is not a time: use HH:MM, e.g. ${name === 'dayEnd' ? '17:30' : '08:00'}.`);
  return m;
}

export function daySettingsOf(req: RouteRequest): DaySettings {
  const day: DaySettings = {
    dayStart: timeField('dayStart', req.dayStart, DEFAULT_DAY.dayStart),
    dayEnd: timeField('dayEnd', req.dayEnd, DEFAULT_DAY.dayEnd),
    lunchStart: timeField('lunchStart', req.lunchStart, DEFAULT_DAY.lunchStart),
    lunchMinutes: req.lunchMinutes ?? DEFAULT_DAY.lunchMinutes,
  };
  if (day.dayEnd <= day.dayStart) bad(`dayEnd (${req.dayEnd}) must be after dayStart (${req.dayStart ?? '08:00'}).`);
  if (!(day.lunchMinutes >= 0 && day.lunchMinutes <= 180)) bad(`lunchMinutes must be between 0 and 180, got ${req.lunchMinutes}.`);
  return day;
}

function pointOf(ctx: EngineContext, name: string, p: { lat: number; lon: number; label?: string } | undefined): PlanPoint | undefined {
  if (!p) return undefined;
  if (!(Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180)) bad(`${name} point needs a latitude in [-90, 90] and a longitude in [-180, 180], got ${p.lat}, ${p.lon}.`);
  return { lat: p.lat, lon: p.lon, label: p.label ?? name, density: densityAt(ctx, p.lat, p.lon) };
}

function territoryAccounts(ctx: EngineContext, req: RouteRequest, territoryIndex: number, model: ReturnType<typeof loadScenarioModel>): WeekAccount[] {
  const providers = getProviderColumns(ctx);
  const market = req.market ?? marketOrDefault(ctx, model.market);
  const scores = getScores(ctx, market);
  const def = resolveMarket(ctx, market);
  const density = providerDensity(ctx);
  const windows = timeWindows(ctx);
  const picked: number[] = [];
  for (let i = 0; i < providers.count; i++) {
    if (model.providerTerritory[i] !== territoryIndex) continue;
    if (scores.tier[i] === 0 || !(scores.callsPerYear[i]! > 0)) continue;
    if (!Number.isFinite(providers.lat[i]!) || !Number.isFinite(providers.lon[i]!)) continue;
    picked.push(i);
  }
  const names = new Map(providerDetails(ctx.ws.db, picked.map((i) => providers.npi[i]!)).map((d) => [d.npi, d.name]));
  return picked.map((i) => {
    const npi = providers.npi[i]!;
    const tier = TIER_CODES[scores.tier[i]!] ?? null;
    const calls = scores.callsPerYear[i]!;
    const fromWorkload = (scores.workloadHours[i]! * 60) / calls;
    const visitMinutes = Number.isFinite(fromWorkload) && fromWorkload > 0 ? fromWorkload : def.callMinutes[(tier ?? 'C') as Tier];
    return {
      id: String(npi),
      name: names.get(npi) || `NPI ${npi}`,
      tier,
      lat: providers.lat[i]!,
      lon: providers.lon[i]!,
      callsPerYear: calls,
      visitMinutes,
      density: density[i]!,
      windows: windows.get(npi),
    };
  });
}

/** The week plan of one territory. `today` (epoch day) sets the default start: the next Monday. */
export function planWeek(ctx: EngineContext, req: RouteRequest, today?: number): RouteWeek {
  const t0 = performance.now();
  const days = req.days ?? 5;
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) bad(`days must be a whole number from 1 to ${MAX_DAYS}, got ${req.days}.`);
  let firstDay: number;
  if (req.date !== undefined) {
    firstDay = epochDay(req.date);
    if (!Number.isFinite(firstDay)) bad(`date "${req.date}" is not a calendar date: use YYYY-MM-DD, e.g. 2025-06-09.`);
  } else {
    firstDay = nextMonday(today ?? Math.floor(Date.now() / 86_400_000));
  }
  const daysPerYear = req.daysPerYear ?? 220;
  if (!(daysPerYear >= 50 && daysPerYear <= 366)) bad(`daysPerYear must be between 50 and 366, got ${req.daysPerYear}.`);
  const model = loadScenarioModel(ctx, req.scenario);
  const { index, territory } = findTerritory(model, req.territoryId);
  const accounts = territoryAccounts(ctx, req, index, model);
  const home: PlanPoint = {
    lat: territory.homeLat,
    lon: territory.homeLon,
    label: territory.homeKnown ? `Home base${territory.repName ? ` (${territory.repName})` : ''}` : 'Territory centre (no rep home known)',
    density: densityAt(ctx, territory.homeLat, territory.homeLon),
  };
  const week = planWeekPure({
    accounts,
    home,
    start: pointOf(ctx, 'start', req.start),
    end: pointOf(ctx, 'end', req.end),
    firstDay,
    days,
    day: daySettingsOf(req),
    daysPerYear,
    dayEnds: req.dayEnds ?? 'home',
    travel: offlineTravel,
    symmetric: true,
    seed: req.seed ?? 1,
  });
  return {
    scenario: model.name,
    territoryId: territory.id,
    territoryName: territory.name,
    repName: territory.repName,
    ...week,
    source: 'offline',
    seconds: Math.round(performance.now() - t0) / 1000,
  };
}
