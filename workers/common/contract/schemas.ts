// The contract's parameters as zod schemas, one per method, checked at the host boundary (the
// dispatcher behind the WebSocket server and Electron's MessagePort) before a call reaches the
// engine. A bad call is refused as INVALID_ARGUMENT naming the field (`align: territories: …`),
// never thrown into the engine to come back as INTERNAL. The schemas follow the TypeScript types
// in this folder; the engine still checks what needs the workspace (K ≤ units, names exist).
// Caps on sizes that set the amount of work (territories, providers, days, radius, limits) live here,
// so one request cannot ask for hours of work or gigabytes of memory.
import { z } from 'zod';
import type { EngineMethod } from '../contract';
import { fail, type Result } from '../result';

/** Upper bounds on parameters that size work. Documented in README ("Limits"). */
export const LIMITS = {
  /** Territories of one alignment (the US has ~41 000 ZIPs; K is also checked ≤ units by the engine). */
  territories: 5_000,
  /** Providers the demo generator builds. */
  demoProviders: 5_000_000,
  demoReps: 5_000,
  /** Files of one import call. */
  importFiles: 1_000,
  /** Scenarios compared at once. */
  compareScenarios: 20,
  /** Codes in one market-size query. */
  codes: 20_000,
  /** Units/accounts moved by one what-if. */
  opItems: 200_000,
  /** Radius search: minutes and miles from the centre, and hits returned. */
  radiusMinutes: 600,
  radiusMiles: 600,
  radiusLimit: 10_000,
  /** Code search hits and query length; rejected rows per page. */
  searchLimit: 1_000,
  queryLength: 200,
  rejectsLimit: 10_000,
  /** Days of one route plan (the week planner's own cap). */
  routeDays: 10,
  /** Rows in each trends list; NPIs given for one cohort. */
  trendsTop: 1_000,
  cohortNpis: 1_000_000,
  /** Names and ids. */
  name: 200,
  path: 4_096,
} as const;

const str = (max: number = LIMITS.name) => z.string().max(max, `at most ${max} characters`);
const name = () => str().min(1, 'must not be empty');
const int = (min: number, max: number) =>
  z
    .number()
    .int(`a whole number from ${min} to ${max}`)
    .min(min, `at least ${min}`)
    .max(max, `at most ${max}`);
const num = (min: number, max: number) =>
  z.number().finite().min(min, `at least ${min}`).max(max, `at most ${max}`);
const ids = (max: number = LIMITS.opItems) => z.array(name()).max(max, `at most ${max} items`);
const seed = () =>
  z
    .number()
    .int('a whole number')
    .min(-(2 ** 53))
    .max(2 ** 53);
const latLon = () => z.object({ lat: num(-90, 90), lon: num(-180, 180) });
const hhmm = () => z.string().regex(/^\d{1,2}:\d{2}$/, 'a time HH:MM');

/** A market is a saved name or a definition; the engine's market schema checks a definition in detail. */
const marketDef = z.looseObject({ name: name() });
const market = () => z.union([name(), marketDef]);
const weights = () =>
  z.object({
    workload: num(0, 1e6),
    potential: num(0, 1e6),
    history: num(0, 1e6),
    access: num(0, 1e6).optional(),
  });
const unitKind = () => z.enum(['zip', 'county']);

const alignRequest = z.object({
  territories: int(1, LIMITS.territories).optional(),
  unit: unitKind().optional(),
  scenario: str().optional(),
  from: str().optional(),
  maxDisruption: num(0, 1).optional(),
  seed: seed().optional(),
  market: market().optional(),
  indexWeights: weights().optional(),
  useRoster: z.boolean().optional(),
  keepSystemsWhole: z.union([z.literal('all'), ids(100_000)]).optional(),
  replace: z.boolean().optional(),
  districts: int(1, LIMITS.territories).optional(),
  regions: int(1, LIMITS.territories).optional(),
});

const whatIfOp = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('moveUnits'), units: ids(), to: name() }),
  z.object({ kind: z.literal('moveAccounts'), npis: ids(), to: name() }),
  z.object({ kind: z.literal('lockUnits'), units: ids(), locked: z.boolean() }),
  z.object({ kind: z.literal('pinAccounts'), npis: ids(), to: name().nullable() }),
  z.object({ kind: z.literal('addRep'), name: str().optional(), homeZip: str(10).optional() }),
  z.object({ kind: z.literal('removeRep'), territoryId: name() }),
  z.object({ kind: z.literal('setWeights'), weights: weights() }),
  z.object({ kind: z.literal('setMarket'), market: name() }),
  z.object({ kind: z.literal('rebalanceLocal'), territoryIds: ids(LIMITS.territories) }),
  z.object({ kind: z.literal('keepSystemsWhole'), systemIds: ids(100_000), keep: z.boolean() }),
  z.object({
    kind: z.literal('renameTerritory'),
    territoryId: name(),
    name: str().optional(),
    repId: str().nullable().optional(),
  }),
]);

