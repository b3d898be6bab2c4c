// What the user named → the parts to read. A file, a folder of part files (Spark/DuckDB/BigQuery
// style: `_SUCCESS`, `.crc` and hidden files ignored, sub-folders such as `year=2022/` walked), or a
// glob. Each file is recognised by its first bytes, not its extension: plain text (UTF-8/Windows-1252,
// UTF-16 transcoded), gzip (streamed through node:zlib), zip (each entry its own part, via yauzl),
// Parquet (hyparquet) or an .xlsx workbook (exceljs). Anything else is refused with what it looks like.
//
// Every part is read as a stream of delimited-text bytes: Parquet row groups and worksheet rows are
// written out as CSV records, so one scanner, one set of row mappers and one set of checks serve all
// containers.
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { EngineFailure } from '../../common/result';

const BLOCK = 8 * 1024 * 1024;

export type PartKind = 'text' | 'gzip' | 'zip-entry' | 'parquet' | 'xlsx';

export type Opened = {
  chunks: AsyncIterable<Uint8Array>;
  /** Bytes of the part consumed so far (on disk, or uncompressed for zip entries), for progress. */
  consumed(): number;
};

export type Part = {
  /** As shown in messages: the path, or "archive.zip › entry.csv". */
  label: string;
  /** File name (rejects, year from the name). */
  name: string;
  /** Path used to find a data year in its name (includes zip entry folders and year=YYYY/ folders). */
  yearPath: string;
  kind: PartKind;
  /** Text encoding of text-like parts ('utf-16le'/'utf-16be' are transcoded to UTF-8). */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  /** Bytes, for progress. */
  size: number;
  open(): Opened;
};

export type InputOptions = { sheet?: string };

