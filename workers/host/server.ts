// `tessera serve`: the built renderer and the engine contract on 127.0.0.1 only. Every WebSocket
// to the engine must carry this launch's secret token and our own Origin.
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EngineApi } from '../common/contract';
import { createDispatcher } from './dispatcher';
import { checkBasemapFile, parseRange } from './basemapFile';
import {
  isAllowedHost,
  refuseEngineUpgrade,
  securityHeaders,
  tokenMatches,
  type ServerIdentity,
} from './serverPolicy';
import { warmMapData } from './warmUp';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

export type RunningServer = { url: string; port: number; token: string; close(): Promise<void> };

export async function startServer(options: {
  engine: EngineApi;
  rendererDir: string;
  port?: number;
  token?: string;
  /** Start loading the first map frame's data at once (default true). */
  warm?: boolean;
}): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const root = resolve(options.rendererDir);
  const identity: ServerIdentity = { token, port: 0 };

  // Every request runs inside a boundary: whatever a request makes throw is a 400/500 for that
  // request, never an exception that ends the process (and the user's open view with it).
  const http: Server = createServer((req, res) => {
    req.on('error', () => res.destroy());
    res.on('error', () => res.destroy());
    try {
      serveStatic(req, res, root, identity);
    } catch (e) {
      answerError(res, e);
    }
  });
  http.on('clientError', (_err, socket) => {
    // malformed HTTP (bad request line, headers over the limit…): a 400 and the socket closed
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  wss.on('error', () => undefined);
  http.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    try {
      const reason = refuseEngineUpgrade(
        { url: req.url, origin: req.headers.origin, host: req.headers.host },
        identity,
      );
      if (reason) {
        socket.end(
          `HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\nRefused: ${reason}\r\n`,
        );
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => attach(ws, options.engine));
    } catch {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    }
  });

  await new Promise<void>((ok, fail) => {
    http.once('error', fail);
    http.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  if (options.warm !== false) warmMapData(options.engine);
  const address = http.address();
  identity.port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${identity.port}/?token=${token}`;
  return {
    url,
    port: identity.port,
    token,
    close: () =>
      new Promise<void>((ok) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        http.close(() => ok());
        http.closeAllConnections();
      }),
  };
}

/**
 * Largest frame a renderer may send (16 MiB). The renderer's calls are small requests (the biggest,
 * a what-if moving every ZIP of the country, is ~1 MB); the large frames go the other way (map
 * points, server → page), which this limit does not touch. A bigger frame closes the socket with
 * 1009 (message too big) before it is buffered whole.
 */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

function attach(ws: WebSocket, engine: EngineApi): void {
  ws.binaryType = 'arraybuffer';
  const dispatcher = createDispatcher({
    engine,
    send: (frame) => {
      if (ws.readyState === ws.OPEN) ws.send(frame);
    },
  });
  // Protocol errors (bad opcode, unmasked frame, invalid UTF-8, over maxPayload): ws has already
  // closed the socket with the matching code (1002, 1007, 1009); the listener keeps the error local.
  ws.on('error', () => ws.terminate());
  ws.on('message', (data, isBinary) => {
    try {
      if (!isBinary) return ws.close(1003, 'engine frames are binary');
      const buf = data as ArrayBuffer | Buffer;
      const frame =
        buf instanceof ArrayBuffer
          ? buf
          : buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
      const refusal = dispatcher.onFrame(frame);
      if (refusal) ws.close(refusal.code, refusal.reason);
    } catch {
      ws.close(1011, 'unexpected condition');
    }
  });
  ws.on('close', () => dispatcher.closeAll());
}

function answerError(res: ServerResponse, e: unknown): void {
  const malformed = e instanceof URIError || e instanceof TypeError;
  if (!malformed) console.error('[tessera] request failed:', (e as Error)?.message ?? e);
  if (res.headersSent) return void res.destroy();
  const status = malformed ? 400 : 500;
  res
    .writeHead(status, { ...securityHeaders(), 'Content-Type': 'text/plain' })
    .end(malformed ? 'Bad request: malformed URL\n' : 'Internal error\n');
}

function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  id: ServerIdentity,
): void {
  const headers = securityHeaders();
  if (!isAllowedHost(req.headers.host, id)) {
    res
      .writeHead(403, { ...headers, 'Content-Type': 'text/plain' })
      .end('Refused: Host header is not this loopback server\n');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
    return;
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === BASEMAP_PATH) return serveBasemap(req, res, url, id);
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    res
      .writeHead(400, { ...headers, 'Content-Type': 'text/plain' })
      .end('Bad request: malformed percent-encoding in the URL\n');
    return;
  }
  if (rel.includes('\0')) {
    res
      .writeHead(400, { ...headers, 'Content-Type': 'text/plain' })
      .end('Bad request: NUL in the URL\n');
    return;
  }
  if (rel === '/' || rel === '') rel = '/index.html';
  const file = normalize(join(root, rel));
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('Not found\n');
    return;
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
  });
  if (req.method === 'HEAD') res.end();
  else
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
}

/** Where the page reads the user's PMTiles street basemap: `?token=…&path=/abs/file.pmtiles`, in byte ranges. */
export const BASEMAP_PATH = '/basemap.pmtiles';

function serveBasemap(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  id: ServerIdentity,
): void {
  const headers = securityHeaders();
  const refuse = (status: number, reason: string) =>
    res.writeHead(status, { ...headers, 'Content-Type': 'text/plain' }).end(`Refused: ${reason}\n`);
  // same rules as the engine socket: this launch's token, and (when the browser says) our own page
  if (!tokenMatches(url.searchParams.get('token'), id))
    return void refuse(403, 'missing or wrong token');
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin')
    return void refuse(403, 'request does not come from this page');
  const checked = checkBasemapFile(url.searchParams.get('path'));
  if (!checked.ok) return void refuse(checked.status, checked.reason);
  const { path, size, mtimeMs } = checked.file;
  const range = parseRange(req.headers.range, size);
  const common = {
    ...headers,
    'Content-Type': 'application/vnd.pmtiles',
    'Accept-Ranges': 'bytes',
    ETag: `"${size.toString(36)}-${Math.round(mtimeMs).toString(36)}"`,
  };
  if (range === 'bad')
    return void res.writeHead(416, { ...common, 'Content-Range': `bytes */${size}` }).end();
  const { start, end } = range ?? { start: 0, end: size - 1 };
  res.writeHead(range ? 206 : 200, {
    ...common,
    'Content-Length': String(end - start + 1),
    ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
  });
  if (req.method === 'HEAD' || size === 0) res.end();
  else
    createReadStream(path, { start, end })
      .on('error', () => res.destroy())
      .pipe(res);
}
