// `tessera trends`: which providers rose and fell between two claims years, for a market.
import type { Command } from 'commander';
import type {
  RefreshAccount,
  RefreshReport,
  CompareCohortsResult,
  SaveCohortResult,
  Tier,
  TrendClass,
  TrendRow,
  TrendsRequest,
  TrendsResult,
} from '../../common/contract';
import { TREND_CLASSES } from '../../common/contract/trends';
import { finish, fmtInt, fmtNum, reportFailure, table, type CommandOutput } from '../output';
import { withEngine } from '../session';
import { marketArg } from './scoring';

type TrendsOptions = {
  market?: string;
  from?: string;
  to?: string;
  scenario?: string;
  specialty?: string;
  tier?: string;
  territory?: string;
  class?: string;
  cohort?: string;
  rising?: string;
  falling?: string;
  minVolume?: string;
  top?: string;
  json?: boolean;
};

const list = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

function wholeNumber(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v.trim())) throw new Error(`--${name} ${v} is not a whole number`);
  return Number(v);
}

function share(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(v.trim());
  const n = pct ? Number(pct[1]) / 100 : Number(v);
  if (!Number.isFinite(n) || /^0x/i.test(v.trim()))
    throw new Error(`--${name} ${v} is not a share (write 0.2 or 20%)`);
  return n;
}

function rowsTable(rows: TrendRow[], years: number[]): string {
  if (rows.length === 0) return '  (none)';
  return table(
    [
      'NPI',
      'name',
      'specialty',
      'state',
      'territory',
      ...years.map(String),
      'change',
      'per year',
      'tier',
      'trend',
    ],
    rows.map((r) => [
      r.npi,
      r.name.slice(0, 28),
      r.specialty.slice(0, 24),
      r.state,
      r.territory ?? '',
      ...r.volumes.map((v) => fmtInt(v)),
      `${r.change > 0 ? '+' : ''}${fmtInt(r.change)}`,
      r.growthPerYear === null
        ? 'new'
        : `${r.growthPerYear > 0 ? '+' : ''}${fmtNum(r.growthPerYear * 100, 0)} %`,
      r.tiers.map((t) => t ?? '-').join('→'),
      r.trend,
    ]),
  );
}

function trendsText(r: TrendsResult): string {
  const t = r.thresholds;
  const moved = r.tierChanges.filter((c) => c.from !== c.to);
  return [
    `market "${r.market}", ${r.from} → ${r.to}${r.years.length > 2 ? ` (years ${r.years.join(', ')})` : ''}`,
    `classes (rising ≥ +${fmtNum(t.risingShare * 100, 1)} %, falling ≤ −${fmtNum(t.fallingShare * 100, 1)} %, billing = volume ≥ ${fmtNum(t.minVolume)}):`,
    table(
      ['class', 'providers'],
      TREND_CLASSES.map((c) => [c, fmtInt(r.classes[c])]),
    ),
    '',
    `market volume: ${r.years.map((y, i) => `${y} ${fmtNum(r.volumeByYear[i]!, 0)}`).join(' · ')}`,
    `tier changes ${r.from} → ${r.to} (- = not tiered):`,
    moved.length
      ? table(
          ['from', 'to', 'providers'],
          moved.map((c) => [c.from, c.to, fmtInt(c.providers)]),
        )
      : '  none',
    '',
    'top risers:',
    rowsTable(r.risers, r.years),
    '',
    'top fallers:',
    rowsTable(r.fallers, r.years),
    `(${fmtNum(r.millis, 0)} ms)`,
  ].join('\n');
}

export function registerTrendsCommands(program: Command): void {
  withFilterOptions(
    withTrendOptions(
      program
        .command('trends')
        .description(
          'Provider trends for a market across the claims years the workspace holds: who is new, rising, stable, falling or gone, and tier changes.',
        )
        .argument('<workspace>', 'workspace file (*.tessera)'),
    ),
  )
    .option('--top <n>', 'rows in each of the risers and fallers lists (default 25)')
    .option('--json', 'print the result as JSON on the last line')
    .action(async (ws: string, o: TrendsOptions) => {
      const out: CommandOutput = { json: o.json === true };
      let req: TrendsRequest;
      try {
        req = trendsRequest(o);
      } catch (e) {
        return reportFailure(
          {
            ok: false,
            error: {
              code: 'BAD_INPUT',
              message: `${(e as Error).message}. See 'tessera trends --help'.`,
            },
          },
          out,
        );
      }
      await withEngine(ws, out, async ({ engine }) =>
        finish(await engine.trends(req), out, trendsText),
      );
    });
  registerCohortCommands(program);
  registerRefreshCommand(program);
}

