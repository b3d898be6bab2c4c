// The routing client decides on resolved addresses, connects to the checked address and refuses
// redirects. Names resolve through a test resolver; only 127.0.0.1 is ever contacted.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoutingClient } from '../../workers/data/routingClient';
import {
  classifyAddress,
  resolveRoutingUrl,
  type Resolver,
} from '../../workers/data/routingUrlPolicy';

const NAMES = [
  '10.evil.example',
  '127.0.0.1.evil.example',
  '192.168.attacker.example',
  'osrm.local',
  'router.lan',
];
const to =
  (address: string): Resolver =>
  async () => [{ address, family: address.includes(':') ? 6 : 4 }];

describe('routing URL decided by address', () => {
  const cases: [string, boolean, RegExp][] = [
    ['8.8.8.8', false, /public address/],
    ['93.184.216.34', false, /public address/],
    ['10.1.2.3', true, /RFC 1918/],
    ['172.20.0.9', true, /RFC 1918/],
    ['192.168.1.20', true, /RFC 1918/],
    ['127.0.0.1', true, /loopback/],
    ['::1', true, /loopback/],
    ['169.254.169.254', false, /metadata/],
    ['169.254.10.1', false, /link-local/],
    ['fe80::1', false, /link-local/],
    ['fd12:3456::1', true, /unique-local/],
    ['fd00:ec2::254', false, /metadata/],
    ['::ffff:8.8.8.8', false, /IPv4-mapped 8\.8\.8\.8: public/],
    ['::ffff:169.254.169.254', false, /IPv4-mapped .*metadata/],
    ['::ffff:c0a8:114', true, /IPv4-mapped 192\.168\.1\.20: private/],
    ['::ffff:127.0.0.1', true, /IPv4-mapped 127\.0\.0\.1: loopback/],
    ['100.100.100.200', false, /metadata/],
    ['100.64.1.1', false, /carrier-grade/],
    ['0.0.0.0', false, /unspecified/],
    ['2001:4860:4860::8888', false, /public/],
    ['64:ff9b::808:808', false, /NAT64/],
  ];

  it.each(cases)('address %s → allowed %s', (address, allowed, rule) => {
    const v = classifyAddress(address);
    expect(v.allowed).toBe(allowed);
    expect(v.rule).toMatch(rule);
  });

  for (const name of NAMES) {
    it.each(cases)(
      `${name} resolving to %s → allowed %s, by that rule`,
      async (address, allowed, rule) => {
        const p = resolveRoutingUrl(`http://${name}:5000`, to(address));
        if (allowed)
          await expect(p).resolves.toMatchObject({
            host: name,
            address,
            rule: expect.stringMatching(rule),
          });
        else {
          const e = await p.catch(
            (x: unknown) =>
              x as {
                error: {
                  code: string;
                  message: string;
                  details: { rule: string; address: string };
                };
              },
          );
          expect(e).toHaveProperty('error.code', 'BAD_INPUT');
          expect(
            (e as { error: { details: { rule: string; address: string } } }).error.details.rule,
          ).toMatch(rule);
          expect((e as { error: { message: string } }).error.message).toContain(
            `resolves to ${address}`,
          );
        }
      },
    );
  }

  it('refuses a literal metadata or mapped address in the URL itself', async () => {
    await expect(resolveRoutingUrl('http://169.254.169.254/latest')).rejects.toThrow(/metadata/);
    await expect(resolveRoutingUrl('http://[::ffff:8.8.8.8]:5000')).rejects.toThrow(
      /IPv4-mapped 8\.8\.8\.8/,
    );
    await expect(resolveRoutingUrl('http://[fe80::1]:5000')).rejects.toThrow(/link-local/);
    await expect(resolveRoutingUrl('http://0x7f.1:5000')).resolves.toMatchObject({
      address: '127.0.0.1',
    });
  });

  it('refuses a name when any of its addresses is refused', async () => {
    const mixed: Resolver = async () => [
      { address: '10.0.0.1', family: 4 },
      { address: '8.8.8.8', family: 4 },
    ];
    await expect(resolveRoutingUrl('http://osrm.local:5000', mixed)).rejects.toThrow(
      /8\.8\.8\.8.*public/,
    );
  });
});

describe('the routing client connects to the checked address and refuses redirects', () => {
  let server: Server;
  let port = 0;
  const seen: { host: string | undefined; path: string }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ host: req.headers.host, path: req.url ?? '' });
      if (req.url?.startsWith('/redirect/')) {
        res
          .writeHead(307, { location: `http://8.8.8.8:5000${req.url.slice('/redirect'.length)}` })
          .end();
        return;
      }
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ code: 'Ok', durations: [[600]], distances: [[1609.344]] }));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  const o = { lat: [41.9], lon: [-87.6], density: [1] };
  const d = { lat: [41.95], lon: [-87.65], density: [1] };

  it('sends to the resolved loopback address with the Host header kept (no second lookup)', async () => {
    seen.length = 0;
    const client = createRoutingClient(
      { kind: 'osrm', url: `http://osrm.test:${port}` },
      { resolver: to('127.0.0.1') },
    );
    const m = await client.table(o, d);
    expect(m.source).toBe('server');
    expect(m.minutes[0]).toBeCloseTo(10);
    expect(seen[0]?.host).toBe(`osrm.test:${port}`); // osrm.test exists in no DNS: the pinned address was used
  });

  it('does not send when the name resolves to a public address', async () => {
    seen.length = 0;
    const client = createRoutingClient(
      { kind: 'osrm', url: `http://osrm.local:${port}` },
      { resolver: to('8.8.8.8') },
    );
    const m = await client.table(o, d);
    expect(m.source).toBe('offline');
    expect(m.warning).toMatch(/public address/);
    expect(seen).toHaveLength(0);
  });

  it('refuses a 307 to a public address instead of following it', async () => {
    seen.length = 0;
    const client = createRoutingClient({ kind: 'osrm', url: `http://127.0.0.1:${port}/redirect` });
    const m = await client.table(o, d);
    expect(seen).toHaveLength(1); // only the loopback stand-in was asked
    expect(m.source).toBe('offline');
    expect(m.warning).toMatch(/307 redirecting to http:\/\/8\.8\.8\.8.*does not follow redirects/);
  });

  it('refuses a redirect even with an injected fetch (redirect: manual)', async () => {
    const inits: RequestInit[] = [];
    const fake = (async (_u: unknown, init?: RequestInit) => {
      inits.push(init ?? {});
      return new Response(null, { status: 302, headers: { location: 'http://203.0.113.5/' } });
    }) as typeof fetch;
    const m = await createRoutingClient({ kind: 'osrm', url: 'http://127.0.0.1:1' }, fake).table(
      o,
      d,
    );
    expect(inits[0]?.redirect).toBe('manual');
    expect(m.warning).toMatch(/302 redirecting/);
  });
});
