// The import pipeline: one transaction for all files of a call (BEGIN IMMEDIATE … COMMIT, ROLLBACK on
// any failure or cancellation), per file: header → format → streaming rows through the format's
// mapper → rejects → replacement of what an earlier import of the same source put in.
import { basename } from 'node:path';
import type { ImportFileResult, ImportFormat, ImportRequest, ImportResult, RejectedRow } from '../../common/contract';
import { isCancelled, type CallOptions } from '../../common/progress';
import { EngineFailure } from '../../common/result';
import type { GeoData } from '../geo';
import { finishProviderColumns, suspendProviderColumnTriggers } from '../providerColumnStore';
import { restoreMapCacheTriggers, suspendMapCacheTriggers } from '../repos/mapCache';
import { restoreScoreTriggers, suspendScoreTriggers } from '../repos/scoreCache';
import { codeCount, codeRegistry } from '../repos/codes';
import { finishImport, replacePrevious, replacesEarlierData, startImport } from '../repos/imports';
import { providerCount } from '../repos/providers';
import { rejectWriter } from '../repos/rejects';
import type { Db } from '../workspace';
import { detectFormat, formatLabel } from './detect';
import { recordText, type DecodeState } from './fields';
import { mapperFor, needsYear } from './formats';
import { createGeocoder } from './geocode';
import { SKIP, yearFromFileName, type ImportEnv } from './mapper';
import { readHeader, streamRecords } from './source';

const FIRST_REJECTS = 10;
const PROGRESS_EVERY_MS = 250;

export type PipelineInput = { db: Db; geo: GeoData; request: ImportRequest; opts?: CallOptions };

