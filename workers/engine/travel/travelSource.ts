// Where drive times come from: the workspace's routing server (OSRM / Valhalla the user runs
// locally) when one is set, otherwise the offline model. Runs that need drive times for a known set
// of stops (a week of routes, home→account times for capacity, a radius list) precompute one routed
// table for those stops here and hand the pure planners a matrix-backed lookup. With no setting
// nothing here touches the network and the offline paths stay exactly as they were.
//
// Failure policy (documented in the README): by default a server that is down, times out or has
// no road route for some pairs makes those pairs use the offline model, and the result says so
// (travelWarning, travelSource 'offline' when no pair came from the server). With onFailure 'fail'
// the run stops with ROUTING_UNAVAILABLE instead. Never a silent switch.
import type { RoutingSetting, TravelSource } from '../../common/contract';
import type { CancelToken } from '../../common/progress';
import { EngineFailure } from '../../common/result';
import { travel, travelMatrix, type TravelPoints } from '../../domain/driveTime';
import type { GeoPoint, TravelFn } from '../../domain/route/weekModel';
import { readRoutingSetting } from '../../data/repos/routingSetting';
import {
  routedTravelMatrix,
  type RoutedMatrix,
  type RoutingServerConfig,
} from '../../data/routingClient';
import type { EngineContext } from '../runtime/context';
import { densityAt, offlineTravel } from '../routes/inputs';

export const ROUTING_CACHE_KEY = 'settings:routing';

/** The travel function a week plan uses, and whether it gives the same time both ways. */
export type WeekTravel = { fn: TravelFn; symmetric: boolean };

/** The offline model: symmetric, so the planner computes half the matrix. */
export const OFFLINE_WEEK_TRAVEL: WeekTravel = { fn: offlineTravel, symmetric: true };

/** The workspace's routing-server setting (cached until set/clear invalidates it). */
export function routingSettingOf(ctx: EngineContext): RoutingSetting | null {
  return ctx.cached(ROUTING_CACHE_KEY, () => readRoutingSetting(ctx.ws.db));
}

/** Client configuration of a setting (the failure policy is applied here, not by the client). */
export function serverConfigOf(setting: RoutingSetting): RoutingServerConfig {
  return {
    kind: setting.kind,
    url: setting.url,
    profile: setting.profile,
    timeoutMs: setting.timeoutMs,
  };
}

export const KIND_LABEL: Record<RoutingSetting['kind'], string> = {
  osrm: 'OSRM',
  valhalla: 'Valhalla',
};

export type RoutedTable = {
  matrix: RoutedMatrix;
  /** 'offline' when no pair came from the server (server down), else the server kind. */
  travelSource: TravelSource;
  /** Set when any pair used the offline model: how many and why. */
  travelWarning: string | null;
};

// A server that was just unreachable (refused, timed out) is not asked again for RETRY_AFTER_MS:
// an export of 200 territories against a hung server would otherwise wait out the timeout 200
// times. Runs in that window use the offline model with the same failure in their warning. A server
// that answered with an error (HTTP 4xx/5xx, no route) is asked again on the next run.
const RETRY_AFTER_MS = 60_000;
const recentFailures = new Map<string, { at: number; failure: string }>();

async function tableOrSkip(
  setting: RoutingSetting,
  origins: TravelPoints,
  destinations: TravelPoints,
  cancel?: CancelToken,
): Promise<RoutedMatrix> {
  const recent = recentFailures.get(setting.url);
  if (recent && Date.now() - recent.at < RETRY_AFTER_MS) {
    const m = travelMatrix(origins, destinations);
    const pairs = m.rows * m.cols;
    const ago = Math.max(1, Math.round((Date.now() - recent.at) / 1000));
    const warning = `${pairs} of ${pairs} pairs use the offline drive-time model (${recent.failure}, ${ago} s ago; not retried for ${RETRY_AFTER_MS / 1000} s). Check that the server is running and covers the area.`;
    return {
      ...m,
      source: 'offline',
      offlinePairs: pairs,
      warning,
      failure: recent.failure,
      unreachable: true,
    };
  }
  const matrix = await routedTravelMatrix(serverConfigOf(setting), origins, destinations, cancel);
  if (matrix.unreachable)
    recentFailures.set(setting.url, { at: Date.now(), failure: matrix.failure ?? 'no answer' });
  else recentFailures.delete(setting.url);
  return matrix;
}

/** Forget recent server failures (after the user changes or tests the setting). */
export function forgetRoutingFailures(): void {
  recentFailures.clear();
}

/**
 * Drive-time table from the configured server for `what` (e.g. "week of T001"). Applies the
 * failure policy: falls back pair by pair with a warning, or throws ROUTING_UNAVAILABLE.
 */
