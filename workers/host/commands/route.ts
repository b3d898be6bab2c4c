// CLI of the route area: `tessera route` (a territory's week of day routes), `tessera radius`
// (providers within N minutes/miles, ranked), `tessera capacity` (weekly capacity per territory).
import { InvalidArgumentError, type Command } from 'commander';
import type {
  CapacityReport,
  RadiusRequest,
  RadiusResult,
  RouteRequest,
  RouteWeek,
} from '../../common/contract';
import { finish, fmtNum, reportFailure, table, type CommandOutput } from '../output';
import { withEngine } from '../session';
import { travelLine } from './routing';

function positive(flag: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0)
      throw new InvalidArgumentError(`${flag} needs a positive number, got '${v}'.`);
    return n;
  };
}

function whole(flag: string) {
  return (v: string): number => {
    if (!/^\d+$/.test(v.trim()))
      throw new InvalidArgumentError(`${flag} needs a whole number, got '${v}'.`);
    return Number(v);
  };
}

function coordinate(flag: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n))
      throw new InvalidArgumentError(`${flag} needs a number in degrees, got '${v}'.`);
    return n;
  };
}

function point(flag: string) {
  return (v: string): { lat: number; lon: number; label: string } => {
    const m = /^\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*(?:,(.*))?$/.exec(v);
    if (!m)
      throw new InvalidArgumentError(
        `${flag} needs LAT,LON[,LABEL], e.g. 41.88,-87.63,Hotel; got '${v}'.`,
      );
    return { lat: Number(m[1]), lon: Number(m[2]), label: m[3]?.trim() || flag.replace(/^--/, '') };
  };
}

function usage(message: string, out: CommandOutput): void {
  reportFailure({ ok: false, error: { code: 'BAD_INPUT', message } }, out);
}

export function weekText(w: RouteWeek): string {
  const lines: string[] = [
    `Week plan · scenario ${w.scenario} · territory ${w.territoryId}${w.repName ? ` (${w.repName})` : ''}`,
  ];
  for (const d of w.days) {
    lines.push(
      '',
      `${d.weekday ?? ''} ${d.date}  ${d.startTime}–${d.endTime}  from ${d.start.label} to ${d.end.label}  ·  ${d.stops.length} visits, drive ${fmtNum(d.driveMinutes, 0)} min / ${fmtNum(d.driveMiles, 1)} mi (${Math.round(d.driveShare * 100)} %)${d.exact ? '  [optimal]' : ''}`,
    );
    if (d.stops.length > 0) {
      lines.push(
        table(
          ['#', 'arrive', 'start', 'depart', 'tier', 'account', 'drive min', 'miles', 'window'],
          d.stops.map((s, k) => [
            k + 1,
            s.arrive,
            s.start ?? s.arrive,
            s.depart,
            s.tier ?? '-',
            `${s.name} (${s.npi})`.slice(0, 48),
            fmtNum(s.driveMinutes, 0),
            fmtNum(s.driveMiles, 1),
            s.window ? `${s.window.open}–${s.window.close}` : '',
          ]),
        ),
      );
      lines.push(
        `   back to ${d.end.label}: ${fmtNum(d.returnMinutes, 0)} min, ${fmtNum(d.returnMiles ?? 0, 1)} mi`,
      );
    }
    for (const x of d.infeasible) lines.push(`   ! ${x.npi}: ${x.reason}`);
  }
  const t = w.totals;
  lines.push(
    '',
    table(
      ['tier', 'due', 'made', 'avg due'],
      (['A', 'B', 'C'] as const).map((k) => [
        k,
        w.visitsDue[k],
        w.visitsMade[k],
        fmtNum(w.visitsExpected?.[k] ?? 0, 1),
      ]),
    ),
  );
  if (t)
    lines.push(
      `week: drive ${fmtNum(t.driveMinutes / 60, 1)} h / ${fmtNum(t.driveMiles, 0)} mi, visits ${fmtNum(t.visitMinutes / 60, 1)} h, idle ${fmtNum(t.waitMinutes / 60, 1)} h, drive share ${Math.round(w.driveShare * 100)} % of working time`,
    );
  if (w.unscheduled.length > 0) {
    lines.push(`${w.unscheduled.length} due visits not scheduled:`);
    for (const u of w.unscheduled.slice(0, 20)) lines.push(`  ${u.npi}: ${u.reason}`);
    if (w.unscheduled.length > 20)
      lines.push(`  … ${w.unscheduled.length - 20} more (use --json for all)`);
  }
  lines.push(travelLine(w));
  return lines.join('\n');
}