const GLOB = /[*?[]/;

/** Files a folder of parts holds that are not data: Spark/Hadoop markers, checksums, hidden files. */
export function ignoredInFolder(name: string): boolean {
  return (
    name.startsWith('_') ||
    name.startsWith('.') ||
    name.endsWith('.crc') ||
    name === 'Thumbs.db' ||
    name === 'desktop.ini'
  );
}

function walk(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const e of entries) {
    if (ignoredInFolder(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
}

function globToRegExp(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '*') re += '[^/\\\\]*';
    else if (c === '?') re += '[^/\\\\]';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        re += `[${segment
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** A glob with wildcards in any path segment (no `**`), for shells that do not expand them. */
export function expandGlob(pattern: string): string[] {
  const parts = pattern.split(/[/\\]/);
  let roots = [parts[0] === '' ? sep : parts[0]!];
  let from = 1;
  if (GLOB.test(parts[0]!)) {
    roots = ['.'];
    from = 0;
  }
  for (let k = from; k < parts.length; k++) {
    const seg = parts[k]!;
    if (seg === '') continue;
    const next: string[] = [];
    for (const r of roots) {
      if (!GLOB.test(seg)) {
        const p = join(r, seg);
        if (existsSync(p)) next.push(p);
        continue;
      }
      const re = globToRegExp(seg);
      let names: string[] = [];
      try {
        names = readdirSync(r).sort();
      } catch {
        continue;
      }
      for (const n of names) if (re.test(n) && !n.startsWith('.')) next.push(join(r, n));
    }
    roots = next;
  }
  return roots;
}

/** What a file that is not something Tessera reads looks like, from its first bytes; null when it may be text. */
export function describeBinary(head: Uint8Array): string | null {
  const at = (i: number, ...b: number[]) => b.every((x, k) => head[i + k] === x);
  const ascii = (i: number, s: string) => at(i, ...Array.from(s, (c) => c.charCodeAt(0)));
  if (at(0, 0x89, 0x50, 0x4e, 0x47)) return 'this is a PNG image';
  if (at(0, 0xff, 0xd8, 0xff)) return 'this is a JPEG image';
  if (ascii(0, 'GIF8')) return 'this is a GIF image';
  if (ascii(0, '%PDF')) return 'this is a PDF document';
  if (at(0, 0xd0, 0xcf, 0x11, 0xe0))
    return 'this is an old-style Office file (Excel 97–2003 .xls or similar): save it as .xlsx or CSV and import that';
  if (ascii(0, 'SQLite format 3'))
    return 'this is a SQLite database (perhaps a Tessera workspace), not a data file';
  if (ascii(0, 'BZh'))
    return 'this is a bzip2-compressed file: decompress it (bunzip2) or recompress it with gzip';
  if (at(0, 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00))
    return 'this is an xz-compressed file: decompress it (unxz) or recompress it with gzip';
  if (at(0, 0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c))
    return 'this is a 7-Zip archive: extract it, or repack it as .zip';
  if (ascii(0, 'Rar!')) return 'this is a RAR archive: extract it, or repack it as .zip';
  if (ascii(257, 'ustar'))
    return 'this is a tar archive: extract it and import the files (or the folder)';
  if (at(0, 0x28, 0xb5, 0x2f, 0xfd))
    return 'this is a zstd-compressed file: decompress it (unzstd) or recompress it with gzip';
  if (ascii(0, 'ORC')) return 'this is an ORC file: export the data as Parquet or CSV';
  if (at(0, 0x4f, 0x62, 0x6a, 0x01))
    return 'this is an Avro file: export the data as Parquet or CSV';
  if (at(0, 0x7f, 0x45, 0x4c, 0x46) || ascii(0, 'MZ'))
    return 'this is a program (executable), not a data file';
  return null;
}

/** UTF-16 without a BOM shows up as every other byte zero in ASCII text. */
function utf16Guess(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const n = Math.min(head.length & ~1, 512);
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZero++;
    if (head[i + 1] === 0) oddZero++;
  }
  if (oddZero > n * 0.4 && evenZero === 0) return 'utf-16le';
  if (evenZero > n * 0.4 && oddZero === 0) return 'utf-16be';
  return null;
}

async function readHead(path: string, n = 1024): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(n);
    const { bytesRead } = await fh.read(b, 0, n, 0);
    return b.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function* fileChunks(
  path: string,
  from: number,
  count: { n: number },
): AsyncGenerator<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    let at = from;
    for (;;) {
      const b = Buffer.allocUnsafe(BLOCK);
      const { bytesRead } = await fh.read(b, 0, BLOCK, at);
      if (bytesRead === 0) return;
      at += bytesRead;
      count.n = at;
      yield b.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

async function* streamChunks(
  s: Readable,
  onClose: () => void,
  label: string,
  what: string,
): AsyncGenerator<Uint8Array> {
  try {
    for await (const c of s) yield c as Buffer;
  } catch (e) {
    if (e instanceof EngineFailure) throw e;
    throw new EngineFailure(
      'BAD_FILE',
      `${label}: ${what} could not be read to its end (${(e as Error).message}); the file is probably truncated or damaged. Nothing was imported and the workspace is unchanged. Download or export it again.`,
      { path: label },
    );
  } finally {
    s.destroy();
    onClose();
  }
}

/** UTF-16 → UTF-8, streamed (a BOM is dropped). */
async function* transcode(
  src: AsyncIterable<Uint8Array>,
  enc: 'utf-16le' | 'utf-16be',
): AsyncGenerator<Uint8Array> {
  const d = new TextDecoder(enc);
  for await (const c of src) {
    const s = d.decode(c, { stream: true });
    if (s) yield Buffer.from(s, 'utf8');
  }
  const t = d.decode();
  if (t) yield Buffer.from(t, 'utf8');
}

function gunzipped(
  raw: Readable,
  label: string,
  count: { n: number },
  onRaw: () => number,
): AsyncIterable<Uint8Array> {
  const z = createGunzip({ chunkSize: 1 << 20 });
  raw.on('error', (e) => z.destroy(e));
  raw.pipe(z);
  return streamChunks(
    z,
    () => {
      count.n = onRaw();
      raw.destroy();
    },
    label,
    'the gzip data',
  );
}

function withEncoding(
  chunks: AsyncIterable<Uint8Array>,
  enc: Part['encoding'],
): AsyncIterable<Uint8Array> {
  return enc === 'utf-8' ? chunks : transcode(chunks, enc);
}

// --- zip -------------------------------------------------------------------------------------------

type ZipEntryInfo = { fileName: string; uncompressedSize: number; encrypted: boolean };

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((res, rej) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (err, zf) =>
      err ? rej(err) : res(zf),
    ),
  );
}

async function zipEntries(path: string): Promise<ZipEntryInfo[]> {
  let zf: yauzl.ZipFile;
  try {
    zf = await openZip(path);
  } catch (e) {
    throw new EngineFailure(
      'BAD_FILE',
      `${path}: this looks like a zip archive but it cannot be read (${(e as Error).message}); it is probably truncated or damaged. Download it again.`,
      { path },
    );
  }
  try {
    return await new Promise<ZipEntryInfo[]>((res, rej) => {
      const out: ZipEntryInfo[] = [];
      zf.on('entry', (e: yauzl.Entry) => {
        out.push({
          fileName: e.fileName,
          uncompressedSize: e.uncompressedSize,
          encrypted: e.isEncrypted(),
        });
        zf.readEntry();
      });
      zf.on('end', () => res(out));
      zf.on('error', rej);
      zf.readEntry();
    });
  } catch (e) {
    throw new EngineFailure(
      'BAD_FILE',
      `${path}: the zip archive's directory cannot be read (${(e as Error).message}). Download it again.`,
      { path },
    );
  } finally {
    zf.close();
  }
}

