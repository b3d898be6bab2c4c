// Calibration of the offline drive-time model against the workspace's routing server, for a
// from-scratch alignment whose centres move while it solves (so no fixed table of pairs can serve
// it): one strip per sampled origin (domain/driveTimeCalibration.ts picks origins over density
// classes and destinations over distance bands), then per-class, per-length factors the solver's
// travel function applies. Pairs the server did not answer are left out of the fit.
import type { RoutingSetting } from '../../common/contract';
import type { CallOptions } from '../../common/progress';
import type { AlignProblem } from '../../domain/align/types';
import { travelMinutes } from '../../domain/driveTime';
import {
  calibrationSample,
  fitCalibration,
  type CalibrationPair,
  type SampleStrip,
  type TravelCalibration,
} from '../../domain/driveTimeCalibration';
import { originToUnits } from './roadTimes';
import type { RoutedTable } from '../travel/travelSource';

/** Sampled origins (a quarter per density class) and destinations per distance band from each. */
const ORIGINS = 48;
const PER_BAND = 8;

export type Calibrated = { calibration: TravelCalibration; tables: RoutedTable[] };

export async function calibrateTravel(
  setting: RoutingSetting,
  p: AlignProblem,
  opts?: CallOptions,
): Promise<Calibrated> {
  const strips = calibrationSample(
    { lat: p.lat, lon: p.lon, density: p.density, weight: p.weightForTravel },
    { origins: ORIGINS, perBand: PER_BAND, seed: p.seed },
  );
  const pairs: CalibrationPair[] = [];
  const tables: RoutedTable[] = [];
  for (const [i, strip] of strips.entries()) {
    if (strip.destinations.length === 0) continue;
    const t = await sampleStrip(setting, p, strip, opts);
    tables.push(t);
    if (t.travelSource !== 'offline') collect(p, strip, t, pairs);
    opts?.onProgress?.({
      phase: 'road-time sample',
      done: i + 1,
      total: strips.length,
      unit: 'items',
      message: 'calibrating the drive-time model against the routing server',
    });
    if (t.matrix.unreachable) break; // the rest would only wait out the skip window
  }
  return { calibration: fitCalibration(pairs), tables };
}

function sampleStrip(
  setting: RoutingSetting,
  p: AlignProblem,
  strip: SampleStrip,
  opts?: CallOptions,
): Promise<RoutedTable> {
  return originToUnits({
    setting,
    problem: p,
    origin: { lat: p.lat[strip.origin]!, lon: p.lon[strip.origin]! },
    units: strip.destinations,
    what: 'the drive-time calibration sample',
    ...(opts?.cancel ? { cancel: opts.cancel } : {}),
  });
}

function collect(
  p: AlignProblem,
  strip: SampleStrip,
  t: RoutedTable,
  out: CalibrationPair[],
): void {
  const o = strip.origin;
  strip.destinations.forEach((u, j) => {
    const offline = travelMinutes(p.lat[o]!, p.lon[o]!, p.lat[u]!, p.lon[u]!, p.density[u]!);
    const routed = t.matrix.minutes[j]!;
    if (Math.abs(routed - offline) < 1e-4 * Math.max(1, offline)) return; // a fallback pair
    out.push({ density: p.density[u]!, offlineMinutes: offline, routedMinutes: routed });
  });
}