const routePoint = () => latLon().extend({ label: str() });
const routeRequest = z.object({
  scenario: name(),
  territoryId: name(),
  days: int(1, LIMITS.routeDays).optional(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
    .optional(),
  market: str().optional(),
  dayEnds: z.enum(['home', 'last-stop']).optional(),
  start: routePoint().optional(),
  end: routePoint().optional(),
  dayStart: hhmm().optional(),
  dayEnd: hhmm().optional(),
  lunchStart: hhmm().optional(),
  lunchMinutes: num(0, 240).optional(),
  daysPerYear: num(1, 366).optional(),
  seed: seed().optional(),
});

const radiusRequest = z.object({
  from: z.union([
    latLon(),
    z.object({ zip: name() }),
    z.object({ scenario: name(), territoryId: name() }),
  ]),
  minutes: num(0, LIMITS.radiusMinutes).optional(),
  miles: num(0, LIMITS.radiusMiles).optional(),
  rankBy: z.union([
    z.literal('potential'),
    z.object({ codes: ids(LIMITS.codes).min(1, 'at least one code') }),
  ]),
  limit: int(1, LIMITS.radiusLimit).optional(),
  market: str().optional(),
});

const routingSetting = z.object({
  kind: z.enum(['osrm', 'valhalla']),
  url: str(2_048).min(1, 'must not be empty'),
  profile: str(40).optional(),
  timeoutMs: int(500, 300_000).optional(),
  onFailure: z.enum(['fallback', 'fail']).optional(),
});

const trendThresholds = z
  .object({ risingShare: num(0, 10), fallingShare: num(0, 10), minVolume: num(0, 1e12) })
  .partial();
const trendsRequest = z.object({
  market: market(),
  from: int(1990, 2100).optional(),
  to: int(1990, 2100).optional(),
  thresholds: trendThresholds.optional(),
  scenario: str().optional(),
});
const trendsFilter = z.object({
  specialties: ids(1_000).optional(),
  tiers: z
    .array(z.enum(['A', 'B', 'C']))
    .max(3)
    .optional(),
  territories: ids(LIMITS.territories).optional(),
  classes: z
    .array(z.enum(['new', 'rising', 'stable', 'falling', 'gone']))
    .max(5)
    .optional(),
  cohort: str().optional(),
});

const scenarioReq = () => z.object({ scenario: name() });

/** Schema of each method's first argument; `null` for methods that take none. */
type ArgSchema = z.ZodType | null;

/** One row per contract method (a missing method fails to compile; a test checks the engine's keys). */
export const CONTRACT_SCHEMAS: { readonly [M in EngineMethod]: ArgSchema } = {
  // workspace
  info: null,
  dataVersion: null,
  importFiles: z.object({
    files: z
      .array(str(LIMITS.path).min(1, 'must not be empty'))
      .max(LIMITS.importFiles, `at most ${LIMITS.importFiles} files`),
    year: int(1990, 2100).optional(),
  }),
  rejects: z.object({
    importId: int(0, 2 ** 31).optional(),
    limit: int(1, LIMITS.rejectsLimit).optional(),
    offset: int(0, 2 ** 31).optional(),
  }),
  // demo
  createDemo: z.object({
    providers: int(1, LIMITS.demoProviders).optional(),
    seed: seed().optional(),
    reps: int(1, LIMITS.demoReps).optional(),
  }),
  // market
  marketSize: z.object({
    codes: ids(LIMITS.codes),
    by: z.enum(['state', 'zip', 'county']).optional(),
    year: int(1990, 2100).optional(),
  }),
  searchCodes: z.object({
    query: str(LIMITS.queryLength),
    limit: int(1, LIMITS.searchLimit).optional(),
  }),
  // scoring
  saveMarket: marketDef,
  listMarkets: null,
  getMarket: z.object({ name: name() }),
  // '' scores in the workspace's default market (what a page opening a new workspace sends)
  score: z.object({ market: z.union([z.literal(''), market()]) }),
  renameMarket: z.object({ from: name(), to: name() }),
  // align
  align: alignRequest,
  listScenarios: null,
  scenarioMetrics: z.object({ scenario: name(), market: market().optional() }),
  deleteScenario: scenarioReq(),
  compareScenarios: z.object({
    scenarios: ids(LIMITS.compareScenarios).min(1, 'at least one scenario'),
    market: market().optional(),
  }),
  whatIf: z.object({ scenario: name(), op: whatIfOp, saveAs: str().optional() }),
  undo: scenarioReq(),
  redo: scenarioReq(),
  setQuota: z.object({
    scenario: name(),
    nationalGoal: num(0, 1e15),
    floor: num(0, 1e15).optional(),
    cap: num(0, 1e15).optional(),
  }),
  // map
  providerPoints: z.object({ scenario: str().optional(), market: str().optional() }),
  unitGeometry: z.object({ unitKind: unitKind() }),
  providerCard: z.object({
    npi: str(20).optional(),
    index: int(0, 2 ** 31).optional(),
    scenario: str().optional(),
    market: str().optional(),
  }),
  scenarioLayer: scenarioReq(),
  pointTerritories: scenarioReq(),
  healthSystemSites: null,
  searchPlaces: z.object({
    query: str(LIMITS.queryLength),
    limit: int(1, LIMITS.searchLimit).optional(),
  }),
  // export
  exportScenario: z.object({
    scenario: name(),
    outDir: str(LIMITS.path).min(1, 'must not be empty'),
    baseline: str().optional(),
    routes: z.boolean().optional(),
    maps: z.boolean().optional(),
  }),
  exportDeck: z.object({
    scenarios: ids(LIMITS.compareScenarios).min(1, 'at least one scenario'),
    baseline: str().optional(),
    out: str(LIMITS.path).min(1, 'must not be empty'),
    pdf: z.boolean().optional(),
    client: str().optional(),
  }),
  presentationMap: z.object({
    scenario: name(),
    region: str().nullable().optional(),
    fitScenario: str().optional(),
    width: int(16, 8192),
    height: int(16, 8192),
    spotlight: str().nullable().optional(),
  }),
  // routes
  capacity: z.object({
    scenario: name(),
    settings: z
      .object({
        daysPerYear: num(1, 366),
        hoursPerDay: num(0, 24),
        fieldShare: num(0, 1),
        overThreshold: num(0, 100),
        underThreshold: num(0, 100),
      })
      .partial()
      .optional(),
    market: str().optional(),
  }),
  radius: radiusRequest,
  route: routeRequest,
  // routing
  routingSetting: null,
  setRoutingSetting: routingSetting,
  clearRoutingSetting: null,
  testRouting: z
    .object({ setting: routingSetting.optional(), near: latLon().optional() })
    .optional(),
  // trends, cohorts, refresh
  trends: trendsRequest.extend({
    filter: trendsFilter.optional(),
    top: int(0, LIMITS.trendsTop).optional(),
  }),
  saveCohort: z.object({
    name: name(),
    npis: z
      .array(z.string().max(20))
      .max(LIMITS.cohortNpis, `at most ${LIMITS.cohortNpis} NPIs`)
      .optional(),
    npiFile: str(LIMITS.path).optional(),
    fromTrends: trendsRequest.extend({ filter: trendsFilter.optional() }).optional(),
    replace: z.boolean().optional(),
  }),
  listCohorts: null,
  deleteCohort: z.object({ name: name() }),
  compareCohorts: trendsRequest.extend({
    cohorts: ids(LIMITS.compareScenarios).min(1, 'at least one cohort'),
  }),
  refreshReport: z.object({
    scenario: str().optional(),
    year: int(1990, 2100).optional(),
    previousYear: int(1990, 2100).optional(),
    market: market().optional(),
    thresholds: trendThresholds.optional(),
    top: int(0, LIMITS.trendsTop).optional(),
    alertsFile: str(LIMITS.path).optional(),
  }),
};

/** Names a zod path the way a user reads it: `op.units[3]`. */
function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

/**
 * Checks a call's arguments against its method's schema: null when they are fine, else an
 * INVALID_ARGUMENT failure naming the method and the first offending field. `args` must be an array
 * (what the wire carries); the options argument of long-running methods is set by the host.
 */
export function checkCallArgs(method: string, args: unknown): Result<never> | null {
  if (!Object.prototype.hasOwnProperty.call(CONTRACT_SCHEMAS, method)) {
    return fail('INVALID_ARGUMENT', `Unknown engine method '${method.slice(0, 80)}'.`, {
      method: method.slice(0, 80),
      field: 'method',
    });
  }
  if (!Array.isArray(args)) {
    return fail(
      'INVALID_ARGUMENT',
      `${method}: args must be an array of the method's parameters, got ${args === null ? 'null' : typeof args}.`,
      { method, field: 'args' },
    );
  }
  const schema = CONTRACT_SCHEMAS[method as EngineMethod];
  if (schema === null) return null;
  const parsed = schema.safeParse(args[0]);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  const field = fieldPath(issue.path) || '(request)';
  return fail('INVALID_ARGUMENT', `${method}: ${field}: ${issue.message}.`, {
    method,
    field,
    issues: parsed.error.issues
      .slice(0, 5)
      .map((i) => ({ field: fieldPath(i.path) || '(request)', message: i.message })),
  });
}
