// Route area of the contract: weekly capacity per territory, radius lists, week routes.
import type {
  CapacityReport,
  CapacitySettings,
  RadiusHit,
  RadiusRequest,
  RadiusResult,
  RouteApi,
  TerritoryCapacity,
} from '../../common/contract';
import { isCancelled } from '../../common/progress';
import { EngineFailure } from '../../common/result';
import { DEFAULT_CAPACITY, ROUTE_K, territoryCapacity } from '../../domain/capacity';
import { LONG_CIRCUITY, LONG_MPH, travel } from '../../domain/driveTime';
import { rankByValue } from '../../domain/route/radius';
import { providerDetails } from '../../data/repos/providers';
import { TIER_CODES } from '../columns/columns';
import {
  getCodeTable,
  getGeo,
  getProviderColumns,
  getVolumeColumns,
} from '../columns/columnsLoader';
import type { EngineContext } from '../runtime/context';
import { guard } from '../runtime/guard';
import {
  densityAt,
  findTerritory,
  localMinutesPerMile,
  providerDensity,
  providerIndex,
} from './inputs';
import { planWeekWithTravel } from './weekRoadTimes';
import { providersWithin } from './radiusRoadTimes';
import { homeDriveMinutes } from '../travel/travelSource';
import { loadScenarioModel, marketOrDefault } from '../scenarios/store';
import { getScores } from '../scoring/scores';

function bad(message: string): never {
  throw new EngineFailure('BAD_INPUT', message);
}

function capacitySettings(s: Partial<CapacitySettings> | undefined): Required<CapacitySettings> {
  const out = {
    ...DEFAULT_CAPACITY,
    ...Object.fromEntries(Object.entries(s ?? {}).filter(([, v]) => v !== undefined)),
  };
  if (!(out.daysPerYear > 0 && out.daysPerYear <= 366))
    bad(`daysPerYear must be in 1..366, got ${out.daysPerYear}.`);
  if (!(out.hoursPerDay > 0 && out.hoursPerDay <= 24))
    bad(`hoursPerDay must be in (0, 24], got ${out.hoursPerDay}.`);
  if (!(out.fieldShare > 0 && out.fieldShare <= 1))
    bad(`fieldShare must be in (0, 1], e.g. 0.6 for 60 %, got ${out.fieldShare}.`);
  return out;
}

async function capacity(
  ctx: EngineContext,
  req: { scenario: string; settings?: Partial<CapacitySettings>; market?: string },
): Promise<CapacityReport> {
  const settings = capacitySettings(req.settings);
  const model = loadScenarioModel(ctx, req.scenario);
  const scores = getScores(ctx, req.market ?? marketOrDefault(ctx, model.market));
  const p = getProviderColumns(ctx);
  const density = providerDensity(ctx);
  const members: number[][] = model.territories.map(() => []);
  for (let i = 0; i < p.count; i++) {
    const t = model.providerTerritory[i]!;
    if (t < 0 || scores.tier[i] === 0 || !(scores.callsPerYear[i]! > 0)) continue;
    if (!Number.isFinite(p.lat[i]!) || !Number.isFinite(p.lon[i]!)) continue;
    members[t]!.push(i);
  }
  const homes = model.territories.map((t) => ({ lat: t.homeLat, lon: t.homeLon, id: t.id }));
  const drive = await homeDriveMinutes(ctx, { homes, members, lat: p.lat, lon: p.lon, density });
  const territories: TerritoryCapacity[] = model.territories.map((t, k) => {
    const ids = members[k]!;
    const homeDensity = densityAt(ctx, t.homeLat, t.homeLon);
    const homeMinutes = drive.minutes[k]!;
    const meanDensity =
      ids.length > 0 ? ids.reduce((s, i) => s + density[i]!, 0) / ids.length : homeDensity;
    return territoryCapacity(
      {
        territoryId: t.id,
        name: t.name,
        repName: t.repName,
        lat: Float64Array.from(ids, (i) => p.lat[i]!),
        lon: Float64Array.from(ids, (i) => p.lon[i]!),
        callsPerYear: Float64Array.from(ids, (i) => scores.callsPerYear[i]!),
        workloadHours: Float64Array.from(ids, (i) => scores.workloadHours[i]!),
        tier: Uint8Array.from(ids, (i) => scores.tier[i]!),
        homeMinutes,
        homeLat: t.homeLat,
        localMinutesPerMile: localMinutesPerMile(meanDensity),
      },
      settings,
    );
  });
  return {
    scenario: model.name,
    settings,
    territories,
    over: territories.filter((t) => t.flag === 'over').length,
    under: territories.filter((t) => t.flag === 'under').length,
    method: `drive/week = min(5, visits) × 2 × mean home→account minutes + ${ROUTE_K} × √(visits/week × hull area sq mi) × local minutes per mile (Daganzo/BHH, constant calibrated against the week planner)`,
    travelSource: drive.travelSource,
    travelWarning: drive.travelWarning,
  };
}

