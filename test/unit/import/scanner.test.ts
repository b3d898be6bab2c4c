import { describe, expect, it } from 'vitest';
import {
  decodeBytes,
  fieldNpi,
  fieldNum,
  fieldStr,
  normalizeZip5,
  type DecodeState,
} from '../../../workers/data/import/fields';
import { createFields, scanRecords, type RecordFields } from '../../../workers/data/import/scanner';

type Row = { line: number; fields: string[]; unterminated: boolean };

/** Scans `bytes` in pieces of `step` bytes (to exercise records split across blocks). */
function scan(bytes: Uint8Array, delim = 0x2c, step = bytes.length): Row[] {
  const rows: Row[] = [];
  const f = createFields(4);
  const state = { line: 1 };
  const onRecord = (r: RecordFields) =>
    rows.push({
      line: r.line,
      fields: Array.from({ length: r.n }, (_, k) => fieldStr(r, k)),
      unterminated: r.unterminated,
    });
  let buf = new Uint8Array(0);
  for (let at = 0; at < bytes.length || buf.length; at += step) {
    const piece = bytes.subarray(at, Math.min(at + step, bytes.length));
    const joined = new Uint8Array(buf.length + piece.length);
    joined.set(buf);
    joined.set(piece, buf.length);
    const eof = at + step >= bytes.length;
    const used = scanRecords(joined, 0, joined.length, delim, eof, f, state, onRecord);
    buf = joined.slice(used);
    if (eof) break;
  }
  return rows;
}

const enc = (s: string) => new TextEncoder().encode(s);

describe('record scanner', () => {
  it('splits plain CSV with LF and CRLF line ends', () => {
    expect(scan(enc('a,b,c\n1,2,3\r\n4,5,6\n')).map((r) => r.fields)).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
  });

  it('keeps commas, doubled quotes and newlines inside quoted fields, and counts physical lines', () => {
    const rows = scan(
      enc('npi,desc,n\n1,"Office visit, est ""new""",2\n3,"two\nlines",4\n5,x,6\n'),
    );
    expect(rows.map((r) => r.fields)).toEqual([
      ['npi', 'desc', 'n'],
      ['1', 'Office visit, est "new"', '2'],
      ['3', 'two\nlines', '4'],
      ['5', 'x', '6'],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 5]);
  });

  it('reads tab-delimited rows with empty fields', () => {
    expect(scan(enc('a\tb\t\tc\n1\t\t\t2\n'), 0x09).map((r) => r.fields)).toEqual([
      ['a', 'b', '', 'c'],
      ['1', '', '', '2'],
    ]);
  });

  it('returns a truncated last line without terminator as a short record', () => {
    const rows = scan(enc('a,b,c\n1,2,3\n4,5'));
    expect(rows[2]!.fields).toEqual(['4', '5']);
  });

  it('flags an unterminated quote at end of file', () => {
    const rows = scan(enc('a,b\n1,"never closed\n'));
    expect(rows[1]!.unterminated).toBe(true);
  });

  it('gives the same records whatever the block boundaries', () => {
    const text = 'h1,h2,h3\r\n"a,1","b""q""",3.5\r\n"x\r\ny",,7\r\nlast,row,9';
    const whole = scan(enc(text));
    for (const step of [1, 2, 3, 5, 7, 11]) expect(scan(enc(text), 0x2c, step)).toEqual(whole);
  });
});

describe('field decoding', () => {
  const one = (text: string): RecordFields => {
    const f = createFields();
    scanRecords(enc(text), 0, enc(text).length, 0x2c, true, f, { line: 1 }, () => {});
    return f;
  };

  it('parses counts and amounts from bytes, fractional and quoted with thousands separators', () => {
    const f = one('12,3.25,"1,234.5",-0.5,.75,abc,,1e3');
    expect([0, 1, 2, 3, 4].map((k) => fieldNum(f, k))).toEqual([12, 3.25, 1234.5, -0.5, 0.75]);
    expect(fieldNum(f, 5)).toBeNaN();
    expect(fieldNum(f, 6)).toBeNaN();
    expect(fieldNum(f, 7)).toBe(1000);
  });

  it('reads 10-digit NPIs, also float-rewritten, and refuses malformed ones', () => {
    const f = one('1003000126,1003000126.0,123,10030001x6,');
    expect([0, 1, 2, 3, 4].map((k) => fieldNpi(f, k))).toEqual([
      1003000126, 1003000126, -1, -1, -1,
    ]);
  });

  it('normalises ZIPs: 9-digit, ZIP+4, float rewrites and lost leading zeros', () => {
    expect(
      [
        '35233',
        '352331234',
        '35233-1234',
        '688472944.0',
        '2114',
        '21141234.0',
        '',
        'ABCDE',
        '00000',
      ].map(normalizeZip5),
    ).toEqual(['35233', '35233', '35233', '68847', '02114', '02114', '', '', '']);
  });

  it('decodes UTF-8 and falls back to Windows-1252 for invalid UTF-8, noting it', () => {
    const state: DecodeState = { windows1252: false };
    expect(decodeBytes(enc('MUÑOZ'), 0, enc('MUÑOZ').length, state)).toBe('MUÑOZ');
    expect(state.windows1252).toBe(false);
    const cp = Uint8Array.from([0x4d, 0x55, 0xd1, 0x4f, 0x5a, 0x20, 0x93, 0x78, 0x94]); // MUÑOZ “x” in cp1252
    expect(decodeBytes(cp, 0, cp.length, state)).toBe('MUÑOZ \u201cx\u201d');
    expect(state.windows1252).toBe(true);
  });
});
