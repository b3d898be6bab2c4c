// Builds the engine and Electron bundles once, before any test file runs (test files run in parallel:
// tests that start the engine worker or the Electron main process run current code, built once).
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['resources/scripts/build-engine.mjs', '--quiet'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['resources/scripts/build-electron.mjs', '--quiet'], { stdio: 'inherit' });
}
