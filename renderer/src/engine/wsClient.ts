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
const electronPort: Promise<MessagePort> | null = window.tessera?.host === 'electron' ? waitForElectronPort() : null;

/** The engine for this page: Electron's MessagePort when running in the app, else the loopback WebSocket. */
export async function connectEngine(): Promise<EngineApi> {
  if (electronPort) return engineOverFrames(portTransport(await electronPort));
  const token = new URLSearchParams(window.location.search).get('token');
  if (!token) throw new Error('This page needs the URL printed by `tessera serve` (it carries the access token).');
  const ws = new WebSocket(`ws://${window.location.host}/engine?token=${encodeURIComponent(token)}`);
  ws.binaryType = 'arraybuffer';
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => resolve();
    ws.onerror = () => reject(new Error('Could not connect to the Tessera engine (wrong or expired token, or the server stopped).'));
  });
  return engineOverFrames(wsTransport(ws));
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