async function openZipEntry(
  path: string,
  name: string,
): Promise<{ stream: Readable; close: () => void }> {
  const zf = await openZip(path);
  return new Promise((res, rej) => {
    zf.on('entry', (e: yauzl.Entry) => {
      if (e.fileName !== name) {
        zf.readEntry();
        return;
      }
      zf.openReadStream(e, (err, s) =>
        err ? rej(err) : res({ stream: s, close: () => zf.close() }),
      );
    });
    zf.on('end', () => rej(new Error(`entry ${name} not found`)));
    zf.on('error', rej);
    zf.readEntry();
  });
}

async function zipEntryHead(path: string, name: string, n = 1024): Promise<Uint8Array> {
  const { stream, close } = await openZipEntry(path, name);
  const parts: Buffer[] = [];
  let got = 0;
  try {
    for await (const c of stream) {
      parts.push(c as Buffer);
      got += (c as Buffer).length;
      if (got >= n) break;
    }
  } finally {
    stream.destroy();
    close();
  }
  return Buffer.concat(parts).subarray(0, n);
}

/** A documentation-ish entry shipped next to the data in CMS/Open Payments zips. */
function zipEntryIgnored(name: string): boolean {
  const b = basename(name);
  return (
    name.endsWith('/') ||
    name.startsWith('__MACOSX/') ||
    ignoredInFolder(b) ||
    /\.(pdf|txt\.md|md|html?|docx?|rtf|xml|json)$/i.test(b) ||
    /readme/i.test(b)
  );
}

