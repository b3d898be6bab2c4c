import type { CallOptions } from '../progress';
import type { Result } from '../result';
import type { Tier } from './scoring';

export type CapacitySettings = {
  daysPerYear: number;
  hoursPerDay: number;
  /** Share of working time available for calls and driving. */
  fieldShare: number;
};

export type TerritoryCapacity = {
  territoryId: string;
  visitHoursPerWeek: number;
  driveHoursPerWeek: number;
  availableHoursPerWeek: number;
  utilisation: number;
  flag: 'over' | 'under' | 'ok';
  tierABeyond60: number;
  tierABeyond90: number;
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
};

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
};

export type RouteRequest = {
  scenario: string;
  territoryId: string;
  days?: number;
  date?: string;
  market?: string;
};

export type RouteWeek = {
  scenario: string;
  territoryId: string;
  days: RouteDay[];
  visitsDue: Record<Tier, number>;
  visitsMade: Record<Tier, number>;
  driveShare: number;
  unscheduled: { npi: string; reason: string }[];
};

export type RouteApi = {
  capacity(req: { scenario: string; settings?: Partial<CapacitySettings> }): Promise<Result<TerritoryCapacity[]>>;
  radius(req: RadiusRequest): Promise<Result<RadiusHit[]>>;
  route(req: RouteRequest, opts?: CallOptions): Promise<Result<RouteWeek>>;
};
