// The import pipeline. The named inputs (files, folders of part files, globs, archives) are expanded
// into parts, each part's header read and its format recognised; the parts of one format and data
// year are one *source*. Then one transaction (BEGIN IMMEDIATE … COMMIT, ROLLBACK on any failure or
// cancellation) imports every source: one row mapper across all its parts (so a natural key repeated
// anywhere in the source is a rejected duplicate), then the source replaces what the workspace held
// for its family and year — once — or, with --append, adds to it.
import type {
  ImportFileResult,
  ImportFormat,
  ImportHolding,
  ImportRequest,
  ImportResult,
  ImportSourceResult,
  RejectedRow,
} from '../../common/contract';
import { isCancelled, type CallOptions } from '../../common/progress';
import { EngineFailure } from '../../common/result';
import type { GeoData } from '../geo';
import { finishProviderColumns, suspendProviderColumnTriggers } from '../providerColumnStore';
import { restoreMapCacheTriggers, suspendMapCacheTriggers } from '../repos/mapCache';
import { restoreScoreTriggers, suspendScoreTriggers } from '../repos/scoreCache';
import { codeCount, codeRegistry } from '../repos/codes';
import {
  finishImport,
  keepPrevious,
  replacePrevious,
  replacesEarlierData,
  startImport,
  volumeHolding,
  type Replacement,
} from '../repos/imports';
import { providerCount } from '../repos/providers';
import { rejectWriter } from '../repos/rejects';
import type { Db } from '../workspace';
import { detectFormat, formatLabel, isOldPaymentsLayout, tryDetectFormat } from './detect';
import { headerIndex, isDataYear, maxDataYear, recordText, type DecodeState } from './fields';
import { mapperFor, needsYear } from './formats';
import { createGeocoder } from './geocode';
import { workspaceCountyOverride } from './formats/zipCounty';
import { expandInputs, type Part } from './inputs';
import { SKIP, yearFromFileName, type ImportEnv } from './mapper';
import { readHeader, streamRecords, type FileHeader } from './source';

const FIRST_REJECTS = 10;
const PROGRESS_EVERY_MS = 250;
/** A replace that keeps fewer than this share of the NPIs it replaces, or of its rows, needs --replace. */
const MIN_OVERLAP = 0.5;
const MIN_KEPT_ROWS = 0.5;

export type PipelineInput = { db: Db; geo: GeoData; request: ImportRequest; opts?: CallOptions };

type PlannedPart = { part: Part; header: FileHeader; own: boolean; decode: DecodeState };
type PlannedSource = {
  format: ImportFormat;
  year: number | null;
  parts: PlannedPart[];
  header: FileHeader;
};

