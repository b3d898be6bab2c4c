// Where an export may write: a regular folder (existing, or to be created under one). Checked before
// any work starts: a folder under /proc, /sys or /dev (whose "files" block or never end), a socket,
// a FIFO or a device as the target would hang or fail half-way through an export.
import { realpathSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { EngineFailure } from '../common/result';

/** Kernel and device file systems: never a place for an export pack. */
const SPECIAL_ROOTS = ['/proc', '/sys', '/dev'];

function kind(mode: import('node:fs').Stats): string {
  if (mode.isSocket()) return 'a socket';
  if (mode.isFIFO()) return 'a FIFO (named pipe)';
  if (mode.isCharacterDevice() || mode.isBlockDevice()) return 'a device';
  if (mode.isFile()) return 'a file';
  return 'not a folder';
}

/** Resolves the output folder and throws BAD_INPUT when it is not (or would not be under) a regular folder. */
export function checkExportFolder(outDir: string): string {
  const target = resolve(outDir);
  let existing = target;
  // the nearest part of the path that exists decides where the folder would be created
  for (;;) {
    try {
      statSync(existing);
      break;
    } catch {
      const up = dirname(existing);
      if (up === existing) break;
      existing = up;
    }
  }
  let real = existing;
  try {
    real = realpathSync(existing);
  } catch {
    // unreadable: the mkdir below reports it
  }
  const special = SPECIAL_ROOTS.find((r) => real === r || real.startsWith(r + sep));
  if (special) {
    throw new EngineFailure(
      'BAD_INPUT',
      `The output folder ${target} is under ${special}, a system file system, not a folder for files. Choose a folder in your home or documents.`,
      { field: 'outDir', rule: 'special file system' },
    );
  }
  const st = statSync(existing, { throwIfNoEntry: false });
  if (st && !st.isDirectory()) {
    throw new EngineFailure(
      'BAD_INPUT',
      `The output folder ${existing === target ? target : `${target} would be created under ${existing}, which`} is ${kind(st)}, not a folder. Choose a folder to write the export into.`,
      { field: 'outDir', rule: 'not a folder' },
    );
  }
  return target;
}
