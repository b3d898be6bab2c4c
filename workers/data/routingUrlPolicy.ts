// Network side of the routing-server client: which addresses Tessera may send coordinates to
// (loopback and private networks only), and how network failures are told apart and worded.
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { EngineFailure } from '../common/result';

// The decision is made on addresses, never on names: `10.evil.example` or `osrm.local` say nothing
// about where a connection goes. A name is resolved, every address it resolves to must pass, and the
// client then connects to the checked address itself (routingClient's pinned fetch), so a second
// lookup (DNS rebinding) cannot send the request elsewhere.

export type ResolvedAddress = { address: string; family: 4 | 6 };
/** Resolves a host name to its addresses (injectable so tests never depend on real DNS). */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

/** The system resolver (getaddrinfo, as a browser or curl would), bounded to 5 s. */
export const systemResolver: Resolver = async (host) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_ok, fail) => {
    timer = setTimeout(() => fail(new Error('no answer from the resolver within 5 s')), 5000);
  });
  try {
    const found = await Promise.race([lookup(host, { all: true, verbatim: true }), timeout]);
    return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
  } finally {
    clearTimeout(timer);
  }
};

export type AddressVerdict = { allowed: boolean; rule: string };

type Rule = { net: string; prefix: number; allowed: boolean; rule: string };
// First match decides. Metadata addresses are listed before the ranges that contain them.
const V4_RULES: Rule[] = [
  { net: '0.0.0.0', prefix: 8, allowed: false, rule: 'unspecified address (0.0.0.0/8)' },
  { net: '127.0.0.0', prefix: 8, allowed: true, rule: 'loopback (127.0.0.0/8)' },
  {
    net: '169.254.169.254',
    prefix: 32,
    allowed: false,
    rule: 'cloud metadata address (169.254.169.254)',
  },
  { net: '169.254.0.0', prefix: 16, allowed: false, rule: 'link-local (169.254.0.0/16)' },
  { net: '10.0.0.0', prefix: 8, allowed: true, rule: 'private network (RFC 1918, 10.0.0.0/8)' },
  {
    net: '172.16.0.0',
    prefix: 12,
    allowed: true,
    rule: 'private network (RFC 1918, 172.16.0.0/12)',
  },
  {
    net: '192.168.0.0',
    prefix: 16,
    allowed: true,
    rule: 'private network (RFC 1918, 192.168.0.0/16)',
  },
  {
    net: '100.100.100.200',
    prefix: 32,
    allowed: false,
    rule: 'cloud metadata address (100.100.100.200)',
  },
  {
    net: '100.64.0.0',
    prefix: 10,
    allowed: false,
    rule: 'shared carrier-grade NAT space (100.64.0.0/10), not a private network',
  },
  { net: '224.0.0.0', prefix: 4, allowed: false, rule: 'multicast (224.0.0.0/4)' },
  { net: '240.0.0.0', prefix: 4, allowed: false, rule: 'reserved or broadcast (240.0.0.0/4)' },
];
const V6_RULES: Rule[] = [
  { net: '::', prefix: 128, allowed: false, rule: 'unspecified address (::)' },
  { net: '::1', prefix: 128, allowed: true, rule: 'loopback (::1)' },
  {
    net: 'fd00:ec2::254',
    prefix: 128,
    allowed: false,
    rule: 'cloud metadata address (fd00:ec2::254)',
  },
  { net: 'fe80::', prefix: 10, allowed: false, rule: 'link-local (fe80::/10)' },
  { net: 'fc00::', prefix: 7, allowed: true, rule: 'unique-local IPv6 (fc00::/7)' },
  { net: 'ff00::', prefix: 8, allowed: false, rule: 'multicast (ff00::/8)' },
  {
    net: '64:ff9b::',
    prefix: 96,
    allowed: false,
    rule: 'NAT64 (64:ff9b::/96) reaches public IPv4 addresses',
  },
  { net: '::', prefix: 96, allowed: false, rule: 'IPv4-compatible IPv6 (::/96, deprecated)' },
];
const PUBLIC = 'public address (not loopback or a private network)';

function lists(rules: Rule[], type: 'ipv4' | 'ipv6'): [BlockList, Rule][] {
  return rules.map((r) => {
    const b = new BlockList();
    if (r.prefix === (type === 'ipv4' ? 32 : 128)) b.addAddress(r.net, type);
    else b.addSubnet(r.net, r.prefix, type);
    return [b, r];
  });
}
const V4 = lists(V4_RULES, 'ipv4');
const V6 = lists(V6_RULES, 'ipv6');

/** The 8 hextets of an IPv6 address (accepts :: and a trailing dotted quad). */
function hextets(ip: string): number[] {
  let text = ip.toLowerCase().split('%')[0]!;
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array<string>(8 - h.length - t.length).fill('0');
  return [...h, ...fill, ...t].map((x) => Number.parseInt(x || '0', 16));
}

