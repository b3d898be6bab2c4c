// Optional road-network travel times from a routing server the user runs on their own machine or
// LAN: OSRM (`/table/v1/{profile}/…`) or Valhalla (`/sources_to_targets`). Requests are chunked
// (≤ chunk × chunk pairs), answers cached in memory per coordinate pair, and anything the server
// cannot answer (down, timeout, no route) falls back to the offline model in domain/driveTime.ts,
// with the reason reported. Only loopback and private-network addresses are accepted: Tessera never
// sends provider locations to a public service.
import { EngineFailure } from '../common/result';
import { isCancelled, type CancelToken } from '../common/progress';
import { travelMatrix, type TravelMatrix, type TravelPoints } from '../domain/driveTime';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import {
  checkRoutingUrl,
  isStale,
  networkReason,
  resolveRoutingUrl,
  systemResolver,
  Unreachable,
  type CheckedRoutingUrl,
  type Resolver,
} from './routingUrlPolicy';

export type RoutingServerConfig = {
  kind: 'osrm' | 'valhalla';
  /** Base URL, e.g. http://127.0.0.1:5000 (OSRM) or http://192.168.1.20:8002 (Valhalla). */
  url: string;
  /** OSRM profile (default 'driving') or Valhalla costing (default 'auto'). */
  profile?: string;
  /** Pairs per request ≤ chunk² (default: OSRM 100, osrm-routed's --max-table-size default, i.e.
   *  ≤ 10 000 pairs; Valhalla 50, i.e. ≤ 2 500 pairs, its default max_matrix_location_pairs). */
  chunk?: number;
  /** Per-request timeout in ms (default 20 000). */
  timeoutMs?: number;
  /** Cached pairs kept in memory (default 2 000 000; oldest dropped first). */
  cacheLimit?: number;
};

export type RoutedMatrix = TravelMatrix & {
  /** 'server' when every pair came from the server (or its cache), 'offline' when none did. */
  source: 'server' | 'offline' | 'mixed';
  /** Pairs filled in by the offline model (server unreachable, no route between the points). */
  offlinePairs: number;
  /** Why pairs fell back, in words, when any did. */
  warning: string | null;
  /** Set when a request failed (down, timeout, HTTP error, bad answer), as opposed to "no route". */
  failure: string | null;
  /** True when that failure was the network (refused, reset, no answer in time), not an answer. */
  unreachable: boolean;
};

type Fetch = typeof fetch;
type Block = { minutes: (number | null)[][]; miles: (number | null)[][] };

export { checkRoutingUrl };

/**
 * fetch() to the checked address only: the socket connects to `checked.address` (a lookup that
 * returns it, no second resolution), the Host header and TLS server name stay the URL's, and
 * redirects are never followed (node:http does not follow them; the caller refuses 3xx answers).
 * Hand-rolled over node:http because fetch() in Node 20 cannot pin the address without undici's
 * Agent, which is not a dependency of this project.
 */
export function pinnedFetch(checked: CheckedRoutingUrl): Fetch {
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(String(input instanceof Request ? input.url : input));
      if (target.protocol !== checked.url.protocol || target.host !== checked.url.host) {
        reject(
          new Error(
            `refused to send to ${target.origin}: only the checked server ${checked.url.origin} is contacted`,
          ),
        );
        return;
      }
      const https = target.protocol === 'https:';
      const headers: Record<string, string> = { host: target.host };
      new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
      const body = typeof init?.body === 'string' ? init.body : undefined;
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const req = (https ? httpsRequest : httpRequest)(
        {
          host: checked.address,
          family: checked.family,
          port: Number(target.port) || (https ? 443 : 80),
          path: `${target.pathname}${target.search}`,
          method: init?.method ?? 'GET',
          headers,
          lookup: ((_host: string, opts: { all?: boolean }, cb: (...a: unknown[]) => void) =>
            opts.all
              ? cb(null, [{ address: checked.address, family: checked.family }])
              : cb(null, checked.address, checked.family)) as unknown as LookupFunction,
          ...(https && !isIP(checked.host) ? { servername: checked.host } : {}),
          signal: init?.signal ?? undefined,
        },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (e) => reject(Object.assign(new Error('fetch failed'), { cause: e })));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            const out = new Headers();
            for (const [k, v] of Object.entries(res.headers))
              if (v !== undefined) out.set(k, Array.isArray(v) ? v.join(', ') : v);
            const nullBody = status === 204 || status === 304 || status < 200;
            try {
              resolve(
                new Response(nullBody ? null : Buffer.concat(chunks), {
                  status: status >= 200 && status <= 599 ? status : 502,
                  headers: out,
                }),
              );
            } catch (e) {
              reject(e);
            }
          });
        },
      );
      req.on('error', (e) => reject(Object.assign(new Error('fetch failed'), { cause: e })));
      req.end(body);
    });
}