function trendsRequest(o: TrendsOptions): TrendsRequest {
  const tiers = list(o.tier)?.map((t) => t.toUpperCase());
  const bad = tiers?.filter((t) => !['A', 'B', 'C'].includes(t));
  if (bad?.length) throw new Error(`--tier ${bad.join(',')}: tiers are A, B and C`);
  const classes = list(o.class);
  const badClass = classes?.filter((c) => !(TREND_CLASSES as readonly string[]).includes(c));
  if (badClass?.length)
    throw new Error(`--class ${badClass.join(',')}: classes are ${TREND_CLASSES.join(', ')}`);
  const thresholds = Object.fromEntries(
    Object.entries({
      risingShare: share('rising', o.rising),
      fallingShare: share('falling', o.falling),
      minVolume: share('min-volume', o.minVolume),
    }).filter(([, v]) => v !== undefined),
  );
  return {
    market: marketArg(o.market) ?? '',
    from: wholeNumber('from', o.from),
    to: wholeNumber('to', o.to),
    scenario: o.scenario,
    top: wholeNumber('top', o.top),
    thresholds,
    filter: {
      specialties: list(o.specialty),
      tiers: tiers as Tier[] | undefined,
      territories: list(o.territory),
      classes: classes as TrendClass[] | undefined,
      cohort: o.cohort,
    },
  };
}

function withTrendOptions(c: Command): Command {
  return c
    .option(
      '--market <file|name>',
      'market definition JSON file, a saved market name, or a preset; default: the active market',
    )
    .option('--from <year>', 'from-year (default: the year before --to that the workspace holds)')
    .option('--to <year>', 'to-year (default: the latest year)')
    .option('--rising <share>', 'growth that counts as rising (default 0.2 = 20%)')
    .option('--falling <share>', 'fall that counts as falling (default 0.2 = 20%)')
    .option(
      '--min-volume <n>',
      'volume below which a provider is not billing the market that year (default 11)',
    );
}

function withFilterOptions(c: Command): Command {
  return c
    .option(
      '--scenario <name>',
      'scenario whose territories are shown and filtered (default: the baseline)',
    )
    .option('--specialty <list>', 'only these specialties (comma-separated)')
    .option('--tier <list>', 'only these tiers in the to-year (A,B,C)')
    .option('--territory <list>', 'only these territory ids of the scenario')
    .option('--class <list>', `only these classes (${TREND_CLASSES.join(', ')})`)
    .option('--cohort <name>', 'only the members of this saved cohort');
}

function savedText(r: SaveCohortResult): string {
  const lines = [
    `cohort "${r.name}": ${fmtInt(r.providers)} provider${r.providers === 1 ? '' : 's'} (${r.source})`,
  ];
  if (r.unknownNpis)
    lines.push(
      `  ${fmtInt(r.unknownNpis)} of them have no provider in this workspace yet (kept: a later import may add them)`,
    );
  if (r.duplicates) lines.push(`  ${fmtInt(r.duplicates)} repeated NPIs counted once`);
  for (const x of r.rejected.slice(0, 10)) lines.push(`  line ${x.line}: ${x.reason}`);
  if (r.rejected.length > 10)
    lines.push(`  … ${r.rejected.length - 10} more lines that are not NPIs`);
  return lines.join('\n');
}

function compareText(r: CompareCohortsResult): string {
  return [
    `market "${r.market}", ${r.from} → ${r.to}`,
    table(
      [
        'cohort',
        'providers',
        'billing',
        ...r.years.map((y) => `volume ${y}`),
        'per year',
        ...TREND_CLASSES,
      ],
      r.cohorts.map((c) => [
        c.name,
        fmtInt(c.providers),
        fmtInt(c.classed),
        ...c.volumeByYear.map((v) => fmtInt(v)),
        c.growthPerYear === null
          ? '—'
          : `${c.growthPerYear > 0 ? '+' : ''}${fmtNum(c.growthPerYear * 100, 1)} %`,
        ...TREND_CLASSES.map((k) => fmtInt(c.classes[k])),
      ]),
    ),
  ].join('\n');
}

