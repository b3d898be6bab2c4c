// `npm start`: builds what is stale, creates the demo workspace on first run, then opens the
// Electron app where its binary is installed, otherwise serves the workstation on 127.0.0.1 and
// prints the URL (opening Chromium when a display is present).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const node = process.execPath;
const args = process.argv.slice(2);
const workspace =
  args.find((a) => a.endsWith('.tessera')) ?? join(root, '.tessera', 'demo.tessera');
const forceServer = args.includes('--server');

function newest(dir) {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);
const run = (cmd, argv) => execFileSync(cmd, argv, { cwd: root, stdio: 'inherit' });

run(node, ['resources/scripts/build-engine.mjs', '--quiet']);
if (
  Math.max(newest(join(root, 'electron')), newest(join(root, 'workers'))) >
  mtime(join(root, 'dist/electron/main.mjs'))
) {
  run(node, ['resources/scripts/build-electron.mjs', '--quiet']);
}
if (
  Math.max(newest(join(root, 'renderer')), newest(join(root, 'workers/common'))) >
  mtime(join(root, 'dist/renderer/index.html'))
) {
  console.log('Building the workstation UI…');
  run(process.platform === 'win32' ? 'npx.cmd' : 'npx', [
    'vite',
    'build',
    '--config',
    'renderer/vite.config.ts',
    '--logLevel',
    'warn',
  ]);
}

if (!existsSync(workspace)) {
  mkdirSync(dirname(workspace), { recursive: true });
  console.log(`First run: creating the SYNTHETIC demo workspace ${workspace}…`);
  run(node, ['dist/engine/cli.js', 'demo', workspace]);
}

function electronBinary() {
  try {
    const require = createRequire(import.meta.url);
    const pkgDir = dirname(require.resolve('electron/package.json'));
    const rel = existsSync(join(pkgDir, 'path.txt'))
      ? readFileSync(join(pkgDir, 'path.txt'), 'utf8').trim()
      : '';
    const bin = rel ? join(pkgDir, 'dist', rel) : '';
    return bin && existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const electron = forceServer ? null : electronBinary();
if (electron) {
  console.log('Opening Tessera…');
  spawn(electron, [join(root, 'dist/electron/main.mjs'), workspace], { stdio: 'inherit' }).on(
    'exit',
    (code) => process.exit(code ?? 0),
  );
} else {
  console.log(
    'The Electron binary is not installed here: serving the workstation on 127.0.0.1 instead.',
  );
  const server = spawn(node, ['dist/engine/cli.js', 'serve', workspace, '--json'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffered = '';
  server.stdout.on('data', (chunk) => {
    buffered += chunk;
    const line = buffered.split('\n').find((l) => l.startsWith('{'));
    if (!line) return;
    buffered = '';
    const { url } = JSON.parse(line);
    console.log(`\nTessera is ready: ${url}\n(open it in Chromium or Chrome; Ctrl-C to stop)`);
    const browser = ['/usr/bin/chromium', '/usr/bin/google-chrome'].find((b) => existsSync(b));
    if (process.env.DISPLAY && browser)
      spawn(browser, [`--app=${url}`], { stdio: 'ignore', detached: true }).unref();
  });
  const stop = () => server.kill('SIGINT');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.on('exit', (code) => process.exit(code ?? 0));
}
