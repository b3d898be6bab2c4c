// Geography units (ZIP5 or county) with the summed scores of their accounts, centroids, density
// classes and adjacency (CSR). Geometry is cached per unit kind; sums per unit kind and market.
// Both caches hang under 'providers' so an import drops them.
import type { MarketDefinition } from '../../common/contract/scoring';
import type { UnitKind } from '../../common/contract/align';
import { aggregateUnits, type UnitSums } from '../../domain/units/aggregate';
import type { ProviderScores } from '../columns/columns';
import { getGeo, getProviderColumns } from '../columns/columnsLoader';
import type { EngineContext } from '../runtime/context';
import { getScores } from '../scoring/scores';
import { unitAdjacency, type UnitAdjacency } from './adjacency';

export type UnitGeometry = {
  kind: UnitKind;
  count: number;
  ids: string[];
  lat: Float64Array;
  lon: Float64Array;
  /** 0 rural .. 3 dense urban (county: provider-weighted mean of its ZIPs' classes). */
  density: Uint8Array;
  /** Unit index per provider; -1 when the provider's ZIP (or its county) is unknown. */
  providerUnit: Int32Array;
  /** Density class of each provider's ZIP (drive-time model), 1 when unknown. */
  providerDensity: Uint8Array;
  adjStart: Int32Array;
  adjList: Int32Array;
  indexOf(id: string): number;
};

export type UnitTable = UnitGeometry & { market: string; scores: ProviderScores; sums: UnitSums };

/**
 * Adds adjStart/adjList as lazy, non-enumerable getters: building the bridged adjacency costs ~0.4 s
 * on the ZIP universe and the map's first frame (scenario model → provider territories) needs none of
 * it; metrics and the solver load it on first use (cached in the context).
 */
function withAdjacency<T extends object>(
  o: T,
  load: () => UnitAdjacency,
): T & { adjStart: Int32Array; adjList: Int32Array } {
  return Object.defineProperties(o, {
    adjStart: { get: () => load().start, enumerable: false },
    adjList: { get: () => load().list, enumerable: false },
  }) as T & { adjStart: Int32Array; adjList: Int32Array };
}

function indexer(ids: string[]): (id: string) => number {
  const m = new Map<string, number>();
  ids.forEach((id, i) => m.set(id, i));
  return (id) => m.get(id) ?? -1;
}

function zipGeometry(ctx: EngineContext): UnitGeometry {
  const { zips } = getGeo(ctx);
  const providers = getProviderColumns(ctx);
  const providerUnit = Int32Array.from(providers.zipIndex);
  const providerDensity = new Uint8Array(providers.count).fill(1);
  for (let p = 0; p < providers.count; p++) {
    const z = providerUnit[p]!;
    if (z >= 0) providerDensity[p] = zips.density[z]!;
  }
  return withAdjacency(
    {
      kind: 'zip' as const,
      count: zips.count,
      ids: zips.zip,
      lat: Float64Array.from(zips.lat),
      lon: Float64Array.from(zips.lon),
      density: Uint8Array.from(zips.density),
      providerUnit,
      providerDensity,
      indexOf: (id: string) => zips.indexOf(id),
    },
    () => unitAdjacency(ctx, 'zip', zips.lat, zips.lon),
  );
}

function countyGeometry(ctx: EngineContext): UnitGeometry {
  const { zips, counties } = getGeo(ctx);
  const providers = getProviderColumns(ctx);
  const zipCounty = new Int32Array(zips.count);
  for (let z = 0; z < zips.count; z++)
    zipCounty[z] = zips.county[z] ? counties.indexOf(zips.county[z]!) : -1;
  const providerUnit = new Int32Array(providers.count).fill(-1);
  const providerDensity = new Uint8Array(providers.count).fill(1);
  const densitySum = new Float64Array(counties.count);
  const densityN = new Float64Array(counties.count);
  for (let z = 0; z < zips.count; z++) {
    const c = zipCounty[z]!;
    if (c < 0) continue;
    densitySum[c] = densitySum[c]! + zips.density[z]! * 0.01;
    densityN[c] = densityN[c]! + 0.01;
  }
  for (let p = 0; p < providers.count; p++) {
    const z = providers.zipIndex[p]!;
    if (z < 0) continue;
    providerUnit[p] = zipCounty[z]!;
    providerDensity[p] = zips.density[z]!;
    const c = zipCounty[z]!;
    if (c >= 0) {
      densitySum[c] = densitySum[c]! + zips.density[z]!;
      densityN[c] = densityN[c]! + 1;
    }
  }
  const density = new Uint8Array(counties.count);
  for (let c = 0; c < counties.count; c++)
    density[c] = densityN[c]! > 0 ? Math.round(densitySum[c]! / densityN[c]!) : 0;
  return withAdjacency(
    {
      kind: 'county' as const,
      count: counties.count,
      ids: counties.fips,
      lat: Float64Array.from(counties.lat),
      lon: Float64Array.from(counties.lon),
      density,
      providerUnit,
      providerDensity,
      indexOf: indexer(counties.fips),
    },
    () => unitAdjacency(ctx, 'county', counties.lat, counties.lon),
  );
}

export function getUnitGeometry(ctx: EngineContext, kind: UnitKind): UnitGeometry {
  return ctx.cached(`providers:unitgeo:${kind}`, () =>
    kind === 'county' ? countyGeometry(ctx) : zipGeometry(ctx),
  );
}

/** Units of a kind with their accounts' summed workload, potential, history and access for a market. */
export function getUnits(
  ctx: EngineContext,
  kind: UnitKind,
  market?: string | MarketDefinition,
): UnitTable {
  const geometry = getUnitGeometry(ctx, kind);
  const scores = getScores(ctx, market);
  const cache = ctx.cached(
    `providers:unitsums:${kind}`,
    () => new WeakMap<ProviderScores, UnitSums>(),
  );
  let sums = cache.get(scores);
  if (!sums) {
    sums = aggregateUnits(geometry.providerUnit, geometry.count, scores);
    cache.set(scores, sums);
  }
  // spread copies own enumerable fields only: carry the lazy adjacency over explicitly
  return withAdjacency({ ...geometry, market: scores.market, scores, sums }, () => ({
    start: geometry.adjStart,
    list: geometry.adjList,
    bridges: 0,
  }));
}
