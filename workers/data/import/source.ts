// Reads a delimited file: its header (BOM stripped, delimiter guessed) and then every record, block by
// block, with bounded memory. Async file reads between blocks; progress and cancellation per block.
import { open, stat } from 'node:fs/promises';
import { EngineFailure } from '../../common/result';
import { decodeBytes, type DecodeState } from './fields';
import { createFields, LF, scanRecords, type RecordFields, type ScanState } from './scanner';

const BLOCK = 8 * 1024 * 1024;
const HEAD = 256 * 1024;

export type FileHeader = {
  path: string;
  size: number;
  delim: number;
  columns: string[];
  /** Byte offset of the first data record. */
  dataOffset: number;
  bom: boolean;
};

export async function readHeader(path: string, decode: DecodeState): Promise<FileHeader> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new EngineFailure('BAD_INPUT', `${path} is not a file.`, { path });
    size = s.size;
  } catch (e) {
    if (e instanceof EngineFailure) throw e;
    throw new EngineFailure('FILE_NOT_FOUND', `Cannot read ${path}: ${(e as Error).message}. Check the path.`, { path });
  }
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(Math.min(HEAD, size));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead);
    const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
    const from = bom ? 3 : 0;
    let lf = head.indexOf(LF, from);
    if (lf < 0) {
      if (bytesRead < size) {
        throw new EngineFailure('BAD_FILE', `${path}: the first line is longer than ${HEAD / 1024} kB; this is not a delimited text file Tessera can read.`, { path });
      }
      lf = bytesRead;
    }
    const line = decodeBytes(head, from, lf, decode);
    const tabs = line.split('\t').length - 1;
    const commas = line.split(',').length - 1;
    const pipes = line.split('|').length - 1;
    const delim = tabs > commas && tabs >= pipes ? 0x09 : pipes > commas ? 0x7c : 0x2c;
    const f = createFields();
    const columns: string[] = [];
    scanRecords(head, from, lf, delim, true, f, { line: 1 }, (r) => {
      for (let k = 0; k < r.n; k++) columns.push(decodeBytes(head, r.start[k]!, r.end[k]!, decode).trim());
    });
    return { path, size, delim, columns, dataOffset: Math.min(lf + 1, size), bom };
  } finally {
    await fh.close();
  }
}

export type StreamOptions = {
  header: FileHeader;
  onRecord: (f: RecordFields) => void;
  /** Called after each block; throw to stop (e.g. cancellation). */
  onBlock: (bytesDone: number) => void;
};

/** Streams every data record after the header to onRecord (line numbers start at 2). */
export async function streamRecords(opts: StreamOptions): Promise<void> {
  const { header } = opts;
  const fh = await open(header.path, 'r');
  try {
    let buf = Buffer.allocUnsafe(BLOCK * 2);
    let filled = 0;
    let offset = header.dataOffset;
    const f = createFields(Math.max(64, header.columns.length + 8));
    const state: ScanState = { line: 2 };
    for (;;) {
      if (filled === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2); // one record larger than the buffer
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const want = Math.min(BLOCK, buf.length - filled);
      const { bytesRead } = await fh.read(buf, filled, want, offset);
      offset += bytesRead;
      filled += bytesRead;
      const eof = bytesRead === 0 || offset >= header.size;
      // scan a plain Uint8Array view: subarray() of a Buffer builds a Buffer, which is several times slower
      const view = new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
      const used = scanRecords(view, 0, filled, header.delim, eof, f, state, opts.onRecord);
      if (used < filled) buf.copy(buf, 0, used, filled);
      filled -= used;
      opts.onBlock(offset - filled);
      if (eof) break;
    }
  } finally {
    await fh.close();
  }
}
