// Engine-side inputs of the route area, cached on the context: spatial indexes (kdbush) over ZIP
// centroids and geocoded providers, time windows by NPI, and the offline drive model as the pure
// planners expect it.
import KDBush from 'kdbush';
import { EngineFailure } from '../../common/result';
import type { TimeWindow } from '../../domain/route/dayProblem';
import { travel } from '../../domain/driveTime';
import { readWindowColumns, type WindowColumns } from '../../data/routeWindows';
import { windowsFromRows } from '../../domain/route/weekAccounts';
import { getGeo, getProviderColumns } from '../columns/columnsLoader';
import type { EngineContext } from '../runtime/context';
import type { ScenarioModel, TerritoryRecord } from '../scenarios/model';

/** Drive between two points with the offline model (defined in the domain so the route worker can use it). */
export { offlineTravel } from '../../domain/route/offlineTravel';

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
export function providerIndex(ctx: EngineContext): {
  index: KDBush;
  provider: Int32Array;
  lat: Float64Array;
  lon: Float64Array;
  density: Uint8Array;
} {
  return ctx.cached('providers:spatial', () => {
    const p = getProviderColumns(ctx);
    const dens = providerDensity(ctx);
    const ids: number[] = [];
    for (let i = 0; i < p.count; i++)
      if (Number.isFinite(p.lat[i]!) && Number.isFinite(p.lon[i]!)) ids.push(i);
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

/** Time windows of every provider, columnar (cached); look one account up with windowsOfNpi. */
export function timeWindows(ctx: EngineContext): WindowColumns {
  return ctx.cached('providers:timeWindows', () => readWindowColumns(ctx.ws.db));
}

/** Row range [from, to) of one NPI's windows (from === to: none). */
export function windowRowsOfNpi(w: WindowColumns, npi: number): [number, number] {
  let lo = 0;
  let hi = w.npis.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = w.npis[mid]!;
    if (v === npi) return [w.start[mid]!, w.start[mid + 1]!];
    if (v < npi) lo = mid + 1;
    else hi = mid - 1;
  }
  return [0, 0];
}

/** Windows of one NPI by ISO weekday; weekday 0 rows ("every weekday") fill Mon–Fri unless a day has its own rows. */
export function windowsOfNpi(w: WindowColumns, npi: number): Map<number, TimeWindow[]> | undefined {
  const [from, to] = windowRowsOfNpi(w, npi);
  return to > from ? windowsFromRows(w.weekday, w.open, w.close, from, to) : undefined;
}

export function findTerritory(
  model: ScenarioModel,
  territoryId: string,
): { index: number; territory: TerritoryRecord } {
  const index = model.territories.findIndex((t) => t.id === territoryId);
  if (index < 0) {
    const known = model.territories
      .slice(0, 8)
      .map((t) => t.id)
      .join(', ');
    throw new EngineFailure(
      'NOT_FOUND',
      `Territory "${territoryId}" is not in scenario "${model.name}". Known territories include: ${known}${model.territories.length > 8 ? ', …' : ''}. Run \`tessera scenario show <ws> ${model.name}\` to list them.`,
    );
  }
  return { index, territory: model.territories[index]! };
}

/** Local drive minutes per straight-line mile at a density class (a 5-mile trip of the model). */
export function localMinutesPerMile(density: number): number {
  const t = travel(0, 0, 0, 5 / 69.17, density);
  return t.minutes / 5;
}
