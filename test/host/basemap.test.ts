// The street basemap route of `tessera serve`: a user-chosen PMTiles file read in byte ranges, only
// with this launch's token, only *.pmtiles files that really are PMTiles archives.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../workers/common/contract';
import { parseRange } from '../../workers/host/basemapFile';
import { startServer, type RunningServer } from '../../workers/host/server';
// @ts-expect-error plain ESM test helper without types
import { solidPng, writePmtiles } from '../e2e/pmtilesFixture.mjs';

let server: RunningServer;
let dir: string;
let archive: string;
let size: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-basemap-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  archive = join(dir, 'streets.pmtiles');
  size = writePmtiles(archive, {
    tileType: 2,
    tiles: [{ z: 0, x: 0, y: 0, data: solidPng([255, 0, 255]) }],
  }) as number;
  writeFileSync(join(dir, 'secret.txt'), 'not a basemap');
  writeFileSync(join(dir, 'fake.pmtiles'), 'PMTiles but not really');
  server = await startServer({ engine: {} as EngineApi, rendererDir: dir, warm: false });
});
afterAll(async () => server.close());

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        headers: { Host: `127.0.0.1:${server.port}`, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}
const url = (path: string, token = server.token) =>
  `/basemap.pmtiles?token=${encodeURIComponent(token)}&path=${encodeURIComponent(path)}`;

describe('street basemap route', () => {
  it('serves byte ranges of the chosen PMTiles file', async () => {
    const head = await get(url(archive), { Range: 'bytes=0-6' });
    expect(head.status).toBe(206);
    expect(head.body.toString('ascii')).toBe('PMTiles');
    expect(head.headers['content-range']).toBe(`bytes 0-6/${size}`);
    expect(head.headers['accept-ranges']).toBe('bytes');
    expect(head.headers['content-security-policy']).toContain("default-src 'self'");
    const tail = await get(url(archive), { Range: 'bytes=-10' });
    expect(tail.status).toBe(206);
    expect(tail.body.length).toBe(10);
    const whole = await get(url(archive));
    expect(whole.status).toBe(200);
    expect(whole.body.length).toBe(size);
    expect((await get(url(archive), { Range: `bytes=${size + 5}-` })).status).toBe(416);
  });

  it('refuses without the token, from another site, and for files that are not PMTiles archives', async () => {
    expect((await get(url(archive, 'wrong'))).status).toBe(403);
    expect((await get(`/basemap.pmtiles?path=${encodeURIComponent(archive)}`)).status).toBe(403);
    expect((await get(url(archive), { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await get(url(join(dir, 'secret.txt')))).status).toBe(415);
    expect((await get(url(join(dir, 'fake.pmtiles')))).status).toBe(415);
    expect((await get(url('streets.pmtiles'))).status).toBe(400);
    expect((await get(url(join(dir, 'missing.pmtiles')))).status).toBe(404);
  });

  it('parses the Range forms the pmtiles reader sends', () => {
    expect(parseRange('bytes=0-16383', 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=10-', 100)).toEqual({ start: 10, end: 99 });
    expect(parseRange('bytes=-5', 100)).toEqual({ start: 95, end: 99 });
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('bytes=5-1', 100)).toBe('bad');
    expect(parseRange('items=0-1', 100)).toBe('bad');
  });
});
