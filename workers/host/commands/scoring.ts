// `tessera score` (score the provider universe for a market, optionally saving it) and
// `tessera market-def` (list, show and write market definitions, including the presets).
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { MarketDefinition, ScoreSummary } from '../../common/contract';
import { presetMarket, type PresetName } from '../../domain/market/presets';
import { finish, fmtInt, fmtNum, reportFailure, table, type CommandOutput } from '../output';
import { withEngine } from '../session';

function readMarketFile(path: string): MarketDefinition {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read market file ${path}: ${(e as Error).message}`, { cause: e });
  }
  try {
    return JSON.parse(text) as MarketDefinition;
  } catch (e) {
    throw new Error(
      `${path} is not valid JSON: ${(e as Error).message}. A market file is a JSON object; see 'tessera market-def preset medtech'.`,
      { cause: e },
    );
  }
}

/** A --market value: a .json file path, else a saved market or preset name. */
export function marketArg(value: string | undefined): string | MarketDefinition | undefined {
  if (value === undefined) return undefined;
  return /\.json$/i.test(value) ? readMarketFile(value) : value;
}

function scoreText(
  r: ScoreSummary & {
    year?: number | null;
    historyYear?: number | null;
    unmatchedCodes?: string[];
  },
): string {
  const lines = [
    `market "${r.market}"${r.year ? `, data year ${r.year}` : ''}${r.historyYear ? ` (history from ${r.historyYear})` : ''}`,
    `providers ${fmtInt(r.providers)}, with market volume ${fmtInt(r.scoredProviders)}; potential ${fmtNum(r.totalPotential, 0)}, accessible ${fmtNum(r.accessiblePotential, 0)}`,
    '',
    table(
      ['tier', 'accounts', 'accessible potential', 'workload hours'],
      (['A', 'B', 'C'] as const).map((t) => [
        t,
        fmtInt(r.tiers[t].providers),
        fmtNum(r.tiers[t].potential, 0),
        fmtNum(r.tiers[t].workloadHours, 0),
      ]),
    ),
    `tier thresholds: A ≥ ${fmtNum(r.thresholds.a)}, B ≥ ${fmtNum(r.thresholds.b)}`,
  ];
  if (r.unmatchedCodes?.length)
    lines.push(`codes with no volume in this workspace: ${r.unmatchedCodes.join(', ')}`);
  lines.push(`(${fmtNum(r.millis, 0)} ms)`);
  return lines.join('\n');
}

function fail(out: CommandOutput, e: unknown): void {
  reportFailure({ ok: false, error: { code: 'BAD_INPUT', message: (e as Error).message } }, out);
}

export function registerScoringCommands(program: Command): void {
  program
    .command('score')
    .description(
      'Score every provider for a market: potential, accessible potential, tier (A/B/C), calls per year and workload hours. Prints totals by tier.',
    )
    .argument('<workspace>', 'workspace file (*.tessera)')
    .option(
      '--market <file|name>',
      'market definition JSON file, a saved market name, or a preset (medtech, pharma, all); default: the active (last saved) market, else every code',
    )
    .option('--save', 'save the market definition in the workspace (and make it the active market)')
    .option('--json', 'print the result as JSON on the last line')
    .action(async (ws: string, o: { market?: string; save?: boolean; json?: boolean }) => {
      const out: CommandOutput = { json: o.json === true };
      let market: string | MarketDefinition | undefined;
      try {
        market = marketArg(o.market);
      } catch (e) {
        return fail(out, e);
      }
      await withEngine(ws, out, async ({ engine }) => {
        if (o.save && market !== undefined) {
          const def =
            typeof market === 'string'
              ? await engine.getMarket({ name: market })
              : { ok: true as const, value: market };
          if (!def.ok) return reportFailure(def, out);
          const saved = await engine.saveMarket(def.value);
          if (!saved.ok) return reportFailure(saved, out);
          market = saved.value.name;
        }
        finish(await engine.score({ market: market ?? '' }), out, scoreText);
      });
    });

  const def = program
    .command('market-def')
    .description(
      'Market definitions: list saved ones, show one, or write a preset to a file to edit.',
    );
  def
    .command('list')
    .description('List the market definitions saved in the workspace.')
    .argument('<workspace>', 'workspace file (*.tessera)')
    .option('--json', 'print the result as JSON on the last line')
    .action(async (ws: string, o: { json?: boolean }) => {
      const out: CommandOutput = { json: o.json === true };
      await withEngine(ws, out, async ({ engine }) =>
        finish(
          await engine.listMarkets(),
          out,
          (ms) =>
            ms.length
              ? table(
                  ['name', 'measure', 'code sets', 'codes'],
                  ms.map((m) => [
                    m.name,
                    m.measure,
                    m.codeSets.length,
                    m.codeSets.reduce((s, c) => s + c.codes.length, 0),
                  ]),
                )
              : 'no saved markets (the default market counts every code in services)',
          (ms) => ({ markets: ms }),
        ),
      );
    });
  def
    .command('show')
    .description('Print a saved market (or a preset: medtech, pharma, all) as JSON.')
    .argument('<workspace>', 'workspace file (*.tessera)')
    .argument('<name>', 'market name')
    .option('--json', 'print the result as JSON on the last line')
    .action(async (ws: string, name: string, o: { json?: boolean }) => {
      const out: CommandOutput = { json: o.json === true };
      await withEngine(ws, out, async ({ engine }) =>
        finish(
          await engine.getMarket({ name }),
          out,
          (m) => JSON.stringify(m, null, 2),
          (m) => ({ market: m }),
        ),
      );
    });
  def
    .command('preset')
    .description(
      'Write a preset market definition (medtech: joint reconstruction procedures; pharma: type 2 diabetes with the 40/30/20/10 index; all: every code) to a JSON file or stdout.',
    )
    .argument('<preset>', 'medtech, pharma or all')
    .option('--name <name>', 'name for the market')
    .option('--out <file>', 'write to this file instead of stdout')
    .action((preset: string, o: { name?: string; out?: string }) => {
      if (!['medtech', 'pharma', 'all'].includes(preset)) {
        process.stderr.write(`error: unknown preset "${preset}"; use medtech, pharma or all\n`);
        process.exitCode = 2;
        return;
      }
      const text = `${JSON.stringify(presetMarket(preset as PresetName, o.name), null, 2)}\n`;
      if (o.out) {
        writeFileSync(o.out, text);
        process.stdout.write(`wrote ${o.out}\n`);
      } else process.stdout.write(text);
    });
}
