// Error boundaries of the loopback server and the dispatcher: a malformed URL is a 400, a bad
// WebSocket frame closes that socket with a close code, a bad call is INVALID_ARGUMENT naming the
// field — and the server keeps answering. Against an engine double that records what reaches it.
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { EngineApi, EngineMethod } from '../../workers/common/contract';
import { CONTRACT_SCHEMAS, checkCallArgs } from '../../workers/common/contract/schemas';
import { decodeFrame, encodeFrame, type ServerMessage } from '../../workers/common/wire';
import { isCancelled, type CallOptions } from '../../workers/common/progress';
import { createDispatcher } from '../../workers/host/dispatcher';
import { MAX_FRAME_BYTES, startServer, type RunningServer } from '../../workers/host/server';
import { createEngineFromContext } from '../../workers/engine/runtime/engine';
import type { EngineContext } from '../../workers/engine/runtime/context';

const reached: string[] = [];
const engineDouble = new Proxy({} as EngineApi, {
  get: (_t, prop) => {
    if (prop === 'then') return undefined;
    return async () => {
      reached.push(String(prop));
      return { ok: true, value: { method: String(prop) } };
    };
  },
});

let server: RunningServer;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-bounds-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dir, 'secret.txt'), 'SECRET-OUTSIDE-THE-RENDERER');
  server = await startServer({
    engine: engineDouble,
    rendererDir: join(dir, 'renderer'),
    warm: false,
  });
});
afterAll(async () => server.close());

function get(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function open(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/engine?token=${server.token}`, {
      origin: `http://127.0.0.1:${server.port}`,
    });
    ws.binaryType = 'arraybuffer';
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    ws.on('error', () => undefined);
    ws.once('close', (code) => resolve(code));
  });
}

function call(ws: WebSocket, id: number, method: string, args: unknown): Promise<ServerMessage> {
  return new Promise((resolve) => {
    const on = (data: ArrayBuffer) => {
      const m = decodeFrame<ServerMessage>(data);
      if (m.id === id && m.t === 'result') {
        ws.off('message', on);
        resolve(m);
      }
    };
    ws.on('message', on);
    ws.send(encodeFrame({ t: 'call', id, method, args, progress: false }));
  });
}

async function stillAnswers(): Promise<void> {
  expect((await get('/')).status).toBe(200);
  const ws = await open();
  const m = await call(ws, 99, 'info', []);
  expect(m).toMatchObject({ t: 'result', result: { ok: true } });
  ws.close();
}

describe('HTTP error boundary', () => {
  it('answers a malformed percent-encoding with 400 and keeps serving', async () => {
    for (const path of ['/%ZZ', '/%', '/%E0%A4%A', '/a%ZZb/index.html', '/%00', '/%C0%AF']) {
      const r = await get(path);
      expect([400, 404]).toContain(r.status);
    }
    expect((await get('/%ZZ')).status).toBe(400);
    await stillAnswers();
  });

  it('does not serve a file outside the renderer folder, encoded or double-encoded', async () => {
    const attempts = [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/..%2Fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/..%5csecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%252e%252e%252fsecret.txt',
      '/..%252fsecret.txt',
    ];
    for (const path of attempts) {
      const r = await get(path);
      expect(r.body, path).not.toContain('SECRET');
      expect(r.status, path).toBe(404);
    }
  });

  it('answers garbage HTTP with 400 on that socket only', async () => {
    const reply = await new Promise<string>((resolve) => {
      const s = tcpConnect(server.port, '127.0.0.1', () =>
        s.write('GARBAGE \x00\x01 HTTP/9\r\n\r\n'),
      );
      let got = '';
      s.on('data', (d) => (got += d));
      s.on('close', () => resolve(got));
      s.on('error', () => resolve(got));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    await stillAnswers();
  });
});

describe('WebSocket frame boundary', () => {
  it('closes the socket with 1003 on a text frame', async () => {
    const ws = await open();
    const code = closeCode(ws);
    ws.send('hello');
    expect(await code).toBe(1003);
    await stillAnswers();
  });

  it('closes with 1007 on bytes that are not a frame, and on a frame whose content is null', async () => {
    for (const bad of [
      new Uint8Array([1, 2, 3]),
      new Uint8Array(64).fill(255),
      encodeFrame(null),
      encodeFrame(42),
      encodeFrame({ t: 'call' }),
      encodeFrame({ t: 'nope', id: 1 }),
    ]) {
      const ws = await open();
      const code = closeCode(ws);
      ws.send(bad);
      expect(await code).toBe(1007);
    }
    await stillAnswers();
  });

  it(`closes with 1009 on a frame over the ${MAX_FRAME_BYTES / 2 ** 20} MiB limit`, async () => {
    const ws = await open();
    const code = closeCode(ws);
    ws.send(new Uint8Array(MAX_FRAME_BYTES + 1));
    expect(await code).toBe(1009);
    await stillAnswers();
  });

  it('survives WebSocket protocol errors on a raw socket (bad opcode, unmasked frame, bad close)', async () => {
    const frames = [
      Buffer.from([0x83, 0x80, 0, 0, 0, 0]), // reserved opcode 3
      Buffer.from([0x82, 0x01, 0x00]), // unmasked client frame
      Buffer.from([0xc2, 0x80, 0, 0, 0, 0]), // RSV1 without an extension
      Buffer.from([0x88, 0x81, 0, 0, 0, 0, 0x01]), // close frame with a 1-byte body
      Buffer.from([0x09, 0x80, 0, 0, 0, 0]), // fragmented ping
      Buffer.from([0x82, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]), // 2^63-1 length
    ];
    for (const f of frames) {
      const got = await new Promise<string>((resolve) => {
        const s = tcpConnect(server.port, '127.0.0.1', () => {
          s.write(
            `GET /engine?token=${server.token} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: http://127.0.0.1:${server.port}\r\n` +
              'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
          );
          setTimeout(() => s.write(f), 30);
        });
        let out = '';
        s.on('data', (d) => (out += d.toString('latin1')));
        s.on('close', () => resolve(out));
        s.on('error', () => resolve(out));
        setTimeout(() => s.destroy(), 3000);
      });
      expect(got).toMatch(/^HTTP\/1\.1 101/);
      // a close frame (opcode 8) with a protocol-error code (1002) or too-big (1009) followed
      const closeAt = got.indexOf('\x88', got.indexOf('\r\n\r\n'));
      expect(closeAt, JSON.stringify(got.slice(-20))).toBeGreaterThan(0);
    }
    await stillAnswers();
  });
});

describe('call validation at the boundary', () => {
  it('answers a call with missing or non-array args with INVALID_ARGUMENT naming args', async () => {
    const ws = await open();
    reached.length = 0;
    for (const [i, args] of [undefined, null, 'x', 7, { 0: {} }].entries()) {
      const m = await call(ws, 200 + i, 'align', args);
      expect(m).toMatchObject({
        result: { ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'args' } } },
      });
    }
    expect(reached).toEqual([]);
    ws.close();
  });

  it('refuses unknown and prototype methods without touching the engine', async () => {
    const ws = await open();
    reached.length = 0;
    for (const [i, method] of [
      'close',
      'then',
      'constructor',
      '__proto__',
      'hasOwnProperty',
      'nope',
    ].entries()) {
      const m = await call(ws, 300 + i, method, []);
      expect(m).toMatchObject({ result: { ok: false, error: { code: 'INVALID_ARGUMENT' } } });
    }
    expect(reached).toEqual([]);
    ws.close();
  });
});