function radiusCenter(
  ctx: EngineContext,
  from: RadiusRequest['from'],
): { lat: number; lon: number; label: string } {
  if ('zip' in from) {
    const zips = getGeo(ctx).zips;
    const z = zips.indexOf(String(from.zip).padStart(5, '0').slice(0, 5));
    if (z < 0)
      throw new EngineFailure(
        'NOT_FOUND',
        `ZIP "${from.zip}" is not in the bundled ZIP table. Use a 5-digit US ZIP, or give --lat/--lon.`,
      );
    return {
      lat: zips.lat[z]!,
      lon: zips.lon[z]!,
      label: `ZIP ${zips.zip[z]} (${zips.city[z]}, ${zips.state[z]})`,
    };
  }
  if ('scenario' in from) {
    const { territory } = findTerritory(loadScenarioModel(ctx, from.scenario), from.territoryId);
    return {
      lat: territory.homeLat,
      lon: territory.homeLon,
      label: `home base of ${territory.id}${territory.repName ? ` (${territory.repName})` : ''}`,
    };
  }
  if (!(Math.abs(from.lat) <= 90 && Math.abs(from.lon) <= 180))
    bad(`lat/lon must be in [-90, 90] / [-180, 180], got ${from.lat}, ${from.lon}.`);
  return { lat: from.lat, lon: from.lon, label: `${from.lat.toFixed(4)}, ${from.lon.toFixed(4)}` };
}

function codeVolumes(ctx: EngineContext, codes: string[], candidates: Set<number>): Float64Array {
  const table = getCodeTable(ctx);
  const ids = new Set<number>();
  const unknown: string[] = [];
  for (const c of codes) {
    const id = table.idOf(c.trim().toUpperCase());
    if (id === undefined) unknown.push(c);
    else ids.add(id);
  }
  if (unknown.length > 0)
    throw new EngineFailure(
      'NOT_FOUND',
      `No imported volume for code(s) ${unknown.join(', ')}. Check the codes (CPT/HCPCS or ICD-10) with \`tessera market codes <ws> --search …\`.`,
      { unknown },
    );
  const v = getVolumeColumns(ctx);
  const out = new Float64Array(getProviderColumns(ctx).count);
  for (let r = 0; r < v.count; r++) {
    const prov = v.provider[r]!;
    if (prov >= 0 && candidates.has(prov) && ids.has(v.code[r]!))
      out[prov] = out[prov]! + v.services[r]!;
  }
  return out;
}

async function radius(ctx: EngineContext, req: RadiusRequest): Promise<RadiusResult> {
  if (req.minutes === undefined && req.miles === undefined)
    bad('Give a radius: minutes (drive time) or miles (road miles).');
  for (const [k, v] of [
    ['minutes', req.minutes],
    ['miles', req.miles],
  ] as const) {
    if (v !== undefined && !(v > 0 && v <= 600))
      bad(`${k} must be a positive number up to 600, got ${v}.`);
  }
  const center = radiusCenter(ctx, req.from);
  const sp = providerIndex(ctx);
  const { found, travelSource, travelWarning } = await providersWithin(ctx, {
    label: center.label,
    center: { ...center, density: densityAt(ctx, center.lat, center.lon) },
    minutes: req.minutes,
    miles: req.miles,
    index: sp.index,
    lat: sp.lat,
    lon: sp.lon,
    density: sp.density,
    travel,
    maxMph: LONG_MPH / LONG_CIRCUITY,
  });
  const scores = getScores(ctx, req.market);
  const byCodes = req.rankBy !== 'potential';
  const provOf = (id: number) => sp.provider[id]!;
  const volumes = byCodes
    ? codeVolumes(
        ctx,
        (req.rankBy as { codes: string[] }).codes,
        new Set(found.map((c) => provOf(c.id))),
      )
    : null;
  const ranked = rankByValue(
    found,
    (id) => (volumes ? volumes[provOf(id)]! : scores.potential[provOf(id)]!),
    !byCodes,
  );
  const limit = req.limit ?? 100;
  const top = ranked.slice(0, limit);
  const p = getProviderColumns(ctx);
  const zips = getGeo(ctx).zips;
  const details = new Map(
    providerDetails(
      ctx.ws.db,
      top.map((c) => p.npi[provOf(c.id)]!),
    ).map((d) => [d.npi, d]),
  );
  const hits: RadiusHit[] = top.map((c) => {
    const i = provOf(c.id);
    const d = details.get(p.npi[i]!);
    const z = p.zipIndex[i]!;
    return {
      npi: String(p.npi[i]!),
      name: d?.name ?? '',
      specialty: d?.specialty || p.specialties[p.specialty[i]!] || '',
      zip: d?.zip5 ?? (z >= 0 ? zips.zip[z]! : ''),
      lat: p.lat[i]!,
      lon: p.lon[i]!,
      miles: Math.round(c.miles * 10) / 10,
      minutes: Math.round(c.minutes * 10) / 10,
      value: c.value,
      tier: TIER_CODES[scores.tier[i]!] ?? null,
      potential: scores.potential[i]!,
    };
  });
  return {
    center,
    minutes: req.minutes ?? null,
    miles: req.miles ?? null,
    rankBy: byCodes
      ? `services of ${(req.rankBy as { codes: string[] }).codes.join(', ')}`
      : 'potential',
    total: ranked.length,
    hits,
    source: travelSource === 'offline' ? 'offline' : 'server',
    travelSource,
    travelWarning,
  };
}

export function routeService(ctx: EngineContext): RouteApi {
  return {
    capacity: (req) => guard(() => capacity(ctx, req)),
    radius: (req) => guard(() => radius(ctx, req)),
    route: (req, opts) =>
      guard(async () => {
        if (isCancelled(opts?.cancel))
          throw new EngineFailure('CANCELLED', 'Route planning was cancelled.');
        opts?.onProgress?.({
          phase: 'route',
          done: 0,
          total: 1,
          unit: 'items',
          message: `planning ${req.territoryId}`,
        });
        const week = await planWeekWithTravel(ctx, req, { cancel: opts?.cancel });
        opts?.onProgress?.({ phase: 'route', done: 1, total: 1, unit: 'items' });
        return week;
      }),
  };
}