/** A 3xx from a routing server is refused, never followed: it could point anywhere. */
function refuseRedirect(res: Response, origin: string): Response {
  if (res.status >= 300 && res.status < 400) {
    const to = res.headers.get('location') ?? '(no Location)';
    throw new Error(
      `${origin} answered HTTP ${res.status} redirecting to ${to.slice(0, 200)}; Tessera does not follow redirects from a routing server (rule: no redirects). Point the setting at the server's own address.`,
    );
  }
  return res;
}

/** Most coordinates (sources + destinations) in one request. */
const MAX_COORDS = 300;

const key = (lat: number, lon: number) => `${lat.toFixed(5)},${lon.toFixed(5)}`;

export type RoutingClient = {
  /** Minutes and road miles for every origin × destination pair (fallback filled where needed). */
  table(
    origins: TravelPoints,
    destinations: TravelPoints,
    cancel?: CancelToken,
  ): Promise<RoutedMatrix>;
  cacheSize(): number;
};

export type RoutingClientOptions = {
  /** A fetch to use instead of the pinned one (tests); the URL is still resolved and checked. */
  fetch?: Fetch;
  /** Host-name resolver (default the system's); the decision is made on what it returns. */
  resolver?: Resolver;
};

export function createRoutingClient(
  config: RoutingServerConfig,
  options: RoutingClientOptions | Fetch = {},
): RoutingClient {
  const opts: RoutingClientOptions = typeof options === 'function' ? { fetch: options } : options;
  const resolver = opts.resolver ?? systemResolver;
  const base = checkRoutingUrl(config.url);
  /** Resolved and checked for each table (so a changed LAN address is followed, and re-checked). */
  let fetchImpl: Fetch = fetch;
  const chunk = Math.max(
    1,
    Math.min(1000, Math.floor(config.chunk ?? (config.kind === 'valhalla' ? 50 : 100))),
  );
  const timeoutMs = config.timeoutMs ?? 20_000;
  const cacheLimit = config.cacheLimit ?? 2_000_000;
  const cache = new Map<string, [minutes: number, miles: number]>();

  function remember(k: string, value: [number, number]): void {
    if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value as string);
    cache.set(k, value);
  }

  // A server closes idle keep-alive connections (Node's http after 5 s, OSRM's own timeout); a
  // request sent on one just as it closes fails with a reset. Asked again once, on a fresh socket.
  async function request(src: [number, number][], dst: [number, number][]): Promise<Block> {
    try {
      return await attempt(src, dst);
    } catch (error) {
      if (error instanceof Unreachable && error.stale) return attempt(src, dst);
      throw error;
    }
  }

  async function attempt(src: [number, number][], dst: [number, number][]): Promise<Block> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    // Network failures (refused, reset, timeout) are Unreachable; a bad answer is a plain Error.
    const reach: Fetch = (input, init) =>
      fetchImpl(input, { ...init, redirect: 'manual' }).then(
        (res) => refuseRedirect(res, base.origin),
        (e: unknown) => {
          throw new Unreachable(networkReason(e), isStale(e));
        },
      );
    try {
      return config.kind === 'osrm'
        ? await osrmTable({
            base,
            profile: config.profile ?? 'driving',
            src,
            dst,
            fetchImpl: reach,
            signal: controller.signal,
          })
        : await valhallaTable({
            base,
            costing: config.profile ?? 'auto',
            src,
            dst,
            fetchImpl: reach,
            signal: controller.signal,
          });
    } catch (error) {
      if (controller.signal.aborted)
        throw new Unreachable(`no answer within ${timeoutMs / 1000} s`);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async function table(
    origins: TravelPoints,
    destinations: TravelPoints,
    cancel?: CancelToken,
  ): Promise<RoutedMatrix> {
    const offline = travelMatrix(origins, destinations);
    const { rows, cols } = offline;
    const minutes = new Float32Array(rows * cols).fill(NaN);
    const miles = new Float32Array(rows * cols).fill(NaN);
    const oKeys = Array.from({ length: rows }, (_, i) => key(origins.lat[i]!, origins.lon[i]!));
    const dKeys = Array.from({ length: cols }, (_, j) =>
      key(destinations.lat[j]!, destinations.lon[j]!),
    );
    let failure: string | null = null;
    let unreachable = false;
    try {
      const checked = await resolveRoutingUrl(config.url, resolver);
      fetchImpl = opts.fetch ?? pinnedFetch(checked);
    } catch (error) {
      // the name now resolves somewhere refused (or nowhere): nothing is sent, the offline model answers
      failure = `routing server ${base.origin} refused: ${(error as Error).message}`;
    }
    // Blocks of ≤ chunk² pairs: square for big tables, one wide strip for few origins (a home base
    // to its accounts), capped at MAX_COORDS coordinates so an OSRM GET stays ~6 KB behind proxies.
    const rowStep = Math.max(1, Math.min(rows, chunk));
    const colStep = Math.max(
      1,
      Math.min(Math.floor((chunk * chunk) / rowStep), MAX_COORDS - rowStep),
    );
    for (let i0 = 0; i0 < rows && !failure; i0 += rowStep) {
      for (let j0 = 0; j0 < cols && !failure; j0 += colStep) {
        if (isCancelled(cancel))
          throw new EngineFailure('CANCELLED', 'Drive-time table cancelled.');
        const i1 = Math.min(rows, i0 + rowStep);
        const j1 = Math.min(cols, j0 + colStep);
        let missing = false;
        for (let i = i0; i < i1; i++) {
          for (let j = j0; j < j1; j++) {
            const hit = cache.get(`${oKeys[i]}|${dKeys[j]}`);
            if (hit) [minutes[i * cols + j], miles[i * cols + j]] = hit;
            else missing = true;
          }
        }
        if (!missing) continue;
        const src: [number, number][] = [];
        const dst: [number, number][] = [];
        for (let i = i0; i < i1; i++) src.push([origins.lat[i]!, origins.lon[i]!]);
        for (let j = j0; j < j1; j++) dst.push([destinations.lat[j]!, destinations.lon[j]!]);
        try {
          const block = await request(src, dst);
          for (let i = i0; i < i1; i++) {
            for (let j = j0; j < j1; j++) {
              const m = block.minutes[i - i0]?.[j - j0];
              const d = block.miles[i - i0]?.[j - j0];
              if (m == null || !Number.isFinite(m)) continue;
              const value: [number, number] = [
                m,
                d != null && Number.isFinite(d) ? d : offline.miles[i * cols + j]!,
              ];
              remember(`${oKeys[i]}|${dKeys[j]}`, value);
              [minutes[i * cols + j], miles[i * cols + j]] = value;
            }
          }
        } catch (error) {
          failure = `routing server ${base.origin} failed: ${(error as Error).message}`;
          unreachable = error instanceof Unreachable;
        }
      }
    }
    let offlinePairs = 0;
    for (let k = 0; k < rows * cols; k++) {
      if (Number.isNaN(minutes[k]!)) {
        minutes[k] = offline.minutes[k]!;
        miles[k] = offline.miles[k]!;
        offlinePairs++;
      }
    }
    const total = rows * cols;
    const source = offlinePairs === 0 ? 'server' : offlinePairs === total ? 'offline' : 'mixed';
    const warning =
      offlinePairs === 0
        ? null
        : `${offlinePairs} of ${total} pairs use the offline drive-time model (` +
          (failure ?? 'the server found no road route between those points') +
          '). Check that the server is running and covers the area.';
    return { rows, cols, minutes, miles, source, offlinePairs, warning, failure, unreachable };
  }

  return { table, cacheSize: () => cache.size };
}

