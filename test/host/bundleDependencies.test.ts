// The built bundles (dist/engine, dist/electron: what electron-builder packs, next to the production
// node_modules) may neither load nor have inlined a devDependency: the desktop package does not
// ship devDependencies, so such an import fails only in the installed app. Reads the bundles that
// test/globalSetup.ts builds: the packages they load (import/require of a bare name) and the
// node_modules files their source maps say were inlined. test/unit/dependencies.test.ts checks the
// same rule on the source, without a build.
import { builtinModules } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const RUNTIME_PROVIDED = new Set(['electron']);
const dirs = ['dist/engine', 'dist/electron'];

function bundles(ext: RegExp): string[] {
  return dirs.flatMap((d) =>
    readdirSync(join(root, d))
      .filter((f) => ext.test(f))
      .map((f) => join(d, f)),
  );
}

function packageOf(spec: string): string | null {
  // a bare package specifier (the pattern also meets prose such as "… import the file" in strings)
  if (
    !/^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/[\w./-]*)?$/.test(spec) ||
    spec.startsWith('node:')
  )
    return null;
  const parts = spec.split('/');
  const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return builtinModules.includes(name) ? null : name;
}

/** A devDependency that production `dependencies` do not also bring in (then it ships anyway). */
function devOnly(name: string): boolean {
  return (
    !RUNTIME_PROVIDED.has(name) &&
    !(name in pkg.dependencies) &&
    existsSync(join(root, 'node_modules', name))
  );
}

describe('built bundles', () => {
  it('load only packages in dependencies', () => {
    const files = bundles(/\.(m?js|cjs)$/);
    expect(files.length).toBeGreaterThanOrEqual(4);
    const loads =
      /(?:^|[\s;,(}])(?:import|export)\s*(?:[\w*{},\s$]+?\s*from\s*)?["']([^"']+)["']|(?:\brequire|\bimport)\(\s*["']([^"']+)["']\s*\)/g;
    const wrong: string[] = [];
    let seen = 0;
    for (const f of files) {
      const text = readFileSync(join(root, f), 'utf8');
      for (let m = loads.exec(text); m; m = loads.exec(text)) {
        const name = packageOf((m[1] ?? m[2])!);
        if (!name) continue;
        seen++;
        if (!(name in pkg.dependencies) && !RUNTIME_PROVIDED.has(name))
          wrong.push(`${f} loads ${name}`);
      }
    }
    expect(seen).toBeGreaterThan(3); // the pattern does find the bundles' package loads (better-sqlite3, ws, …)
    expect([...new Set(wrong)]).toEqual([]);
  });

  it('inline no devDependency', () => {
    const maps = bundles(/\.map$/);
    expect(maps.length).toBeGreaterThanOrEqual(4);
    const inlined = new Set<string>();
    for (const f of maps) {
      const { sources } = JSON.parse(readFileSync(join(root, f), 'utf8')) as { sources: string[] };
      for (const s of sources) {
        const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(s);
        if (m) inlined.add(m[1]!);
      }
    }
    expect(inlined.has('zod')).toBe(true); // build-engine.mjs bundles zod in: the maps are read
    const wrong = [...inlined].filter((name) => name in pkg.devDependencies && devOnly(name));
    expect(wrong).toEqual([]);
  });
});
