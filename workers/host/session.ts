// Opens the engine (in a worker thread) for a CLI command, wires Ctrl-C to cancellation, and always
// closes the engine so the workspace is released.
import { cancel, createCancelToken, type CancelToken } from '../common/progress';
import { isEngineFailure } from '../common/result';
import { startEngine, type EngineClient } from '../engine/runtime/client';
import { reportFailure, type CommandOutput } from './output';

export type Session = { engine: EngineClient; cancelToken: CancelToken };

export async function withEngine(
  path: string,
  out: CommandOutput,
  work: (s: Session) => Promise<void>,
  options: { create?: boolean; interruptMessage?: () => string } = {},
): Promise<void> {
  let engine: EngineClient;
  try {
    engine = await startEngine(path, options);
  } catch (e) {
    if (isEngineFailure(e)) {
      reportFailure({ ok: false, error: e.error }, out);
      return;
    }
    throw e;
  }
  const cancelToken = createCancelToken();
  let interrupts = 0;
  const onSigint = () => {
    interrupts += 1;
    cancel(cancelToken);
    process.stderr.write(
      `\n${options.interruptMessage?.() ?? 'cancelling… (the workspace is left as it was)'}\n`,
    );
    if (interrupts > 2) process.exit(130);
  };
  process.on('SIGINT', onSigint);
  try {
    await work({ engine, cancelToken });
  } finally {
    process.off('SIGINT', onSigint);
    await engine.close();
  }
}
