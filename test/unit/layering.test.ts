// Layer rules (ARCHITECTURE.md "Layers: what may import what"), checked on every import:
// - workers/common and workers/domain are portable and pure: no Node built-ins, no SQLite, no
//   Electron, no engine/data/host code;
// - the renderer reaches the engine only through workers/common (contract types, wire format);
// (type-only imports are exempt: they do not run);
// - better-sqlite3 is confined to workers/data; `electron` to electron/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) out.push(...sources(rel));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const found: string[] = [];
  // Type-only imports vanish at compile time and are allowed; value imports are what run.
  const re =
    /(?:^|\n)\s*(?:import|export)\s(?!type\s)[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) found.push((m[1] ?? m[2])!);
  return found;
}

function resolveRel(file: string, spec: string): string {
  return spec.startsWith('.') ? relative(root, join(root, file, '..', spec)) : spec;
}

function violations(dir: string, forbidden: (target: string, spec: string) => boolean): string[] {
  return sources(dir).flatMap((f) =>
    importsOf(f)
      .filter((spec) => forbidden(resolveRel(f, spec), spec))
      .map((spec) => `${f} imports ${spec}`),
  );
}

const isNode = (spec: string) =>
  spec.startsWith('node:') ||
  ['fs', 'path', 'os', 'crypto', 'worker_threads', 'child_process'].includes(spec);

describe('layering', () => {
  it('keeps workers/common portable', () => {
    expect(
      violations(
        'workers/common',
        (t, s) =>
          isNode(s) ||
          s === 'better-sqlite3' ||
          s === 'electron' ||
          /^workers\/(data|engine|host|domain)/.test(t),
      ),
    ).toEqual([]);
  });

  it('keeps workers/domain pure', () => {
    expect(
      violations(
        'workers/domain',
        (t, s) =>
          isNode(s) ||
          s === 'better-sqlite3' ||
          s === 'electron' ||
          /^workers\/(data|engine|host)/.test(t),
      ),
    ).toEqual([]);
  });

  it('confines better-sqlite3 to workers/data', () => {
    const outside = [
      'workers/common',
      'workers/domain',
      'workers/engine',
      'workers/host',
      'renderer',
      'electron',
    ];
    expect(outside.flatMap((d) => violations(d, (_t, s) => s === 'better-sqlite3'))).toEqual([]);
  });

  it('lets the renderer reach the engine only through workers/common', () => {
    expect(violations('renderer', (t) => /^workers\/(data|engine|host|domain)/.test(t))).toEqual(
      [],
    );
  });

  it('keeps electron out of everything but electron/', () => {
    const outside = ['workers', 'renderer'];
    expect(outside.flatMap((d) => violations(d, (_t, s) => s === 'electron'))).toEqual([]);
  });
});

describe('test hygiene', () => {
  // vitest.fast.config.ts runs the unit tests without isolation (one module graph per worker), which
  // is only sound while no unit test swaps modules, globals or timers.
  it('no unit test mocks modules, stubs globals or fakes timers', () => {
    const offenders = sources('test/unit').filter((f) =>
      /\bvi\.(mock|doMock|stubGlobal|stubEnv|useFakeTimers)\(/.test(
        readFileSync(join(root, f), 'utf8'),
      ),
    );
    expect(offenders).toEqual([]);
  });
});
