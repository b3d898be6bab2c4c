// What the JavaScript benchmarks share: the built CLI's path and `--name value` argument reading.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const cli = join(root, 'dist', 'engine', 'cli.js');

const args = process.argv.slice(2);

/** The value after `--name` on the command line, or `fallback`. */
export function arg(name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
}

/** Whether `--name` is on the command line. */
export function flag(name) {
  return args.includes(name);
}
