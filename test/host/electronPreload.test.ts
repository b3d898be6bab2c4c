// The sandboxed preload (dist/electron/preload.cjs, as built by test/globalSetup.ts) run against a recording fake of
// Electron's renderer-side API: what it exposes to the page, and how the engine port and menu
// commands reach the page.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..', '..');
type Listener = (event: { ports?: unknown[] }, ...args: unknown[]) => void;

function loadPreload() {
  const listeners = new Map<string, Listener>();
  const invoked: unknown[][] = [];
  const exposed = new Map<string, Record<string, unknown>>();
  const posted: unknown[][] = [];
  const dispatched: { type: string; detail: unknown }[] = [];
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api),
    },
    ipcRenderer: {
      on: (channel: string, listener: Listener) => listeners.set(channel, listener),
      invoke: async (...args: unknown[]) => void invoked.push(args),
    },
    webUtils: { getPathForFile: (f: { path: string }) => f.path },
  };
  const window = {
    location: { origin: 'tessera-app://app' },
    postMessage: (...args: unknown[]) => posted.push(args),
    dispatchEvent: (e: CustomEvent) => dispatched.push({ type: e.type, detail: e.detail }),
  };
  const source = readFileSync(join(root, 'dist/electron/preload.cjs'), 'utf8');
  const requireFake = (id: string) => {
    if (id === 'electron') return electron;
    throw new Error(`the sandboxed preload may only require electron, not ${id}`);
  };
  const module = { exports: {} };
  new Function('require', 'module', 'exports', 'window', source)(
    requireFake,
    module,
    module.exports,
    window,
  );
  return { listeners, invoked, exposed, posted, dispatched };
}

describe('Electron preload', () => {
  it('exposes only the small tessera bridge, with no Node or ipcRenderer handles', () => {
    const { exposed } = loadPreload();
    expect([...exposed.keys()]).toEqual(['tessera']);
    const api = exposed.get('tessera')!;
    expect(Object.keys(api).sort()).toEqual([
      'chooseExportDir',
      'chooseImportFiles',
      'grantDropped',
      'host',
      'showInFolder',
      'workspacePath',
    ]);
    expect(api.host).toBe('electron');
    for (const [key, value] of Object.entries(api))
      if (key !== 'host') expect(typeof value).toBe('function');
  });

  it('hands the engine port to the page on its own origin and forwards menu commands as events', () => {
    const { listeners, posted, dispatched } = loadPreload();
    const port = { fake: 'port' };
    listeners.get('engine-port')!({ ports: [port] });
    expect(posted).toEqual([['tessera-engine-port', 'tessera-app://app', [port]]]);
    listeners.get('menu-command')!({}, 'undo');
    expect(dispatched).toEqual([{ type: 'tessera-command', detail: 'undo' }]);
  });

  it('asks main for dialogs and grants, passing dropped files as paths only', async () => {
    const { exposed, invoked } = loadPreload();
    const api = exposed.get('tessera') as Record<string, (...a: unknown[]) => Promise<unknown>>;
    await api.chooseImportFiles!();
    await api.chooseExportDir!();
    await api.showInFolder!('/data/out/pack.xlsx');
    await api.grantDropped!([{ path: '/data/claims.csv' }, { path: '' }]);
    expect(invoked).toEqual([
      ['dialog:import'],
      ['dialog:export-dir'],
      ['shell:show-in-folder', '/data/out/pack.xlsx'],
      ['grant:dropped', ['/data/claims.csv']],
    ]);
  });
});
