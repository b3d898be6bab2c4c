// Engine-side inputs of the route area, cached on the context: spatial indexes (kdbush) over ZIP
// centroids and geocoded providers, time windows by NPI, and the offline drive model as the pure
// planners expect it.
import KDBush from 'kdbush';
import { EngineFailure } from '../common/result';
import type { TimeWindow } from '../domain/route/dayProblem';
import type { GeoPoint, TravelFn } from '../domain/route/weekModel';
import { travel } from '../domain/driveTime';
import { readTimeWindows } from '../data/repos/timeWindows';
import { getGeo, getProviderColumns } from './columnsLoader';
import type { EngineContext } from './context';
import type { ScenarioModel, TerritoryRecord } from './scenarioModel';

/** Drive between two points with the offline model; a pair uses the mean density of its ends. */
export const offlineTravel: TravelFn = (a: GeoPoint, b: GeoPoint) => {
  const t = travel(a.lat, a.lon, b.lat, b.lon, (a.density + b.density) / 2);
  return { minutes: t.minutes, miles: t.miles };
};

export function zipIndex(ctx: EngineContext): KDBush {
  return ctx.cached('geo:zipIndex', () => {
    const zips = getGeo(ctx).zips;
    const index = new KDBush(Math.max(1, zips.count));
    for (let i = 0; i < zips.count; i++) index.add(zips.lon[i]!, zips.lat[i]!);
    if (zips.count === 0) index.add(0, 0);
    return index.finish();
  });
}

/** Density class at a point: that of the nearest ZIP centroid (suburban when nothing is near). */
export function densityAt(ctx: EngineContext, lat: number, lon: number): number {
  const zips = getGeo(ctx).zips;
  const index = zipIndex(ctx);
  for (const r of [0.1, 0.4, 1.5]) {
    const ids = index.within(lon, lat, r);
    let best = -1;
    let bestD = Infinity;
    for (const id of ids) {
      if (id >= zips.count) continue;
      const d = (zips.lon[id]! - lon) ** 2 + (zips.lat[id]! - lat) ** 2;
      if (d < bestD) {
        bestD = d;
        best = id;
      }
    }
    if (best >= 0) return zips.density[best]!;
  }
  return 1;
}

/** Density class of every provider (its ZIP's class; suburban when the ZIP is unknown). */
export function providerDensity(ctx: EngineContext): Uint8Array {
  return ctx.cached('providers:density', () => {
    const p = getProviderColumns(ctx);
    const zips = getGeo(ctx).zips;
    const out = new Uint8Array(p.count).fill(1);
    for (let i = 0; i < p.count; i++) {
      const z = p.zipIndex[i]!;
      if (z >= 0 && z < zips.count) out[i] = zips.density[z]!;
    }
    return out;
  });
}

/** kdbush over geocoded providers; ids map back through `provider`. */
export function providerIndex(ctx: EngineContext): { index: KDBush; provider: Int32Array; lat: Float64Array; lon: Float64Array; density: Uint8Array } {
  return ctx.cached('providers:spatial', () => {
    const p = getProviderColumns(ctx);
    const dens = providerDensity(ctx);
    const ids: number[] = [];
    for (let i = 0; i < p.count; i++) if (Number.isFinite(p.lat[i]!) && Number.isFinite(p.lon[i]!)) ids.push(i);
    const index = new KDBush(Math.max(1, ids.length));
    const lat = new Float64Array(ids.length);
    const lon = new Float64Array(ids.length);
    const density = new Uint8Array(ids.length);
    ids.forEach((i, k) => {
      lat[k] = p.lat[i]!;
      lon[k] = p.lon[i]!;
      density[k] = dens[i]!;
      index.add(lon[k]!, lat[k]!);
    });
    if (ids.length === 0) index.add(0, 0);
    return { index: index.finish(), provider: Int32Array.from(ids), lat, lon, density };
  });
}

/** Time windows by NPI and ISO weekday; weekday 0 rows ("every weekday") fill Mon–Fri unless a day has its own rows. */
export function timeWindows(ctx: EngineContext): Map<number, Map<number, TimeWindow[]>> {
  return ctx.cached('providers:timeWindows', () => {
    const byNpi = new Map<number, { every: TimeWindow[]; days: Map<number, TimeWindow[]> }>();
    for (const r of readTimeWindows(ctx.ws.db)) {
      const e = byNpi.get(r.npi) ?? { every: [], days: new Map<number, TimeWindow[]>() };
      const w = { open: r.openMin, close: r.closeMin };
      if (r.weekday === 0) e.every.push(w);
      else e.days.set(r.weekday, [...(e.days.get(r.weekday) ?? []), w]);
      byNpi.set(r.npi, e);
    }
    const out = new Map<number, Map<number, TimeWindow[]>>();
    for (const [npi, e] of byNpi) {
      const m = new Map(e.days);
      if (e.every.length > 0) for (let d = 1; d <= 5; d++) if (!m.has(d)) m.set(d, e.every);
      out.set(npi, m);
    }
    return out;
  });
}

export function findTerritory(model: ScenarioModel, territoryId: string): { index: number; territory: TerritoryRecord } {
  const index = model.territories.findIndex((t) => t.id === territoryId);
  if (index < 0) {
    const known = model.territories.slice(0, 8).map((t) => t.id).join(', ');
    throw new EngineFailure('NOT_FOUND', `Territory "${territoryId}" is not in scenario "${model.name}". Known territories include: ${known}${model.territories.length > 8 ? ', …' : ''}. Run \`tessera scenario show <ws> ${model.name}\` to list them.`);
  }
  return { index, territory: model.territories[index]! };
}

/** Local drive minutes per straight-line mile at a density class (a 5-mile trip of the model). */
export function localMinutesPerMile(density: number): number {
  const t = travel(0, 0, 0, 5 / 69.17, density);
  return t.minutes / 5;
}
