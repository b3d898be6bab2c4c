// The engine's worker thread, and starting it early: `tessera serve` spawns it before the rest of the
// command line loads, so the worker's own start-up (a Node environment, the engine bundle,
// better-sqlite3, opening the workspace) runs on the second core while the main thread loads the
// command program and the server. startEngine then adopts it. Node built-ins only: this module loads
// before anything else.
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Finds the bundled worker next to the running bundle (dist/engine), or builds a path from source. */
function workerPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    join(here, 'engine-worker.js'),
    join(here, '..', '..', 'dist', 'engine', 'engine-worker.js'),
  ];
  // In a packaged app the worker is unpacked next to the asar archive (see electron-builder.yml).
  const unpacked = candidates.map((p) => p.replace(`app.asar${sep}`, `app.asar.unpacked${sep}`));
  const found = [...unpacked, ...candidates].find((p) => existsSync(p));
  if (!found)
    throw new Error(
      `engine worker bundle not found (looked in ${candidates.join(', ')}); run 'npm run build:engine'`,
    );
  return found;
}

export function spawnEngineWorker(path: string, create: boolean): Worker {
  return new Worker(workerPath(), {
    workerData: { path, create },
    resourceLimits: { maxOldGenerationSizeMb: 16384 },
  });
}

let early: { path: string; worker: Worker } | null = null;

/** Starts the engine worker for `path` now; it does not keep the process alive until adopted. */
export function prestartEngine(path: string): void {
  try {
    early = { path, worker: spawnEngineWorker(path, false) };
    early.worker.unref();
  } catch {
    early = null; // startEngine reports the problem when the command gets there
  }
}

/** The worker started early for this same workspace, else a new one (an unused early one is stopped). */
export function engineWorker(path: string, create: boolean): Worker {
  const got = early;
  early = null;
  if (got && got.path === path && !create) {
    got.worker.ref();
    return got.worker;
  }
  if (got) void got.worker.terminate();
  return spawnEngineWorker(path, create);
}
