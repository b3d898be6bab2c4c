import { resolve } from 'node:path';
import type { Command } from 'commander';
import type {
  ImportFileResult,
  ImportHolding,
  ImportResult,
  ImportSourceResult,
  WorkspaceInfo,
} from '../../common/contract';
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
  const extra = [
    f.skipped - f.repeatedHeaders > 0
      ? `${fmtInt(f.skipped - f.repeatedHeaders)} ${SKIPPED[f.format] ?? 'skipped'}`
      : '',
    f.repeatedHeaders ? `${fmtInt(f.repeatedHeaders)} repeated header lines skipped` : '',
    f.duplicates ? `${fmtInt(f.duplicates)} of the rejected are duplicates` : '',
  ].filter(Boolean);
  const lines = [
    `${f.path}`,
    `  format ${f.format}${f.year !== null ? `, data year ${f.year}` : ''}, ${f.container === 'text' ? '' : `${f.container}, `}${f.encoding}${f.hasHeader ? '' : ', no header line (a later part)'}`,
    `  ${fmtInt(f.rows)} rows read: ${fmtInt(f.imported)} imported, ${fmtInt(f.rejected)} rejected` +
      (extra.length ? `, ${extra.join(', ')}` : '') +
      ` (${fmtInt(f.lines)} lines) in ${fmtNum(f.seconds, 1)} s ${rate}`,
  ];
  if (f.providers) lines.push(`  ${fmtInt(f.providers)} providers created or updated`);
  if (f.ungeocodedZips.count) {
    lines.push(
      `  ${fmtInt(f.ungeocodedZips.count)} ZIPs could not be placed on the map: ${f.ungeocodedZips.sample.slice(0, 10).join(', ')}${f.ungeocodedZips.count > 10 ? ', …' : ''}`,
    );
  }
  if (f.rejected) {
    lines.push('  first rejected rows:');
    for (const r of f.firstRejects.slice(0, 5)) lines.push(`    line ${r.line}: ${r.reason}`);
  }
  return lines.join('\n');
}

function holding(h: ImportHolding, volumes: boolean): string {
  if (!volumes)
    return `${fmtInt(h.rows)} rows${h.providers ? `, ${fmtInt(h.providers)} providers` : ''}`;
  return `${fmtInt(h.rows)} rows, ${fmtInt(h.providers)} providers, ${fmtNum(h.services, 0)} services`;
}

function sourceSummary(s: ImportSourceResult): string {
  const volumes = s.format.startsWith('cms-') || s.format === 'diagnosis';
  const what = `${s.format}${s.parts > 1 ? ` (${s.parts} parts as one source)` : ''}`;
  const read = `read ${fmtInt(s.read.rows)} rows: ${fmtInt(s.read.imported)} imported, ${fmtInt(s.read.rejected)} rejected${s.read.duplicates ? ` (${fmtInt(s.read.duplicates)} duplicates)` : ''}`;
  const out = [
    `${what}: ${read}; ${s.mode === 'append' ? 'appended to' : 'replaced'} what the workspace held`,
  ];
  for (const r of s.replaced ?? []) out.push(`  replaced ${r.year ?? ''}: ${holding(r, volumes)}`);
  for (const h of s.holds)
    out.push(
      `  workspace now holds${h.year !== null ? ` for ${h.year}` : ''}: ${holding(h, volumes)}`,
    );
  return out.join('\n');
}

