// Seeded fuzz of a real `tessera serve` process on 127.0.0.1: a few thousand malformed HTTP requests,
// WebSocket handshakes and frames, then every valid request must still answer and the process must
// still be running. Bounded: fixed counts, a fixed seed (TESSERA_FUZZ_SEED to vary it), loopback only.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeFrame, encodeFrame, type ServerMessage } from '../../workers/common/wire';

const root = resolve(__dirname, '..', '..');
const SEED = Number(process.env.TESSERA_FUZZ_SEED ?? 20261207);
const HTTP_CASES = 1500;
const WS_CASES = 2000;
const RAW_WS_CASES = 200;

/** mulberry32: a small seeded PRNG so a failing case can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(SEED);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));

let child: ChildProcess;
let port = 0;
let token = '';
let exited: number | null | 'running' = 'running';
let stderr = '';

beforeAll(async () => {
  const cli = join(root, 'dist/engine/cli.js');
  if (!existsSync(cli))
    throw new Error(
      'dist/engine/cli.js is missing: run `npm run build:engine` first (npm test builds).',
    );
  const dir = mkdtempSync(join(tmpdir(), 'tessera-fuzz-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>fuzz</title>');
  child = spawn(
    process.execPath,
    [
      cli,
      'serve',
      join(dir, 'fuzz.tessera'),
      '--create',
      '--json',
      '--renderer',
      join(dir, 'renderer'),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.on('exit', (code) => (exited = code));
  child.stderr!.on('data', (d) => (stderr += d));
  const line = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('\n')) ok(out.split('\n')[0]!);
    });
    child.once('exit', (code) => fail(new Error(`serve exited ${code}: ${stderr}`)));
  });
  const started = JSON.parse(line) as { url: string; port: number };
  port = started.port;
  token = new URL(started.url).searchParams.get('token')!;
}, 60_000);

afterAll(() => {
  child?.kill('SIGTERM');
});

/** Sends raw bytes on a fresh TCP connection and collects whatever comes back (bounded by a timer). */
function raw(data: Buffer | string, after?: Buffer, ms = 800): Promise<string> {
  return new Promise((done) => {
    const s = tcpConnect(port, '127.0.0.1', () => {
      s.write(data);
      if (after) setTimeout(() => s.writable && s.write(after), 20);
    });
    let out = '';
    const timer = setTimeout(() => s.destroy(), ms);
    s.on('data', (d) => (out += d.toString('latin1')));
    s.on('error', () => undefined);
    s.on('close', () => {
      clearTimeout(timer);
      done(out);
    });
  });
}

const PATH_PIECES = [
  '%',
  '%Z',
  '%ZZ',
  '%e0%a4%a',
  '%c0%af',
  '%00',
  '..',
  '%2e%2e',
  '..%2f',
  '%252e',
  '/',
  '//',
  '\\',
  '?',
  '#',
  '&token=',
  '%ff%fe',
  '\u00e9',
  'index.html',
  'basemap.pmtiles',
  'engine',
  ';',
  '@',
  ':',
];
function randomPath(): string {
  let p = '/';
  for (let i = int(8); i > 0; i--) p += pick(PATH_PIECES);
  return p;
}
function randomHttp(): string | Buffer {
  const host = pick([
    `127.0.0.1:${port}`,
    `localhost:${port}`,
    'evil.example',
    '',
    `127.0.0.1:${port}\r\nX: y`,
  ]);
  switch (int(6)) {
    case 0:
      return bytes(1 + int(300));
    case 1:
      return `${pick(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'G\x00T', ''])} ${randomPath()} HTTP/1.1\r\nHost: ${host}\r\n\r\n`;
    case 2:
      return `GET ${randomPath()} HTTP/${pick(['1.1', '1.0', '2', '9.9', 'x'])}\r\nHost: ${host}\r\nRange: ${pick(['bytes=0-', 'bytes=-1', 'bytes=9-1', 'bytes=a-b', 'x'])}\r\n\r\n`;
    case 3:
      return `GET /basemap.pmtiles?token=${pick([token, 'x', ''])}&path=${pick(['/etc/passwd', '%ZZ', '/proc/self/mem', '../x.pmtiles', '/dev/zero'])} HTTP/1.1\r\nHost: ${host}\r\n\r\n`;
    case 4:
      return `GET / HTTP/1.1\r\nHost: ${host}\r\nX-Long: ${'a'.repeat(int(20_000))}\r\n${'H: v\r\n'.repeat(int(200))}\r\n`;
    default:
      return (
        `GET /engine?token=${pick([token, '', 'bad'])} HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${pick([`http://127.0.0.1:${port}`, 'null', 'http://evil.example'])}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${pick(['dGhlIHNhbXBsZSBub25jZQ==', 'short', ''])}\r\nSec-WebSocket-Version: ${pick(['13', '8', 'x'])}\r\n\r\n`
      );
  }
}

