// Unit adjacency (CSR, Int32 as the solver takes it) for ZIP and county units, from the geo area's
// precomputed packs (workers/data/geoShapes.ts), in ZipTable / CountyTable order. Components that
// the geo rules leave separate (Hawaii, Alaska, Puerto Rico, far islands) are joined to their nearest
// unit by the solver's own bridging rule, so metrics count territory pieces exactly as the solver does.
import type { UnitKind } from '../../common/contract/align';
import { loadCountyAdjacency, loadZipAdjacency } from '../../data/geoShapes';
import { bridgeComponents } from '../../domain/align/graph';
import { toSphere } from '../../domain/align/sphere';
import type { EngineContext } from '../runtime/context';

export type UnitAdjacency = { start: Int32Array; list: Int32Array; bridges: number };

export function unitAdjacency(
  ctx: EngineContext,
  kind: UnitKind,
  lat: ArrayLike<number>,
  lon: ArrayLike<number>,
): UnitAdjacency {
  return ctx.cached(`geo:adjacency:${kind}`, () => {
    const a = kind === 'county' ? loadCountyAdjacency() : loadZipAdjacency();
    const raw = { start: Int32Array.from(a.offsets), list: Int32Array.from(a.neighbors) };
    const n = raw.start.length - 1;
    const bridged = bridgeComponents(n, raw, new Uint8Array(n), toSphere(lat, lon));
    return {
      start: Int32Array.from(bridged.graph.start),
      list: Int32Array.from(bridged.graph.list),
      bridges: bridged.bridges.length,
    };
  });
}
