// Parse-only comparison on the same bytes: Tessera's byte-level scanner (+ numeric fields parsed from
// bytes) against csv-parse (streaming, the usual choice). Prints rows/s for both.
import { parse } from 'csv-parse';
import { createReadStream, openSync, readSync, closeSync } from 'node:fs';
import { fieldNpi, fieldNum } from '../../workers/data/import/fields';
import { createFields, scanRecords } from '../../workers/data/import/scanner';

const [path, bytesArg] = process.argv.slice(2);
const limit = Number(bytesArg ?? 60_000_000);
const fd = openSync(path!, 'r');
const buf = Buffer.alloc(limit);
const got = readSync(fd, buf, 0, limit, 0);
closeSync(fd);
const end = buf.lastIndexOf(0x0a, got - 1) + 1;
const view = new Uint8Array(buf.buffer, buf.byteOffset, end);

let t = performance.now();
let rows = 0;
let sum = 0;
const f = createFields();
scanRecords(view, 0, end, 0x2c, true, f, { line: 1 }, (r) => {
  rows += 1;
  sum += fieldNpi(r, 0) > 0 ? fieldNum(r, 22) + fieldNum(r, 21) + fieldNum(r, 26) : 0;
});
const scanSecs = (performance.now() - t) / 1000;

t = performance.now();
let rows2 = 0;
let sum2 = 0;
await new Promise<void>((resolve, reject) => {
  createReadStream(path!, { end: end - 1 })
    .pipe(parse({ relax_column_count: true }))
    .on('data', (rec: string[]) => {
      rows2 += 1;
      if (rows2 > 1) sum2 += Number(rec[22]) + Number(rec[21]) + Number(rec[26]);
    })
    .on('end', () => resolve())
    .on('error', reject);
});
const csvSecs = (performance.now() - t) / 1000;
console.log(
  JSON.stringify({
    rows,
    scannerRowsPerSec: Math.round(rows / scanSecs),
    csvParseRowsPerSec: Math.round(rows2 / csvSecs),
    checksumsAgree: Math.abs(sum - sum2) < 1e-3 * Math.abs(sum),
  }),
);
