import type { Command } from 'commander';
import type { GroupBy, MarketSizeResult } from '../../common/contract';
import { finish, fmtInt, fmtNum, table, type CommandOutput } from '../output';
import { withEngine } from '../session';

function marketSummary(r: MarketSizeResult, limit: number): string {
  const lines = [
    `market for ${r.codes.join(', ')}${r.year !== null ? ` (data year ${r.year})` : ''}`,
    `providers ${fmtInt(r.providers)}, services ${fmtInt(r.services)}, beneficiaries ${fmtInt(r.beneficiaries)}, Medicare payment $${fmtInt(r.payment)}`,
  ];
  if (r.unknownCodes.length)
    lines.push(`no volume in this workspace for: ${r.unknownCodes.join(', ')}`);
  if (r.byCode.length) {
    lines.push(
      '',
      table(
        ['code', 'description', 'providers', 'services', 'beneficiaries'],
        r.byCode.map((c) => [
          c.code,
          c.description.slice(0, 40),
          fmtInt(c.providers),
          fmtInt(c.services),
          fmtInt(c.beneficiaries),
        ]),
      ),
    );
  }
  if (r.groups.length) {
    const shown = r.groups.slice(0, limit);
    lines.push(
      '',
      table(
        ['group', 'providers', 'services', 'beneficiaries', 'payment'],
        shown.map((g) => [
          'label' in g && typeof g.label === 'string' ? `${g.key} ${g.label}` : g.key,
          fmtInt(g.providers),
          fmtInt(g.services),
          fmtInt(g.beneficiaries),
          `$${fmtInt(g.payment)}`,
        ]),
      ),
    );
    if (r.groups.length > shown.length)
      lines.push(`… ${r.groups.length - shown.length} more groups (use --limit or --json)`);
  }
  lines.push(`(${fmtNum(r.millis, 1)} ms)`);
  return lines.join('\n');
}

export function registerMarketCommands(program: Command): void {
  program
    .command('market')
    .description(
      'Size a market: distinct providers, services, beneficiaries and Medicare payment for a code set, per code and optionally per state, ZIP or county.',
    )
    .argument('<workspace>', 'workspace file (*.tessera)')
    .requiredOption(
      '--codes <codes>',
      'comma-separated HCPCS/CPT or ICD-10 codes, e.g. 27447,27130',
    )
    .option('--by <group>', 'group by state, zip or county')
    .option(
      '--year <year>',
      'data year (default: the latest year with volume for these codes)',
      (v) => Number(v),
    )
    .option('--limit <n>', 'groups shown in the table', (v) => Number(v), 25)
    .option('--json', 'print the result as JSON on the last line')
    .action(
      async (
        ws: string,
        o: { codes: string; by?: string; year?: number; limit: number; json?: boolean },
      ) => {
        const out: CommandOutput = { json: o.json === true };
        await withEngine(ws, out, async ({ engine }) => {
          const res = await engine.marketSize({
            codes: o.codes.split(','),
            by: o.by as GroupBy | undefined,
            year: o.year,
          });
          finish(res, out, (r) => marketSummary(r, o.limit));
        });
      },
    );
}