export async function runImport(input: PipelineInput): Promise<ImportResult> {
  const { db, request, opts } = input;
  if (request.files.length === 0)
    throw new EngineFailure(
      'BAD_INPUT',
      'No files to import. Name one or more files after the workspace.',
    );
  if (request.append && request.replace)
    throw new EngineFailure(
      'BAD_INPUT',
      '--append and --replace contradict each other: --append adds to the data held for the year, --replace swaps it. Choose one.',
    );
  if (request.year !== undefined && !isDataYear(request.year)) {
    throw new EngineFailure(
      'BAD_INPUT',
      `--year ${request.year} is not a plausible data year (1990–${maxDataYear()}).`,
    );
  }
  if (db.inTransaction)
    throw new EngineFailure(
      'CONFLICT',
      'Another write is in progress on this workspace; try again when it finishes.',
    );
  const parts = await expandInputs(request.files, { sheet: request.sheet });
  const sources = await planSources(parts, request);
  const shared: ImportEnv['shared'] = {};
  await beginWrite(db, opts);
  const files: ImportFileResult[] = [];
  const results: ImportSourceResult[] = [];
  try {
    suspendProviderColumnTriggers(db);
    suspendScoreTriggers(db);
    suspendMapCacheTriggers(db);
    for (const src of sources) {
      const r = await importSource(input, src, results.length, shared);
      files.push(...r.files);
      results.push(r.source);
    }
    // from here on the import completes: a Ctrl-C no longer cancels it
    opts?.onProgress?.({ phase: 'commit', done: 0, unit: 'percent', message: 'committing' });
    // the columnar provider copy the engine loads, rebuilt once when any file wrote what it holds
    finishProviderColumns(
      db,
      files.some((f) => f.providers > 0 || f.format === 'affiliations' || f.format === 'access'),
    );
    restoreScoreTriggers(db);
    restoreMapCacheTriggers(db);
    db.exec('COMMIT');
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
  for (const s of results) s.holds = holdings(db, s.format, s.years);
  const counts = providerCount(db);
  return {
    files,
    sources: results,
    providers: counts.providers,
    codes: codeCount(db),
    rows: files.reduce((s, f) => s + f.imported, 0),
    rejected: files.reduce((s, f) => s + f.rejected, 0),
  };
}

// --- waiting for another writer -------------------------------------------------------------------

function isBusy(e: unknown): boolean {
  const code = (e as { code?: string })?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === 'SQLITE_BUSY_SNAPSHOT';
}

/** How long an import waits for another process's write to finish (TESSERA_WRITE_WAIT_SECONDS). */
function writeWaitMs(): number {
  const s = Number(process.env.TESSERA_WRITE_WAIT_SECONDS);
  return (Number.isFinite(s) && s >= 0 ? s : 120) * 1000;
}

/**
 * BEGIN IMMEDIATE, waiting (with a message) while another process — a second CLI import, the
 * workstation saving an edit — holds the write lock; a clear BUSY error after the wait.
 */
async function beginWrite(db: Db, opts?: CallOptions): Promise<void> {
  const previous = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    const started = Date.now();
    const wait = writeWaitMs();
    let told = false;
    for (;;) {
      try {
        db.exec('BEGIN IMMEDIATE');
        return;
      } catch (e) {
        if (!isBusy(e)) throw e;
      }
      if (isCancelled(opts?.cancel))
        throw new EngineFailure(
          'CANCELLED',
          'Import cancelled while waiting for another process to finish writing; nothing was imported and the workspace is unchanged.',
        );
      const waited = Date.now() - started;
      if (waited >= wait) {
        throw new EngineFailure(
          'WORKSPACE_LOCKED',
          `Another Tessera process (an import, or the workstation saving a change) is writing to this workspace and did not finish within ${Math.round(wait / 1000)} s. ` +
            'Nothing was imported and the workspace is unchanged. Try again when it is done (set TESSERA_WRITE_WAIT_SECONDS to wait longer).',
          { waitedSeconds: Math.round(waited / 1000) },
        );
      }
      if (!told) {
        told = true;
        const message = 'another Tessera process is writing to this workspace; waiting…';
        if (opts?.onProgress) opts.onProgress({ phase: 'wait', done: 0, unit: 'percent', message });
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    db.pragma(`busy_timeout = ${previous}`);
  }
}

// --- planning: parts → sources ----------------------------------------------------------------------

function resolveYear(
  part: Part,
  format: ImportFormat,
  requested: number | undefined,
): number | null {
  if (requested !== undefined) return requested;
  const fromName = yearFromFileName(part.yearPath);
  if (fromName !== null || needsYear(format) !== 'required') return fromName;
  throw new EngineFailure(
    'BAD_INPUT',
    `${part.label}: cannot tell the data year of this ${formatLabel(format)} file. CMS names its files with the year ` +
      `(…_D22_… for 2022, …CY2012… for 2012), warehouse exports often use a year=2022 folder; this name has neither. Re-run with --year YYYY.`,
    { path: part.label, format },
  );
}

const sameColumns = (a: FileHeader, b: FileHeader) =>
  a.columns.length === b.columns.length &&
  a.columns.every((c, i) => c.toLowerCase() === b.columns[i]!.toLowerCase());

/** Whether a line's fields look like data (numbers, NPIs, ZIPs) rather than column names. */
function numericLine(columns: string[]): boolean {
  const filled = columns.filter((c) => c !== '');
  return (
    filled.length > 0 &&
    filled.filter((c) => /^[-+$]?[\d.,]+$/.test(c)).length >= Math.max(1, filled.length / 2)
  );
}

function refuseBinary(h: FileHeader): never {
  throw new EngineFailure(
    'UNKNOWN_FORMAT',
    `${h.part.label}: this is binary data, not a delimited text file (CSV/TSV), and not a gzip, zip, Parquet or .xlsx file Tessera recognises. Nothing was imported and the workspace is unchanged. Export the data as CSV or Parquet.`,
    { path: h.part.label },
  );
}

function refuseHeaderless(h: FileHeader): never {
  const first = h.columns
    .slice(0, 6)
    .map((c) => (c.length > 24 ? `${c.slice(0, 21)}…` : c))
    .join(', ');
  throw new EngineFailure(
    'UNKNOWN_FORMAT',
    `${h.part.label}: this looks like a CSV without a header line: its first line is ${numericLine(h.columns) ? 'numbers' : 'data (it starts with an NPI)'} (${first}${h.columns.length > 6 ? ', …' : ''}), not column names. ` +
      'Tessera recognises a file by its header. Add the header line of the original export, or import this file in the same call as a part that has it (a split file: its first part).',
    { path: h.part.label, columns: h.columns.slice(0, 50) },
  );
}

async function planSources(parts: Part[], request: ImportRequest): Promise<PlannedSource[]> {
  const sources: PlannedSource[] = [];
  const headerless: PlannedPart[] = [];
  for (const part of parts) {
    const decode: DecodeState = { windows1252: false };
    const header = await readHeader(part, decode);
    if (header.binary) refuseBinary(header);
    const detected = tryDetectFormat(header.columns);
    if (!detected) {
      headerless.push({ part, header, own: false, decode });
      continue;
    }
    const format = detected.format;
    const year = resolveYear(part, format, request.year);
    let src = sources.find((s) => s.format === format && s.year === year);
    if (src && !sameColumns(src.header, header)) {
      throw new EngineFailure(
        'BAD_INPUT',
        `${part.label} and ${src.parts[0]!.part.label} are both ${formatLabel(format)} for ${year ?? 'the same data'}, but their columns differ ` +
          `(${header.columns.length} vs ${src.header.columns.length} columns). Parts of one source must share a layout: import them in separate calls, the second with --append.`,
        { path: part.label },
      );
    }
    if (!src) sources.push((src = { format, year, parts: [], header }));
    src.parts.push({ part, header, own: true, decode });
  }
  // PY2013–PY2020 Open Payments (profile IDs, no NPI) are read with a profile supplement of the same call
  const hasProfiles = sources.some((s) => s.format === 'open-payments-profiles');
  for (const p of headerless.filter((x) => isOldPaymentsLayout(x.header.columns))) {
    if (!hasProfiles) detectFormat(p.part.label, p.header.columns); // throws: says what is missing and what to do
    const year = resolveYear(p.part, 'open-payments', request.year);
    let src = sources.find(
      (s) => s.format === 'open-payments' && s.year === year && sameColumns(s.header, p.header),
    );
    if (!src) sources.push((src = { format: 'open-payments', year, parts: [], header: p.header }));
    src.parts.push({ ...p, own: true });
  }
  // the supplement first: the payments sources read its map
  sources.sort(
    (a, b) =>
      Number(b.format === 'open-payments-profiles') - Number(a.format === 'open-payments-profiles'),
  );
  for (const p of headerless.filter((x) => !isOldPaymentsLayout(x.header.columns))) {
    // a later part of a split without its own header: it belongs to the one source of its width
    const ownYear = request.year ?? yearFromFileName(p.part.yearPath);
    const fits = sources.filter(
      (s) =>
        s.header.columns.length === p.header.columns.length &&
        (ownYear === null || s.year === null || s.year === ownYear),
    );
    if (fits.length !== 1) {
      if (numericLine(p.header.columns) || /^\d{10}$/.test(p.header.columns[0] ?? ''))
        refuseHeaderless(p.header);
      detectFormat(p.part.label, p.header.columns); // throws the unknown-format message
    }
    fits[0]!.parts.push({ ...p, header: fits[0]!.header });
  }
  return sources;
}

// --- one source -------------------------------------------------------------------------------------

type PartCounts = {
  rows: number;
  imported: number;
  rejected: number;
  skipped: number;
  blank: number;
  headers: number;
  duplicates: number;
  rejectedLines: number;
  importedLines: number;
  lines: number;
};

async function importSource(
  input: PipelineInput,
  src: PlannedSource,
  index: number,
  shared: ImportEnv['shared'],
): Promise<{ files: ImportFileResult[]; source: ImportSourceResult }> {
  const { db, geo, opts, request } = input;
  const append = request.append === true;
  const label =
    src.parts.length === 1
      ? src.parts[0]!.part.label
      : `${src.parts[0]!.part.label} (+${src.parts.length - 1} more parts)`;
  const importId = startImport(db, { path: label, format: src.format, year: src.year });
  const decode: DecodeState = src.parts[0]!.decode;
  const env: ImportEnv = {
    db,
    importId,
    path: label,
    format: src.format,
    header: headerIndex(src.header.columns),
    year: src.year,
    geo,
    geocoder: createGeocoder(geo, workspaceCountyOverride(db)),
    codes: codeRegistry(db),
    decode,
    append,
    parts: { names: src.parts.map((p) => p.part.name), current: 0 },
    shared,
  };
  const mapper = mapperFor(env);
  const firstRejects: RejectedRow[] = [];
  const files: ImportFileResult[] = [];
  const total: PartCounts = {
    rows: 0,
    imported: 0,
    rejected: 0,
    skipped: 0,
    blank: 0,
    headers: 0,
    duplicates: 0,
    rejectedLines: 0,
    importedLines: 0,
    lines: 0,
  };
  const expected = src.header.columns.length;
  for (let i = 0; i < src.parts.length; i++) {
    const { part, header, own } = src.parts[i]!;
    env.parts.current = i;
    const started = performance.now();
    const rejects = rejectWriter(db, importId, part.name);
    const c: PartCounts = {
      rows: 0,
      imported: 0,
      rejected: 0,
      skipped: 0,
      blank: 0,
      headers: 0,
      duplicates: 0,
      rejectedLines: 0,
      importedLines: 0,
      lines: own ? 1 : 0,
    };
    // every physical line is attributed to what its record became: the span of a record is known
    // when the next one starts (or the part ends)
    let prevLine = -1;
    let prevKind: 'imported' | 'rejected' | 'skipped' | 'blank' | 'header' = 'blank';
    const attribute = (span: number) => {
      if (prevKind === 'imported') c.importedLines += span;
      else if (prevKind === 'rejected') c.rejectedLines += span;
      c.lines += span;
    };
    let lastReport = 0;
    const report = (done: number, final = false) => {
      const now = performance.now();
      if (!opts?.onProgress || (!final && now - lastReport < PROGRESS_EVERY_MS)) return;
      lastReport = now;
      const secs = (now - started) / 1000;
      const bytesRate = secs > 0 ? done / secs : 0;
      opts.onProgress({
        phase: 'import',
        done,
        total: part.size,
        unit: 'bytes',
        rows: c.rows,
        ratePerSec: secs > 0 ? c.rows / secs : 0,
        etaSeconds: bytesRate > 0 ? Math.max(0, part.size - done) / bytesRate : undefined,
        file: part.name,
      });
    };
    const headerText = src.header.text;
    const firstColumn = src.header.columns[0] ?? '';
    await streamRecords({
      part,
      header,
      skip: own ? header.dataOffset : 0,
      expected,
      onRecord: (f) => {
        if (prevLine >= 0) attribute(f.line - prevLine);
        prevLine = f.line;
        if (f.n === 1 && f.end[0] === f.start[0] && !f.unterminated) {
          c.blank += 1;
          prevKind = 'blank';
          return;
        }
        if (
          f.n === expected &&
          f.end[0]! - f.start[0]! === firstColumn.length &&
          recordText(f, decode).replace(/\r$/, '') === headerText
        ) {
          c.headers += 1; // the header again: parts concatenated with their header lines
          prevKind = 'header';
          return;
        }
        const outcome = mapper.row(f);
        if (outcome === undefined) {
          c.rows += 1;
          c.imported += 1;
          prevKind = 'imported';
        } else if (outcome === SKIP) {
          c.skipped += 1;
          prevKind = 'skipped';
        } else {
          c.rows += 1;
          c.rejected += 1;
          prevKind = 'rejected';
          if (outcome.startsWith('duplicate of line')) c.duplicates += 1;
          const raw = recordText(f, decode);
          rejects.add(f.line, outcome, raw);
          if (firstRejects.length < FIRST_REJECTS)
            firstRejects.push({ file: part.name, line: f.line, reason: outcome, raw });
        }
      },
      onBlock: (done) => {
        if (isCancelled(opts?.cancel)) {
          throw new EngineFailure(
            'CANCELLED',
            `Import cancelled while reading ${part.label}; nothing was imported and the workspace is unchanged.`,
            { path: part.label },
          );
        }
        report(done);
      },
      onLines: (lines) => {
        if (prevLine >= 0) attribute(lines + 1 - prevLine);
      },
    });
    report(part.size, true);
    const seconds = (performance.now() - started) / 1000;
    for (const k of Object.keys(total) as (keyof PartCounts)[]) total[k] += c[k];
    const ungeo = env.geocoder.ungeocoded();
    files.push({
      path: part.label,
      format: src.format,
      year: src.year,
      rows: c.rows,
      imported: c.imported,
      rejected: c.rejected,
      seconds,
      providers: 0,
      ungeocodedZips: { count: ungeo.count, sample: ungeo.sample },
      firstRejects: firstRejects.filter((r) => r.file === part.name),
      skipped: c.skipped + c.headers,
      encoding: src.parts[i]!.decode.windows1252 || decode.windows1252 ? 'windows-1252' : 'utf-8',
      lines: c.lines,
      blankLines: c.blank,
      continuationLines: c.lines - (own ? 1 : 0) - c.rows - c.skipped - c.headers - c.blank,
      repeatedHeaders: c.headers,
      hasHeader: own,
      duplicates: c.duplicates,
      source: index,
      container: part.kind,
    });
  }
  const result = mapper.finish();
  if (files.length) files[0]!.providers = result.providers;
  const replaces = result.replaces;
  // not one usable row (a wrong layout, a broken header): refused whatever the format replaces
  if (total.imported === 0 && total.rows > 0 && result.replaces.kind === 'none') {
    const why = firstRejects.length
      ? ` First problems: ${firstRejects
          .slice(0, 5)
          .map((r) => `${r.file} line ${r.line}: ${r.reason}`)
          .join('; ')}.`
      : '';
    throw new EngineFailure(
      'BAD_FILE',
      `None of the ${total.rows} rows of ${label} could be imported.${why} This is most likely the wrong file or a damaged export, so nothing was imported and the workspace is unchanged. Fix the file and import it again.`,
      { path: label, rows: total.rows, firstRejects },
    );
  }
  if (replaces.kind !== 'none') {
    if (total.imported === 0) refuseEmptyReplacement(label, total.rows, firstRejects);
    // lines, not records: a record that swallowed many lines counts for all of them
    if (
      !append &&
      total.rejectedLines > total.importedLines &&
      replacesEarlierData(db, importId, replaces, result.years)
    ) {
      refuseMostlyRejected({
        path: label,
        lines: total.rejectedLines + total.importedLines,
        imported: total.imported,
        rejected: total.rejected,
        rejectedLines: total.rejectedLines,
        firstRejects,
      });
    }
  }
  let replaced: ImportHolding[] | null = null;
  if (replaces.kind === 'volumes' && !append)
    replaced = checkReplacement(
      db,
      importId,
      replaces,
      result.years,
      src,
      label,
      request.replace === true,
    );
  if (replaces.kind !== 'none') {
    if (append) keepPrevious(db, importId, replaces, result.years);
    else replacePrevious(db, importId, replaces, result.years);
  }
  const seconds = files.reduce((s, f) => s + f.seconds, 0);
  finishImport(db, importId, {
    rows: total.rows,
    imported: total.imported,
    rejected: total.rejected,
    seconds,
    encoding: files.some((f) => f.encoding === 'windows-1252') ? 'windows-1252' : 'utf-8',
    skipped: total.skipped + total.headers,
    years: result.years,
  });
  return {
    files,
    source: {
      format: src.format,
      label,
      parts: src.parts.length,
      years: result.years.length ? result.years : src.year !== null ? [src.year] : [],
      mode: append ? 'append' : 'replace',
      read: {
        rows: total.rows,
        imported: total.imported,
        rejected: total.rejected,
        duplicates: total.duplicates,
      },
      replaced,
      holds: [],
    },
  };
}

/**
 * A replace of a claims/diagnosis year by data that shares under half of its providers, or has under
 * half of its rows, is most likely a part of the year (a quarter, one Spark part) imported as if it
 * were the whole: refuse it unless the user says which they mean.
 */
function checkReplacement(
  db: Db,
  importId: number,
  r: Extract<Replacement, { kind: 'volumes' }>,
  years: number[],
  src: PlannedSource,
  label: string,
  force: boolean,
): ImportHolding[] | null {
  const out: ImportHolding[] = [];
  for (const year of years) {
    const old = volumeHolding(db, r.family, year, { except: importId });
    if (old.rows === 0) continue;
    out.push({ year, rows: old.rows, providers: old.npis.size, services: old.services });
    if (force) continue;
    const now = volumeHolding(db, r.family, year, { only: importId });
    let common = 0;
    for (const n of now.npis) if (old.npis.has(n)) common++;
    const overlap = common / old.npis.size;
    const kept = now.rows / old.rows;
    if (overlap >= MIN_OVERLAP && kept >= MIN_KEPT_ROWS) continue;
    const pct = (x: number) => `${(100 * x).toFixed(x < 0.1 ? 1 : 0)} %`;
    const why =
      kept < MIN_KEPT_ROWS
        ? `it has ${now.rows.toLocaleString('en-US')} rows where the workspace holds ${old.rows.toLocaleString('en-US')} for ${year} (${pct(kept)})`
        : `only ${pct(overlap)} of the ${old.npis.size.toLocaleString('en-US')} providers the workspace holds for ${year} are in it`;
    throw new EngineFailure(
      'CONFLICT',
      `${label} would replace the ${formatLabel(src.format)} data held for ${year}, but ${why}. ` +
        `If it is another part of the same year (a quarter, one file of a split export), re-run with --append to add it; ` +
        `if it really is the whole new ${year}, re-run with --replace. Nothing was imported and the workspace is unchanged.`,
      {
        path: label,
        year,
        oldRows: old.rows,
        newRows: now.rows,
        oldProviders: old.npis.size,
        newProviders: now.npis.size,
        commonProviders: common,
      },
    );
  }
  return out.length ? out : null;
}

const TABLE_OF: Partial<Record<ImportFormat, string>> = {
  roster: 'reps',
  affiliations: 'affiliations',
  alignment: 'alignment_import',
  access: 'access_scores',
  'time-windows': 'time_windows',
  'nppes-pl': 'provider_locations',
  nppes: 'providers',
};

/** What the workspace holds now for a source's family and years. */
function holdings(db: Db, format: ImportFormat, years: number[]): ImportHolding[] {
  const family = format === 'diagnosis' ? 'diagnosis' : format.startsWith('cms-') ? 'cms' : null;
  if (family) {
    return years.map((year) => {
      const h = volumeHolding(db, family, year);
      return { year, rows: h.rows, providers: h.npis.size, services: h.services };
    });
  }
  if (format === 'open-payments') {
    return years.map((year) => {
      const r = db
        .prepare(
          `SELECT count(*) AS rows, count(DISTINCT npi) AS providers FROM payments WHERE year = ?`,
        )
        .get(year) as { rows: number; providers: number };
      return { year, rows: r.rows, providers: r.providers, services: 0 };
    });
  }
  const table = TABLE_OF[format];
  if (!table) return [];
  const rows = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return [{ year: null, rows, providers: table === 'providers' ? rows : 0, services: 0 }];
}

/**
 * A replacing source of which most lines were rejected is almost certainly the wrong file or a broken
 * export: importing the few rows that could be read would swap what the workspace holds (the current
 * alignment, a roster, a claims year) for a fragment. Refuse it; the import rolls back.
 */
function refuseMostlyRejected(o: {
  path: string;
  lines: number;
  imported: number;
  rejected: number;
  rejectedLines: number;
  firstRejects: RejectedRow[];
}): never {
  const why = o.firstRejects.length
    ? ` First problems: ${o.firstRejects
        .slice(0, 5)
        .map((r) => `${r.file} line ${r.line}: ${r.reason}`)
        .join('; ')}.`
    : '';
  throw new EngineFailure(
    'BAD_FILE',
    `${o.rejectedLines} of the ${o.lines} data lines of ${o.path} could not be imported (${o.rejected} rejected records; only ${o.imported} rows could be read).${why} ` +
      'Importing it would replace what the workspace holds from this kind of file with that fragment, so nothing was imported and the workspace is unchanged. Fix the rejected rows and import the file again.',
    {
      path: o.path,
      lines: o.lines,
      imported: o.imported,
      rejected: o.rejected,
      firstRejects: o.firstRejects,
    },
  );
}

/**
 * A file that replaces earlier data (a new roster, affiliation list, claims year…) but has no usable
 * row would silently wipe what the workspace holds: refuse it, and the whole import rolls back.
 */
function refuseEmptyReplacement(path: string, rows: number, firstRejects: RejectedRow[]): never {
  const why = firstRejects.length
    ? ` First problems: ${firstRejects
        .slice(0, 5)
        .map((r) => `${r.file} line ${r.line}: ${r.reason}`)
        .join('; ')}.`
    : '';
  throw new EngineFailure(
    'BAD_FILE',
    rows === 0
      ? `${path} has a header but no data rows. Importing it would replace what the workspace holds with nothing, so nothing was imported and the workspace is unchanged.`
      : `None of the ${rows} rows of ${path} could be imported.${why} Importing it would replace what the workspace holds with nothing, so nothing was imported and the workspace is unchanged. Fix the file and import it again.`,
    { path, rows, firstRejects },
  );
}