async function zipParts(path: string, size: number, opts: InputOptions): Promise<Part[]> {
  const entries = await zipEntries(path);
  if (entries.some((e) => e.fileName === 'xl/workbook.xml')) return [xlsxPart(path, size, opts)];
  if (entries.some((e) => e.fileName === 'word/document.xml'))
    throw refuse(path, 'this is a Word document (.docx)');
  if (entries.some((e) => e.fileName === 'ppt/presentation.xml'))
    throw refuse(path, 'this is a PowerPoint deck (.pptx)');
  const data = entries.filter((e) => !zipEntryIgnored(e.fileName));
  if (data.length === 0) {
    throw new EngineFailure(
      'BAD_FILE',
      `${path}: this zip archive holds no data files (${entries.length} entries: ${
        entries
          .slice(0, 8)
          .map((e) => e.fileName)
          .join(', ') || 'none'
      }). Nothing was imported.`,
      { path },
    );
  }
  const parts: Part[] = [];
  for (const e of data) {
    const label = `${path} › ${e.fileName}`;
    if (e.encrypted)
      throw new EngineFailure(
        'BAD_FILE',
        `${label}: this zip entry is encrypted; extract it with its password and import the file.`,
        { path },
      );
    const head = await zipEntryHead(path, e.fileName);
    const what = describeBinary(head);
    if (what) throw refuse(label, what);
    if (head[0] === 0x50 && head[1] === 0x4b)
      throw refuse(
        label,
        'this is a zip archive inside the zip archive: extract the outer one first',
      );
    if (head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31) {
      parts.push(
        parquetPart(label, e.fileName, e.uncompressedSize, async () => {
          const { stream, close } = await openZipEntry(path, e.fileName);
          const bufs: Buffer[] = [];
          try {
            for await (const c of stream) bufs.push(c as Buffer);
          } finally {
            close();
          }
          const b = Buffer.concat(bufs);
          return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
        }),
      );
      continue;
    }
    const gz = head[0] === 0x1f && head[1] === 0x8b;
    const encoding = gz ? 'utf-8' : (utf16Guess(head) ?? 'utf-8');
    parts.push({
      label,
      name: basename(e.fileName),
      yearPath: `${path}/${e.fileName}`,
      kind: 'zip-entry',
      encoding,
      size: e.uncompressedSize,
      open() {
        const count = { n: 0 };
        async function* gen(): AsyncGenerator<Uint8Array> {
          const { stream, close } = await openZipEntry(path, e.fileName);
          const src = gz
            ? gunzipped(stream, label, { n: 0 }, () => 0)
            : streamChunks(stream, () => {}, label, 'the zip entry');
          try {
            for await (const c of src) {
              count.n += c.length;
              yield c;
            }
          } finally {
            stream.destroy();
            close();
          }
        }
        return { chunks: withEncoding(gen(), encoding), consumed: () => count.n };
      },
    });
  }
  return parts;
}

// --- Parquet and xlsx: rows written out as CSV records ----------------------------------------------

function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s: string;
  if (typeof v === 'string') s = v;
  else if (typeof v === 'number') s = Number.isFinite(v) ? String(v) : String(v);
  else if (typeof v === 'bigint' || typeof v === 'boolean') s = String(v);
  else if (v instanceof Date)
    s = Number.isNaN(v.getTime()) ? '' : v.toISOString().replace(/T00:00:00\.000Z$/, '');
  else s = JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x));
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(values: unknown[]): string {
  return values.map(csvField).join(',') + '\n';
}

