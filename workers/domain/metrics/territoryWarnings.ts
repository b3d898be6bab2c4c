// Per-territory warnings a plan must carry to be trusted: the rep's home lies outside the
// territory, the territory's workload-weighted mean drive from home exceeds a threshold (default
// 90 min, `ScenarioParams.driveWarnMinutes`), or its workload does not fit the rep's capacity.
// Pure: the caller passes the metrics already computed and the unit centroids.
import { greatCircleMiles } from '../geo/distance';

export type TerritoryWarningKind = 'home-outside' | 'long-drive' | 'over-capacity';
export type TerritoryWarning = { kind: TerritoryWarningKind; message: string; value: number };

export const DEFAULT_DRIVE_WARN_MINUTES = 90;
/** A home this close to a unit of its territory counts as inside (a ZIP centroid is not its border). */
const INSIDE_MILES = 10;

export type WarningInput = {
  k: number;
  homeLat: ArrayLike<number | null>;
  homeLon: ArrayLike<number | null>;
  unitLat: ArrayLike<number>;
  unitLon: ArrayLike<number>;
  unitTerritory: ArrayLike<number>;
  travelMeanMin: ArrayLike<number>;
  workloadHours: ArrayLike<number>;
  capacityHours: number;
  driveWarnMinutes?: number;
};

export function territoryWarnings(o: WarningInput): TerritoryWarning[][] {
  const limit = o.driveWarnMinutes ?? DEFAULT_DRIVE_WARN_MINUTES;
  // Distance from each home to the nearest centroid of its own territory's units.
  const nearest = new Float64Array(o.k).fill(Infinity);
  for (let u = 0; u < o.unitTerritory.length; u++) {
    const t = o.unitTerritory[u]!;
    if (t < 0 || t >= o.k) continue;
    const la = o.homeLat[t];
    const lo = o.homeLon[t];
    if (
      la === null ||
      lo === null ||
      la === undefined ||
      lo === undefined ||
      !Number.isFinite(o.unitLat[u]!)
    )
      continue;
    const d = greatCircleMiles(la, lo, o.unitLat[u]!, o.unitLon[u]!);
    if (d < nearest[t]!) nearest[t] = d;
  }
  const out: TerritoryWarning[][] = [];
  for (let t = 0; t < o.k; t++) {
    const list: TerritoryWarning[] = [];
    const hasHome = o.homeLat[t] !== null && o.homeLon[t] !== null;
    if (hasHome && Number.isFinite(nearest[t]!) && nearest[t]! > INSIDE_MILES) {
      list.push({
        kind: 'home-outside',
        value: Math.round(nearest[t]!),
        message: `the rep's home is ${Math.round(nearest[t]!)} mi outside the territory`,
      });
    }
    const mean = o.travelMeanMin[t]!;
    if (hasHome && mean > limit) {
      list.push({
        kind: 'long-drive',
        value: Math.round(mean),
        message: `mean drive from home ${Math.round(mean)} min, above the ${limit} min limit`,
      });
    }
    const w = o.workloadHours[t]!;
    if (o.capacityHours > 0 && w > o.capacityHours) {
      list.push({
        kind: 'over-capacity',
        value: Math.round((100 * w) / o.capacityHours),
        message: `workload ${Math.round(w)} h exceeds the rep's capacity of ${Math.round(o.capacityHours)} h (${Math.round((100 * w) / o.capacityHours)} %)`,
      });
    }
    out.push(list);
  }
  return out;
}
