// The loopback server's transport and security rules, against a small in-test engine double
// (the engine itself is tested elsewhere; here only what crosses the socket matters).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { EngineApi } from '../../workers/common/contract';
import type { CallOptions } from '../../workers/common/progress';
import { isCancelled } from '../../workers/common/progress';
import { decodeFrame, encodeFrame, type ServerMessage } from '../../workers/common/wire';
import { startServer, type RunningServer } from '../../workers/host/server';

const engineDouble = {
  info: async () => ({ ok: true, value: { path: 'x.tessera', providers: 3 } }),
  providerPoints: async () => ({
    ok: true,
    value: { count: 2, positions: new Float32Array([1, 2, 3, 4]) },
  }),
  importFiles: async (_req: unknown, opts?: CallOptions) => {
    for (let i = 0; i < 50; i++) {
      if (isCancelled(opts?.cancel))
        return { ok: false, error: { code: 'CANCELLED', message: 'cancelled' } };
      opts?.onProgress?.({ phase: 'parse', done: i, total: 50, unit: 'rows' });
      await new Promise((r) => setTimeout(r, 10));
    }
    return { ok: true, value: { files: [] } };
  },
} as unknown as EngineApi;

let server: RunningServer;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-renderer-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  server = await startServer({ engine: engineDouble, rendererDir: dir });
});
afterAll(async () => server.close());

function connect(token: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/engine?token=${token}`, {
      origin: origin ?? `http://127.0.0.1:${server.port}`,
    });
    ws.binaryType = 'arraybuffer';
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function collect(ws: WebSocket, id: number): Promise<ServerMessage[]> {
  const seen: ServerMessage[] = [];
  return new Promise((resolve) => {
    ws.on('message', (data: ArrayBuffer) => {
      const m = decodeFrame<ServerMessage>(data);
      if (m.id !== id) return;
      seen.push(m);
      if (m.t === 'result') resolve(seen);
    });
  });
}

describe('tessera serve', () => {
  it('binds to loopback and prints a URL carrying the token', () => {
    expect(server.url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=.{20,}`),
    );
  });

  it('answers contract calls, with typed arrays arriving as typed arrays', async () => {
    const ws = await connect(server.token);
    const done = collect(ws, 1);
    ws.send(
      encodeFrame({ t: 'call', id: 1, method: 'providerPoints', args: [{}], progress: false }),
    );
    const [result] = await done;
    expect(result?.t).toBe('result');
    const value = (result as { result: { ok: true; value: { positions: Float32Array } } }).result
      .value;
    expect(value.positions).toBeInstanceOf(Float32Array);
    expect(Array.from(value.positions)).toEqual([1, 2, 3, 4]);
    ws.close();
  });

  it('streams progress and honours cancel', async () => {
    const ws = await connect(server.token);
    const done = collect(ws, 2);
    ws.send(
      encodeFrame({
        t: 'call',
        id: 2,
        method: 'importFiles',
        args: [{ files: [] }],
        progress: true,
      }),
    );
    setTimeout(() => ws.send(encodeFrame({ t: 'cancel', id: 2 })), 100);
    const messages = await done;
    expect(messages.filter((m) => m.t === 'progress').length).toBeGreaterThan(1);
    const last = messages[messages.length - 1] as {
      result: { ok: boolean; error?: { code: string } };
    };
    expect(last.result.ok).toBe(false);
    expect(last.result.error?.code).toBe('CANCELLED');
    ws.close();
  });

  it('refuses a WebSocket without the token, with a wrong token, or from another origin', async () => {
    await expect(connect('')).rejects.toThrow(/403/);
    await expect(connect('x'.repeat(server.token.length))).rejects.toThrow(/403/);
    await expect(connect(server.token, 'http://evil.example')).rejects.toThrow(/403/);
    await expect(connect(server.token, 'null')).rejects.toThrow(/403/);
  });

  it('refuses HTTP requests whose Host is not the loopback server (DNS rebinding)', async () => {
    const status = (host: string) =>
      new Promise<number>((resolve) => {
        request(
          { host: '127.0.0.1', port: server.port, path: '/', headers: { Host: host } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        ).end();
      });
    expect(await status(`127.0.0.1:${server.port}`)).toBe(200);
    expect(await status(`attacker.example:${server.port}`)).toBe(403);
  });

  it('serves pages with a CSP that allows no remote origin and with cross-origin isolation', async () => {
    const headers = await new Promise<Record<string, string | string[] | undefined>>((resolve) => {
      request({ host: '127.0.0.1', port: server.port, path: '/' }, (res) => {
        res.resume();
        resolve(res.headers);
      }).end();
    });
    const csp = String(headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|localhost)/);
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  });

  it('does not serve files outside the renderer folder', async () => {
    const status = await new Promise<number>((resolve) => {
      request({ host: '127.0.0.1', port: server.port, path: '/../../../etc/passwd' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).end();
    });
    expect(status).toBe(404);
  });
});