export async function runImport(input: PipelineInput): Promise<ImportResult> {
  const { db, request } = input;
  if (request.files.length === 0) throw new EngineFailure('BAD_INPUT', 'No files to import. Name one or more files after the workspace.');
  if (db.inTransaction) throw new EngineFailure('CONFLICT', 'Another write is in progress on this workspace; try again when it finishes.');
  db.exec('BEGIN IMMEDIATE');
  try {
    suspendProviderColumnTriggers(db);
    suspendScoreTriggers(db);
    suspendMapCacheTriggers(db);
    const files: ImportFileResult[] = [];
    for (const path of request.files) files.push(await importOne(input, path));
    // the columnar provider copy the engine loads, rebuilt once when any file wrote what it holds
    finishProviderColumns(db, files.some((f) => f.providers > 0 || f.format === 'affiliations' || f.format === 'access'));
    restoreScoreTriggers(db);
    restoreMapCacheTriggers(db);
    db.exec('COMMIT');
    const counts = providerCount(db);
    return {
      files,
      providers: counts.providers,
      codes: codeCount(db),
      rows: files.reduce((s, f) => s + f.imported, 0),
      rejected: files.reduce((s, f) => s + f.rejected, 0),
    };
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}

function resolveYear(path: string, format: ImportFormat, requested: number | undefined): number | null {
  if (requested !== undefined) {
    if (!Number.isInteger(requested) || requested < 1990 || requested > 2100) {
      throw new EngineFailure('BAD_INPUT', `--year ${requested} is not a plausible data year (1990–2100).`);
    }
    return requested;
  }
  const fromName = yearFromFileName(path);
  if (fromName !== null || needsYear(format) !== 'required') return fromName;
  throw new EngineFailure(
    'BAD_INPUT',
    `${path}: cannot tell the data year of this ${formatLabel(format)} file. CMS names its files with the year ` +
      `(…_D22_… for 2022, …CY2012… for 2012); this name has neither. Re-run with --year YYYY.`,
    { path, format },
  );
}

async function importOne(input: PipelineInput, path: string): Promise<ImportFileResult> {
  const { db, geo, opts } = input;
  const started = performance.now();
  const decode: DecodeState = { windows1252: false };
  const header = await readHeader(path, decode);
  const detected = detectFormat(path, header.columns);
  const year = resolveYear(path, detected.format, input.request.year);
  const importId = startImport(db, { path, format: detected.format, year });
  const env: ImportEnv = {
    db,
    importId,
    path,
    format: detected.format,
    header: detected.header,
    year,
    geo,
    geocoder: createGeocoder(geo),
    codes: codeRegistry(db),
    decode,
  };
  const mapper = mapperFor(env);
  const rejects = rejectWriter(db, importId, basename(path));
  const firstRejects: RejectedRow[] = [];
  let rows = 0;
  let imported = 0;
  let skipped = 0;
  let lastReport = 0;
  const report = (done: number, final = false) => {
    const now = performance.now();
    if (!opts?.onProgress || (!final && now - lastReport < PROGRESS_EVERY_MS)) return;
    lastReport = now;
    const secs = (now - started) / 1000;
    const rate = secs > 0 ? rows / secs : 0;
    const bytesRate = secs > 0 ? done / secs : 0;
    opts.onProgress({
      phase: 'import', done, total: header.size, unit: 'bytes', rows, ratePerSec: rate,
      etaSeconds: bytesRate > 0 ? (header.size - done) / bytesRate : undefined, file: basename(path),
    });
  };
  await streamRecords({
    header,
    onRecord: (f) => {
      if (f.n === 1 && f.end[0] === f.start[0] && !f.unterminated) return; // blank line
      rows += 1;
      const outcome = mapper.row(f);
      if (outcome === undefined) imported += 1;
      else if (outcome === SKIP) {
        skipped += 1;
        rows -= 1;
      } else {
        const raw = recordText(f, decode);
        rejects.add(f.line, outcome, raw);
        if (firstRejects.length < FIRST_REJECTS) firstRejects.push({ file: basename(path), line: f.line, reason: outcome, raw });
      }
    },
    onBlock: (done) => {
      if (isCancelled(opts?.cancel)) {
        throw new EngineFailure('CANCELLED', `Import cancelled while reading ${path}; the workspace was left as it was.`, { path });
      }
      report(done);
    },
  });
  const result = mapper.finish();
  if (imported === 0 && result.replaces.kind !== 'none') refuseEmptyReplacement(path, rows, firstRejects);
  if (rejects.count > imported && result.replaces.kind !== 'none' && replacesEarlierData(db, importId, result.replaces, result.years)) refuseMostlyRejected({ path, rows, imported, rejected: rejects.count, firstRejects });
  if (result.replaces.kind !== 'none') replacePrevious(db, importId, result.replaces, result.years);
  const seconds = (performance.now() - started) / 1000;
  const encoding = decode.windows1252 ? 'windows-1252' : 'utf-8';
  finishImport(db, importId, { rows, imported, rejected: rejects.count, seconds, encoding, skipped, years: result.years });
  report(header.size, true);
  const ungeo = env.geocoder.ungeocoded();
  return {
    path, format: detected.format, year, rows, imported, rejected: rejects.count,
    seconds, providers: result.providers, ungeocodedZips: { count: ungeo.count, sample: ungeo.sample },
    firstRejects, skipped, encoding,
  };
}

/**
 * A replacing file of which most rows were rejected is almost certainly the wrong file or a broken
 * export: importing the few rows that could be read would swap what the workspace holds (the current
 * alignment, a roster, a claims year) for a fragment. Refuse it; the import rolls back.
 */
function refuseMostlyRejected(o: { path: string; rows: number; imported: number; rejected: number; firstRejects: RejectedRow[] }): never {
  const why = o.firstRejects.length ? ` First problems: ${o.firstRejects.map((r) => `line ${r.line}: ${r.reason}`).join('; ')}.` : '';
  throw new EngineFailure(
    'BAD_FILE',
    `${o.rejected} of the ${o.rows} rows of ${o.path} could not be imported (only ${o.imported} could).${why} ` +
      'Importing it would replace what the workspace holds from this kind of file with that fragment, so nothing was imported and the workspace is unchanged. Fix the rejected rows and import the file again.',
    { path: o.path, rows: o.rows, imported: o.imported, rejected: o.rejected, firstRejects: o.firstRejects },
  );
}

/**
 * A file that replaces earlier data (a new roster, affiliation list, claims year…) but has no usable
 * row would silently wipe what the workspace holds: refuse it, and the whole import rolls back.
 */
function refuseEmptyReplacement(path: string, rows: number, firstRejects: RejectedRow[]): never {
  const why = firstRejects.length
    ? ` First problems: ${firstRejects.map((r) => `line ${r.line}: ${r.reason}`).join('; ')}.`
    : '';
  throw new EngineFailure(
    'BAD_FILE',
    rows === 0
      ? `${path} has a header but no data rows. Importing it would replace what the workspace holds with nothing, so nothing was imported and the workspace is unchanged.`
      : `None of the ${rows} rows of ${path} could be imported.${why} Importing it would replace what the workspace holds with nothing, so nothing was imported and the workspace is unchanged. Fix the file and import it again.`,
    { path, rows, firstRejects },
  );
}
