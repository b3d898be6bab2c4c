import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineFailure } from '../../workers/common/result';
import {
  checkRoutingUrl,
  createRoutingClient,
  routedTravelMatrix,
} from '../../workers/data/routingClient';
import { travelMatrix } from '../../workers/domain/driveTime';
import { resolveRoutingUrl } from '../../workers/data/routingUrlPolicy';

// A fake OSRM + Valhalla on 127.0.0.1: travel time = 100 s per 0.01° of Manhattan distance,
// distance = 1 mile per 0.01°; no route to points east of -70° (to exercise the fallback).
type Call = { path: string; sources: number; targets: number };
const calls: Call[] = [];
let server: Server;
let base = '';
let resets = 0;

const seconds = (a: number[], b: number[]) =>
  (Math.abs(a[0]! - b[0]!) + Math.abs(a[1]! - b[1]!)) * 10_000;
const reachable = (p: number[]) => p[1]! < -70;

async function body(req: IncomingMessage): Promise<string> {
  let s = '';
  for await (const chunk of req) s += chunk;
  return s;
}

function osrm(url: URL): unknown {
  const coords = url.pathname
    .split('/')
    .pop()!
    .split(';')
    .map((c) => c.split(',').map(Number).reverse());
  const src = url.searchParams.get('sources')!.split(';').map(Number);
  const dst = url.searchParams.get('destinations')!.split(';').map(Number);
  calls.push({ path: 'osrm', sources: src.length, targets: dst.length });
  const cell = (i: number, j: number, f: (a: number[], b: number[]) => number) =>
    reachable(coords[j]!) ? f(coords[i]!, coords[j]!) : null;
  return {
    code: 'Ok',
    durations: src.map((i) => dst.map((j) => cell(i, j, seconds))),
    distances: src.map((i) =>
      dst.map((j) => cell(i, j, (a, b) => (seconds(a, b) / 100) * 1609.344)),
    ),
  };
}

