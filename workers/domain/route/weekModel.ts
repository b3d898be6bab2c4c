// Shared pieces of the week planner: its input, the drive matrix over every point of the week, and
// the per-day sequencing problems built from it.
import type { DayEndMode, RoutePoint, Tier } from '../../common/contract';
import { offlineTravel, offlineTravelMatrix } from './offlineTravel';
import {
  createDayProblem,
  type DayProblem,
  type DaySettings,
  type LegCost,
  type TimeWindow,
} from './dayProblem';

export type WeekAccount = {
  id: string;
  name: string;
  tier: Tier | null;
  lat: number;
  lon: number;
  callsPerYear: number;
  /** Visit length in minutes (by tier, from the market's call lengths). */
  visitMinutes: number;
  /** Windows by ISO weekday (1..7). Undefined = no windows known (open all day). An account with
   *  windows is closed on weekdays that have none. */
  windows?: Map<number, TimeWindow[]>;
  /** Density class of the account's ZIP for the drive-time model (0 rural .. 3 dense urban). */
  density?: number;
};

/** A start/end point with its density class. */
export type PlanPoint = RoutePoint & { density?: number };

/** Drive between two points; the caller decides how density enters (e.g. mean of both ends). */
export type TravelFn = (a: GeoPoint, b: GeoPoint) => LegCost;
export type GeoPoint = { lat: number; lon: number; density: number };

export type WeekPlanInput = {
  accounts: WeekAccount[];
  home: PlanPoint;
  /** Where the first day starts / the last day ends (default: home). */
  start?: PlanPoint;
  end?: PlanPoint;
  /** Epoch day of the first day of the plan (weekends are skipped). */
  firstDay: number;
  days: number;
  day: DaySettings;
  daysPerYear: number;
  dayEnds: DayEndMode;
  travel: TravelFn;
  seed: number;
  /** The drive model gives the same minutes both ways (true for the offline model): halves the matrix work. */
  symmetric?: boolean;
  /** Iterated-local-search kicks for days above the exact limit (default 25). */
  kicks?: number;
  /** The previous plan of the same days: account ids per day, in visiting order. Visits stay on
   *  their day, and a day with exactly the same visits keeps its order (a re-plan after moving
   *  accounts changes only the days those accounts touch). */
  previous?: string[][];
  /** Whether each previous day was solved exactly (kept for the days that keep their order). */
  previousExact?: boolean[];
};

export const TIER_PRIORITY: Record<string, number> = { A: 1, B: 2, C: 3 };

export function priorityOf(tier: Tier | null): number {
  return tier ? TIER_PRIORITY[tier]! : 3;
}

/** Points of the week: the accounts with due visits, then home, first start, last end. */
export type WeekPoints = {
  accounts: number[];
  lat: Float64Array;
  lon: Float64Array;
  minutes: Float64Array;
  miles: Float64Array;
  size: number;
  home: number;
  start: number;
  end: number;
};

export function buildPoints(input: WeekPlanInput, accounts: number[]): WeekPoints {
  const depots = [input.home, input.start ?? input.home, input.end ?? input.home];
  const size = accounts.length + depots.length;
  const lat = new Float64Array(size);
  const lon = new Float64Array(size);
  const density = new Float64Array(size);
  accounts.forEach((a, i) => {
    lat[i] = input.accounts[a]!.lat;
    lon[i] = input.accounts[a]!.lon;
    density[i] = input.accounts[a]!.density ?? 1;
  });
  depots.forEach((d, k) => {
    lat[accounts.length + k] = d.lat;
    lon[accounts.length + k] = d.lon;
    density[accounts.length + k] = d.density ?? 1;
  });
  const minutes = new Float64Array(size * size);
  const miles = new Float64Array(size * size);
  // The offline model has a batch form with identical numbers (no objects per pair).
  if (input.travel === offlineTravel) offlineTravelMatrix(lat, lon, density, minutes, miles);
  else
    for (let i = 0; i < size; i++) {
      for (let j = input.symmetric ? i + 1 : 0; j < size; j++) {
        if (i === j) continue;
        const c = input.travel(
          { lat: lat[i]!, lon: lon[i]!, density: density[i]! },
          { lat: lat[j]!, lon: lon[j]!, density: density[j]! },
        );
        minutes[i * size + j] = c.minutes;
        miles[i * size + j] = c.miles;
        if (input.symmetric) {
          minutes[j * size + i] = c.minutes;
          miles[j * size + i] = c.miles;
        }
      }
    }
  const n = accounts.length;
  // Without an explicit start/end the days start and end at the home point itself, so every day
  // has the same start/end pair and shares one node matrix (see buildDay's cache).
  return {
    accounts,
    lat,
    lon,
    minutes,
    miles,
    size,
    home: n,
    start: input.start ? n + 1 : n,
    end: input.end ? n + 2 : n,
  };
}

/** A day's problem: every account open that day is a node; the plan picks which are visited. */
export type DayModel = {
  problem: DayProblem;
  /** node (1..n) -> point index; 0 and n + 1 are the start/end point indexes. */
  pointOfNode: number[];
  nodeOfPoint: Map<number, number>;
  startPoint: number;
  endPoint: number;
  openEnd: boolean;
};

export function buildDay(args: {
  input: WeekPlanInput;
  points: WeekPoints;
  weekday: number;
  startPoint: number;
  endPoint: number;
  openEnd: boolean;
  /** Matrices by start/end, shared between days (every account is a node on every day). */
  cache: Map<string, { minutes: Float64Array; miles: Float64Array }>;
}): DayModel {
  const { input, points, weekday } = args;
  const n = points.accounts.length;
  const all = Array.from({ length: n }, (_, pt) => pt);
  const pointOfNode = [args.startPoint, ...all, args.endPoint];
  const key = `${args.startPoint}|${args.endPoint}|${args.openEnd}`;
  const problem = createDayProblem({
    stops: all.map((pt) => {
      const acc = input.accounts[points.accounts[pt]!]!;
      // Accounts closed today stay nodes (so days can share one matrix) but are never offered.
      return {
        service: acc.visitMinutes,
        windows: windowsOn(acc, weekday) ?? null,
        priority: priorityOf(acc.tier),
      };
    }),
    settings: input.day,
    openEnd: args.openEnd,
    fromMatrix: { minutes: points.minutes, miles: points.miles, size: points.size, pointOfNode },
    shared: args.cache.get(key),
  });
  args.cache.set(key, { minutes: problem.minutes, miles: problem.miles });
  const nodeOfPoint = new Map<number, number>();
  for (const pt of all)
    if (windowsOn(input.accounts[points.accounts[pt]!]!, weekday) !== undefined)
      nodeOfPoint.set(pt, pt + 1);
  return {
    problem,
    pointOfNode,
    nodeOfPoint,
    startPoint: args.startPoint,
    endPoint: args.endPoint,
    openEnd: args.openEnd,
  };
}

/** Windows of an account on a weekday: [] = open without constraint, undefined = closed. */
export function windowsOn(acc: WeekAccount, weekday: number): TimeWindow[] | undefined {
  if (!acc.windows) return weekday <= 5 ? [] : undefined;
  const w = acc.windows.get(weekday);
  return w && w.length > 0 ? w : undefined;
}
