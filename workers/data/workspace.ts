// Opens a workspace file (*.tessera, one SQLite database), runs pending migrations in one transaction,
// and refuses a workspace written by a newer Tessera.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { EngineFailure } from '../common/result';
import { LATEST_SCHEMA_VERSION, migrations, type Migration } from './migrations';

export type Db = Database.Database;

export type Workspace = {
  path: string;
  db: Db;
  schemaVersion: number;
  close(): void;
};

export type OpenOptions = { create?: boolean; readonly?: boolean; migrationList?: Migration[] };

export function openWorkspace(path: string, options: OpenOptions = {}): Workspace {
  const list = options.migrationList ?? migrations;
  const latest = list.length ? list[list.length - 1]!.version : 0;
  if (path !== ':memory:' && !existsSync(path) && !options.create) {
    throw new EngineFailure(
      'FILE_NOT_FOUND',
      `Workspace ${path} does not exist. Create it with 'tessera demo ${path}', import data into it with 'tessera import ${path} <file>', or open it empty in the workstation with 'tessera serve ${path} --create'.`,
      { path },
    );
  }
  let db: Db;
  try {
    db = new Database(path, { readonly: options.readonly ?? false, timeout: 5000 });
    db.pragma('journal_mode = WAL');
  } catch (e) {
    throw new EngineFailure(
      'NOT_A_WORKSPACE',
      `Cannot open ${path} as a Tessera workspace: ${(e as Error).message}`,
      { path },
    );
  }
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -262144'); // 256 MB page cache
  db.pragma('temp_store = MEMORY');
  let version: number;
  try {
    version = db.pragma('user_version', { simple: true }) as number;
  } catch {
    db.close();
    throw new EngineFailure(
      'NOT_A_WORKSPACE',
      `${path} is not a Tessera workspace (not an SQLite database).`,
      { path },
    );
  }
  if (version > latest) {
    db.close();
    throw new EngineFailure(
      'WORKSPACE_TOO_NEW',
      `Workspace ${path} was written by a newer Tessera (schema version ${version}; this version understands up to ${latest}). Update Tessera to open it; the file was not changed.`,
      { path, version, supported: latest },
    );
  }
  if (version === 0 && path !== ':memory:' && !options.create) {
    const tables = db
      .prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'`)
      .get() as { n: number };
    if (tables.n > 0) {
      db.close();
      throw new EngineFailure(
        'NOT_A_WORKSPACE',
        `${path} is an SQLite database but not a Tessera workspace.`,
        { path },
      );
    }
  }
  if (version < latest && !options.readonly) runMigrations(db, version, list);
  return {
    path,
    db,
    schemaVersion: Math.max(version, latest),
    close: () => db.close(),
  };
}

export function runMigrations(db: Db, from: number, list: Migration[] = migrations): void {
  const pending = list.filter((m) => m.version > from);
  const apply = db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  });
  apply.immediate();
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare(
    `INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
  ).run(key, value);
}

export function getMeta(db: Db, key: string): string | undefined {
  const row = db.prepare(`SELECT value FROM meta WHERE key = ?`).get(key) as
    { value: string } | undefined;
  return row?.value;
}

export { LATEST_SCHEMA_VERSION };
