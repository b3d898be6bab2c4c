// A small routing server for tests, on 127.0.0.1: answers OSRM `/table/v1/{profile}/…` and Valhalla
// `POST /sources_to_targets` in their real response shapes, with drive seconds and metres from a
// function the test chooses. `/hang/…` never answers (timeouts); everything else is a 404.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type LatLon = { lat: number; lon: number };
export type Leg = { seconds: number; metres: number } | null;

export type FakeRoutingServer = {
  url: string;
  /** Requests answered so far, by kind, and the most sources one request asked for. */
  calls: { osrm: number; valhalla: number; maxSources: number };
  close(): Promise<void>;
};

async function body(req: IncomingMessage): Promise<string> {
  let s = '';
  for await (const chunk of req) s += chunk;
  return s;
}

function osrmAnswer(url: URL, leg: (a: LatLon, b: LatLon) => Leg): unknown {
  const coords = url.pathname
    .split('/')
    .pop()!
    .split(';')
    .map((c) => {
      const [lon, lat] = c.split(',').map(Number);
      return { lat: lat!, lon: lon! };
    });
  const src = url.searchParams.get('sources')!.split(';').map(Number);
  const dst = url.searchParams.get('destinations')!.split(';').map(Number);
  const cells = src.map((i) => dst.map((j) => leg(coords[i]!, coords[j]!)));
  return {
    code: 'Ok',
    durations: cells.map((row) => row.map((c) => (c ? c.seconds : null))),
    distances: cells.map((row) => row.map((c) => (c ? c.metres : null))),
    sources: src.map((i) => ({ location: [coords[i]!.lon, coords[i]!.lat] })),
    destinations: dst.map((j) => ({ location: [coords[j]!.lon, coords[j]!.lat] })),
  };
}

function valhallaAnswer(
  req: { sources: LatLon[]; targets: LatLon[]; units?: string },
  leg: (a: LatLon, b: LatLon) => Leg,
): unknown {
  const perUnit = req.units === 'miles' ? 1609.344 : 1000;
  return {
    sources_to_targets: req.sources.map((s, i) =>
      req.targets.map((t, j) => {
        const c = leg(s, t);
        return {
          from_index: i,
          to_index: j,
          time: c ? c.seconds : null,
          distance: c ? c.metres / perUnit : null,
        };
      }),
    ),
    units: req.units ?? 'kilometers',
  };
}

/** Starts the server; `leg` gives the drive between two points (null = no route). */
export async function startFakeRoutingServer(
  leg: (a: LatLon, b: LatLon) => Leg,
): Promise<FakeRoutingServer> {
  const calls = { osrm: 0, valhalla: 0, maxSources: 0 };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/hang/')) return; // never answers
    res.setHeader('content-type', 'application/json');
    if (/^\/table\/v1\/[^/]+\//.test(url.pathname)) {
      calls.osrm++;
      calls.maxSources = Math.max(
        calls.maxSources,
        url.searchParams.get('sources')?.split(';').length ?? 0,
      );
      res.end(JSON.stringify(osrmAnswer(url, leg)));
    } else if (url.pathname === '/sources_to_targets' && req.method === 'POST') {
      calls.valhalla++;
      const request = JSON.parse(await body(req)) as {
        sources: LatLon[];
        targets: LatLon[];
        units?: string;
      };
      calls.maxSources = Math.max(calls.maxSources, request.sources.length);
      res.end(JSON.stringify(valhallaAnswer(request, leg)));
    } else {
      res.statusCode = 404;
      res.end(JSON.stringify({ code: 'InvalidUrl', message: `no such endpoint ${url.pathname}` }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on (connection refused). */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
