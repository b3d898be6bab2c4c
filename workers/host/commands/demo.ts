import { InvalidArgumentError, type Command } from 'commander';
import type { DemoResult } from '../../common/contract';
import { finish, fmtInt, fmtNum, table, type CommandOutput } from '../output';
import { progressReporter } from '../progressBar';
import { withEngine } from '../session';

function wholeNumber(flag: string) {
  return (v: string): number => {
    if (!/^\d+$/.test(v.trim().replace(/_/g, '')))
      throw new InvalidArgumentError(`${flag} needs a whole number, got '${v}'.`);
    return Number(v.trim().replace(/_/g, ''));
  };
}

function demoSummary(path: string, r: DemoResult): string {
  const perFile = r.import.files.map((f) => [
    f.path.split(/[\\/]/).pop() ?? f.path,
    f.format,
    fmtInt(f.imported),
    fmtInt(f.rejected),
    `${fmtNum(f.seconds, 1)} s`,
  ]);
  return [
    '*** SYNTHETIC demo data: generated providers, claims, health systems and reps — no real people or organisations. ***',
    `workspace ${path}`,
    `  providers       ${fmtInt(r.providers)} (synthetic NPIs starting with 3, credentials marked SYNTHETIC)`,
    `  claims lines    ${fmtInt(r.volumeRows)} (CMS by Provider and Service layout, data year 2022)`,
    `  health systems  ${fmtInt(r.healthSystems)}`,
    `  territories     ${fmtInt(r.territories)} with ${fmtInt(r.reps)} rep${r.reps === 1 ? '' : 's'} (a legacy ZIP-block alignment, deliberately unbalanced)`,
    '',
    table(['file', 'format', 'imported', 'rejected', 'time'], perFile),
    '',
    `built in ${fmtNum(r.seconds, 1)} s. Try: tessera market ${path} --codes 27447,27130 --by state`,
  ].join('\n');
}

export function registerDemoCommands(program: Command): void {
  program
    .command('demo')
    .description(
      'Build a SYNTHETIC demo workspace: a nationwide provider universe in the real CMS by Provider and Service layout ' +
        '(orthopedics, cardiology/structural heart, spine, diabetes, ophthalmology, primary care), health systems, an access ' +
        'list, Open Payments–style payments, office hours, diagnoses, a rep roster and a legacy alignment, all imported through ' +
        'the regular importer. Deterministic for a given seed. The workspace is labelled synthetic everywhere it is shown.',
    )
    .argument('<workspace>', 'new workspace file to create (*.tessera)')
    .option(
      '--providers <n>',
      'number of providers to synthesise (100 to 5,000,000)',
      wholeNumber('--providers'),
      300_000,
    )
    .option(
      '--seed <s>',
      'random seed; the same seed gives the same data',
      wholeNumber('--seed'),
      1,
    )
    .option(
      '--reps <k>',
      'territories (one rep each) in the current alignment (default: providers / 1,500, 4 to 200)',
      wholeNumber('--reps'),
    )
    .option('--json', 'print the result as JSON on the last line')
    .action(
      async (ws: string, o: { providers: number; seed: number; reps?: number; json?: boolean }) => {
        const out: CommandOutput = { json: o.json === true };
        await withEngine(
          ws,
          out,
          async ({ engine, cancelToken }) => {
            const progress = progressReporter();
            try {
              const res = await engine.createDemo(
                { providers: o.providers, seed: o.seed, reps: o.reps },
                { onProgress: progress.onProgress, cancel: cancelToken },
              );
              progress.stop();
              finish(
                res,
                out,
                (r) => demoSummary(ws, r),
                (r) => ({ workspace: ws, ...r }),
              );
            } finally {
              progress.stop();
            }
          },
          { create: true },
        );
      },
    );
}
