// Builds the engine and Electron bundles once, before any test file runs (test files run in parallel:
// tests that start the engine worker or the Electron main process run current code, built once), and
// the renderer when it was never built (test/host/electronMain.test.ts serves dist/renderer through
// the app protocol; its content does not matter there, so a fresh clone builds it once and a
// developer's edit loop does not pay ~30 s per run). `npm run test:fast` needs none of this.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export default function setup(): void {
  execFileSync(process.execPath, ['resources/scripts/build-engine.mjs', '--quiet'], {
    stdio: 'inherit',
  });
  execFileSync(process.execPath, ['resources/scripts/build-electron.mjs', '--quiet'], {
    stdio: 'inherit',
  });
  if (!existsSync('dist/renderer/index.html'))
    execFileSync('npm', ['run', '-s', 'build:renderer'], { stdio: 'inherit' });
}