function radiusText(r: RadiusResult): string {
  const what = r.minutes !== null ? `${r.minutes} min` : `${r.miles} mi`;
  return [
    `${r.total} providers within ${what} of ${r.center.label}, ranked by ${r.rankBy}${r.hits.length < r.total ? ` (top ${r.hits.length})` : ''}`,
    table(
      ['#', 'npi', 'name', 'specialty', 'zip', 'tier', 'min', 'mi', 'value'],
      r.hits.map((h, k) => [
        k + 1,
        h.npi,
        h.name.slice(0, 32),
        h.specialty.slice(0, 28),
        h.zip,
        h.tier ?? '-',
        fmtNum(h.minutes, 0),
        fmtNum(h.miles, 1),
        fmtNum(h.value, 1),
      ]),
    ),
    travelLine(r),
  ].join('\n');
}

function capacityText(r: CapacityReport): string {
  const s = r.settings;
  return [
    `Capacity · scenario ${r.scenario} · ${s.daysPerYear} days × ${s.hoursPerDay} h × ${Math.round(s.fieldShare * 100)} % field time = ${fmtNum(s.hoursPerDay * s.fieldShare * 5, 1)} h/week available`,
    table(
      [
        'territory',
        'visits/wk',
        'visit h',
        'drive h',
        'avail h',
        'util',
        'flag',
        'A >60m',
        'A >90m',
      ],
      r.territories.map((t) => [
        t.territoryId,
        fmtNum(t.visitsPerWeek ?? 0, 1),
        fmtNum(t.visitHoursPerWeek, 1),
        fmtNum(t.driveHoursPerWeek, 1),
        fmtNum(t.availableHoursPerWeek, 1),
        `${Math.round(t.utilisation * 100)} %`,
        t.flag,
        `${Math.round(t.tierABeyond60 * 100)} %`,
        `${Math.round(t.tierABeyond90 * 100)} %`,
      ]),
    ),
    `${r.over} over capacity, ${r.under} under-utilised. Drive estimate: ${r.method}.`,
    travelLine(r),
  ].join('\n');
}

type RouteOpts = {
  scenario: string;
  territory: string;
  days: number;
  date?: string;
  market?: string;
  dayEnds?: string;
  start?: RouteRequest['start'];
  end?: RouteRequest['end'];
  dayStart?: string;
  dayEnd?: string;
  lunch?: string;
  lunchMinutes?: number;
  seed?: number;
  json?: boolean;
};

function registerRoute(program: Command): void {
  program
    .command('route')
    .description(
      "Plan a week of day routes for one territory: due visits by tier frequency (Tier A first), visit lengths by tier, time windows from the imported time_windows, each day from/to the home base (or --day-ends last-stop), sequenced to minimise drive time (exact up to 12 stops). Drive times: the workspace's routing server when one is set (`tessera routing`), else the offline model; the result says which (travelSource).",
    )
    .argument('<workspace>', 'workspace file (*.tessera)')
    .requiredOption('--scenario <name>', 'scenario whose territory to plan')
    .requiredOption('--territory <id>', 'territory id')
    .option('--days <n>', 'working days to plan (1–10)', whole('--days'), 5)
    .option('--date <YYYY-MM-DD>', 'first day (default: next Monday; weekends are skipped)')
    .option('--market <name>', "market for tiers and call plan (default: the scenario's)")
    .option(
      '--day-ends <mode>',
      "'home' (back home every night) or 'last-stop' (stay near the last visit; next day starts there)",
    )
    .option(
      '--start <lat,lon[,label]>',
      'start point of the first day (default: home base)',
      point('--start'),
    )
    .option(
      '--end <lat,lon[,label]>',
      'end point of the last day (default: home base)',
      point('--end'),
    )
    .option('--day-start <HH:MM>', 'leave the start point at (default 08:00)')
    .option('--day-end <HH:MM>', 'be at the end point by (default 17:30)')
    .option('--lunch <HH:MM>', 'lunch break start (default 12:00)')
    .option(
      '--lunch-minutes <n>',
      'lunch length in minutes (default 30, 0 = none)',
      whole('--lunch-minutes'),
    )
    .option('--seed <n>', 'seed of the local search (same seed, same routes)', whole('--seed'))
    .option('--json', 'print the week as JSON on the last line')
    .action(async (ws: string, o: RouteOpts) => {
      const out: CommandOutput = { json: o.json === true };
      if (o.dayEnds !== undefined && o.dayEnds !== 'home' && o.dayEnds !== 'last-stop')
        return usage(`--day-ends must be 'home' or 'last-stop', got '${o.dayEnds}'.`, out);
      const req: RouteRequest = {
        scenario: o.scenario,
        territoryId: o.territory,
        days: o.days,
        date: o.date,
        market: o.market,
        dayEnds: o.dayEnds as RouteRequest['dayEnds'],
        start: o.start,
        end: o.end,
        dayStart: o.dayStart,
        dayEnd: o.dayEnd,
        lunchStart: o.lunch,
        lunchMinutes: o.lunchMinutes,
        seed: o.seed,
      };
      await withEngine(ws, out, async ({ engine, cancelToken }) => {
        finish(await engine.route(req, { cancel: cancelToken }), out, weekText);
      });
    });
}