function registerCohortCommands(program: Command): void {
  const cohort = program
    .command('cohort')
    .description('Cohorts: named sets of providers whose trends are compared side by side.');
  withFilterOptions(
    withTrendOptions(
      cohort
        .command('save')
        .description(
          'Save a cohort from NPIs (--npis), a file of NPIs (--npi-file: one per line or a CSV with an "npi" column), or every provider a trends filter keeps (--market with filter options).',
        )
        .argument('<workspace>', 'workspace file (*.tessera)')
        .requiredOption('--name <name>', 'cohort name')
        .option('--npis <list>', 'comma-separated NPIs')
        .option('--npi-file <file>', 'a CSV or text file of NPIs')
        .option('--replace', 'replace a cohort of the same name'),
    ),
  )
    .option('--json', 'print the result as JSON on the last line')
    .action(
      async (
        ws: string,
        o: TrendsOptions & { name: string; npis?: string; npiFile?: string; replace?: boolean },
      ) => {
        const out: CommandOutput = { json: o.json === true };
        let fromTrends: TrendsRequest | undefined;
        try {
          if (!o.npis && !o.npiFile) fromTrends = trendsRequest(o);
        } catch (e) {
          return reportFailure(
            {
              ok: false,
              error: {
                code: 'BAD_INPUT',
                message: `${(e as Error).message}. See 'tessera cohort save --help'.`,
              },
            },
            out,
          );
        }
        await withEngine(ws, out, async ({ engine }) =>
          finish(
            await engine.saveCohort({
              name: o.name,
              npis: list(o.npis),
              npiFile: o.npiFile,
              fromTrends,
              replace: o.replace,
            }),
            out,
            savedText,
          ),
        );
      },
    );
  cohort
    .command('list')
    .description('List the saved cohorts.')
    .argument('<workspace>', 'workspace file (*.tessera)')
    .option('--json', 'print the result as JSON on the last line')
    .action(async (ws: string, o: { json?: boolean }) => {
      const out: CommandOutput = { json: o.json === true };
      await withEngine(ws, out, async ({ engine }) =>
        finish(
          await engine.listCohorts(),
          out,
          (rows) =>
            rows.length
              ? table(
                  ['cohort', 'providers', 'source', 'saved'],
                  rows.map((c) => [c.name, fmtInt(c.providers), c.source, c.createdAt]),
                )
              : 'no cohorts yet',
          (rows) => ({ cohorts: rows }),
        ),
      );
    });
  cohort
    .command('delete')
    .description('Delete a saved cohort.')
    .argument('<workspace>', 'workspace file (*.tessera)')
    .requiredOption('--name <name>', 'cohort name')
    .option('--json', 'print the result as JSON on the last line')
    .action(async (ws: string, o: { name: string; json?: boolean }) => {
      const out: CommandOutput = { json: o.json === true };
      await withEngine(ws, out, async ({ engine }) =>
        finish(
          await engine.deleteCohort({ name: o.name }),
          out,
          (r) => `deleted cohort "${r.name}"`,
        ),
      );
    });
  withTrendOptions(
    cohort
      .command('compare')
      .description("Compare cohorts' trends side by side, with everyone else.")
      .argument('<workspace>', 'workspace file (*.tessera)')
      .requiredOption('--cohorts <list>', 'comma-separated cohort names'),
  )
    .option('--json', 'print the result as JSON on the last line')
    .action(async (ws: string, o: TrendsOptions & { cohorts: string }) => {
      const out: CommandOutput = { json: o.json === true };
      let req: TrendsRequest;
      try {
        req = trendsRequest(o);
      } catch (e) {
        return reportFailure(
          {
            ok: false,
            error: {
              code: 'BAD_INPUT',
              message: `${(e as Error).message}. See 'tessera cohort compare --help'.`,
            },
          },
          out,
        );
      }
      await withEngine(ws, out, async ({ engine }) =>
        finish(
          await engine.compareCohorts({
            market: req.market,
            from: req.from,
            to: req.to,
            thresholds: req.thresholds,
            cohorts: list(o.cohorts) ?? [],
          }),
          out,
          compareText,
        ),
      );
    });
}

const bandWords = {
  within5: 'within ±5 %',
  withinBand: 'in the 0.85–1.15 band',
  outside: 'outside the band',
} as const;

function accountsTable(rows: RefreshAccount[], count: number): string {
  if (count === 0) return '  none';
  const t = table(
    ['NPI', 'name', 'specialty', 'state', 'territory', 'reason'],
    rows.map((r) => [
      r.npi,
      r.name.slice(0, 28),
      r.specialty.slice(0, 24),
      r.state,
      r.territory ?? '',
      r.reason,
    ]),
  );
  return count > rows.length
    ? `${t}\n  … and ${fmtInt(count - rows.length)} more (--top N or --json)`
    : t;
}

