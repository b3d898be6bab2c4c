// `tessera align`, `tessera scenario …`, `tessera whatif`, `tessera quota`.
import type { Command } from 'commander';
import type {
  AlignRequest,
  AlignResult,
  UnitKind,
  WhatIfOp,
  WhatIfResult,
} from '../../common/contract';
import { finish, fmtInt, fmtNum, reportFailure, table, type CommandOutput } from '../output';
import { progressReporter } from '../progressBar';
import { withEngine } from '../session';
import {
  compareText,
  frontierText,
  metricsSummary,
  solverTravelLine,
  territoryTable,
} from './alignText';
import { marketArg } from './scoring';

const num = (v: string) => Number(v);

function badInput(out: CommandOutput, message: string): void {
  reportFailure({ ok: false, error: { code: 'BAD_INPUT', message } }, out);
}

export function parseWeights(text: string): {
  workload: number;
  potential: number;
  history: number;
  access?: number;
} {
  const parts = text.split(',').map((x) => Number(x.trim()));
  if (parts.length < 3 || parts.length > 4 || parts.some((x) => !(x >= 0))) {
    throw new Error(
      `weights "${text}" must be 3 or 4 non-negative numbers: workload,potential,history[,access], e.g. 0.6,0.3,0.1`,
    );
  }
  const [workload, potential, history, access] = parts as [
    number,
    number,
    number,
    number | undefined,
  ];
  return access === undefined
    ? { workload, potential, history }
    : { workload, potential, history, access };
}

function alignJson(r: AlignResult): object {
  const m = r.metrics;
  return {
    scenario: r.scenario,
    territories: r.territories,
    units: r.units,
    within5: m.within5,
    withinBand: m.withinBand,
    maxMinRatio: Number.isFinite(m.maxMinRatio) ? m.maxMinRatio : null,
    noncontiguous: m.noncontiguous,
    travelMeanMin: m.travelMeanMin,
    travelP90Min: m.travelP90Min,
    travelSource: m.travelSource ?? 'offline',
    travelWarning: m.travelWarning ?? null,
    disruption: {
      units: m.disruption?.units ?? 0,
      opportunity: m.disruption?.opportunity ?? 0,
      accounts: m.disruption?.accounts ?? 0,
      tierAAccounts: m.disruption?.tierAAccounts ?? 0,
      against: m.parent ?? null,
    },
    seconds: r.seconds,
    alignTravel: r.alignTravel ?? null,
    infeasibilities: m.infeasibilities,
    frontier: r.frontier ?? null,
    territoryWarnings: m.perTerritory
      .filter((t) => t.warnings?.length)
      .map((t) => ({ territoryId: t.territoryId, warnings: t.warnings })),
  };
}

type AlignOpts = {
  territories?: number;
  unit?: string;
  scenario?: string;
  from?: string;
  maxDisruption?: number;
  seed?: number;
  market?: string;
  weights?: string;
  keepSystems?: string;
  roster?: boolean;
  fixedHomes?: boolean;
  replace?: boolean;
  districts?: number;
  regions?: number;
  json?: boolean;
  driveWarn?: number;
  frontier?: string;
};

function alignRequest(o: AlignOpts): AlignRequest {
  if (o.unit && o.unit !== 'zip' && o.unit !== 'county')
    throw new Error(`--unit must be zip or county (got ${o.unit})`);
  const req: AlignRequest = {};
  if (o.territories !== undefined) req.territories = o.territories;
  if (o.unit) req.unit = o.unit as UnitKind;
  if (o.scenario) req.scenario = o.scenario;
  if (o.from) req.from = o.from;
  if (o.maxDisruption !== undefined) req.maxDisruption = o.maxDisruption;
  if (o.seed !== undefined) req.seed = o.seed;
  const market = marketArg(o.market);
  if (market !== undefined) req.market = market;
  if (o.weights) req.indexWeights = parseWeights(o.weights);
  if (o.keepSystems)
    req.keepSystemsWhole =
      o.keepSystems === 'all' ? 'all' : o.keepSystems.split(',').map((s) => s.trim());
  if (o.roster === false) req.useRoster = false;
  if (o.fixedHomes) req.useRoster = true;
  if (o.replace) req.replace = true;
  if (o.districts !== undefined) req.districts = o.districts;
  if (o.regions !== undefined) req.regions = o.regions;
  if (o.driveWarn !== undefined) req.driveWarnMinutes = o.driveWarn;
  if (o.frontier !== undefined) {
    const budgets = o.frontier.split(',').map((x) => Number(x.trim()));
    if (budgets.length === 0 || budgets.some((b) => !(b > 0 && b <= 1)))
      throw new Error(
        `--frontier takes shares of opportunity between 0 and 1, comma-separated (e.g. 0.05,0.1,0.2,0.3); got "${o.frontier}"`,
      );
    req.frontier = budgets;
  }
  return req;
}