describe('the schema table', () => {
  it('has a schema for every method the engine implements, and no other', () => {
    // The services only capture the context; building the engine object touches no workspace.
    const engine = createEngineFromContext({} as EngineContext);
    const methods = Object.keys(engine)
      .filter((k) => k !== 'close')
      .sort();
    expect(Object.keys(CONTRACT_SCHEMAS).sort()).toEqual(methods);
  });

  // Bad parameters per method: each must be INVALID_ARGUMENT naming the field, before the engine.
  const bad: [EngineMethod, unknown, string][] = [
    ['importFiles', {}, 'files'],
    ['importFiles', { files: [1] }, 'files[0]'],
    ['importFiles', { files: ['a.csv'], year: 'x' }, 'year'],
    ['rejects', { limit: -1 }, 'limit'],
    ['rejects', { limit: 1e9 }, 'limit'],
    ['createDemo', { providers: 1e12 }, 'providers'],
    ['createDemo', { providers: 1.5 }, 'providers'],
    ['marketSize', { codes: 'J1745' }, 'codes'],
    ['marketSize', { codes: ['J1745'], by: 'planet' }, 'by'],
    ['searchCodes', { query: 5 }, 'query'],
    ['searchCodes', { query: 'x'.repeat(5000) }, 'query'],
    ['saveMarket', null, '(request)'],
    ['saveMarket', { name: 3 }, 'name'],
    ['getMarket', {}, 'name'],
    ['score', { market: 5 }, 'market'],
    ['align', null, '(request)'],
    ['align', 'x', '(request)'],
    ['align', { territories: 1_000_000_000 }, 'territories'],
    ['align', { territories: -3 }, 'territories'],
    ['align', { territories: 'ten' }, 'territories'],
    ['align', { territories: 10, unit: 'state' }, 'unit'],
    ['align', { territories: 10, maxDisruption: 5 }, 'maxDisruption'],
    ['align', { territories: 10, keepSystemsWhole: 'some' }, 'keepSystemsWhole'],
    ['align', { territories: 10, indexWeights: { workload: 'a' } }, 'indexWeights.workload'],
    ['scenarioMetrics', {}, 'scenario'],
    ['scenarioMetrics', { scenario: '' }, 'scenario'],
    ['deleteScenario', { scenario: null }, 'scenario'],
    ['compareScenarios', { scenarios: [] }, 'scenarios'],
    ['compareScenarios', { scenarios: Array(50).fill('a') }, 'scenarios'],
    ['whatIf', { scenario: 's' }, 'op'],
    ['whatIf', { scenario: 's', op: { kind: 'explode' } }, 'op.kind'],
    ['whatIf', { scenario: 's', op: { kind: 'moveUnits', units: 'a', to: 'T1' } }, 'op.units'],
    [
      'whatIf',
      { scenario: 's', op: { kind: 'moveUnits', units: [null], to: 'T1' } },
      'op.units[0]',
    ],
    ['undo', {}, 'scenario'],
    ['redo', [], '(request)'],
    ['setQuota', { scenario: 's', nationalGoal: 'lots' }, 'nationalGoal'],
    ['providerPoints', { scenario: 7 }, 'scenario'],
    ['unitGeometry', { unitKind: 'state' }, 'unitKind'],
    ['providerCard', { index: -1 }, 'index'],
    ['scenarioLayer', {}, 'scenario'],
    ['pointTerritories', { scenario: 1 }, 'scenario'],
    ['exportScenario', { scenario: 's' }, 'outDir'],
    ['exportScenario', { scenario: 's', outDir: '/tmp/x', maps: 'yes' }, 'maps'],
    ['capacity', { scenario: 's', settings: { hoursPerDay: 100 } }, 'settings.hoursPerDay'],
    ['radius', { from: { lat: 1 }, rankBy: 'potential' }, 'from'],
    ['radius', { from: { lat: 1, lon: 2 }, rankBy: 'potential', minutes: 1e9 }, 'minutes'],
    ['radius', { from: { lat: 1, lon: 2 }, rankBy: 'potential', limit: 1e9 }, 'limit'],
    ['radius', { from: { lat: 1, lon: 2 }, rankBy: 'fun' }, 'rankBy'],
    ['route', { scenario: 's' }, 'territoryId'],
    ['route', { scenario: 's', territoryId: 'T1', days: 1000 }, 'days'],
    ['route', { scenario: 's', territoryId: 'T1', dayStart: 'morning' }, 'dayStart'],
    ['setRoutingSetting', { kind: 'osrm' }, 'url'],
    ['setRoutingSetting', { kind: 'google', url: 'http://127.0.0.1' }, 'kind'],
    ['testRouting', { near: { lat: 'x', lon: 0 } }, 'near.lat'],
  ];

  it.each(bad)('%s(%j) → INVALID_ARGUMENT on %s', async (method, arg, field) => {
    const sent: ServerMessage[] = [];
    reached.length = 0;
    const d = createDispatcher({
      engine: engineDouble,
      send: (f) => sent.push(decodeFrame<ServerMessage>(f)),
    });
    expect(
      d.onFrame(encodeFrame({ t: 'call', id: 1, method, args: [arg], progress: false })),
    ).toBeNull();
    await new Promise((r) => setTimeout(r, 0));
    expect(sent).toHaveLength(1);
    const result = (
      sent[0] as {
        result: {
          ok: boolean;
          error?: { code: string; message: string; details: { field: string } };
        };
      }
    ).result;
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('INVALID_ARGUMENT');
    expect(result.error?.details.field).toBe(field);
    expect(result.error?.message).toContain(`${method}: ${field}`);
    expect(reached).toEqual([]);
  });

  it('lets well-formed calls through to the engine', async () => {
    const good: [EngineMethod, unknown[]][] = [
      ['info', []],
      ['align', [{ territories: 12, unit: 'zip', seed: 1, market: 'demo' }]],
      ['whatIf', [{ scenario: 's', op: { kind: 'moveUnits', units: ['60601'], to: 'T1' } }]],
      [
        'radius',
        [{ from: { zip: '60601' }, minutes: 30, rankBy: { codes: ['J1745'] }, limit: 10 }],
      ],
      ['testRouting', []],
      // the default market: what the page sends before a workspace has a market
      ['score', [{ market: '' }]],
      ['saveMarket', [{ name: 'm', codeSets: [] }]],
    ];
    for (const [method, args] of good) expect(checkCallArgs(method, args), method).toBeNull();
  });
});

describe('time guard of long jobs', () => {
  it('cancels a long job that runs past the limit', async () => {
    const sent: ServerMessage[] = [];
    const slow = {
      align: async (_req: unknown, opts?: CallOptions) => {
        for (let i = 0; i < 500; i++) {
          if (isCancelled(opts?.cancel))
            return { ok: false, error: { code: 'CANCELLED', message: 'cancelled' } };
          await new Promise((r) => setTimeout(r, 10));
        }
        return { ok: true, value: {} };
      },
    } as unknown as EngineApi;
    const d = createDispatcher({
      engine: slow,
      send: (f) => sent.push(decodeFrame<ServerMessage>(f)),
      jobLimitMs: 100,
    });
    const t0 = performance.now();
    d.onFrame(
      encodeFrame({
        t: 'call',
        id: 1,
        method: 'align',
        args: [{ territories: 3 }],
        progress: false,
      }),
    );
    while (sent.length === 0 && performance.now() - t0 < 4000)
      await new Promise((r) => setTimeout(r, 10));
    expect(sent[0]).toMatchObject({ result: { ok: false, error: { code: 'CANCELLED' } } });
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