async function pool<T>(items: T[], width: number, work: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

function open(): Promise<WebSocket> {
  return new Promise((ok, fail) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/engine?token=${token}`, {
      origin: `http://127.0.0.1:${port}`,
    });
    ws.binaryType = 'arraybuffer';
    ws.once('open', () => ok(ws));
    ws.once('error', fail);
  });
}

// Methods the random calls go to: no method that would start real work on valid input by chance
// (demo, import, export) or talk to a network address (routing test/set).
const METHODS = [
  'info',
  'align',
  'whatIf',
  'scenarioMetrics',
  'providerPoints',
  'providerCard',
  'marketSize',
  'searchCodes',
  'radius',
  'route',
  'rejects',
  'capacity',
  'compareScenarios',
  'undo',
  'setQuota',
  'unitGeometry',
  'score',
  'getMarket',
  'close',
  'then',
  '__proto__',
  'constructor',
  'nope',
  '',
];
function randomValue(depth = 0): unknown {
  switch (int(depth > 2 ? 6 : 9)) {
    case 0:
      return null;
    case 1:
      return int(2) === 0;
    case 2:
      return pick([0, -1, 1e9, 1.5, -0, 2 ** 53, 1e308]);
    case 3:
      return pick(['', 'x', 'T1', '60601', 'baseline', '%ZZ', 'a'.repeat(300), '__proto__']);
    case 4:
      return new Float32Array(int(4));
    case 5:
      return undefined;
    case 6:
      return Array.from({ length: int(4) }, () => randomValue(depth + 1));
    default: {
      const keys = [
        'territories',
        'scenario',
        'op',
        'kind',
        'units',
        'from',
        'lat',
        'lon',
        'days',
        'limit',
        'query',
        'codes',
        'market',
        'unitKind',
        'index',
        '__proto__',
        'constructor',
      ];
      const o: Record<string, unknown> = {};
      for (let i = int(5); i > 0; i--) o[pick(keys)] = randomValue(depth + 1);
      return o;
    }
  }
}
function randomFrame(): ArrayBuffer | Buffer | string {
  const call = {
    t: 'call',
    id: int(1e6),
    method: pick(METHODS),
    args: int(5) === 0 ? randomValue() : [randomValue()],
    progress: int(2) === 0,
  };
  switch (int(8)) {
    case 0:
      return bytes(int(64));
    case 1:
      return pick(['hello', '{"t":"call"}', '', '\u0000']);
    case 2: {
      const f = Buffer.from(encodeFrame(call));
      for (let i = 1 + int(4); i > 0; i--) f[int(f.length)] = int(256); // bit-rot a valid frame
      return f;
    }
    case 3:
      return encodeFrame(
        pick([
          null,
          1,
          'x',
          [],
          {},
          { t: 'call' },
          { t: 'cancel', id: -1 },
          { t: 'cancel', id: int(10) },
          { t: 'x', id: 1 },
        ]),
      );
    case 4: {
      const f = new DataView(new ArrayBuffer(16 + int(32)));
      f.setUint32(0, int(2 ** 32 - 1), true);
      f.setUint32(4, pick([0, 1, 2 ** 31, 2 ** 32 - 1]), true);
      if (f.byteLength >= 16) f.setFloat64(8, pick([NaN, -1, 1e300, 0.5, 7]), true);
      return f.buffer;
    }
    default:
      return encodeFrame(call);
  }
}
/** Protocol-level garbage sent after a valid handshake (reserved opcodes, bad lengths, unmasked…). */
function randomWsBytes(): Buffer {
  const op = pick([0x0, 0x1, 0x2, 0x3, 0x7, 0x8, 0x9, 0xa, 0xb, 0xf]);
  const first = (int(2) ? 0x80 : 0) | (int(4) === 0 ? 0x70 : 0) | op;
  const masked = int(5) ? 0x80 : 0;
  const len = pick([0, 1, 125, 126, 127]);
  const head = [first, masked | len];
  if (len === 126) head.push(int(256), int(256));
  if (len === 127) head.push(...Array.from({ length: 8 }, () => int(256)));
  return Buffer.concat([Buffer.from(head), masked ? bytes(4) : Buffer.alloc(0), bytes(int(140))]);
}