function valhalla(req: {
  sources: { lat: number; lon: number }[];
  targets: { lat: number; lon: number }[];
}): unknown {
  calls.push({ path: 'valhalla', sources: req.sources.length, targets: req.targets.length });
  return {
    sources_to_targets: req.sources.map((s, i) =>
      req.targets.map((t, j) => ({
        from_index: i,
        to_index: j,
        time: reachable([t.lat, t.lon]) ? seconds([s.lat, s.lon], [t.lat, t.lon]) : null,
        distance: reachable([t.lat, t.lon]) ? seconds([s.lat, s.lon], [t.lat, t.lon]) / 100 : null,
      })),
    ),
  };
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    res.setHeader('content-type', 'application/json');
    if (url.pathname.startsWith('/reset/') && resets > 0) {
      resets--;
      req.socket.destroy(); // a kept-alive connection closed by the server as the request arrives
    } else if (url.pathname.startsWith('/reset/table/v1/driving/')) {
      res.end(JSON.stringify(osrm(url)));
    } else if (url.pathname.startsWith('/broken')) {
      res.statusCode = 500;
      res.end(JSON.stringify({ message: 'graph not loaded' }));
    } else if (url.pathname.startsWith('/osrm/table/v1/driving/')) {
      res.end(JSON.stringify(osrm(url)));
    } else if (url.pathname === '/valhalla/sources_to_targets' && req.method === 'POST') {
      res.end(JSON.stringify(valhalla(JSON.parse(await body(req)))));
    } else {
      res.statusCode = 404;
      res.end(JSON.stringify({ message: 'no such endpoint' }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const grid = (n: number, lon0: number) => ({
  lat: Array.from({ length: n }, (_, i) => 40 + i * 0.05),
  lon: Array.from({ length: n }, (_, i) => lon0 - i * 0.03),
  density: Array.from({ length: n }, () => 1),
});

describe('routing server adapter', () => {
  it('chunks an OSRM table, converts units, and serves repeats from its cache', async () => {
    calls.length = 0;
    const client = createRoutingClient({ kind: 'osrm', url: `${base}/osrm`, chunk: 3 });
    const o = grid(7, -75);
    const d = grid(5, -74);
    const m = await client.table(o, d);
    expect(calls.length).toBe(3 * 2); // ceil(7/3) × ceil(5/3) blocks
    expect(calls.every((c) => c.sources <= 3 && c.targets <= 3)).toBe(true);
    expect(m.source).toBe('server');
    expect(m.warning).toBeNull();
    const expectMinutes = seconds([o.lat[6]!, o.lon[6]!], [d.lat[4]!, d.lon[4]!]) / 60;
    expect(m.minutes[6 * 5 + 4]).toBeCloseTo(expectMinutes, 2);
    expect(m.miles[6 * 5 + 4]).toBeCloseTo(expectMinutes * 0.6, 2);
    const again = await client.table(o, d);
    expect(calls.length).toBe(6);
    expect(Array.from(again.minutes)).toEqual(Array.from(m.minutes));
    expect(client.cacheSize()).toBe(35);
  });

  it("sizes requests to the servers' default limits: a wide strip for one origin, 50 × 50 for Valhalla", async () => {
    calls.length = 0;
    const strip = await createRoutingClient({ kind: 'osrm', url: `${base}/osrm` }).table(
      grid(1, -75),
      grid(450, -74),
    );
    expect(strip.source).toBe('server');
    expect(calls.map((c) => [c.sources, c.targets])).toEqual([
      [1, 299],
      [1, 151],
    ]); // ≤ 300 coordinates per GET
    calls.length = 0;
    const square = await createRoutingClient({ kind: 'valhalla', url: `${base}/valhalla` }).table(
      grid(60, -75),
      grid(60, -74),
    );
    expect(square.source).toBe('server');
    expect(calls).toHaveLength(4);
    expect(calls.every((c) => c.sources * c.targets <= 2500)).toBe(true); // Valhalla's max_matrix_location_pairs
  });

  it('reads Valhalla sources_to_targets and falls back per pair where there is no route', async () => {
    calls.length = 0;
    const client = createRoutingClient({ kind: 'valhalla', url: `${base}/valhalla/` });
    const o = grid(2, -75);
    const d = { lat: [40.2, 40.3], lon: [-74.5, -69.5], density: [1, 1] }; // the second is unreachable
    const m = await client.table(o, d);
    expect(calls).toEqual([{ path: 'valhalla', sources: 2, targets: 2 }]);
    expect(m.source).toBe('mixed');
    expect(m.offlinePairs).toBe(2);
    expect(m.warning).toMatch(/2 of 4 pairs use the offline drive-time model/);
    const offline = travelMatrix(o, d);
    expect(m.minutes[1]).toBeCloseTo(offline.minutes[1]!, 4);
    expect(m.minutes[0]).toBeCloseTo(seconds([40, -75], [40.2, -74.5]) / 60, 2);
  });

  it('asks again once when the server resets the connection (a stale keep-alive socket)', async () => {
    const o = grid(2, -75);
    const d = grid(3, -74);
    resets = 1;
    const m = await createRoutingClient({ kind: 'osrm', url: `${base}/reset` }).table(o, d);
    expect(m.source).toBe('server');
    expect(m.warning).toBeNull();
    resets = 2; // reset again on the retry: reported, not retried forever
    const twice = await createRoutingClient({ kind: 'osrm', url: `${base}/reset` }).table(o, d);
    expect(twice.source).toBe('offline');
    expect(twice.unreachable).toBe(true);
    expect(resets).toBe(0);
  });

  it('falls back to the offline model with a clear reason when the server fails or is down', async () => {
    const o = grid(2, -75);
    const d = grid(2, -74);
    const broken = await createRoutingClient({ kind: 'osrm', url: `${base}/broken` }).table(o, d);
    expect(broken.source).toBe('offline');
    expect(broken.warning).toMatch(/HTTP 500: graph not loaded/);
    expect(Array.from(broken.minutes)).toEqual(Array.from(travelMatrix(o, d).minutes));
    // A closed port on loopback: connection refused.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const down = await routedTravelMatrix(
      { kind: 'osrm', url: `http://127.0.0.1:${closedPort}` },
      o,
      d,
    );
    expect(down.source).toBe('offline');
    expect(down.warning).toMatch(/routing server http:\/\/127\.0\.0\.1:\d+ failed/);
    const none = await routedTravelMatrix(null, o, d);
    expect(none.source).toBe('offline');
    expect(none.warning).toBeNull();
  });

  it('accepts only loopback and private-network servers', async () => {
    expect(checkRoutingUrl('http://127.0.0.1:5000/').port).toBe('5000');
    expect(checkRoutingUrl('http://localhost:8002').hostname).toBe('localhost');
    expect(checkRoutingUrl('http://192.168.1.20:8002').hostname).toBe('192.168.1.20');
    expect(checkRoutingUrl('http://[::1]:5000').hostname).toBe('[::1]');
    // a name is decided on what it resolves to (test/db/routingAddress.test.ts)
    await expect(
      resolveRoutingUrl('https://router.project-osrm.org', async () => [
        { address: '152.53.45.150', family: 4 },
      ]),
    ).rejects.toThrowError(EngineFailure);
    expect(() => checkRoutingUrl('http://8.8.8.8:5000')).toThrowError(
      /not on this machine or a private network/,
    );
    expect(() => checkRoutingUrl('ftp://127.0.0.1')).toThrowError(/http/);
    expect(() => checkRoutingUrl('not a url')).toThrowError(/not a valid URL/);
  });
});