function registerAlign(program: Command): void {
  program
    .command('align')
    .description(
      'Build K balanced, contiguous territories from scratch (or rebalance an existing scenario with --from) and save the result as a scenario. Balances the composite index (default 60 % workload / 30 % potential / 10 % history) while minimising travel from home bases. With a routing server set (`tessera routing set`) the solver weighs travel with the server’s road times from each home base to its candidate units (from scratch: after the centres are placed, the boundary refinement runs again on road times), and the reported drive-time figures (mean/P90 home → account) come from the server; the result says which (alignTravel, travelSource).',
    )
    .argument('<workspace>', 'workspace file (*.tessera)')
    .option(
      '--territories <K>',
      'number of territories (default with --from: the same as that scenario)',
      num,
    )
    .option('--unit <zip|county>', 'geography unit (default zip)')
    .option('--scenario <name>', 'name of the scenario to create')
    .option('--from <scenario>', 'rebalance this scenario instead of starting from scratch')
    .option(
      '--max-disruption <share>',
      'with --from: at most this share of opportunity may change territory (0.1 = 10 %)',
      num,
    )
    .option('--seed <n>', 'random seed (same seed, same result)', num)
    .option(
      '--market <file|name>',
      'market to score (JSON file, saved name or preset); default: the active market',
    )
    .option(
      '--weights <w,p,h[,a]>',
      'index weights: workload,potential,history[,access difficulty]',
    )
    .option(
      '--keep-systems <ids|all>',
      'keep every provider of these health systems (comma-separated ids/names, or all) in one territory',
    )
    .option(
      '--fixed-homes',
      "build territories around the roster's home bases, and fail when the roster does not have K reps with a home",
    )
    .option(
      '--no-roster',
      'ignore the rep roster (default: when the roster has K reps with a home, territories are built around those homes)',
    )
    .option(
      '--frontier <budgets>',
      'with --from: a disruption frontier, one saved plan per budget (e.g. 0.05,0.1,0.2,0.3,0.5), named <scenario>-<budget %>',
    )
    .option(
      '--drive-warn <minutes>',
      'flag territories whose mean drive from home is above this (default 90)',
      num,
    )
    .option('--districts <n>', 'districts in the hierarchy (default K/8)', num)
    .option('--regions <n>', 'regions in the hierarchy (default districts/5)', num)
    .option('--replace', 'replace an existing scenario with the same name')
    .option('--json', 'print the result as JSON on the last line')
    .action(async (ws: string, o: AlignOpts) => {
      const out: CommandOutput = { json: o.json === true };
      let req: AlignRequest;
      try {
        req = alignRequest(o);
      } catch (e) {
        return badInput(out, (e as Error).message);
      }
      await withEngine(ws, out, async ({ engine, cancelToken }) => {
        const bar = progressReporter();
        const res = await engine.align(req, { onProgress: bar.onProgress, cancel: cancelToken });
        bar.stop();
        finish(
          res,
          out,
          (r) =>
            r.frontier
              ? frontierText(r)
              : `scenario "${r.scenario}" (${fmtNum(r.seconds, 1)} s)${solverTravelLine(r.alignTravel)}\n${metricsSummary(r.metrics)}\n\n${territoryTable(r.metrics, 20)}`,
          alignJson,
        );
      });
    });
}

