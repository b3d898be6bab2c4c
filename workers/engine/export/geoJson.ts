// territories.geojson: one dissolved (multi)polygon per territory — the union of its ZIP cells or
// counties (polygon-clipping) — with the territory's metrics as properties. Streamed feature by feature.
import type { CallOptions } from '../../common/progress';
import { isCancelled } from '../../common/progress';
import { EngineFailure } from '../../common/result';
import { dissolve, roundCoords, TextFile, type Ring } from '../../data/export/textWriters';
import { dissolveSharedEdges } from '../../domain/export/dissolve';
import type { EngineContext } from '../runtime/context';
import { buildUnitGeometry } from '../map/mapLayers';
import type { Prepared } from './prepare';

export async function writeGeoJson(ctx: EngineContext, p: Prepared, path: string, opts?: CallOptions): Promise<number> {
  const g = buildUnitGeometry(ctx, p.model.unitKind);
  const firstRing = new Uint32Array(g.ids.length + 1).fill(g.ringUnit.length);
  for (let r = g.ringUnit.length - 1; r >= 0; r--) firstRing[g.ringUnit[r]!] = r;
  for (let u = g.ids.length - 1; u >= 0; u--) if (firstRing[u]! > firstRing[u + 1]!) firstRing[u] = firstRing[u + 1]!;
  const position = g.ids.length === p.model.unitIds.length && g.ids.every((id, i) => id === p.model.unitIds[i]) ? null : new Map(g.ids.map((id, i) => [id, i]));
  const ringsOf = (modelUnit: number): Ring[] => {
    const u = position ? position.get(p.model.unitIds[modelUnit]!) ?? -1 : modelUnit;
    if (u < 0) return [];
    const out: Ring[] = [];
    for (let r = firstRing[u]!; r < firstRing[u + 1]!; r++) {
      const ring: Ring = [];
      for (let v = g.ringStarts[r]!; v < g.ringStarts[r + 1]!; v++) ring.push([g.vertices[v * 2]!, g.vertices[v * 2 + 1]!]);
      if (ring.length >= 3) out.push(ring);
    }
    return out;
  };
  const file = new TextFile(path);
  await file.write('{"type":"FeatureCollection","features":[\n');
  let features = 0;
  for (const t of p.territories) {
    if (isCancelled(opts?.cancel)) throw new EngineFailure('CANCELLED', 'Export cancelled; files written so far were removed.');
    const m = t.metrics;
    const cells = p.units.unitsOf[t.index]!.map(ringsOf);
    const fast = dissolveSharedEdges(cells.flat());
    const shape = roundCoords(fast ?? dissolve(cells));
    const geometry = shape.length === 1 ? { type: 'Polygon', coordinates: shape[0] } : { type: 'MultiPolygon', coordinates: shape };
    const properties = {
      territory: t.id, name: t.name, district: t.district, region: t.region, rep_id: t.repId, rep: t.repName,
      units: m.units, accounts: m.accounts, tier_a: m.tierCounts.A, tier_b: m.tierCounts.B, tier_c: m.tierCounts.C,
      potential: Math.round(m.potential), workload_hours: Math.round(m.workloadHours), capacity_hours: Math.round(m.capacityHours),
      index: Math.round(m.index * 10) / 10, index_ratio: Math.round(m.indexRatio * 1000) / 1000, band: m.band, pieces: m.pieces,
      drive_mean_min: Math.round(m.travelMeanMin * 10) / 10, drive_p90_min: Math.round(m.travelP90Min * 10) / 10, quota: Math.round(m.quota),
      home_lat: Math.round(t.homeLat * 1e5) / 1e5, home_lon: Math.round(t.homeLon * 1e5) / 1e5,
    };
    await file.write(`${features ? ',\n' : ''}${JSON.stringify({ type: 'Feature', properties, geometry: shape.length ? geometry : null })}`);
    features += 1;
    opts?.onProgress?.({ phase: 'geojson', done: features, total: p.territories.length, unit: 'items', message: t.id });
  }
  await file.write('\n]}\n');
  await file.close();
  return features;
}
