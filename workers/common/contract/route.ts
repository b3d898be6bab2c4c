import type { CallOptions } from '../progress';
import type { Result } from '../result';
import type { TravelSource } from './routing';
import type { Tier } from './scoring';

export type CapacitySettings = {
  daysPerYear: number;
  hoursPerDay: number;
  /** Share of working time available for calls and driving. */
  fieldShare: number;
  /** Utilisation above this is flagged 'over' (default 1.0). */
  overThreshold?: number;
  /** Utilisation below this is flagged 'under' (default 0.7). */
  underThreshold?: number;
};

/** The capacity check's defaults (`tessera capacity`); the Week panel compares a plan with them. */
export const DEFAULT_CAPACITY: Required<CapacitySettings> = {
  daysPerYear: 220,
  hoursPerDay: 8,
  fieldShare: 0.6,
  overThreshold: 1.0,
  underThreshold: 0.7,
};

export const WORK_DAYS_PER_WEEK = 5;

/** Field hours a week under the capacity settings (calls and driving). */
export function fieldHoursPerWeek(
  s: Pick<CapacitySettings, 'hoursPerDay' | 'fieldShare'> = DEFAULT_CAPACITY,
): number {
  return s.hoursPerDay * s.fieldShare * WORK_DAYS_PER_WEEK;
}

export type TerritoryCapacity = {
  territoryId: string;
  visitHoursPerWeek: number;
  driveHoursPerWeek: number;
  availableHoursPerWeek: number;
  utilisation: number;
  flag: 'over' | 'under' | 'ok';
  tierABeyond60: number;
  tierABeyond90: number;
  /** Additive detail (route area). */
  name?: string;
  repName?: string | null;
  accounts?: number;
  tierAAccounts?: number;
  visitsPerWeek?: number;
  /** Route-based drive estimate inputs: mean home->account drive minutes of visited accounts, area (sq mi). */
  meanHomeMinutes?: number;
  areaSqMiles?: number;
  /** What to do about it, in words ("needs a split or an overlay rep", …). */
  advice?: string;
};

/** Result of `capacity`: every territory plus the settings and the estimate used. */
export type CapacityReport = {
  scenario: string;
  settings: CapacitySettings;
  territories: TerritoryCapacity[];
  over: number;
  under: number;
  /** How drive hours were estimated (constant and formula), for the record. */
  method: string;
  /** Additive (routing setting): where home→account drive times came from, and any fallback. */
  travelSource?: TravelSource;
  travelWarning?: string | null;
};

export type RadiusRequest = {
  /** A point (lat/lon), a ZIP, or a territory's rep home base. */
  from: { lat: number; lon: number } | { zip: string } | { scenario: string; territoryId: string };
  minutes?: number;
  miles?: number;
  rankBy: 'potential' | { codes: string[] };
  limit?: number;
  market?: string;
};

export type RadiusHit = {
  npi: string;
  name: string;
  specialty: string;
  zip: string;
  lat: number;
  lon: number;
  miles: number;
  minutes: number;
  value: number;
  tier: Tier | null;
  /** Additive detail (route area). */
  potential?: number;
  territoryId?: string | null;
};

/** Result of `radius` (additive wrapper): the hits plus where the search was centred. */
export type RadiusResult = {
  center: { lat: number; lon: number; label: string };
  minutes: number | null;
  miles: number | null;
  rankBy: string;
  /** Providers inside the radius before `limit` was applied. */
  total: number;
  hits: RadiusHit[];
  source: 'offline' | 'server';
  /** Additive (routing setting): where the drive times came from, and any fallback. */
  travelSource?: TravelSource;
  travelWarning?: string | null;
};

export type RouteStop = {
  npi: string;
  name: string;
  tier: Tier | null;
  lat: number;
  lon: number;
  arrive: string;
  depart: string;
  waitMinutes: number;
  driveMinutes: number;
  driveMiles: number;
  window: { open: string; close: string } | null;
  /** Additive detail (route area). Visit start (after any wait for a window or lunch). */
  start?: string;
  visitMinutes?: number;
  /** Lunch break taken on the way to this stop or while waiting at it. */
  lunchMinutes?: number;
  /** Second or later visit to this account in the same plan. */
  repeat?: boolean;
};

export type RoutePoint = { lat: number; lon: number; label: string };

/** How the day ends: back at the start point, or where the last visit is (sets up the next day). */
export type DayEndMode = 'home' | 'last-stop';

export type RouteDay = {
  date: string;
  start: { lat: number; lon: number; label: string };
  end: { lat: number; lon: number; label: string };
  stops: RouteStop[];
  driveMinutes: number;
  driveMiles: number;
  visitMinutes: number;
  /** Final leg back to the end point. */
  returnMinutes: number;
  startTime: string;
  endTime: string;
  driveShare: number;
  infeasible: { npi: string; reason: string }[];
  /** Additive detail (route area). */
  weekday?: string;
  returnMiles?: number;
  waitMinutes?: number;
  lunchMinutes?: number;
  /** True when the sequence is proven minimum-drive (exact solver, <= 12 stops). */
  exact?: boolean;
  /** [lon, lat] from start through every stop to the end, for a map path layer. */
  path?: [number, number][];
};

export type RouteRequest = {
  scenario: string;
  territoryId: string;
  days?: number;
  date?: string;
  market?: string;
  /** Additive options (route area). */
  dayEnds?: DayEndMode;
  start?: RoutePoint;
  end?: RoutePoint;
  /** 'HH:MM' */
  dayStart?: string;
  dayEnd?: string;
  lunchStart?: string;
  lunchMinutes?: number;
  daysPerYear?: number;
  seed?: number;
};

export type RouteWeek = {
  scenario: string;
  territoryId: string;
  days: RouteDay[];
  visitsDue: Record<Tier, number>;
  visitsMade: Record<Tier, number>;
  driveShare: number;
  unscheduled: { npi: string; reason: string }[];
  /** Additive detail (route area). */
  territoryName?: string;
  repName?: string | null;
  home?: RoutePoint;
  /** Average visits due per plan of this length (calls/yr ÷ working days × days). */
  visitsExpected?: Record<Tier, number>;
  totals?: {
    driveMinutes: number;
    driveMiles: number;
    visitMinutes: number;
    waitMinutes: number;
    lunchMinutes: number;
    workMinutes: number;
  };
  dayEnds?: DayEndMode;
  source?: 'offline' | 'server';
  /** Additive (routing setting): 'osrm' | 'valhalla' when the configured server gave the drive
   *  times, 'offline' for the offline model; travelWarning says when and why pairs fell back. */
  travelSource?: TravelSource;
  travelWarning?: string | null;
  seconds?: number;
};

export type RouteApi = {
  capacity(req: {
    scenario: string;
    settings?: Partial<CapacitySettings>;
    market?: string;
  }): Promise<Result<CapacityReport>>;
  radius(req: RadiusRequest): Promise<Result<RadiusResult>>;
  route(req: RouteRequest, opts?: CallOptions): Promise<Result<RouteWeek>>;
};
