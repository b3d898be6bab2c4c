// Writes the synthetic demo dataset (workers/domain/demo) as real-format files in a fresh temporary
// folder, ready for the importer. The generator hands over chunks of a few MB which are written
// straight to each file descriptor with writeSync: this runs in the engine worker thread, so a
// synchronous write blocks nobody, memory stays bounded by one chunk, and there is no stream
// back-pressure to manage. The caller removes the folder after the import.
import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEMO_FILES,
  generateDemo,
  type DemoFile,
  type DemoOptions,
  type DemoProgress,
  type DemoSummary,
} from '../domain/demo/generate';
import type { DemoZips } from '../domain/demo/geography';

/**
 * File names. The claims file carries a CMS-style name (`…_D22_Prov_Svc.csv` = data year 2022) so
 * the importer can read the year from it exactly as from a file downloaded from data.cms.gov.
 */
export function demoFileNames(year: number): Record<DemoFile, string> {
  const yy = String(year % 100).padStart(2, '0');
  return {
    claims: `Synthetic_Demo_MUP_PHY_R24_P05_V10_D${yy}_Prov_Svc.csv`,
    affiliations: 'synthetic_demo_affiliations.csv',
    access: 'synthetic_demo_access.csv',
    payments: `synthetic_demo_open_payments_PGYR${year}_general.csv`,
    windows: 'synthetic_demo_office_hours.csv',
    diagnoses: 'synthetic_demo_diagnoses.csv',
    roster: 'synthetic_demo_roster.csv',
    alignment: 'synthetic_demo_alignment.csv',
  };
}

const FOLDER_PREFIX = 'tessera-demo-';
/** Demo folders older than this are leftovers of a killed run (a run takes minutes at most). */
const STALE_AFTER_MS = 6 * 3600 * 1000;

/**
 * Removes demo folders a killed process left behind (SIGKILL, a crash, a third Ctrl-C skip the
 * clean-up of the run that made them; the claims file of a large demo is over a gigabyte).
 */
export function removeStaleDemoFolders(now = Date.now()): number {
  let removed = 0;
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(FOLDER_PREFIX) || name.length !== FOLDER_PREFIX.length + 6) continue;
    const path = join(tmpdir(), name);
    try {
      if (now - statSync(path).mtimeMs < STALE_AFTER_MS) continue;
      rmSync(path, { recursive: true, force: true });
      removed += 1;
    } catch {
      // another process removed it first, or it is not ours to remove
    }
  }
  return removed;
}

export type DemoFileSet = {
  dir: string;
  paths: Record<DemoFile, string>;
  bytes: Record<DemoFile, number>;
  summary: DemoSummary;
  /** Deletes the folder and its files. */
  remove(): void;
};

export function writeDemoFiles(
  zips: DemoZips,
  options: DemoOptions,
  progress?: DemoProgress,
): DemoFileSet {
  removeStaleDemoFolders();
  const dir = mkdtempSync(join(tmpdir(), FOLDER_PREFIX));
  const names = demoFileNames(options.year);
  const paths = {} as Record<DemoFile, string>;
  const bytes = {} as Record<DemoFile, number>;
  const fds = new Map<DemoFile, number>();
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    for (const f of DEMO_FILES) {
      paths[f] = join(dir, names[f]);
      bytes[f] = 0;
      fds.set(f, openSync(paths[f], 'w'));
    }
    const sinks = Object.fromEntries(
      DEMO_FILES.map((f) => [
        f,
        (chunk: Uint8Array) => {
          let off = 0;
          while (off < chunk.length) off += writeSync(fds.get(f)!, chunk, off, chunk.length - off);
          bytes[f] += chunk.length;
        },
      ]),
    ) as Record<DemoFile, (chunk: Uint8Array) => void>;
    const summary = generateDemo(zips, options, sinks, progress);
    for (const fd of fds.values()) closeSync(fd);
    fds.clear();
    return { dir, paths, bytes, summary, remove };
  } catch (e) {
    for (const fd of fds.values()) closeSync(fd);
    remove();
    throw e;
  }
}
