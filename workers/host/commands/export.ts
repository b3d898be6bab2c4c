// `tessera export`: master workbook, rep packs, CRM CSVs and territory boundaries for one scenario.
import type { Command } from 'commander';
import type { ExportRequest, ExportResult } from '../../common/contract';
import { finish, fmtInt, fmtNum, table, type CommandOutput } from '../output';
import { progressReporter } from '../progressBar';
import { withEngine } from '../session';

type ExportOpts = {
  scenario: string;
  out: string;
  baseline?: string;
  routes?: boolean;
  maps?: boolean;
  json?: boolean;
  crm?: string;
  accountKey?: string;
  userKey?: string;
  territoryType?: string;
};

function human(r: ExportResult): string {
  const big = r.files.filter((f) => !f.path.startsWith('packs/'));
  const packs = r.files.filter((f) => f.path.startsWith('packs/'));
  const packBytes = packs.reduce((s, f) => s + f.bytes, 0);
  const rows = big.map((f) => [
    f.path,
    fmtInt(f.bytes / 1024) + ' kB',
    Object.entries(f.rows)
      .map(([k, v]) => `${k} ${fmtInt(v)}`)
      .join(', '),
  ]);
  if (packs.length)
    rows.push([`packs/ (${fmtInt(packs.length)} workbooks)`, fmtInt(packBytes / 1024) + ' kB', '']);
  const t = r.totals;
  return (
    `exported scenario "${r.scenario}" to ${r.outDir} in ${fmtNum(r.seconds, 1)} s\n` +
    `${fmtInt(t.territories)} territories, ${fmtInt(t.zips)} units, ${fmtInt(t.accounts)} accounts (A ${fmtInt(t.tierA)} / B ${fmtInt(t.tierB)} / C ${fmtInt(t.tierC)}), potential ${fmtInt(t.potential)}\n` +
    (t.against
      ? `changes vs "${t.against}": ${fmtInt(t.unitsMoved)} units, ${fmtInt(t.accountsMoved)} accounts\n`
      : 'no baseline or parent to compare with\n') +
    `\n${table(['file', 'size', 'rows'], rows)}`
  );
}

export function registerExportCommands(program: Command): void {
  program
    .command('export')
    .description(
      "Write a scenario's territory packs into a folder: <scenario>-alignment.xlsx (Summary with subtotals, ZIPs, Accounts, Roster, Changes), " +
        'packs/<territory>.xlsx for every rep (overview, map, ranked targets, ZIPs, week routes), alignment.csv and accounts.csv for CRM import, ' +
        'and territories.geojson (dissolved boundaries with metrics).',
    )
    .argument('<workspace>', 'workspace file (.tessera)')
    .requiredOption('--scenario <name>', 'scenario to export')
    .requiredOption(
      '--out <dir>',
      'output folder (created if missing; existing files of the same names are replaced)',
    )
    .option(
      '--baseline <name>',
      'scenario to list changes against (default: the parent scenario, else the workspace baseline)',
    )
    .option(
      '--no-routes',
      'leave the week route plan out of the rep packs (faster for hundreds of territories)',
    )
    .option('--no-maps', 'leave the territory map image out of the rep packs')
    .option(
      '--crm <profile>',
      'CRM load files in crm/<profile>/ with a README (load order, field API names) and a manifest: salesforce (Territory2Model, Territory2, ObjectTerritory2Association, UserTerritory2Association), veeva (territory hierarchy, Account_Territory_Loader_vod__c and Zip_to_Terr_vod__c with ";T081;" lists; Veeva naming rules checked) or generic',
    )
    .option(
      '--account-key <field>',
      'API name of the Account external-ID field holding the NPI (default NPI__c; veeva NPI_vod__c)',
    )
    .option(
      '--user-key <field>',
      "User field matched with the roster's rep_id: FederationIdentifier (default), Email or Username",
    )
    .option(
      '--territory-type <name>',
      'DeveloperName of the Territory2Type for the territories (default Tessera_Territory)',
    )
    .option(
      '--json',
      'print the result as JSON on the last line: every file with size and row counts, and the totals',
    )
    .action(async (ws: string, o: ExportOpts) => {
      const out: CommandOutput = { json: o.json === true };
      const req: ExportRequest = { scenario: o.scenario, outDir: o.out };
      if (o.baseline) req.baseline = o.baseline;
      if (o.routes === false) req.routes = false;
      if (o.maps === false) req.maps = false;
      if (o.crm) req.crm = o.crm as NonNullable<ExportRequest['crm']>;
      if (o.accountKey) req.accountKey = o.accountKey;
      if (o.userKey) req.userKey = o.userKey as NonNullable<ExportRequest['userKey']>;
      if (o.territoryType) req.territoryType = o.territoryType;
      await withEngine(ws, out, async ({ engine, cancelToken }) => {
        const bar = progressReporter();
        const res = await engine.exportScenario(req, {
          onProgress: bar.onProgress,
          cancel: cancelToken,
        });
        bar.stop();
        finish(res, out, human);
      });
    });
}