/** Whether Tessera may send coordinates to this IP address, and the rule that decided. */
export function classifyAddress(ip: string): AddressVerdict {
  const family = isIP(ip);
  if (family === 4) {
    const hit = V4.find(([b]) => b.check(ip, 'ipv4'));
    return hit ? { allowed: hit[1].allowed, rule: hit[1].rule } : { allowed: false, rule: PUBLIC };
  }
  if (family === 6) {
    const h = hextets(ip);
    if (h.slice(0, 5).every((x) => x === 0) && h[5] === 0xffff) {
      // IPv4-mapped (::ffff:a.b.c.d): the connection goes to the IPv4 address
      const v4 = `${h[6]! >> 8}.${h[6]! & 255}.${h[7]! >> 8}.${h[7]! & 255}`;
      const inner = classifyAddress(v4);
      return { allowed: inner.allowed, rule: `IPv4-mapped ${v4}: ${inner.rule}` };
    }
    const hit = V6.find(([b]) => b.check(ip.split('%')[0]!, 'ipv6'));
    return hit ? { allowed: hit[1].allowed, rule: hit[1].rule } : { allowed: false, rule: PUBLIC };
  }
  return { allowed: false, rule: 'not an IP address' };
}

const ADVICE =
  'Tessera only sends locations to a server you run yourself: on this machine (127.0.0.1, ::1) or your ' +
  'private network (10.x, 172.16–31.x, 192.168.x, fc00::/7). Link-local and cloud-metadata addresses are refused.';

/** Checks the URL's form: http(s), no credentials; returns it parsed. Where it points is decided by resolveRoutingUrl. */
export function checkRoutingUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new EngineFailure(
      'BAD_INPUT',
      `Routing server URL "${url}" is not a valid URL. Use e.g. http://127.0.0.1:5000.`,
      { rule: 'url syntax' },
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new EngineFailure(
      'BAD_INPUT',
      `Routing server URL "${url}" must start with http:// or https://.`,
      { rule: 'scheme' },
    );
  }
  if (parsed.username || parsed.password) {
    throw new EngineFailure(
      'BAD_INPUT',
      `Routing server URL "${parsed.host}" carries a user name or password; give the server's address only.`,
      { rule: 'credentials' },
    );
  }
  const host = hostOf(parsed);
  if (isIP(host)) {
    const verdict = classifyAddress(host);
    if (!verdict.allowed) throw refusal(host, host, verdict.rule);
  }
  return parsed;
}

const hostOf = (u: URL) => u.hostname.replace(/^\[|\]$/g, '').toLowerCase();

function refusal(host: string, address: string, rule: string): EngineFailure {
  const where = host === address ? `"${host}"` : `"${host}" (resolves to ${address})`;
  return new EngineFailure(
    'BAD_INPUT',
    `Routing server host ${where} is not on this machine or a private network: refused by the rule "${rule}". ${ADVICE}`,
    { host, address, rule },
  );
}

/** A routing URL whose host was resolved and checked; connect to `address`, send `url.host` as Host. */
export type CheckedRoutingUrl = {
  url: URL;
  host: string;
  address: string;
  family: 4 | 6;
  rule: string;
};

/**
 * Resolves the URL's host and decides on the addresses: every one must be loopback or private (a
 * name with one public address is refused). Throws EngineFailure BAD_INPUT naming the rule.
 */
export async function resolveRoutingUrl(
  url: string,
  resolver: Resolver = systemResolver,
): Promise<CheckedRoutingUrl> {
  const parsed = checkRoutingUrl(url);
  const host = hostOf(parsed);
  const literal = isIP(host);
  let addresses: ResolvedAddress[];
  if (literal) addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await resolver(host);
    } catch (e) {
      throw new EngineFailure(
        'BAD_INPUT',
        `Routing server host "${host}" could not be resolved (${(e as Error)?.message ?? e}). Use its IP address, e.g. http://192.168.1.20:5000.`,
        { host, rule: 'resolution' },
      );
    }
  }
  if (addresses.length === 0)
    throw new EngineFailure('BAD_INPUT', `Routing server host "${host}" resolves to no address.`, {
      host,
      rule: 'resolution',
    });
  let first: { a: ResolvedAddress; rule: string } | null = null;
  for (const a of addresses) {
    const verdict = classifyAddress(a.address);
    if (!verdict.allowed) throw refusal(host, a.address, verdict.rule);
    first ??= { a, rule: verdict.rule };
  }
  return {
    url: parsed,
    host,
    address: first!.a.address,
    family: first!.a.family,
    rule: first!.rule,
  };
}

export class Unreachable extends Error {
  constructor(
    message: string,
    /** A kept-alive connection the server closed just as it was reused: worth one immediate retry. */
    readonly stale = false,
  ) {
    super(message);
  }
}

/** Socket errors of a reused keep-alive connection (the server timed it out as we sent). */
const STALE_SOCKET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
export const isStale = (error: unknown) =>
  STALE_SOCKET.has(String((error as { cause?: { code?: string } }).cause?.code));

/** fetch() says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND…) is in its cause. */
export function networkReason(error: unknown): string {
  const e = error as { message?: string; cause?: { code?: string; message?: string } };
  const code = e.cause?.code;
  const words: Record<string, string> = {
    ECONNREFUSED: 'connection refused (nothing listens on that port: is the server running?)',
    ENOTFOUND: 'host name not found',
    EHOSTUNREACH: 'host unreachable',
    ECONNRESET: 'connection reset by the server',
  };
  if (code && words[code]) return words[code]!;
  return [e.message, e.cause?.message].filter(Boolean).join(': ') || String(error);
}
