// Decoding of scanned fields: strings (UTF-8, falling back to Windows-1252 per field), numbers parsed
// straight from bytes, NPIs and ZIP codes as the public files write them.
import type { RecordFields } from './scanner';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

// Node's TextDecoder('windows-1252') is ISO-8859-1 (0x80–0x9F come out as C1 controls), so the 32
// bytes where Windows-1252 differs are mapped here.
const CP1252_80_9F =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    out += b >= 0x80 && b <= 0x9f ? CP1252_80_9F[b - 0x80]! : String.fromCharCode(b);
  }
  return out;
}

/** Tracks whether any field of a file needed the Windows-1252 fallback. */
export type DecodeState = { windows1252: boolean };

function isAscii(buf: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (buf[i]! >= 0x80) return false;
  return true;
}

export function decodeBytes(buf: Uint8Array, s: number, e: number, state?: DecodeState): string {
  if (e <= s) return '';
  if (e - s <= 24 && isAscii(buf, s, e)) {
    // short ASCII fields (names, codes, cities): a char loop beats creating a view and a decoder call
    let out = '';
    for (let i = s; i < e; i++) out += String.fromCharCode(buf[i]!);
    return out;
  }
  const view = buf.subarray(s, e);
  if (isAscii(buf, s, e)) return latin1.decode(view);
  try {
    return utf8.decode(view);
  } catch {
    if (state) state.windows1252 = true;
    return decodeWindows1252(view);
  }
}

/** Field k as a trimmed string ('' when absent). */
export function fieldStr(f: RecordFields, k: number, state?: DecodeState): string {
  if (k < 0 || k >= f.n) return '';
  let s = decodeBytes(f.buf, f.start[k]!, f.end[k]!, state);
  if (f.quoted[k] === 2) s = s.replaceAll('""', '"');
  return s.trim();
}

/** Whole record as text, for the rejects table. */
export function recordText(f: RecordFields, state?: DecodeState): string {
  return decodeBytes(f.buf, f.recStart, Math.min(f.recEnd, f.recStart + 2000), state);
}

const D0 = 0x30;

/**
 * Field k as a number: plain decimals parsed from bytes ("12", "-3.5", "1,234.50" quoted, ".5").
 * Anything else goes through Number(); '' and non-numeric text give NaN.
 */
export function fieldNum(f: RecordFields, k: number): number {
  if (k < 0 || k >= f.n) return NaN;
  const buf = f.buf;
  let i = f.start[k]!;
  let e = f.end[k]!;
  while (i < e && buf[i] === 0x20) i++;
  while (e > i && buf[e - 1] === 0x20) e--;
  if (i === e) return NaN;
  let neg = false;
  if (buf[i] === 0x2d) {
    neg = true;
    i++;
  }
  let v = 0;
  let digits = 0;
  for (; i < e; i++) {
    const c = buf[i]! - D0;
    if (c >= 0 && c <= 9) {
      v = v * 10 + c;
      digits++;
    } else if (buf[i] === 0x2c && digits > 0) {
      continue; // thousands separator
    } else break;
  }
  let scale = 1;
  if (i < e && buf[i] === 0x2e) {
    for (i++; i < e; i++) {
      const c = buf[i]! - D0;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
      scale *= 10;
      digits++;
    }
  }
  // exact integers over an exact power of ten: correctly rounded, same as Number(text)
  if (i === e && digits > 0 && digits <= 15) return (neg ? -v : v) / scale;
  // anything else must be a plain decimal (a $ sign, thousands commas and an exponent allowed):
  // Number() alone would also read "0x10" as 16, "0b1" as 1 and " " as 0
  const text = fieldStr(f, k).replaceAll(',', '').replace(/^\$/, '');
  if (!DECIMAL.test(text)) return NaN;
  const n = Number(text);
  return Number.isFinite(n) ? n : NaN;
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Largest finite value a Float32 volume column stores. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * Why a count or amount cannot be stored ('' when it can): finite, non-negative, and within a
 * Float32 column (volumes are stored as Float32).
 */
export function amountProblem(name: string, v: number, raw: string): string {
  if (Number.isNaN(v)) return `${name} '${raw}' is not a number`;
  if (v < 0) return `${name} ${raw} is negative`;
  if (!(v <= FLOAT32_MAX)) return `${name} ${raw} is out of range`;
  return '';
}

/** The latest data year a file may hold: next calendar year. */
export function maxDataYear(): number {
  return new Date().getUTCFullYear() + 1;
}

export function isDataYear(y: number): boolean {
  return Number.isInteger(y) && y >= 1990 && y <= maxDataYear();
}

/**
 * A 10-digit NPI from field k; -1 when missing or malformed. Accepts float-rewritten values
 * ("1234567893.0").
 */
export function fieldNpi(f: RecordFields, k: number): number {
  if (k < 0 || k >= f.n) return -1;
  const buf = f.buf;
  let i = f.start[k]!;
  let e = f.end[k]!;
  while (i < e && buf[i] === 0x20) i++;
  while (e > i && buf[e - 1] === 0x20) e--;
  let v = 0;
  let digits = 0;
  for (; i < e; i++) {
    const c = buf[i]! - D0;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
    digits++;
  }
  if (i < e) {
    // allow a ".0" / ".00" tail from spreadsheet or pandas rewrites
    if (buf[i] !== 0x2e) return -1;
    for (i++; i < e; i++) if (buf[i] !== D0) return -1;
  }
  return digits === 10 ? v : -1;
}

/**
 * First five digits of a ZIP as written in public files: "35233", "352331234", "35233-1234", and the
 * float rewrites spreadsheets/pandas produce ("688472944.0", "2114" for 02114). '' when not a ZIP.
 */
export function normalizeZip5(raw: string): string {
  let s = raw.trim();
  if (s === '') return '';
  const dot = s.indexOf('.');
  if (dot >= 0 && /^\d+\.0*$/.test(s)) s = s.slice(0, dot);
  s = s.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(s)) return '';
  if (s.length <= 5) s = s.padStart(5, '0');
  else if (s.length <= 9) s = s.padStart(9, '0');
  else return '';
  const z = s.slice(0, 5);
  return z === '00000' ? '' : z;
}

export function fieldZip5(f: RecordFields, k: number): string {
  return normalizeZip5(fieldStr(f, k));
}

/** "Provider Secondary Practice Location Address-  Address Line 1" → "provider_secondary_practice_location_address_address_line_1" */
export function normalizeColumnName(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Case-insensitive header lookup: index of the first name found, -1 when none. */
export type HeaderIndex = {
  has(name: string): boolean;
  col(...names: string[]): number;
  names: string[];
};

export function headerIndex(names: string[]): HeaderIndex {
  const norm = names.map(normalizeColumnName);
  const map = new Map<string, number>();
  norm.forEach((n, i) => {
    if (!map.has(n)) map.set(n, i);
  });
  return {
    names: norm,
    has: (name) => map.has(name.toLowerCase()),
    col: (...candidates) => {
      for (const c of candidates) {
        const i = map.get(c.toLowerCase());
        if (i !== undefined) return i;
      }
      return -1;
    },
  };
}
