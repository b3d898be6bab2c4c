// The optional street basemap: a PMTiles archive on the user's disk, read by the map in byte ranges
// (HTTP Range requests, as the pmtiles library reads archives). Only absolute paths to regular files
// named *.pmtiles that start with the PMTiles v3 header are served, so the route cannot be used to
// read other files even by a page holding the launch token.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';

export type BasemapFile = { path: string; size: number; mtimeMs: number };
export type BasemapCheck =
  { ok: true; file: BasemapFile } | { ok: false; status: 400 | 404 | 415; reason: string };

const MAGIC = Buffer.from('PMTiles');

export function checkBasemapFile(path: string | null | undefined): BasemapCheck {
  if (!path || !isAbsolute(path))
    return { ok: false, status: 400, reason: 'the basemap path must be absolute' };
  if (!/\.pmtiles$/i.test(path))
    return { ok: false, status: 415, reason: 'only *.pmtiles files are served' };
  let size: number;
  let mtimeMs: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) return { ok: false, status: 404, reason: `${path} is not a file` };
    ({ size, mtimeMs } = st);
  } catch {
    return { ok: false, status: 404, reason: `${path} does not exist or cannot be read` };
  }
  const head = Buffer.alloc(8);
  let fd = -1;
  try {
    fd = openSync(path, 'r');
    readSync(fd, head, 0, 8, 0);
  } catch {
    return { ok: false, status: 404, reason: `${path} cannot be read` };
  } finally {
    if (fd >= 0) closeSync(fd);
  }
  if (!head.subarray(0, 7).equals(MAGIC) || head[7] !== 3) {
    return { ok: false, status: 415, reason: `${path} is not a PMTiles version 3 archive` };
  }
  return { ok: true, file: { path, size, mtimeMs } };
}

/** A single "bytes=a-b" / "bytes=a-" / "bytes=-n" range within size; null when absent, 'bad' when unsatisfiable. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | 'bad' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'bad';
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start > end || start >= size) return 'bad';
  return { start, end };
}