export async function routedTable(args: {
  setting: RoutingSetting;
  origins: TravelPoints;
  destinations: TravelPoints;
  what: string;
  cancel?: CancelToken;
}): Promise<RoutedTable> {
  const { setting } = args;
  const matrix = await tableOrSkip(setting, args.origins, args.destinations, args.cancel);
  const label = `${KIND_LABEL[setting.kind]} at ${setting.url}`;
  if (matrix.offlinePairs > 0 && setting.onFailure === 'fail') {
    throw new EngineFailure(
      'ROUTING_UNAVAILABLE',
      `Drive times for ${args.what} could not all come from the routing server (${label}): ${matrix.warning ?? 'no answer'} ` +
        'The workspace setting says to fail rather than use the offline model. Start or fix the server ' +
        '(`tessera routing test <ws>`), or allow the fallback with `tessera routing set <ws> … --on-failure fallback`.',
      { url: setting.url, offlinePairs: matrix.offlinePairs, pairs: matrix.rows * matrix.cols },
    );
  }
  const travelSource: TravelSource = matrix.source === 'offline' ? 'offline' : setting.kind;
  const travelWarning = matrix.warning
    ? `Drive times for ${args.what} (${label}): ${matrix.warning}`
    : null;
  return { matrix, travelSource, travelWarning };
}

// Points are matched by coordinates rounded to 1e-5° (about 1 m), packed into one exact number:
// (lat + 90)·1e5 < 1.8e7 and (lon + 180)·1e5 < 3.6e7, so the product stays below 2^53.
const pointKey = (lat: number, lon: number) =>
  Math.round((lat + 90) * 1e5) * 4e7 + Math.round((lon + 180) * 1e5);

/**
 * A TravelFn over a square routed table of `points` (origins = destinations). A pair outside the
 * table (should not happen: callers pass every point the planner will ask for) uses the offline
 * model and is counted in `misses()`.
 */
export function matrixTravel(
  points: TravelPoints,
  matrix: RoutedMatrix,
): { fn: TravelFn; misses: () => number } {
  const index = new Map<number, number>();
  for (let i = 0; i < points.lat.length; i++) {
    const k = pointKey(points.lat[i]!, points.lon[i]!);
    if (!index.has(k)) index.set(k, i);
  }
  let missed = 0;
  const fn: TravelFn = (a: GeoPoint, b: GeoPoint) => {
    const i = index.get(pointKey(a.lat, a.lon));
    const j = index.get(pointKey(b.lat, b.lon));
    if (i === undefined || j === undefined) {
      missed++;
      return offlineTravel(a, b);
    }
    if (i === j) return { minutes: 0, miles: 0 };
    const k = i * matrix.cols + j;
    return { minutes: matrix.minutes[k]!, miles: matrix.miles[k]! };
  };
  return { fn, misses: () => missed };
}

/** Several routed tables summed up: the source when any pair came from the server, warnings joined. */
export function summarise(
  setting: RoutingSetting | null,
  tables: RoutedTable[],
): { travelSource: TravelSource; travelWarning: string | null } {
  if (!setting) return { travelSource: 'offline', travelWarning: null };
  const warned = tables.filter((t) => t.travelWarning);
  const anyServer = tables.length === 0 || tables.some((t) => t.travelSource !== 'offline');
  const first = warned[0]?.travelWarning ?? null;
  const travelWarning =
    warned.length > 1
      ? `${first} (and ${warned.length - 1} more tables with offline pairs)`
      : first;
  return { travelSource: anyServer ? setting.kind : 'offline', travelWarning };
}

/**
 * Home→account drive minutes for each territory (members = provider indexes). Offline: the model
 * with the mean density of both ends, exactly as before. With a server: one 1 × n table per territory.
 */
export async function homeDriveMinutes(
  ctx: EngineContext,
  args: {
    homes: { lat: number; lon: number; id: string }[];
    members: number[][];
    lat: ArrayLike<number>;
    lon: ArrayLike<number>;
    density: ArrayLike<number>;
    cancel?: CancelToken;
  },
): Promise<{ minutes: Float64Array[]; travelSource: TravelSource; travelWarning: string | null }> {
  const setting = routingSettingOf(ctx);
  const { lat, lon, density } = args;
  if (!setting) {
    const minutes = args.homes.map((h, k) => {
      const hd = densityAt(ctx, h.lat, h.lon);
      return Float64Array.from(
        args.members[k]!,
        (i) => travel(h.lat, h.lon, lat[i]!, lon[i]!, (hd + density[i]!) / 2).minutes,
      );
    });
    return { minutes, travelSource: 'offline', travelWarning: null };
  }
  const tables: RoutedTable[] = [];
  const minutes: Float64Array[] = [];
  for (let k = 0; k < args.homes.length; k++) {
    const h = args.homes[k]!;
    const ids = args.members[k]!;
    if (ids.length === 0) {
      minutes.push(new Float64Array(0));
      continue;
    }
    const origins = { lat: [h.lat], lon: [h.lon], density: [densityAt(ctx, h.lat, h.lon)] };
    const destinations = {
      lat: ids.map((i) => lat[i]!),
      lon: ids.map((i) => lon[i]!),
      density: ids.map((i) => density[i]!),
    };
    const t = await routedTable({
      setting,
      origins,
      destinations,
      what: `home→account times of territory ${h.id}`,
      cancel: args.cancel,
    });
    tables.push(t);
    minutes.push(Float64Array.from(t.matrix.minutes));
  }
  return { minutes, ...summarise(setting, tables) };
}