function refreshText(r: RefreshReport): string {
  const share = (x: number) => `${fmtNum(100 * x, 1)} %`;
  const head = (m: RefreshReport['before']) =>
    `${share(m.within5)} of ${fmtInt(m.territories)} territories within ±5 %, ${share(m.withinBand)} in the 0.85–1.15 band, max/min ${fmtNum(m.maxMinRatio)}`;
  const lines = [
    `plan "${r.scenario}", market "${r.market}": ${r.previousYear} data → ${r.year} data`,
    `  on ${r.previousYear}: ${head(r.before)}`,
    `  on ${r.year}: ${head(r.after)}`,
    '',
    `territories whose balance changed (${r.territoriesMoved.length}):`,
    r.territoriesMoved.length
      ? table(
          ['territory', 'rep', `index ÷ mean ${r.previousYear}`, `${r.year}`, 'now'],
          r.territoriesMoved.map((t) => [
            t.territoryId,
            t.repName ?? '',
            fmtNum(t.indexRatioBefore),
            fmtNum(t.indexRatioAfter),
            bandWords[t.bandAfter],
          ]),
        )
      : '  none',
    '',
    `reps whose call workload now exceeds capacity (${r.overCapacity.length}):`,
    r.overCapacity.length
      ? table(
          ['territory', 'rep', 'workload h', 'capacity h'],
          r.overCapacity.map((t) => [
            t.territoryId,
            t.repName ?? '',
            fmtInt(t.workloadHoursAfter),
            fmtInt(t.capacityHours),
          ]),
        )
      : '  none',
    '',
    `new Tier A accounts (${fmtInt(r.newTierACount)}):`,
    accountsTable(r.newTierA, r.newTierACount),
    '',
    `Tier A accounts no longer A (${fmtInt(r.lostTierACount)}):`,
    accountsTable(r.lostTierA, r.lostTierACount),
    '',
    'tier changes (- = not tiered):',
    table(
      ['from', 'to', 'providers'],
      r.tierChanges.filter((c) => c.from !== c.to).map((c) => [c.from, c.to, fmtInt(c.providers)]),
    ),
    '',
    ...(r.alerts
      ? [`alerts: ${fmtInt(r.alerts.rows)} accounts whose tier changed written to ${r.alerts.path}`]
      : []),
    ...r.notChecked.map((n) => `not checked: ${n}`),
    `(${fmtNum(r.millis, 0)} ms)`,
  ];
  return lines.join('\n');
}

function registerRefreshCommand(program: Command): void {
  program
    .command('refresh')
    .description(
      'What a new data year does to a plan: territories that left the balance band, reps over capacity, new and lost Tier A accounts with the reason.',
    )
    .argument('<workspace>', 'workspace file (*.tessera)')
    .option('--scenario <name>', 'the plan to check (default: the baseline)')
    .option('--year <year>', 'the new data year (default: the latest)')
    .option(
      '--previous-year <year>',
      'the year the plan was made on (default: the one before --year)',
    )
    .option('--market <file|name>', "default: the scenario's market")
    .option('--top <n>', 'rows in each account list (default 50)')
    .option(
      '--alerts <file.csv>',
      'also write every account whose tier changed, with the reason, to this CSV (for the CRM)',
    )
    .option('--json', 'print the result as JSON on the last line')
    .action(
      async (
        ws: string,
        o: {
          scenario?: string;
          year?: string;
          previousYear?: string;
          market?: string;
          top?: string;
          alerts?: string;
          json?: boolean;
        },
      ) => {
        const out: CommandOutput = { json: o.json === true };
        let req;
        try {
          req = {
            scenario: o.scenario,
            year: wholeNumber('year', o.year),
            previousYear: wholeNumber('previous-year', o.previousYear),
            market: marketArg(o.market),
            top: wholeNumber('top', o.top),
            alertsFile: o.alerts,
          };
        } catch (e) {
          return reportFailure(
            {
              ok: false,
              error: {
                code: 'BAD_INPUT',
                message: `${(e as Error).message}. See 'tessera refresh --help'.`,
              },
            },
            out,
          );
        }
        await withEngine(ws, out, async ({ engine }) =>
          finish(await engine.refreshReport(req), out, refreshText),
        );
      },
    );
}