/**
 * Drive-time table from the configured server when there is one, else the offline model. Never
 * fails because of the server: its errors become a fallback with a warning.
 */
export async function routedTravelMatrix(
  config: RoutingServerConfig | null,
  origins: TravelPoints,
  destinations: TravelPoints,
  cancel?: CancelToken,
): Promise<RoutedMatrix> {
  if (!config) {
    const m = travelMatrix(origins, destinations);
    return {
      ...m,
      source: 'offline',
      offlinePairs: m.rows * m.cols,
      warning: null,
      failure: null,
      unreachable: false,
    };
  }
  return clientFor(config).table(origins, destinations, cancel);
}

const clients = new Map<string, RoutingClient>();
function clientFor(config: RoutingServerConfig): RoutingClient {
  const k = JSON.stringify(config);
  let client = clients.get(k);
  if (!client) clients.set(k, (client = createRoutingClient(config)));
  return client;
}

/** Server root without a trailing slash, e.g. http://127.0.0.1:5000/osrm. */
const root = (base: URL) => `${base.origin}${base.pathname.replace(/\/+$/, '')}`;

type TableArgs = {
  base: URL;
  src: [number, number][];
  dst: [number, number][];
  fetchImpl: Fetch;
  signal: AbortSignal;
};

async function readJson(res: Response, what: string): Promise<Record<string, unknown>> {
  const text = await res.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error(`${what} answered HTTP ${res.status} with non-JSON: ${text.slice(0, 120)}`);
  }
  if (!res.ok)
    throw new Error(
      `${what} answered HTTP ${res.status}: ${String(body.message ?? body.error ?? text.slice(0, 120))}`,
    );
  return body;
}

