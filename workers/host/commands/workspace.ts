import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { ImportFileResult, ImportResult, WorkspaceInfo } from '../../common/contract';
import { finish, fmtInt, fmtNum, table, type CommandOutput } from '../output';
import { progressReporter } from '../progressBar';
import { withEngine } from '../session';

function intOption(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n)) throw new Error(`${name} must be a whole number (got '${v}')`);
    return n;
  };
}

const SKIPPED: Partial<Record<ImportFileResult['format'], string>> = {
  nppes: 'deactivated NPIs skipped',
  'cms-provider-service': 'copyright rows skipped',
  'cms-provider-service-2012': 'copyright rows skipped',
  'open-payments': 'payments to recipients without an NPI skipped',
};

function fileSummary(f: ImportFileResult): string {
  const rate = f.seconds > 0 ? `${fmtInt(f.rows / f.seconds)} rows/s` : '';
  const lines = [
    `${f.path}`,
    `  format ${f.format}${f.year !== null ? `, data year ${f.year}` : ''}, ${f.encoding}`,
    `  ${fmtInt(f.rows)} rows: ${fmtInt(f.imported)} imported, ${fmtInt(f.rejected)} rejected` +
      (f.skipped ? `, ${fmtInt(f.skipped)} ${SKIPPED[f.format] ?? 'skipped'}` : '') + ` in ${fmtNum(f.seconds, 1)} s ${rate}`,
  ];
  if (f.providers) lines.push(`  ${fmtInt(f.providers)} providers created or updated`);
  if (f.ungeocodedZips.count) {
    lines.push(`  ${fmtInt(f.ungeocodedZips.count)} ZIPs could not be placed on the map: ${f.ungeocodedZips.sample.slice(0, 10).join(', ')}${f.ungeocodedZips.count > 10 ? ', …' : ''}`);
  }
  if (f.rejected) {
    lines.push('  first rejected rows:');
    for (const r of f.firstRejects.slice(0, 5)) lines.push(`    line ${r.line}: ${r.reason}`);
  }
  return lines.join('\n');
}

function importSummary(r: ImportResult, ws: string): string {
  const parts = r.files.map(fileSummary);
  parts.push(`workspace now holds ${fmtInt(r.providers)} providers and ${fmtInt(r.codes)} codes; this import added ${fmtInt(r.rows)} rows, rejected ${fmtInt(r.rejected)}.`);
  if (r.rejected) parts.push(`See every rejected row with: tessera rejects ${ws}`);
  return parts.join('\n');
}

function infoSummary(i: WorkspaceInfo): string {
  const head = [
    `${i.path}${i.synthetic ? '  [SYNTHETIC DEMO DATA]' : ''}  (schema v${i.schemaVersion})`,
    `providers ${fmtInt(i.providers)} (${fmtInt(i.geocodedProviders)} geocoded), codes ${fmtInt(i.codes)}, volume rows ${fmtInt(i.volumeRows)}` +
      (i.years.length ? `, years ${i.years.join(', ')}` : ''),
    `reps ${fmtInt(i.reps)}, affiliations ${fmtInt(i.affiliations)}, scenarios ${fmtInt(i.scenarios)}`,
  ];
  if (!i.imports.length) return [...head, 'no imports yet'].join('\n');
  const rows = i.imports.map((m) => [m.id, m.format, m.year ?? '', fmtInt(m.imported), fmtInt(m.rejected), m.importedAt.slice(0, 19).replace('T', ' '), m.path]);
  return [...head, '', table(['id', 'format', 'year', 'imported', 'rejected', 'when', 'file'], rows)].join('\n');
}

export function registerWorkspaceCommands(program: Command): void {
  program
    .command('import')
    .description(
      'Import claims (CMS by Provider and Service, 2012 tab layout), NPPES, Open Payments, or plain CSVs ' +
        '(affiliations, rep roster, alignment, diagnosis volumes, access list, time windows) into a workspace. ' +
        'The format is recognised from the header. Creates the workspace if needed. One transaction: a failed or ' +
        'cancelled (Ctrl-C) import leaves the workspace as it was; re-importing the same source and year replaces it.',
    )
    .argument('<workspace>', 'workspace file (*.tessera)')
    .argument('<files...>', 'files to import')
    .option('--year <year>', 'data year of claims files (default: from the CMS file name, e.g. _D22_ or CY2012)', intOption('--year'))
    .option('--json', 'print the result as JSON on the last line')
    .action(async (ws: string, files: string[], o: { year?: number; json?: boolean }) => {
      const out: CommandOutput = { json: o.json === true };
      await withEngine(ws, out, async ({ engine, cancelToken }) => {
        const bar = progressReporter();
        const res = await engine.importFiles({ files: files.map((f) => resolve(f)), year: o.year }, { onProgress: bar.onProgress, cancel: cancelToken });
        bar.stop();
        finish(res, out, (r) => importSummary(r, ws));
      }, { create: true });
    });

  program
    .command('info')
    .description('Show what a workspace holds: providers, codes, volume rows and years, reps, imports.')
    .argument('<workspace>', 'workspace file (*.tessera)')
    .option('--json', 'print the result as JSON on the last line')
    .action(async (ws: string, o: { json?: boolean }) => {
      const out: CommandOutput = { json: o.json === true };
      await withEngine(ws, out, async ({ engine }) => finish(await engine.info(), out, infoSummary));
    });

  program
    .command('rejects')
    .description('List rows that imports rejected, with file, line and reason.')
    .argument('<workspace>', 'workspace file (*.tessera)')
    .option('--import <id>', 'only rows of this import (ids are shown by tessera info)', intOption('--import'))
    .option('--limit <n>', 'how many rows to show', intOption('--limit'), 20)
    .option('--offset <n>', 'skip this many rows first', intOption('--offset'), 0)
    .option('--json', 'print the result as JSON on the last line')
    .action(async (ws: string, o: { import?: number; limit: number; offset: number; json?: boolean }) => {
      const out: CommandOutput = { json: o.json === true };
      await withEngine(ws, out, async ({ engine }) => {
        const res = await engine.rejects({ importId: o.import, limit: o.limit, offset: o.offset });
        finish(res, out, (r) =>
          r.total === 0
            ? 'no rejected rows'
            : `${fmtInt(r.total)} rejected rows${r.rows.length < r.total ? ` (showing ${r.rows.length})` : ''}\n` +
              table(['file', 'line', 'reason', 'row'], r.rows.map((x) => [x.file, x.line, x.reason, x.raw.length > 60 ? `${x.raw.slice(0, 57)}…` : x.raw])),
        );
      });
    });
}
