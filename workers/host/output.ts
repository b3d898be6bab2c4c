// CLI output rules: human text on stderr/stdout, and with --json the result object as the LAST line
// of stdout. Failures print what/where/what-to-do on stderr and exit non-zero.
import type { Result } from '../common/result';

export type CommandOutput = { json: boolean };

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Prints a failed Result (JSON line and/or message) and sets a non-zero exit code. */
export function reportFailure(
  result: Extract<Result<unknown>, { ok: false }>,
  out: CommandOutput,
): void {
  const { code, message, details } = result.error;
  process.stderr.write(`error [${code}]: ${message}\n`);
  if (details && !out.json) {
    const brief = JSON.stringify(details);
    if (brief.length < 2000) process.stderr.write(`details: ${brief}\n`);
  }
  if (out.json) printJson({ ok: false, error: result.error });
  process.exitCode = code === 'CANCELLED' ? 130 : 1;
}

/**
 * Common ending of a command: on success prints `human(value)` (unless --json) then, with --json,
 * `{ok:true, ...jsonOf(value)}` as the last stdout line.
 */
export function finish<T>(
  result: Result<T>,
  out: CommandOutput,
  human: (value: T) => string,
  jsonOf: (value: T) => object = (v) => v as object,
): void {
  if (!result.ok) {
    reportFailure(result, out);
    return;
  }
  if (out.json) printJson({ ok: true, ...jsonOf(result.value) });
  else process.stdout.write(`${human(result.value)}\n`);
}

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function fmtNum(n: number, digits = 2): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** A plain fixed-width text table for terminal output. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => String(c)))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells
    .map((r, ri) => {
      const line = r
        .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
        .join('  ');
      return ri === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}
