// `tessera deck`: a client deck (PowerPoint, optional PDF) for a set of scenarios against today.
import type { Command } from 'commander';
import type { DeckRequest, DeckResult } from '../../common/contract';
import { finish, fmtInt, fmtNum } from '../output';
import { progressReporter } from '../progressBar';
import { withEngine } from '../session';

type DeckOpts = {
  scenarios: string;
  baseline?: string;
  out: string;
  pdf?: boolean;
  client?: string;
  json?: boolean;
};

function human(r: DeckResult): string {
  return (
    `wrote ${r.path} (${fmtInt(r.bytes / 1024)} kB, ${r.slides} slides) in ${fmtNum(r.seconds, 1)} s\n` +
    `today: "${r.baseline}"; options: ${r.scenarios.map((s) => `"${s}"`).join(', ')}${r.synthetic ? '\nSYNTHETIC demo data: every slide carries the badge' : ''}\n` +
    'disruption chart: the given options only (no frontier sweep in this build)\n' +
    (r.pdfPath ? `PDF: ${r.pdfPath}\n` : r.pdfNote ? `${r.pdfNote}\n` : '') +
    r.slideTitles.map((t, i) => `  ${String(i + 1).padStart(2)}. ${t}`).join('\n')
  );
}

export function registerDeckCommands(program: Command): void {
  program
    .command('deck')
    .description(
      "Write a client deck (.pptx) presenting scenarios against today's alignment: market opportunity map and definition, today's balance and outliers, " +
        'one slide per option (map, balance chart, metrics vs today), the options side by side with disruption, the largest transfers with a regional roll-up, ' +
        'and an appendix slide per region. Native, editable charts and tables; speaker notes define every figure.',
    )
    .argument('<workspace>', 'workspace file (.tessera)')
    .requiredOption('--scenarios <names>', 'options to present, comma-separated (A,B,C)')
    .option(
      '--baseline <name>',
      "today's alignment to compare with (default: the workspace baseline)",
    )
    .requiredOption('--out <file.pptx>', 'deck to write (replaced if it exists)')
    .option('--pdf', 'also write a PDF beside it (LibreOffice, where installed)')
    .option('--client <name>', 'client name for the cover')
    .option('--json', 'print the result as JSON on the last line')
    .action(async (ws: string, o: DeckOpts) => {
      const out = { json: o.json === true };
      const req: DeckRequest = {
        scenarios: o.scenarios
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        out: o.out,
      };
      if (o.baseline) req.baseline = o.baseline;
      if (o.pdf) req.pdf = true;
      if (o.client) req.client = o.client;
      await withEngine(ws, out, async ({ engine, cancelToken }) => {
        const bar = progressReporter();
        const res = await engine.exportDeck(req, {
          onProgress: bar.onProgress,
          cancel: cancelToken,
        });
        bar.stop();
        finish(res, out, human);
      });
    });
}
