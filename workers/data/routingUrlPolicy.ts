// Network side of the routing-server client: which hosts Tessera may send coordinates to
// (loopback and private networks only), and how network failures are told apart and worded.
import { EngineFailure } from '../common/result';

const PRIVATE_V4 = [/^127\./, /^10\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^169\.254\./];

/** Checks the URL is http(s) on a loopback or private-network host; returns it parsed. */
export function checkRoutingUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new EngineFailure('BAD_INPUT', `Routing server URL "${url}" is not a valid URL. Use e.g. http://127.0.0.1:5000.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new EngineFailure('BAD_INPUT', `Routing server URL "${url}" must start with http:// or https://.`);
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const local =
    host === 'localhost' ||
    host.endsWith('.local') ||
    host.endsWith('.lan') ||
    host === '::1' ||
    /^f[cd][0-9a-f]{2}:/.test(host) ||
    /^fe80:/.test(host) ||
    PRIVATE_V4.some((re) => re.test(host));
  if (!local) {
    throw new EngineFailure(
      'BAD_INPUT',
      `Routing server host "${host}" is not on this machine or a private network. Tessera only sends ` +
        'locations to a server you run yourself (127.0.0.1, localhost, 10.x, 172.16–31.x, 192.168.x, *.local).',
    );
  }
  return parsed;
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
export const isStale = (error: unknown) => STALE_SOCKET.has(String((error as { cause?: { code?: string } }).cause?.code));

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
