// Benchmarks that measure what the renderer sees: start `tessera serve` on a workspace, connect the
// WebSocket with the launch token and Origin like the page, and call the engine contract with the
// renderer's binary wire format (bundled from TypeScript on the fly).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import WebSocket from 'ws';
import { cli, root } from './benchCli.mjs';

const wireJs = await build({
  entryPoints: [join(root, 'workers/common/wire.ts')],
  bundle: true,
  format: 'esm',
  write: false,
  platform: 'neutral',
});
const { encodeFrame, decodeFrame } = await import(
  `data:text/javascript;base64,${Buffer.from(wireJs.outputFiles[0].text).toString('base64')}`
);

/** The given workspace, or a synthetic demo of `providers` built once in /tmp. */
export function benchWorkspace(path, providers) {
  if (path && existsSync(path)) return path;
  const ws = join(mkdtempSync(join(tmpdir(), 'tessera-bench-')), 'demo.tessera');
  console.log(`building a synthetic demo workspace with ${providers} providers (one-off)…`);
  const r = spawnSync(
    process.execPath,
    [cli, 'demo', ws, '--providers', String(providers), '--json'],
    { encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  if (r.status !== 0) throw new Error(`demo failed: ${r.stderr}`);
  return ws;
}

/**
 * Spawns `tessera serve`, resolves once it listens with { server, port, url }. TESSERA_BENCH_NODE_ARGS
 * adds Node flags to the server (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it).
 */
export async function startServe(workspace, extraNodeArgs = []) {
  const nodeArgs = [
    ...(process.env.TESSERA_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
    ...extraNodeArgs,
  ];
  const server = spawn(process.execPath, [...nodeArgs, cli, 'serve', workspace, '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const info = await new Promise((resolve, reject) => {
    server.once('exit', (c) => reject(new Error(`serve exited ${c}`)));
    createInterface({ input: server.stdout }).on(
      'line',
      (l) => l.startsWith('{') && resolve(JSON.parse(l)),
    );
  });
  return { server, port: info.port, url: info.url };
}

/** Connects like the page; `call(method, input)` resolves with { result, bytes } of the answer frame. */
export async function connect({ port, url }) {
  const token = new URL(url).searchParams.get('token');
  const ws = new WebSocket(`ws://127.0.0.1:${port}/engine?token=${token}`, {
    headers: { Origin: `http://127.0.0.1:${port}` },
  });
  ws.binaryType = 'arraybuffer';
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map();
  ws.on('message', (data) => {
    const frame =
      data instanceof ArrayBuffer
        ? data
        : data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
    const msg = decodeFrame(frame);
    if (msg.t !== 'result') return;
    pending.get(msg.id)?.({ result: msg.result, bytes: frame.byteLength });
    pending.delete(msg.id);
  });
  const call = (method, input) =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      ws.send(
        encodeFrame({
          t: 'call',
          id,
          method,
          args: input === undefined ? [] : [input],
          progress: false,
        }),
      );
    });
  return { call, close: () => ws.close() };
}

/** CPU seconds (user + system, all threads) of a process so far, from /proc (Linux); null elsewhere. */
export function cpuSeconds(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

/** The value of an ok result, or throws with the engine's message. */
export function value(r, what) {
  if (!r.result.ok) throw new Error(`${what}: ${r.result.error.message}`);
  return r.result.value;
}