async function osrmTable(args: TableArgs & { profile: string }): Promise<Block> {
  const coords = [...args.src, ...args.dst]
    .map(([lat, lon]) => `${lon.toFixed(6)},${lat.toFixed(6)}`)
    .join(';');
  const sources = args.src.map((_, i) => i).join(';');
  const destinations = args.dst.map((_, j) => args.src.length + j).join(';');
  const url =
    `${root(args.base)}/table/v1/${encodeURIComponent(args.profile)}/${coords}` +
    `?sources=${sources}&destinations=${destinations}&annotations=duration,distance`;
  const body = await readJson(await args.fetchImpl(url, { signal: args.signal }), 'OSRM');
  if (body.code !== 'Ok')
    throw new Error(`OSRM said ${String(body.code)}: ${String(body.message ?? '')}`);
  const durations = body.durations as (number | null)[][] | undefined;
  const distances = body.distances as (number | null)[][] | undefined;
  if (!Array.isArray(durations)) throw new Error('OSRM answer has no durations table');
  return {
    minutes: durations.map((row) => row.map((s) => (s == null ? null : s / 60))),
    miles: (distances ?? durations.map((row) => row.map(() => null))).map((row) =>
      row.map((m) => (m == null ? null : m / 1609.344)),
    ),
  };
}

type ValhallaCell = {
  time?: number | null;
  distance?: number | null;
  from_index?: number;
  to_index?: number;
};

async function valhallaTable(args: TableArgs & { costing: string }): Promise<Block> {
  const payload = {
    sources: args.src.map(([lat, lon]) => ({ lat, lon })),
    targets: args.dst.map(([lat, lon]) => ({ lat, lon })),
    costing: args.costing,
    units: 'miles',
  };
  const res = await args.fetchImpl(`${root(args.base)}/sources_to_targets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
    signal: args.signal,
  });
  const body = await readJson(res, 'Valhalla');
  const table = body.sources_to_targets as
    | ValhallaCell[][]
    | ValhallaCell[]
    | { durations?: (number | null)[][]; distances?: (number | null)[][] };
  const minutes = args.src.map(() => args.dst.map((): number | null => null));
  const miles = args.src.map(() => args.dst.map((): number | null => null));
  if (Array.isArray(table)) {
    const cells = (table as (ValhallaCell | ValhallaCell[])[]).flat();
    cells.forEach((c, k) => {
      const i = c.from_index ?? Math.floor(k / args.dst.length);
      const j = c.to_index ?? k % args.dst.length;
      if (minutes[i] && c.time != null) minutes[i]![j] = c.time / 60;
      if (miles[i] && c.distance != null) miles[i]![j] = c.distance;
    });
  } else if (table && Array.isArray(table.durations)) {
    table.durations.forEach((row, i) =>
      row.forEach((s, j) => (minutes[i]![j] = s == null ? null : s / 60)),
    );
    table.distances?.forEach((row, i) => row.forEach((d, j) => (miles[i]![j] = d)));
  } else {
    throw new Error('Valhalla answer has no sources_to_targets table');
  }
  return { minutes, miles };
}