function importSummary(r: ImportResult, ws: string): string {
  const parts = r.files.map(fileSummary);
  parts.push(...r.sources.map(sourceSummary));
  parts.push(
    `workspace now holds ${fmtInt(r.providers)} providers and ${fmtInt(r.codes)} codes; this import read ${fmtInt(r.rows + r.rejected)} rows: ${fmtInt(r.rows)} imported, ${fmtInt(r.rejected)} rejected.`,
  );
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
  const rows = i.imports.map((m) => [
    m.id,
    m.format,
    m.year ?? '',
    fmtInt(m.imported),
    fmtInt(m.rejected),
    m.importedAt.slice(0, 19).replace('T', ' '),
    m.path,
  ]);
  return [
    ...head,
    '',
    table(['id', 'format', 'year', 'imported', 'rejected', 'when', 'file'], rows),
  ].join('\n');
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
    .argument(
      '<files...>',
      'files, folders of part files (Spark/warehouse exports) or globs; .gz, .zip, .parquet and .xlsx read as they are',
    )
    .option(
      '--year <year>',
      'data year of claims files (default: from the CMS file name, e.g. _D22_ or CY2012, or a year=YYYY folder)',
      intOption('--year'),
    )
    .option(
      '--append',
      'add these parts to the data already held for their year (another quarter, another file of a split export)',
    )
    .option(
      '--replace',
      'replace the data held for the year even when the new data barely overlaps it or is much smaller',
    )
    .option('--sheet <name>', 'worksheet of an .xlsx file (default: the first)')
    .option('--json', 'print the result as JSON on the last line')
    .action(
      async (
        ws: string,
        files: string[],
        o: { year?: number; append?: boolean; replace?: boolean; sheet?: string; json?: boolean },
      ) => {
        const out: CommandOutput = { json: o.json === true };
        let phase = 'read';
        let interrupted = false;
        const interruptMessage = () => {
          interrupted = true;
          return phase === 'commit'
            ? 'Ctrl-C: the import is already being committed; it will complete (wait a moment).'
            : 'cancelling… (the workspace is left as it was)';
        };
        await withEngine(
          ws,
          out,
          async ({ engine, cancelToken }) => {
            const bar = progressReporter();
            const res = await engine.importFiles(
              {
                files: files.map((f) => (/[*?[]/.test(f) ? f : resolve(f))),
                year: o.year,
                append: o.append,
                replace: o.replace,
                sheet: o.sheet,
              },
              {
                onProgress: (p) => {
                  if (p.phase === 'commit') phase = 'commit';
                  if (p.phase === 'wait' && p.message) process.stderr.write(`${p.message}\n`);
                  else bar.onProgress(p);
                },
                cancel: cancelToken,
              },
            );
            bar.stop();
            if (interrupted && res.ok)
              process.stderr.write(
                'The import completed despite Ctrl-C (it was already committing).\n',
              );
            finish(res, out, (r) => importSummary(r, ws));
          },
          { create: true, interruptMessage },
        );
      },
    );

  program
    .command('info')
    .description(
      'Show what a workspace holds: providers, codes, volume rows and years, reps, imports.',
    )
    .argument('<workspace>', 'workspace file (*.tessera)')
    .option('--json', 'print the result as JSON on the last line')
    .action(async (ws: string, o: { json?: boolean }) => {
      const out: CommandOutput = { json: o.json === true };
      await withEngine(ws, out, async ({ engine }) =>
        finish(await engine.info(), out, infoSummary),
      );
    });

  program
    .command('rejects')
    .description('List rows that imports rejected, with file, line and reason.')
    .argument('<workspace>', 'workspace file (*.tessera)')
    .option(
      '--import <id>',
      'only rows of this import (ids are shown by tessera info)',
      intOption('--import'),
    )
    .option('--limit <n>', 'how many rows to show', intOption('--limit'), 20)
    .option('--offset <n>', 'skip this many rows first', intOption('--offset'), 0)
    .option('--json', 'print the result as JSON on the last line')
    .action(
      async (ws: string, o: { import?: number; limit: number; offset: number; json?: boolean }) => {
        const out: CommandOutput = { json: o.json === true };
        await withEngine(ws, out, async ({ engine }) => {
          const res = await engine.rejects({
            importId: o.import,
            limit: o.limit,
            offset: o.offset,
          });
          finish(res, out, (r) =>
            r.total === 0
              ? 'no rejected rows'
              : `${fmtInt(r.total)} rejected rows${r.rows.length < r.total ? ` (showing ${r.rows.length})` : ''}\n` +
                table(
                  ['file', 'line', 'reason', 'row'],
                  r.rows.map((x) => [
                    x.file,
                    x.line,
                    x.reason,
                    x.raw.length > 60 ? `${x.raw.slice(0, 57)}…` : x.raw,
                  ]),
                ),
          );
        });
      },
    );
}