function parquetPart(
  label: string,
  name: string,
  size: number,
  file: () => Promise<
    | ArrayBuffer
    | { byteLength: number; slice(a: number, b?: number): Promise<ArrayBuffer> | ArrayBuffer }
  >,
): Part {
  return {
    label,
    name: basename(name),
    yearPath: label.replace(' › ', '/'),
    kind: 'parquet',
    encoding: 'utf-8',
    size,
    open() {
      const count = { n: 0 };
      async function* gen(): AsyncGenerator<Uint8Array> {
        const hp = await import('hyparquet');
        const { compressors } = await import('hyparquet-compressors');
        let buf: Awaited<ReturnType<typeof file>>;
        let metadata: Awaited<ReturnType<typeof hp.parquetMetadataAsync>>;
        try {
          buf = await file();
          metadata = await hp.parquetMetadataAsync(buf as never);
        } catch (e) {
          throw new EngineFailure(
            'BAD_FILE',
            `${label}: this starts like a Parquet file but its metadata cannot be read (${(e as Error).message}); it is probably truncated or damaged. Nothing was imported. Export it again.`,
            { path: label },
          );
        }
        const schema = hp.parquetSchema(metadata);
        const names = schema.children.map((c) => c.element.name);
        yield Buffer.from(csvLine(names), 'utf8');
        let rowStart = 0;
        for (const rg of metadata.row_groups) {
          const rowEnd = rowStart + Number(rg.num_rows);
          let rows: unknown[][] = [];
          try {
            await hp.parquetRead({
              file: buf as never,
              metadata,
              compressors,
              rowStart,
              rowEnd,
              onComplete: (r: unknown[][]) => (rows = r),
            });
          } catch (e) {
            throw new EngineFailure(
              'BAD_FILE',
              `${label}: row group at row ${rowStart + 1} cannot be read (${(e as Error).message}); the file is damaged or uses an encoding Tessera cannot read. Nothing was imported. Export it again (Snappy, gzip or zstd compression).`,
              { path: label },
            );
          }
          rowStart = rowEnd;
          count.n += Number(rg.total_byte_size ?? 0);
          let out = '';
          for (const r of rows) {
            out += csvLine(r);
            if (out.length > 4 * 1024 * 1024) {
              yield Buffer.from(out, 'utf8');
              out = '';
            }
          }
          if (out) yield Buffer.from(out, 'utf8');
        }
        count.n = size;
      }
      return { chunks: gen(), consumed: () => count.n };
    },
  };
}

function cellValue(v: unknown): unknown {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'object' || v instanceof Date) return v;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText))
    return (o.richText as { text: string }[]).map((t) => t.text).join('');
  if ('result' in o) return cellValue(o.result);
  if ('text' in o) return cellValue(o.text);
  if ('error' in o) return '';
  return '';
}

function xlsxPart(path: string, size: number, opts: InputOptions): Part {
  return {
    label: path,
    name: basename(path),
    yearPath: path,
    kind: 'xlsx',
    encoding: 'utf-8',
    size,
    open() {
      const count = { n: 0 };
      async function* gen(): AsyncGenerator<Uint8Array> {
        const ExcelJS = (await import('exceljs')).default;
        const wb = new ExcelJS.Workbook();
        try {
          await wb.xlsx.readFile(path);
        } catch (e) {
          throw new EngineFailure(
            'BAD_FILE',
            `${path}: this is an Excel workbook but it cannot be read (${(e as Error).message}). Open it in Excel and save it again, or save the sheet as CSV.`,
            { path },
          );
        }
        const sheets = wb.worksheets.map((w) => w.name);
        const ws = opts.sheet === undefined ? wb.worksheets[0] : wb.getWorksheet(opts.sheet);
        if (!ws) {
          throw new EngineFailure(
            'BAD_INPUT',
            opts.sheet === undefined
              ? `${path}: this workbook has no worksheets.`
              : `${path}: there is no sheet named '${opts.sheet}'; the workbook has: ${sheets.join(', ')}. Re-run with --sheet NAME.`,
            { path, sheets },
          );
        }
        let width = 0;
        let out = '';
        let expectRow = 1;
        ws.eachRow({ includeEmpty: true }, (row, n) => {
          while (expectRow < n) {
            out += '\n'; // keep worksheet row numbers as line numbers
            expectRow++;
          }
          expectRow = n + 1;
          const vals = (row.values as unknown[]).slice(1).map(cellValue);
          if (n === 1) {
            while (
              vals.length &&
              (vals[vals.length - 1] === '' || vals[vals.length - 1] === undefined)
            )
              vals.pop();
            width = vals.length;
          }
          let last = vals.length;
          while (last > width && (vals[last - 1] === '' || vals[last - 1] === undefined)) last--;
          const cells = vals.slice(0, last);
          while (cells.length < width) cells.push('');
          out += cells.every((c) => c === '') ? '\n' : csvLine(cells);
        });
        count.n = size;
        yield Buffer.from(out, 'utf8');
      }
      return { chunks: gen(), consumed: () => count.n };
    },
  };
}

