// Transport of the engine contract for the renderer (see connect.ts, which picks the host).
import type { EngineApi } from '../../../workers/common/contract';
import { engineOverFrames, type FrameTransport } from './frameClient';

/** What the Electron preload exposes (absent when served by `tessera serve`). */
export type ElectronBridge = {
  host: 'electron';
  chooseImportFiles(): Promise<string[]>;
  chooseExportDir(): Promise<string | null>;
  showInFolder(path: string): Promise<void>;
  grantDropped(files: File[]): Promise<string[]>;
  workspacePath(): Promise<string>;
};
declare global {
  interface Window {
    tessera?: ElectronBridge;
  }
}

/** The preload forwards the engine's MessagePort with window.postMessage. */
function waitForElectronPort(): Promise<MessagePort> {
  return new Promise((resolve) => {
    const onMessage = (e: MessageEvent) => {
      if (e.source === window && e.data === 'tessera-engine-port' && e.ports[0]) {
        window.removeEventListener('message', onMessage);
        resolve(e.ports[0]);
      }
    };
    window.addEventListener('message', onMessage);
  });
}

/**
 * In the desktop app, listen for the port as soon as this module loads: main hands it over when the
 * page has finished loading, which can come before React runs its first effects.
 */
const electronPort: Promise<MessagePort> | null =
  window.tessera?.host === 'electron' ? waitForElectronPort() : null;

/** Told when the connection is lost (with why) and when it is back (the page then refreshes its views). */
export type ConnectionEvents = { onLost(reason: string): void; onBack(): void };

/** Seconds between reconnect attempts after the connection is lost. */
const RETRY_MS = 1500;

/** The engine for this page: Electron's MessagePort when running in the app, else the loopback WebSocket. */
export async function connectEngine(events?: ConnectionEvents): Promise<EngineApi> {
  if (electronPort) return engineOverFrames(portTransport(await electronPort));
  const token = new URLSearchParams(window.location.search).get('token');
  if (!token)
    throw new Error(
      'This page needs the URL printed by `tessera serve` (it carries the access token).',
    );
  const url = `ws://${window.location.host}/engine?token=${encodeURIComponent(token)}`;
  // The page keeps one engine object; behind it the socket is replaced when the connection comes back.
  let current = await openSocket(url);
  const watch = (conn: { api: EngineApi; closed: Promise<string> }) =>
    void conn.closed.then(async (reason) => {
      events?.onLost(reason);
      for (;;) {
        await new Promise((r) => setTimeout(r, RETRY_MS));
        try {
          current = await openSocket(url);
          watch(current);
          events?.onBack();
          return;
        } catch {
          /* still down: try again */
        }
      }
    });
  watch(current);
  return new Proxy({} as EngineApi, {
    get(_t, prop) {
      if (prop === 'then' || typeof prop !== 'string') return undefined;
      return (...args: unknown[]) =>
        (current.api as unknown as Record<string, (...a: unknown[]) => unknown>)[prop]!(...args);
    },
  });
}

async function openSocket(url: string): Promise<{ api: EngineApi; closed: Promise<string> }> {
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => resolve();
    ws.onerror = () =>
      reject(
        new Error(
          'Could not connect to the Tessera engine (wrong or expired token, or the server stopped).',
        ),
      );
  });
  const closed = new Promise<string>((resolve) =>
    ws.addEventListener('close', (e) =>
      resolve(e.reason || `the server closed the connection, code ${e.code}`),
    ),
  );
  return { api: engineOverFrames(wsTransport(ws)), closed };
}

function wsTransport(ws: WebSocket): FrameTransport {
  return {
    send: (frame) => ws.send(frame),
    onFrame: (h) => ws.addEventListener('message', (e) => h(e.data as ArrayBuffer)),
    onClose: (h) => ws.addEventListener('close', (e) => h(e.reason || `code ${e.code}`)),
  };
}

function portTransport(port: MessagePort): FrameTransport {
  const closers: ((reason: string) => void)[] = [];
  port.start();
  return {
    send: (frame) => port.postMessage(frame, [frame]),
    onFrame: (h) => port.addEventListener('message', (e) => h(e.data as ArrayBuffer)),
    onClose: (h) => closers.push(h),
  };
}
