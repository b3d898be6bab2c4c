// Rules of the loopback server, kept pure so tests exercise them directly: only this launch's
// token, only our own origin, only loopback Host headers (defeats DNS rebinding).
import { timingSafeEqual } from 'node:crypto';
import { rendererCsp } from '../common/csp';

export type ServerIdentity = { token: string; port: number };

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost'];

export function allowedOrigins(id: ServerIdentity): string[] {
  return LOOPBACK_HOSTS.map((h) => `http://${h}:${id.port}`);
}

export function isAllowedHost(hostHeader: string | undefined, id: ServerIdentity): boolean {
  if (!hostHeader) return false;
  return LOOPBACK_HOSTS.some((h) => hostHeader === `${h}:${id.port}`);
}

export function tokenMatches(given: string | null | undefined, id: ServerIdentity): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(id.token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Why a WebSocket upgrade to the engine is refused, or null when it is allowed. */
export function refuseEngineUpgrade(
  req: { url: string | undefined; origin: string | undefined; host: string | undefined },
  id: ServerIdentity,
): string | null {
  if (!isAllowedHost(req.host, id)) return 'Host header is not this loopback server';
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${id.port}`);
  if (url.pathname !== '/engine') return 'unknown endpoint';
  if (!req.origin || !allowedOrigins(id).includes(req.origin)) return 'Origin is not this server';
  if (!tokenMatches(url.searchParams.get('token'), id)) return 'missing or wrong token';
  return null;
}

/** Content-Security-Policy for the served renderer: nothing remote; the engine on loopback WebSocket. */
export const RENDERER_CSP = rendererCsp(['ws://127.0.0.1:*', 'ws://localhost:*']);

/** Headers on every response: CSP, no sniffing, and cross-origin isolation (SharedArrayBuffer). */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': RENDERER_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}
