// Builds the engine bundle once so tests that start the engine worker (dist/engine) run current code.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['resources/scripts/build-engine.mjs', '--quiet'], { stdio: 'inherit' });
}
