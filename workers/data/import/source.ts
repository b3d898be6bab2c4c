// Reads one part (a file, a gzip stream, a zip entry, Parquet/xlsx rows as CSV): its header (BOM
// stripped, delimiter guessed) and then every record, block by block, with bounded memory. Progress
// and cancellation per block.
import { EngineFailure } from '../../common/result';
import { decodeBytes, type DecodeState } from './fields';
import type { Part } from './inputs';
import { createFields, LF, scanRecords, type RecordFields, type ScanState } from './scanner';

const BLOCK = 8 * 1024 * 1024;
const HEAD = 256 * 1024;

export type FileHeader = {
  part: Part;
  size: number;
  delim: number;
  columns: string[];
  /** Byte offset (in the decoded stream) of the first data record. */
  dataOffset: number;
  bom: boolean;
  /** The header line as read (for spotting the header repeated inside the data). */
  text: string;
  /** Bytes of the first line that are neither text nor common punctuation (binary data). */
  binary: boolean;
};

/** Whether text bytes look like binary data (NUL or many control bytes). */
function looksBinary(b: Uint8Array, s: number, e: number): boolean {
  let ctl = 0;
  for (let i = s; i < e; i++) {
    const c = b[i]!;
    if (c === 0) return true;
    if (c < 0x09 || (c > 0x0d && c < 0x20) || c === 0x7f) ctl++;
  }
  return ctl > 2 && ctl > (e - s) / 100;
}

/** Reads the first line of a part. */
export async function readHeader(part: Part, decode: DecodeState): Promise<FileHeader> {
  const opened = part.open();
  const bufs: Uint8Array[] = [];
  let got = 0;
  let head: Uint8Array = new Uint8Array(0);
  let complete = true;
  for await (const c of opened.chunks) {
    bufs.push(c);
    got += c.length;
    const joined = Buffer.concat(bufs);
    if (joined.indexOf(LF) >= 0 || got >= HEAD) {
      head = joined;
      complete = false;
      break;
    }
  }
  if (complete) head = Buffer.concat(bufs);
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  const from = bom ? 3 : 0;
  let lf = head.indexOf(LF, from);
  if (lf < 0) {
    if (!complete) {
      throw new EngineFailure(
        'BAD_FILE',
        `${part.label}: the first line is longer than ${HEAD / 1024} kB; this is not a delimited text file Tessera can read.`,
        { path: part.label },
      );
    }
    lf = head.length;
  }
  const binary = looksBinary(head, from, Math.min(head.length, from + 4096));
  const line = decodeBytes(head, from, lf, decode);
  const tabs = line.split('\t').length - 1;
  const commas = line.split(',').length - 1;
  const pipes = line.split('|').length - 1;
  const delim = tabs > commas && tabs >= pipes ? 0x09 : pipes > commas ? 0x7c : 0x2c;
  const f = createFields();
  const columns: string[] = [];
  let unterminated = false;
  scanRecords(head, from, lf, delim, true, f, { line: 1, quotes: delim === 0x2c }, (r) => {
    unterminated = r.unterminated;
    for (let k = 0; k < r.n; k++)
      columns.push(decodeBytes(head, r.start[k]!, r.end[k]!, decode).trim());
  });
  if (unterminated) {
    throw new EngineFailure(
      'BAD_FILE',
      `${part.label}: line 1 (the header) has a quote that does not close, so its column names cannot be read. Nothing was imported and the workspace is unchanged. Fix the header line (remove the stray ") and import the file again.`,
      { path: part.label },
    );
  }
  return {
    part,
    size: part.size,
    delim,
    columns,
    dataOffset: Math.min(lf + 1, head.length),
    bom,
    text: line.replace(/\r$/, ''),
    binary,
  };
}

export type StreamOptions = {
  part: Part;
  /** The source's header (this part's own, or the first part's for a part without a header line). */
  header: FileHeader;
  /** Bytes to skip at the start of this part (its header line), 0 for a part without one. */
  skip: number;
  /** Fields a record must have when a quoted field runs past a line end (the header's width). */
  expected: number;
  onRecord: (f: RecordFields) => void;
  /** Called after each block; throw to stop (e.g. cancellation). */
  onBlock: (bytesDone: number) => void;
  /** Called at the end with the part's physical line count (header included). */
  onLines?: (lines: number) => void;
};

/** Streams every record of a part after the skipped header to onRecord (line numbers are the part's). */
export async function streamRecords(opts: StreamOptions): Promise<void> {
  const { header, part } = opts;
  const opened = part.open();
  let buf = Buffer.allocUnsafe(BLOCK * 2);
  let filled = 0;
  let skip = opts.skip;
  const f = createFields(Math.max(64, header.columns.length + 8));
  const state: ScanState = {
    line: skip > 0 ? 2 : 1,
    quotes: header.delim === 0x2c,
    expected: opts.expected,
  };
  const scan = (eof: boolean) => {
    // scan a plain Uint8Array view: subarray() of a Buffer builds a Buffer, which is several times slower
    const view = new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
    const used = scanRecords(view, 0, filled, header.delim, eof, f, state, opts.onRecord);
    if (used < filled) buf.copy(buf, 0, used, filled);
    filled -= used;
  };
  let first = skip === 0;
  for await (let c of opened.chunks) {
    if (skip > 0) {
      const drop = Math.min(skip, c.length);
      c = c.subarray(drop);
      skip -= drop;
      if (c.length === 0) continue;
    }
    if (first) {
      first = false;
      if (c[0] === 0xef && c[1] === 0xbb && c[2] === 0xbf) c = c.subarray(3); // a part without a header may still start with a BOM
    }
    if (filled + c.length > buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(buf.length * 2, filled + c.length)); // a record larger than the buffer
      buf.copy(bigger, 0, 0, filled);
      buf = bigger;
    }
    buf.set(c, filled);
    filled += c.length;
    if (filled >= BLOCK) {
      scan(false);
      opts.onBlock(opened.consumed());
    }
  }
  scan(true);
  opts.onLines?.(state.line - 1);
  opts.onBlock(opened.consumed());
}
