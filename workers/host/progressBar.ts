// Terminal progress bar for long engine calls (cli-progress), silent when stderr is not a TTY.
import cliProgress from 'cli-progress';
import type { Progress } from '../common/progress';

function human(n: number, unit: Progress['unit']): string {
  if (unit === 'bytes') {
    if (n >= 1e9) return `${(n / 1e9).toFixed(2)} GB`;
    if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
    return `${(n / 1e3).toFixed(0)} kB`;
  }
  return Math.round(n).toLocaleString('en-US');
}

export type ProgressReporter = { onProgress: (p: Progress) => void; stop(): void };

export function progressReporter(enabled = process.stderr.isTTY === true): ProgressReporter {
  if (!enabled) return { onProgress: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      format:
        ' {phase} [{bar}] {percentage}% | {doneH}/{totalH} | {rows} rows | {rate}/s | ETA {etaH} {file}',
      hideCursor: true,
      clearOnComplete: true,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let lastFile: string | undefined;
  return {
    onProgress(p) {
      const total = p.total ?? Math.max(p.done, 1);
      const payload = {
        phase: p.phase.padEnd(8),
        doneH: human(p.done, p.unit),
        totalH: human(total, p.unit),
        rows: p.rows !== undefined ? Math.round(p.rows).toLocaleString('en-US') : '-',
        rate:
          p.ratePerSec !== undefined
            ? human(p.ratePerSec, p.unit === 'bytes' && p.rows === undefined ? 'bytes' : 'rows')
            : '-',
        etaH:
          p.etaSeconds !== undefined && Number.isFinite(p.etaSeconds)
            ? `${Math.ceil(p.etaSeconds)}s`
            : '-',
        file: p.file ?? '',
      };
      if (!started || p.file !== lastFile) {
        if (started) bar.stop();
        bar.start(total, p.done, payload);
        started = true;
        lastFile = p.file;
      } else {
        bar.setTotal(total);
        bar.update(p.done, payload);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
