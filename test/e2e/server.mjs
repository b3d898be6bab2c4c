// Builds, creates the demo workspace and starts `tessera serve` for the end-to-end run.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = new URL('../..', import.meta.url).pathname;
const CLI = join(ROOT, 'dist', 'engine', 'cli.js');

function run(cmd, args, what) {
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0)
    throw new Error(`${what} failed (exit ${r.status}):\n${r.stderr || r.stdout}`);
  return r.stdout;
}

export function buildAll() {
  run('node', ['resources/scripts/build-engine.mjs', '--quiet'], 'engine build');
  run(
    'npx',
    ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'error'],
    'renderer build',
  );
}

export function createDemo(providers = 3000, reps = 12) {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-e2e-'));
  const path = join(dir, 'demo.tessera');
  const out = run(
    'node',
    [CLI, 'demo', path, '--providers', String(providers), '--reps', String(reps), '--json'],
    'demo workspace',
  );
  const last = JSON.parse(out.trim().split('\n').pop());
  if (!last.ok) throw new Error(`demo workspace: ${out}`);
  return { dir, path };
}

/** Starts `tessera serve` on a free port; resolves with {url, port, token, stop}. */
export function startServe(workspace, extraArgs = []) {
  const child = spawn('node', [CLI, 'serve', workspace, '--json', ...extraArgs], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`tessera serve did not start:\n${stderr}`)),
      60000,
    );
    child.once('exit', (code) => reject(new Error(`tessera serve exited (${code}):\n${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      clearTimeout(timer);
      const info = JSON.parse(line);
      const token = new URL(info.url).searchParams.get('token');
      resolve({
        ...info,
        token,
        stderr: () => stderr,
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 5000).unref();
          }),
      });
    });
  });
}
