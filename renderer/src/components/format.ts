// Number (and file name) formatting for panels and tooltips.
const nf0 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const nf1 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export const fmtNum = (v: number): string =>
  Math.abs(v) >= 100000 ? compact.format(v) : nf0.format(v);
export const fmt1 = (v: number): string => nf1.format(v);
export const fmtRatio = (v: number): string => v.toFixed(2);
export const fmtPct = (v: number): string => `${(100 * v).toFixed(v < 0.1 && v > 0 ? 1 : 0)}%`;
export const fmtDelta = (v: number, digits = 0): string =>
  `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(v).toFixed(digits)}`;
export const fmtBytes = (v: number): string =>
  v > 1e9
    ? `${(v / 1e9).toFixed(1)} GB`
    : v > 1e6
      ? `${(v / 1e6).toFixed(1)} MB`
      : `${Math.ceil(v / 1e3)} kB`;

/** "1 unit", "9 units", "1,204 accounts": a count with its noun in the right number. */
export const plural = (n: number, noun: string, nouns = `${noun}s`): string =>
  `${nf0.format(n)} ${n === 1 ? noun : nouns}`;

/** The last part of a path (Windows or POSIX separators): how files are named on screen. */
export const fileName = (path: string): string => path.split(/[\\/]/).pop() ?? path;
