// Radius lists with drive times from the workspace's routing server when one is set: the spatial
// index gives every provider in a box that surely holds the radius at road speeds, one 1 × n routed
// table decides membership. Without a setting this is withinRadius with the offline model as is.
import type { TravelSource } from '../../common/contract';
import { withinRadius, type RadiusCandidate, type RadiusQuery } from '../../domain/route/radius';
import type { EngineContext } from '../runtime/context';
import { routedTable, routingSettingOf } from '../travel/travelSource';

/** Straight-line speed no road trip beats (interstate ~75 mph with circuity ≥ 1), to size the box. */
const ROAD_MAX_MPH = 80;

export async function providersWithin(
  ctx: EngineContext,
  q: RadiusQuery & { label: string },
): Promise<{ found: RadiusCandidate[]; travelSource: TravelSource; travelWarning: string | null }> {
  const setting = routingSettingOf(ctx);
  if (!setting) return { found: withinRadius(q), travelSource: 'offline', travelWarning: null };
  // Every point of the box: a travel function of zero keeps them all.
  const box = withinRadius({
    ...q,
    travel: () => ({ miles: 0, minutes: 0 }),
    maxMph: ROAD_MAX_MPH,
  });
  if (box.length === 0) return { found: [], travelSource: setting.kind, travelWarning: null };
  const origins = { lat: [q.center.lat], lon: [q.center.lon], density: [q.center.density] };
  const destinations = {
    lat: box.map((c) => q.lat[c.id]!),
    lon: box.map((c) => q.lon[c.id]!),
    density: box.map((c) => q.density[c.id]!),
  };
  const t = await routedTable({
    setting,
    origins,
    destinations,
    what: `the radius around ${q.label}`,
  });
  const found: RadiusCandidate[] = [];
  box.forEach((c, j) => {
    const minutes = t.matrix.minutes[j]!;
    const miles = t.matrix.miles[j]!;
    if (q.miles !== undefined && miles > q.miles) return;
    if (q.minutes !== undefined && minutes > q.minutes) return;
    found.push({ id: c.id, minutes, miles });
  });
  found.sort((a, b) => a.minutes - b.minutes || a.id - b.id);
  return { found, travelSource: t.travelSource, travelWarning: t.travelWarning };
}