type RadiusOpts = {
  zip?: string;
  lat?: number;
  lon?: number;
  scenario?: string;
  territory?: string;
  minutes?: number;
  miles?: number;
  codes?: string;
  limit: number;
  market?: string;
  json?: boolean;
};

function registerRadius(program: Command): void {
  program
    .command('radius')
    .description(
      "Providers within N drive minutes or road miles of a ZIP, a point or a rep's home base, ranked by potential or by the volume (services) of chosen codes — e.g. `--zip 60611 --miles 40 --codes 22612,22630`.",
    )
    .argument('<workspace>', 'workspace file (*.tessera)')
    .option('--zip <zip>', 'centre on a 5-digit ZIP')
    .option('--lat <deg>', 'centre latitude (with --lon)', coordinate('--lat'))
    .option('--lon <deg>', 'centre longitude (with --lat)', coordinate('--lon'))
    .option('--scenario <name>', "with --territory: centre on that territory's home base")
    .option('--territory <id>', 'territory id (with --scenario)')
    .option('--minutes <n>', 'drive-time radius in minutes', positive('--minutes'))
    .option('--miles <n>', 'road-distance radius in miles', positive('--miles'))
    .option(
      '--codes <c1,c2>',
      'rank by services of these CPT/HCPCS/ICD-10 codes (default: rank by potential)',
    )
    .option('--market <name>', 'market for potential and tiers (default: the active market)')
    .option('--limit <n>', 'how many to list', whole('--limit'), 50)
    .option('--json', 'print the result as JSON on the last line')
    .action(async (ws: string, o: RadiusOpts) => {
      const out: CommandOutput = { json: o.json === true };
      let from: RadiusRequest['from'];
      if (o.zip) from = { zip: o.zip };
      else if (o.lat !== undefined && o.lon !== undefined) from = { lat: o.lat, lon: o.lon };
      else if (o.scenario && o.territory) from = { scenario: o.scenario, territoryId: o.territory };
      else
        return usage(
          'Say where from: --zip Z, or --lat and --lon, or --scenario S --territory T.',
          out,
        );
      if (o.minutes === undefined && o.miles === undefined)
        return usage('Give the radius: --minutes N or --miles N.', out);
      const codes = o.codes
        ?.split(',')
        .map((c) => c.trim())
        .filter(Boolean);
      const req: RadiusRequest = {
        from,
        minutes: o.minutes,
        miles: o.miles,
        rankBy: codes && codes.length > 0 ? { codes } : 'potential',
        limit: o.limit,
        market: o.market,
      };
      await withEngine(ws, out, async ({ engine }) =>
        finish(await engine.radius(req), out, radiusText),
      );
    });
}

type CapacityOpts = {
  scenario: string;
  market?: string;
  days?: number;
  hours?: number;
  fieldShare?: number;
  json?: boolean;
};

function registerCapacity(program: Command): void {
  program
    .command('capacity')
    .description(
      'Weekly capacity of every territory: visit hours (tier call plan) + estimated drive hours (route-based) vs available hours; utilisation, over/under flags, share of Tier A accounts beyond 60 and 90 minutes of home.',
    )
    .argument('<workspace>', 'workspace file (*.tessera)')
    .requiredOption('--scenario <name>', 'scenario to check')
    .option('--market <name>', "market for tiers and call plan (default: the scenario's)")
    .option('--days <n>', 'working days per year (default 220)', positive('--days'))
    .option('--hours <n>', 'hours per working day (default 8)', positive('--hours'))
    .option(
      '--field-share <f>',
      'share of time for calls and driving, 0–1 (default 0.6)',
      positive('--field-share'),
    )
    .option('--json', 'print the report as JSON on the last line')
    .action(async (ws: string, o: CapacityOpts) => {
      const out: CommandOutput = { json: o.json === true };
      const settings = { daysPerYear: o.days, hoursPerDay: o.hours, fieldShare: o.fieldShare };
      await withEngine(ws, out, async ({ engine }) =>
        finish(
          await engine.capacity({ scenario: o.scenario, market: o.market, settings }),
          out,
          capacityText,
        ),
      );
    });
}

/** Commands of the route area. */
export function registerRouteCommands(program: Command): void {
  registerRoute(program);
  registerRadius(program);
  registerCapacity(program);
}