// --- classification --------------------------------------------------------------------------------

function refuse(label: string, what: string): EngineFailure {
  return new EngineFailure(
    'UNKNOWN_FORMAT',
    `${label}: ${what}. Tessera imports delimited text (CSV/TSV), gzip, zip, Parquet and .xlsx files; nothing was imported and the workspace is unchanged.`,
    { path: label },
  );
}

async function fileParts(path: string, opts: InputOptions): Promise<Part[]> {
  const size = statSync(path).size;
  if (size === 0)
    throw new EngineFailure(
      'BAD_FILE',
      `${path} is empty (0 bytes). Nothing was imported; check the export or the download.`,
      { path },
    );
  const head = await readHead(path);
  const name = basename(path);
  if (head[0] === 0x1f && head[1] === 0x8b) {
    return [
      {
        label: path,
        name: name.replace(/\.gz$/i, ''),
        yearPath: path,
        kind: 'gzip',
        encoding: 'utf-8',
        size,
        open() {
          const count = { n: 0 };
          const raw = createReadStream(path, { highWaterMark: 1 << 20 });
          const chunks = gunzipped(raw, path, count, () => raw.bytesRead);
          const tracked = (async function* () {
            for await (const c of chunks) {
              count.n = raw.bytesRead;
              yield c;
            }
          })();
          return { chunks: tracked, consumed: () => count.n };
        },
      },
    ];
  }
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05))
    return zipParts(path, size, opts);
  if (head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31) {
    return [
      parquetPart(path, path, size, async () => {
        const { asyncBufferFromFile } = await import('hyparquet');
        return asyncBufferFromFile(path);
      }),
    ];
  }
  const what = describeBinary(head);
  if (what) throw refuse(path, what);
  const encoding = utf16Guess(head) ?? 'utf-8';
  return [
    {
      label: path,
      name,
      yearPath: path,
      kind: 'text',
      encoding,
      size,
      open() {
        const count = { n: 0 };
        return {
          chunks: withEncoding(fileChunks(path, 0, count), encoding),
          consumed: () => count.n,
        };
      },
    },
  ];
}

/** Every part the named inputs hold, in order (a folder's files sorted by name). */
export async function expandInputs(inputs: string[], opts: InputOptions = {}): Promise<Part[]> {
  const parts: Part[] = [];
  for (const input of inputs) {
    let paths = [input];
    if (!existsSync(input) && GLOB.test(input)) {
      paths = expandGlob(input).filter((p) => !ignoredInFolder(basename(p)));
      if (paths.length === 0)
        throw new EngineFailure(
          'FILE_NOT_FOUND',
          `No file matches ${input}. Check the pattern (wildcards * and ? are supported).`,
          { path: input },
        );
    }
    for (const p of paths) {
      let st;
      try {
        st = statSync(p);
      } catch (e) {
        throw new EngineFailure(
          'FILE_NOT_FOUND',
          `Cannot read ${p}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (e as Error).message}. Check the path.`,
          { path: p },
        );
      }
      if (st.isDirectory()) {
        const files: string[] = [];
        walk(p, files);
        if (files.length === 0)
          throw new EngineFailure(
            'BAD_INPUT',
            `The folder ${p} holds no data files (markers such as _SUCCESS, .crc and hidden files are ignored). Nothing was imported.`,
            { path: p },
          );
        for (const f of files) parts.push(...(await fileParts(f, opts)));
      } else if (st.isFile()) parts.push(...(await fileParts(p, opts)));
      else throw new EngineFailure('BAD_INPUT', `${p} is not a file or a folder.`, { path: p });
    }
  }
  return parts;
}