function registerScenario(program: Command): void {
  const sc = program
    .command('scenario')
    .description('Saved scenarios: list, show metrics, compare, delete.');
  sc.command('list')
    .description(
      'List scenarios (the baseline first) with parent, unit level, market and history length.',
    )
    .argument('<workspace>', 'workspace file (*.tessera)')
    .option('--json', 'print the result as JSON on the last line')
    .action(async (ws: string, o: { json?: boolean }) => {
      const out: CommandOutput = { json: o.json === true };
      await withEngine(ws, out, async ({ engine }) =>
        finish(
          await engine.listScenarios(),
          out,
          (list) =>
            list.length
              ? table(
                  [
                    'name',
                    'baseline',
                    'parent',
                    'unit',
                    'territories',
                    'market',
                    'steps',
                    'created',
                  ],
                  list.map((s) => [
                    s.name,
                    s.isBaseline ? 'yes' : '',
                    s.parent ?? '',
                    s.unitKind,
                    s.territories,
                    s.market ?? '(default)',
                    s.historyLength,
                    s.createdAt,
                  ]),
                )
              : 'no scenarios yet: import a current alignment or run tessera align',
          (list) => ({ scenarios: list }),
        ),
      );
    });
  sc.command('show')
    .description('Metrics of a scenario, overall and per territory.')
    .argument('<workspace>', 'workspace file (*.tessera)')
    .argument('<scenario>', 'scenario name')
    .option(
      '--market <name>',
      'score the scenario with this saved market or preset instead of the one it records',
    )
    .option('--json', 'print the result as JSON on the last line')
    .action(async (ws: string, name: string, o: { json?: boolean; market?: string }) => {
      const out: CommandOutput = { json: o.json === true };
      await withEngine(ws, out, async ({ engine }) =>
        finish(
          await engine.scenarioMetrics({
            scenario: name,
            ...(o.market ? { market: o.market } : {}),
          }),
          out,
          (m) => `${metricsSummary(m)}\n\n${territoryTable(m)}`,
          (m) => ({ metrics: m }),
        ),
      );
    });
  sc.command('compare')
    .description(
      'Compare two or more scenarios: metrics side by side, disruption and the transfer matrix against the first.',
    )
    .argument('<workspace>', 'workspace file (*.tessera)')
    .argument('<scenarios...>', 'scenario names (the first is the reference)')
    .option(
      '--market <name>',
      'score every scenario with this market (needed when they record different markets)',
    )
    .option('--json', 'print the result as JSON on the last line')
    .action(async (ws: string, names: string[], o: { json?: boolean; market?: string }) => {
      const out: CommandOutput = { json: o.json === true };
      await withEngine(ws, out, async ({ engine }) =>
        finish(
          await engine.compareScenarios({
            scenarios: names,
            ...(o.market ? { market: o.market } : {}),
          }),
          out,
          compareText,
          (c) => ({ compare: c }),
        ),
      );
    });
  sc.command('delete')
    .description('Delete a scenario (never the baseline).')
    .argument('<workspace>', 'workspace file (*.tessera)')
    .argument('<scenario>', 'scenario name')
    .option('--json', 'print the result as JSON on the last line')
    .action(async (ws: string, name: string, o: { json?: boolean }) => {
      const out: CommandOutput = { json: o.json === true };
      await withEngine(ws, out, async ({ engine }) =>
        finish(
          await engine.deleteScenario({ scenario: name }),
          out,
          (r) => `deleted scenario "${r.deleted}"`,
        ),
      );
    });
}

const OPERATIONS = `operations:
  move-units <territory> <unit...>     move ZIPs/counties to a territory
  move-accounts <territory> <npi...>   move accounts (pins them there)
  pin <territory|none> <npi...>        pin accounts to a territory (none = unpin)
  lock <unit...> | unlock <unit...>    lock units in their territory for re-solves
  add-rep [name] [home-zip]            add a territory, split from where it is most needed
  remove-rep <territory>               remove a territory, absorbed by its neighbours
  weights <w,p,h[,a]>                  change the index weights
  market <name>                        score the scenario with another saved market
  rebalance <territory...>             re-balance these territories and their neighbours
  keep-systems <system...> | release-systems <system...>
  rename <territory> <name>            rename a territory
  undo | redo                          step back / forward in the scenario history`;

export function parseOperation(op: string, args: string[]): WhatIfOp | 'undo' | 'redo' {
  const need = (n: number, usage: string) => {
    if (args.length < n) throw new Error(`${op} needs ${usage}`);
  };
  switch (op) {
    case 'move-units':
      need(2, '<territory> <unit...>');
      return { kind: 'moveUnits', to: args[0]!, units: args.slice(1) };
    case 'move-accounts':
      need(2, '<territory> <npi...>');
      return { kind: 'moveAccounts', to: args[0]!, npis: args.slice(1) };
    case 'pin':
      need(2, '<territory|none> <npi...>');
      return { kind: 'pinAccounts', to: args[0] === 'none' ? null : args[0]!, npis: args.slice(1) };
    case 'lock':
    case 'unlock':
      need(1, '<unit...>');
      return { kind: 'lockUnits', units: args, locked: op === 'lock' };
    case 'add-rep':
      return {
        kind: 'addRep',
        ...(args[0] ? { name: args[0] } : {}),
        ...(args[1] ? { homeZip: args[1] } : {}),
      };
    case 'remove-rep':
      need(1, '<territory>');
      return { kind: 'removeRep', territoryId: args[0]! };
    case 'weights':
      need(1, '<w,p,h[,a]>');
      return { kind: 'setWeights', weights: parseWeights(args[0]!) };
    case 'market':
      need(1, '<name>');
      return { kind: 'setMarket', market: args[0]! };
    case 'rebalance':
      need(1, '<territory...>');
      return { kind: 'rebalanceLocal', territoryIds: args };
    case 'keep-systems':
    case 'release-systems':
      need(1, '<system...>');
      return { kind: 'keepSystemsWhole', systemIds: args, keep: op === 'keep-systems' };
    case 'rename':
      need(2, '<territory> <name>');
      return { kind: 'renameTerritory', territoryId: args[0]!, name: args.slice(1).join(' ') };
    case 'undo':
    case 'redo':
      return op;
    default:
      throw new Error(`unknown what-if operation "${op}".\n${OPERATIONS}`);
  }
}