describe(`tessera serve under fuzz (seed ${SEED})`, () => {
  it('survives malformed HTTP and WebSocket input, then answers valid requests', async () => {
    const httpCases = Array.from({ length: HTTP_CASES }, randomHttp);
    await pool(httpCases, 24, async (c) => void (await raw(c, undefined, 400)));
    expect(exited, stderr).toBe('running');

    const handshake =
      `GET /engine?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\n` +
      'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';
    await pool(
      Array.from({ length: RAW_WS_CASES }, randomWsBytes),
      16,
      async (b) => void (await raw(handshake, b, 300)),
    );
    expect(exited, stderr).toBe('running');

    // frames over open sockets; a socket the server closes is replaced
    let closes = 0;
    let answers = 0;
    const counted = async () => {
      const s = await open();
      s.on('message', () => (answers += 1));
      return s;
    };
    let ws = await counted();
    const frames = Array.from({ length: WS_CASES }, randomFrame);
    for (const f of frames) {
      if (ws.readyState !== WebSocket.OPEN) {
        closes += 1;
        ws = await counted();
      }
      ws.send(f);
      await new Promise((r) => setImmediate(r));
    }
    await new Promise((r) => setTimeout(r, 300));
    ws.close();
    expect(exited, stderr).toBe('running');
    expect(closes).toBeGreaterThan(0); // the bad frames did close sockets…
    expect(answers).toBeGreaterThan(0); // …and well-formed calls were answered

    // every valid request still answers
    const page = await new Promise<number>((ok) =>
      request(
        { host: '127.0.0.1', port, path: '/' },
        (res) => (res.resume(), ok(res.statusCode ?? 0)),
      ).end(),
    );
    expect(page).toBe(200);
    const fresh = await open();
    const results = await new Promise<ServerMessage[]>((ok) => {
      const got: ServerMessage[] = [];
      fresh.on('message', (d: ArrayBuffer) => {
        got.push(decodeFrame<ServerMessage>(d));
        if (got.length === 3) ok(got);
      });
      fresh.send(encodeFrame({ t: 'call', id: 1, method: 'info', args: [], progress: false }));
      fresh.send(
        encodeFrame({ t: 'call', id: 2, method: 'listScenarios', args: [], progress: false }),
      );
      fresh.send(
        encodeFrame({
          t: 'call',
          id: 3,
          method: 'align',
          args: [{ territories: 'x' }],
          progress: false,
        }),
      );
    });
    fresh.close();
    const byId = new Map(results.map((m) => [m.id, m]));
    expect(byId.get(1)).toMatchObject({
      t: 'result',
      result: { ok: true, value: { providers: 0 } },
    });
    expect(byId.get(2)).toMatchObject({ t: 'result', result: { ok: true } });
    expect(byId.get(3)).toMatchObject({
      t: 'result',
      result: { ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'territories' } } },
    });
    expect(exited, stderr).toBe('running');
    expect(stderr).not.toMatch(/internal error ref=/);
  }, 240_000);
});
