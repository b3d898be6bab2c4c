// tessera — the command line host of the engine (entry point: cli.ts). Each area registers its commands.
import { Command, CommanderError } from 'commander';
import { registerAlignCommands } from './commands/align';
import { registerDeckCommands } from './commands/deck';
import { registerDemoCommands } from './commands/demo';
import { registerExportCommands } from './commands/export';
import { registerMarketCommands } from './commands/market';
import { registerRouteCommands } from './commands/route';
import { registerRoutingCommands } from './commands/routing';
import { registerScoringCommands } from './commands/scoring';
import { registerServeCommands } from './commands/serve';
import { registerTrendsCommands } from './commands/trends';
import { registerWorkspaceCommands } from './commands/workspace';

const program = new Command();
program
  .name('tessera')
  .description(
    'Tessera — offline territory planning for healthcare commercial operations.\n' +
      'Every command takes a workspace file (*.tessera). Add --json to get the result as the last line of stdout.',
  )
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

registerWorkspaceCommands(program);
registerMarketCommands(program);
registerDemoCommands(program);
registerScoringCommands(program);
registerAlignCommands(program);
registerDeckCommands(program);
registerExportCommands(program);
registerRouteCommands(program);
registerRoutingCommands(program);
registerTrendsCommands(program);
registerServeCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else {
    throw e;
  }
}
