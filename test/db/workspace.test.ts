import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineFailure } from '../../workers/common/result';
import { LATEST_SCHEMA_VERSION, migrations } from '../../workers/data/migrations';
import { openWorkspace } from '../../workers/data/workspace';

const tmp = () => mkdtempSync(join(tmpdir(), 'tessera-ws-'));

describe('workspace migrations', () => {
  it('creates a new workspace at the latest schema version with every table', () => {
    const path = join(tmp(), 'a.tessera');
    const ws = openWorkspace(path, { create: true });
    expect(ws.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const tables = (
      ws.db.prepare(`SELECT name FROM sqlite_master WHERE type='table'`).all() as { name: string }[]
    ).map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'providers',
        'codes',
        'volume_chunks',
        'scenarios',
        'reps',
        'imports',
        'rejects',
      ]),
    );
    ws.close();
  });

  it('refuses a workspace from a newer version and leaves it untouched', () => {
    const path = join(tmp(), 'future.tessera');
    const raw = new Database(path);
    raw.exec('CREATE TABLE x (a INTEGER)');
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    expect(() => openWorkspace(path)).toThrowError(EngineFailure);
    try {
      openWorkspace(path);
    } catch (e) {
      expect((e as EngineFailure).error.code).toBe('WORKSPACE_TOO_NEW');
      expect((e as EngineFailure).error.message).toMatch(/newer Tessera/);
    }
    const again = new Database(path);
    expect(again.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 5);
    again.close();
  });

  it('runs pending migrations in one transaction: a failing migration leaves the previous version', () => {
    const path = join(tmp(), 'b.tessera');
    openWorkspace(path, { create: true }).close();
    const broken = [
      ...migrations,
      {
        version: LATEST_SCHEMA_VERSION + 1,
        name: 'ok part',
        sql: 'CREATE TABLE extra (a INTEGER) STRICT;',
      },
      { version: LATEST_SCHEMA_VERSION + 2, name: 'broken', sql: 'CREATE TABLE nope (' },
    ];
    expect(() => openWorkspace(path, { migrationList: broken })).toThrow();
    const ws = openWorkspace(path);
    expect(ws.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const extra = ws.db
      .prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name='extra'`)
      .get() as { n: number };
    expect(extra.n).toBe(0);
    ws.close();
  });

  it('refuses a missing file unless asked to create it, and a non-Tessera SQLite file', () => {
    expect(() => openWorkspace(join(tmp(), 'missing.tessera'))).toThrow(/does not exist/);
    const path = join(tmp(), 'other.db');
    const raw = new Database(path);
    raw.exec('CREATE TABLE foreign_data (a INTEGER)');
    raw.close();
    expect(() => openWorkspace(path)).toThrow(/not a Tessera workspace/);
  });
});
