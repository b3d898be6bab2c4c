// Bundles the Electron main process (ESM) and the sandboxed preload (CJS, single file) into
// dist/electron. `electron` stays external; nothing here needs the Electron binary.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const quiet = process.argv.includes('--quiet');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: quiet ? 'error' : 'info',
  external: ['electron'],
};

await build({
  ...common,
  entryPoints: [join(root, 'electron/main.ts')],
  outfile: join(root, 'dist/electron/main.mjs'),
  format: 'esm',
  packages: 'external',
  banner: {
    js: "import { createRequire as __tsCreateRequire } from 'node:module'; const require = __tsCreateRequire(import.meta.url);",
  },
});
await build({
  ...common,
  entryPoints: [join(root, 'electron/preload.ts')],
  outfile: join(root, 'dist/electron/preload.cjs'),
  format: 'cjs',
});
