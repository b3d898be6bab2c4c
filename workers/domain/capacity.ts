// Weekly call capacity of a territory: required visit hours + estimated drive hours vs available
// hours, with over/under flags and the share of Tier A accounts far from the home base.
//
// Drive estimate (route-based, not a sum of straight lines). A rep's week is D day-tours from home,
// visiting V = Σ calls / weeks accounts. Following Daganzo's tour-length approximation for
// vehicle routing (line-haul + local term, itself built on the Beardwood–Halton–Hammersley law
// that an optimal tour through n random points in area A has length ≈ k·√(nA)):
//   drive/week ≈ D_used · 2 · r̄  +  k · √(V · A) · c
// with r̄ the call-weighted mean home→account drive minutes (the drive model, so circuity and
// speed by density are included), D_used = min(D, V) tours, A the area (sq mi) of the convex hull
// of the territory's called accounts, c local minutes per straight-line mile, and k calibrated
// against Tessera's own week planner (see ROUTE_K below and bench/route.bench.mjs).
import { Delaunay } from 'd3-delaunay';
import type { CapacitySettings, TerritoryCapacity } from '../common/contract';
import { fieldHoursPerWeek, WORK_DAYS_PER_WEEK } from '../common/contract/route';

export { DEFAULT_CAPACITY } from '../common/contract/route';

/**
 * Local-tour constant of the estimate. The BHH constant for a single tour through uniform points
 * is ≈ 0.7124; a week is five petal-shaped tours whose line-haul is counted separately, so the
 * local term is smaller. Calibrated by least squares (actual − line-haul vs √(V·A)·c) on 60
 * synthetic weeks that fit the working week, planned by Tessera's own week planner with the
 * offline drive model: k = 0.413, mean absolute error of the weekly drive estimate 8.5 % (39 %
 * with the line-haul term alone). `node bench/route.bench.mjs` re-runs the fit; on the national
 * demo's heavily over-full weeks the fit is poor (their drive is capped by the working day),
 * which is why the calibration uses weeks that fit.
 */
export const ROUTE_K = 0.41;

export type CapacityInput = {
  territoryId: string;
  name?: string;
  repName?: string | null;
  /** Called accounts of the territory (tier > 0, calls > 0). */
  lat: ArrayLike<number>;
  lon: ArrayLike<number>;
  callsPerYear: ArrayLike<number>;
  /** Workload hours per year of each account (calls × call length). */
  workloadHours: ArrayLike<number>;
  /** 1 = Tier A. */
  tier: ArrayLike<number>;
  /** Drive minutes home → account (the drive-time model). */
  homeMinutes: ArrayLike<number>;
  homeLat: number;
  /** Local drive minutes per straight-line mile around the territory. */
  localMinutesPerMile: number;
};

/** Area (sq mi) of the convex hull of the points, by a local equirectangular projection. */
export function hullAreaSqMiles(
  lat: ArrayLike<number>,
  lon: ArrayLike<number>,
  refLat: number,
): number {
  if (lat.length < 3) return 0;
  const kx = 69.17 * Math.cos((refLat * Math.PI) / 180);
  const pts = Float64Array.from({ length: lat.length * 2 }, (_, i) =>
    i % 2 === 0 ? lon[i >> 1]! * kx : lat[i >> 1]! * 69.05,
  );
  const poly = new Delaunay(pts).hullPolygon();
  let area = 0;
  for (let i = 0; i + 1 < poly.length; i++) {
    const [x0, y0] = poly[i]!;
    const [x1, y1] = poly[i + 1]!;
    area += x0 * y1 - x1 * y0;
  }
  return Math.abs(area) / 2;
}

/** Estimated weekly drive minutes for V visits a week (see the header). */
export function weeklyDriveMinutes(args: {
  visitsPerWeek: number;
  meanHomeMinutes: number;
  areaSqMiles: number;
  localMinutesPerMile: number;
  k?: number;
}): number {
  const v = args.visitsPerWeek;
  if (v <= 0) return 0;
  const tours = Math.min(WORK_DAYS_PER_WEEK, Math.ceil(v));
  const k = args.k ?? ROUTE_K;
  return (
    tours * 2 * args.meanHomeMinutes +
    k * Math.sqrt(v * args.areaSqMiles) * args.localMinutesPerMile
  );
}

export function territoryCapacity(
  input: CapacityInput,
  settings: Required<CapacitySettings>,
): TerritoryCapacity {
  const weeks = settings.daysPerYear / WORK_DAYS_PER_WEEK;
  let calls = 0;
  let workload = 0;
  let weighted = 0;
  let tierA = 0;
  let beyond60 = 0;
  let beyond90 = 0;
  const n = input.lat.length;
  for (let i = 0; i < n; i++) {
    const c = input.callsPerYear[i]!;
    calls += c;
    workload += input.workloadHours[i]!;
    weighted += c * input.homeMinutes[i]!;
    if (input.tier[i] === 1) {
      tierA++;
      if (input.homeMinutes[i]! > 60) beyond60++;
      if (input.homeMinutes[i]! > 90) beyond90++;
    }
  }
  const visitsPerWeek = calls / weeks;
  const meanHomeMinutes = calls > 0 ? weighted / calls : 0;
  const areaSqMiles = hullAreaSqMiles(input.lat, input.lon, input.homeLat);
  const driveMinutes = weeklyDriveMinutes({
    visitsPerWeek,
    meanHomeMinutes,
    areaSqMiles,
    localMinutesPerMile: input.localMinutesPerMile,
  });
  const visitHoursPerWeek = workload / weeks;
  const driveHoursPerWeek = driveMinutes / 60;
  const availableHoursPerWeek = fieldHoursPerWeek(settings);
  const utilisation =
    availableHoursPerWeek > 0
      ? (visitHoursPerWeek + driveHoursPerWeek) / availableHoursPerWeek
      : Infinity;
  const flag =
    utilisation > settings.overThreshold
      ? 'over'
      : utilisation < settings.underThreshold
        ? 'under'
        : 'ok';
  const gap = visitHoursPerWeek + driveHoursPerWeek - availableHoursPerWeek;
  const advice =
    flag === 'over'
      ? `over capacity by ${gap.toFixed(1)} h a week: split the territory or add an overlay rep`
      : flag === 'under'
        ? `under-utilised: ${(-gap).toFixed(1)} h a week free; room to absorb accounts from neighbours`
        : 'fits the working week';
  return {
    territoryId: input.territoryId,
    name: input.name,
    repName: input.repName ?? null,
    accounts: n,
    tierAAccounts: tierA,
    visitsPerWeek: round(visitsPerWeek, 2),
    visitHoursPerWeek: round(visitHoursPerWeek, 2),
    driveHoursPerWeek: round(driveHoursPerWeek, 2),
    availableHoursPerWeek: round(availableHoursPerWeek, 2),
    utilisation: round(utilisation, 4),
    flag,
    tierABeyond60: tierA > 0 ? round(beyond60 / tierA, 4) : 0,
    tierABeyond90: tierA > 0 ? round(beyond90 / tierA, 4) : 0,
    meanHomeMinutes: round(meanHomeMinutes, 1),
    areaSqMiles: round(areaSqMiles, 1),
    advice,
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Number.isFinite(x) ? Math.round(x * f) / f : x;
}
