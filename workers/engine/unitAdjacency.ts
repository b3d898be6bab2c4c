// Unit adjacency (CSR, Int32 as the solver takes it) for ZIP and county units, from the geo area's
// precomputed packs (workers/data/geoShapes.ts), in ZipTable / CountyTable order.
import type { UnitKind } from '../common/contract/align';
import { loadCountyAdjacency, loadZipAdjacency } from '../data/geoShapes';
import type { EngineContext } from './context';

export type UnitAdjacency = { start: Int32Array; list: Int32Array };

export function unitAdjacency(ctx: EngineContext, kind: UnitKind): UnitAdjacency {
  return ctx.cached(`geo:adjacency:${kind}`, () => {
    const a = kind === 'county' ? loadCountyAdjacency() : loadZipAdjacency();
    return { start: Int32Array.from(a.offsets), list: Int32Array.from(a.neighbors) };
  });
}