function whatIfText(r: WhatIfResult): string {
  return `scenario "${r.scenario}": ${r.changedUnits.length} units changed, territories touched: ${r.changedTerritories.join(', ') || 'none'} (history position ${r.historyPosition}, ${fmtNum(r.millis, 0)} ms)${solverTravelLine(r.alignTravel)}\n${metricsSummary(r.metrics)}`;
}

function registerWhatIf(program: Command): void {
  program
    .command('whatif')
    .description(
      'Apply a what-if operation to a scenario (recorded in its history: undo/redo survive restarts) and print the updated metrics.',
    )
    .addHelpText('after', `\n${OPERATIONS}`)
    .argument('<workspace>', 'workspace file (*.tessera)')
    .argument('<operation>', 'operation (see below)')
    .argument('[args...]', 'operation arguments')
    .requiredOption('--scenario <name>', 'scenario to change')
    .option(
      '--save-as <name>',
      'apply to a new scenario derived from --scenario instead of changing it',
    )
    .option('--json', 'print the result as JSON on the last line')
    .action(
      async (
        ws: string,
        opName: string,
        args: string[],
        o: { scenario: string; saveAs?: string; json?: boolean },
      ) => {
        const out: CommandOutput = { json: o.json === true };
        let op: WhatIfOp | 'undo' | 'redo';
        try {
          op = parseOperation(opName, args);
        } catch (e) {
          return badInput(out, (e as Error).message);
        }
        await withEngine(ws, out, async ({ engine, cancelToken }) => {
          const bar = progressReporter();
          const res =
            op === 'undo'
              ? await engine.undo({ scenario: o.scenario })
              : op === 'redo'
                ? await engine.redo({ scenario: o.scenario })
                : await engine.whatIf(
                    { scenario: o.scenario, op, ...(o.saveAs ? { saveAs: o.saveAs } : {}) },
                    { onProgress: bar.onProgress, cancel: cancelToken },
                  );
          bar.stop();
          finish(res, out, whatIfText);
        });
      },
    );
}

function registerQuota(program: Command): void {
  program
    .command('quota')
    .description(
      'Split a national goal across the territories of a scenario by their share of accessible potential (optional floor and cap as multiples of the average), rolled up to districts and regions, and save it.',
    )
    .argument('<workspace>', 'workspace file (*.tessera)')
    .requiredOption('--scenario <name>', 'scenario')
    .requiredOption('--goal <amount>', 'national goal', num)
    .option('--floor <multiple>', 'minimum quota as a multiple of the average (e.g. 0.7)', num)
    .option('--cap <multiple>', 'maximum quota as a multiple of the average (e.g. 1.3)', num)
    .option('--json', 'print the result as JSON on the last line')
    .action(
      async (
        ws: string,
        o: { scenario: string; goal: number; floor?: number; cap?: number; json?: boolean },
      ) => {
        const out: CommandOutput = { json: o.json === true };
        await withEngine(ws, out, async ({ engine }) => {
          const res = await engine.setQuota({
            scenario: o.scenario,
            nationalGoal: o.goal,
            ...(o.floor !== undefined ? { floor: o.floor } : {}),
            ...(o.cap !== undefined ? { cap: o.cap } : {}),
          });
          finish(res, out, (r) =>
            [
              table(
                ['region', 'territories', 'quota'],
                r.regions.map((g) => [g.region, g.territories, fmtInt(g.quota)]),
              ),
              '',
              table(
                ['region', 'district', 'territories', 'quota'],
                r.districts.map((g) => [g.region, g.district, g.territories, fmtInt(g.quota)]),
              ),
              `${r.territories.length} territories; ${r.clampedFloor} at the floor, ${r.clampedCap} at the cap`,
            ].join('\n'),
          );
        });
      },
    );
}

/** Commands of the align area. */
export function registerAlignCommands(program: Command): void {
  registerAlign(program);
  registerScenario(program);
  registerWhatIf(program);
  registerQuota(program);
}
