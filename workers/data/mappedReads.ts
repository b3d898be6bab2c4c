// Bulk blob reads (the provider column copy, volume chunks) through a memory map of the workspace
// file. Through SQLite's page cache every page is first copied into freshly allocated cache memory
// (256 MB of it on this connection); on this VM first-touch page faults cost ~4 ms per MB, which made
// reading 130 MB of volume blobs ~0.8 s of CPU against ~0.15 s mapped (measured, national demo).
// Mapped pages are not kept in the page cache either, so the bulk read does not evict useful pages.
// The map stays once set: each column read walks the chunks' overflow pages from the row start, so
// unmapping between the (lazy, per-column) reads made every read fault the same pages in again.
// Writes still go through SQLite's normal write path (no SQLITE_MMAP_READWRITE).
import type { Db } from './workspace';

const MAP_BYTES = 2 ** 40; // SQLite caps it at its compile-time maximum (2 GB by default)
const mapped = new WeakSet<Db>();

export function withMappedReads<T>(db: Db, read: () => T): T {
  if (!db.memory && !mapped.has(db)) {
    db.pragma(`mmap_size = ${MAP_BYTES}`);
    mapped.add(db);
  }
  return read();
}
