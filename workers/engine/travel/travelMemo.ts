// Home → account drive minutes per provider, remembered between metric runs. A what-if moves a few
// units, so nearly every account keeps its home and its drive: the memo answers those from memory
// and computes only the moved ones (1 M providers: tens of ms of drive-time arithmetic per edit
// otherwise). Values are exactly the model's (Float64), keyed by the home's coordinates, so any home
// change recomputes. Dropped with the provider columns (imports).
import { travelMinutes } from '../../domain/driveTime';
import type { EngineContext } from '../runtime/context';

type Memo = { homeLat: Float64Array; homeLon: Float64Array; minutes: Float64Array };

export function providerTravel(
  ctx: EngineContext,
  providers: { count: number; lat: Float32Array; lon: Float32Array },
  density: Uint8Array,
): (p: number, homeLat: number, homeLon: number) => number {
  const n = providers.count;
  const memo = ctx.cached<Memo>(`providers:travelMemo:${n}`, () => ({
    homeLat: new Float64Array(n).fill(Number.NaN),
    homeLon: new Float64Array(n).fill(Number.NaN),
    minutes: new Float64Array(n),
  }));
  const { lat, lon } = providers;
  return (p, hLat, hLon) => {
    if (memo.homeLat[p] === hLat && memo.homeLon[p] === hLon) return memo.minutes[p]!;
    const m = travelMinutes(hLat, hLon, lat[p]!, lon[p]!, density[p]!);
    memo.homeLat[p] = hLat;
    memo.homeLon[p] = hLon;
    memo.minutes[p] = m;
    return m;
  };
}
