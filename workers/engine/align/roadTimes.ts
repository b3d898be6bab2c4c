// Road drive times for the alignment solver from the workspace's routing server. The solver is pure
// and evaluates millions of unit/territory pairs, so it never calls the server: once the home bases
// are known (rebalance, what-ifs, fixed roster homes, or a from-scratch run's settled centres) this
// module asks for one strip per home — the home to each unit that is a candidate for it (the unit's
// few nearest homes, its territory and its neighbours') — and hands the solver a table lookup.
// Requests, chunking, the per-pair cache, the fallback/fail policy and the 60 s skip of an
// unreachable server are those of engine/travel/travelSource.ts / data/routingClient.ts.
import type { AlignTravel, RoutingSetting } from '../../common/contract';
import type { CallOptions, CancelToken } from '../../common/progress';
import {
  candidateStrips,
  tableTravel,
  type Homes,
  type TableTravel,
} from '../../domain/align/travelTable';
import type { AlignProblem, TravelMinutesFn } from '../../domain/align/types';
import { routedTable, summarise, type RoutedTable } from '../travel/travelSource';

/** Each unit is asked from this many nearest homes (plus its own and its neighbours' territories). */
const NEAREST_HOMES = 4;
/** Home strips asked at once: a local OSRM/Valhalla answers several requests in parallel. */
const CONCURRENT = 4;

export type HomeTravel = {
  travel: TableTravel;
  report: AlignTravel;
};

export type HomeTravelArgs = {
  setting: RoutingSetting;
  problem: AlignProblem;
  homes: Homes;
  /** Current territory per unit (rebalance, what-if, refinement after a first solve). */
  assignment?: Int32Array;
  /** Model for pairs outside the table (the offline model, or its calibrated version). */
  fallback: TravelMinutesFn;
  /** Homes to ask for (1 = ask); all when omitted. A local what-if asks only for the homes it can change. */
  only?: Uint8Array;
  /** Names a home in warnings, e.g. its territory id. */
  homeLabel: (h: number) => string;
  opts?: CallOptions;
};

/** Fetches home → candidate-unit strips and returns the solver's travel function over them. */
export async function homeTravel(a: HomeTravelArgs): Promise<HomeTravel> {
  const p = a.problem;
  const units = { lat: p.lat, lon: p.lon };
  const strips = candidateStrips(units, a.homes, {
    nearest: NEAREST_HOMES,
    ...(a.assignment ? { assignment: a.assignment, adjStart: p.adjStart, adjList: p.adjList } : {}),
  }).map((strip, h) => (!a.only || a.only[h] ? strip : new Int32Array(0)));
  const minutes = strips.map((s) => new Float32Array(s.length).fill(NaN));
  const tables: (RoutedTable | null)[] = strips.map(() => null);
  const asked = strips.flatMap((strip, h) => (strip.length > 0 ? [h] : []));
  let next = 0;
  let done = 0;
  let stopped = false; // one lane failed (ROUTING_UNAVAILABLE, cancelled): the others stop asking
  const lane = async (): Promise<void> => {
    while (next < asked.length && !stopped) {
      const h = asked[next++]!;
      const r = await homeStrip(a, strips[h]!, h).catch((e: unknown) => {
        stopped = true;
        throw e;
      });
      tables[h] = r;
      if (r && r.travelSource !== 'offline') minutes[h]!.set(r.matrix.minutes);
      a.opts?.onProgress?.({
        phase: 'road times',
        done: ++done,
        total: asked.length,
        unit: 'items',
        message: 'home → unit drive times from the routing server',
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT, asked.length) }, lane));
  const answered = tables.filter((t): t is RoutedTable => t !== null);
  const pairs = strips.reduce((s, x) => s + x.length, 0);
  const routedPairs = answered.reduce(
    (s, t) =>
      s +
      (t.travelSource === 'offline' ? 0 : t.matrix.rows * t.matrix.cols - t.matrix.offlinePairs),
    0,
  );
  const { travelSource, travelWarning } = summarise(a.setting, answered);
  const travel = tableTravel({ homes: a.homes, units, strips, minutes }, a.fallback);
  return {
    travel,
    report: {
      source: pairs > 0 && routedPairs === 0 ? 'offline' : travelSource,
      warning: travelWarning,
      pairs,
      routedPairs,
      calibration: null,
    },
  };
}

/** One home's strip (none for a home not asked for). */
async function homeStrip(
  a: HomeTravelArgs,
  strip: Int32Array,
  h: number,
): Promise<RoutedTable | null> {
  if (strip.length === 0) return null;
  return originToUnits({
    setting: a.setting,
    problem: a.problem,
    origin: { lat: a.homes.lat[h]!, lon: a.homes.lon[h]! },
    units: Array.from(strip),
    what: `home→unit times of territory ${a.homeLabel(h)}`,
    ...(a.opts?.cancel ? { cancel: a.opts.cancel } : {}),
  });
}

/**
 * Road times from one point to some of the problem's units. Fallback pairs use the offline model
 * with the unit's density class (the origin gets 0 and the unit twice its class, so the mean the
 * client uses is the unit's class) — the same figure the solver's own offline model gives, so a
 * fallback pair can also be told apart (calibration skips them).
 */
export function originToUnits(o: {
  setting: RoutingSetting;
  problem: AlignProblem;
  origin: { lat: number; lon: number };
  units: number[];
  what: string;
  cancel?: CancelToken;
}): Promise<RoutedTable> {
  const p = o.problem;
  const origins = { lat: [o.origin.lat], lon: [o.origin.lon], density: [0] };
  const destinations = {
    lat: o.units.map((u) => p.lat[u]!),
    lon: o.units.map((u) => p.lon[u]!),
    density: o.units.map((u) => 2 * p.density[u]!),
  };
  return routedTable({
    setting: o.setting,
    origins,
    destinations,
    what: o.what,
    ...(o.cancel ? { cancel: o.cancel } : {}),
  });
}
