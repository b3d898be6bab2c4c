import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isEngineFailure } from '../../common/result';
import { startEngine } from '../../engine/runtime/client';
import { reportFailure } from '../output';
import { startServer } from '../server';

/** dist/renderer next to dist/engine (where the bundled CLI runs from). */
export function defaultRendererDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    join(here, '..', 'renderer'),
    join(here, '..', '..', 'dist', 'renderer'),
    join(here, '..', '..', '..', 'dist', 'renderer'),
  ];
  return candidates.find((p) => existsSync(join(p, 'index.html'))) ?? candidates[0]!;
}

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description(
      'Serve the workstation on 127.0.0.1 (for machines without the Electron binary). Prints a URL that carries\n' +
        'a per-launch secret token; requests without it, or from another origin, are refused.',
    )
    .argument('<workspace>', 'workspace file (*.tessera)')
    .option('--port <port>', 'port on 127.0.0.1 (default: a free port)', (v) =>
      Number.parseInt(v, 10),
    )
    .option('--renderer <dir>', 'directory of the built renderer', defaultRendererDir())
    .option('--json', 'print {"ok":true,"url":…} as a line once listening')
    .option(
      '--create',
      'create a new, empty workspace when the file does not exist (import data or fill it with the demo from the Data panel)',
    )
    .action(
      async (
        workspace: string,
        opts: { port?: number; renderer: string; json?: boolean; create?: boolean },
      ) => {
        const out = { json: opts.json === true };
        if (!existsSync(join(opts.renderer, 'index.html'))) {
          reportFailure(
            {
              ok: false,
              error: {
                code: 'NOT_FOUND',
                message: `The renderer is not built (no ${join(opts.renderer, 'index.html')}). Run 'npm run build:renderer' first.`,
              },
            },
            out,
          );
          return;
        }
        let engine;
        try {
          engine = await startEngine(workspace, {
            create: opts.create === true && !existsSync(workspace),
            jobLane: process.env.TESSERA_JOB_LANE !== '0',
          }); // TESSERA_JOB_LANE=0: one engine thread (for the before/after bench)
        } catch (e) {
          if (isEngineFailure(e)) return reportFailure({ ok: false, error: e.error }, out);
          throw e;
        }
        // TESSERA_SERVE_TOKEN (≥ 24 characters) keeps the page's address across a restart (the
        // end-to-end disconnect test restarts the server and expects the open page to reconnect)
        const fixed = process.env.TESSERA_SERVE_TOKEN;
        const token =
          fixed && fixed.length >= 24 && /^[A-Za-z0-9_-]+$/.test(fixed) ? fixed : undefined;
        const server = await startServer({
          engine,
          rendererDir: opts.renderer,
          port: opts.port,
          ...(token ? { token } : {}),
        });
        if (out.json)
          process.stdout.write(
            `${JSON.stringify({ ok: true, url: server.url, port: server.port })}\n`,
          );
        else
          process.stdout.write(
            `Tessera is serving ${workspace}\nOpen: ${server.url}\n(Ctrl-C to stop)\n`,
          );
        const stop = async () => {
          await server.close();
          await engine.close();
          process.exit(0);
        };
        process.once('SIGINT', () => void stop());
        process.once('SIGTERM', () => void stop());
      },
    );
}
