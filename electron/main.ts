// Electron main process: windows, menus, dialogs, security, and the engine port hand-off. All
// decisions live in policy.ts / menu.ts / fileAccess.ts / recent.ts (tested without Electron).
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  MessageChannelMain,
  net,
  protocol,
  session,
  shell,
  type MenuItemConstructorOptions,
} from 'electron';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startEngine, type EngineClient } from '../workers/engine/runtime/client';
import { createDispatcher } from '../workers/host/dispatcher';
import { warmMapData } from '../workers/host/warmUp';
import { createFileGrants, fileAccessPolicy } from './fileAccess';
import { menuTemplate, type MenuCommand, type MenuItemSpec } from './menu';
import {
  APP_ORIGIN,
  APP_SCHEME,
  ELECTRON_CSP,
  isAllowedExternal,
  isAllowedNavigation,
  permissionDecision,
  windowOpenDecision,
  windowOptions,
} from './policy';
import { addRecent, parseRecent } from './recent';

const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = resolve(here, '..', 'renderer');
const recentFile = () => join(app.getPath('userData'), 'recent-workspaces.json');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let win: BrowserWindow | null = null;
let engine: EngineClient | null = null;
let workspace = '';
const grants = createFileGrants();

function readRecent(): string[] {
  return parseRecent(
    existsSync(recentFile()) ? readFileSync(recentFile(), 'utf8') : null,
    existsSync,
  );
}

/** Opens the new engine first: a file that is not a workspace leaves the open one working. */
async function openWorkspace(path: string): Promise<void> {
  let next: EngineClient;
  try {
    next = await startEngine(path, { create: !existsSync(path), jobLane: true });
  } catch (e) {
    dialog.showErrorBox('Cannot open workspace', `${path}\n\n${(e as Error).message}`);
    return;
  }
  const previous = engine;
  engine = next;
  await previous?.close();
  warmMapData(engine);
  workspace = path;
  grants.grantFile(path);
  mkdirSync(dirname(recentFile()), { recursive: true });
  writeFileSync(recentFile(), JSON.stringify(addRecent(readRecent(), path)));
  buildMenu();
  if (win) await win.loadURL(`${APP_ORIGIN}/index.html`);
}

function handOverPort(): void {
  if (!win || !engine) return;
  const { port1, port2 } = new MessageChannelMain();
  const dispatcher = createDispatcher({
    engine,
    send: (frame) => port1.postMessage(frame),
    policy: fileAccessPolicy(grants),
  });
  // The same boundary as the WebSocket server: frames are checked by the dispatcher and calls by the
  // contract's schemas. The renderer is our own page, so a frame that is not ours is a bug or a
  // compromised page: it is dropped and logged; the port stays open so the window keeps working.
  port1.on('message', (e) => {
    try {
      const refusal = dispatcher.onFrame((e as { data?: unknown } | null)?.data);
      if (refusal) console.error(`[tessera] engine port: dropped a frame (${refusal.reason})`);
    } catch (err) {
      console.error('[tessera] engine port: frame failed:', (err as Error)?.message ?? err);
    }
  });
  port1.on('close', () => dispatcher.closeAll());
  port1.start();
  win.webContents.postMessage('engine-port', null, [port2]);
}

async function runMenuCommand(command: MenuCommand): Promise<void> {
  switch (command.kind) {
    case 'openWorkspace': {
      const r = await dialog.showOpenDialog({
        filters: [{ name: 'Tessera workspace', extensions: ['tessera'] }],
        properties: ['openFile'],
      });
      if (!r.canceled && r.filePaths[0]) await openWorkspace(r.filePaths[0]);
      return;
    }
    case 'openRecent':
      return openWorkspace(command.path);
    case 'newDemoWorkspace': {
      const r = await dialog.showSaveDialog({
        defaultPath: 'demo.tessera',
        filters: [{ name: 'Tessera workspace', extensions: ['tessera'] }],
      });
      if (!r.canceled && r.filePath) {
        await openWorkspace(r.filePath);
        win?.webContents.send('menu-command', 'createDemo');
      }
      return;
    }
    case 'importData':
      win?.webContents.send('menu-command', 'import');
      return;
    case 'exportScenario':
      win?.webContents.send('menu-command', 'export');
      return;
    case 'renderer':
      win?.webContents.send('menu-command', command.command);
      return;
    case 'openExternal':
      if (isAllowedExternal(command.url)) await shell.openExternal(command.url);
      return;
  }
}

function toElectron(spec: MenuItemSpec): MenuItemConstructorOptions {
  if ('type' in spec) return { type: 'separator' };
  if ('role' in spec) return { role: spec.role };
  if ('submenu' in spec) return { label: spec.label, submenu: spec.submenu.map(toElectron) };
  return {
    label: spec.label,
    accelerator: spec.accelerator,
    enabled: spec.enabled ?? true,
    click: () => void runMenuCommand(spec.command),
  };
}

function buildMenu(): void {
  const template = menuTemplate({
    recent: readRecent(),
    hasWorkspace: Boolean(engine),
    isMac: process.platform === 'darwin',
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template.map(toElectron)));
}

function registerIpc(): void {
  ipcMain.handle('dialog:import', async () => {
    const r = await dialog.showOpenDialog({
      properties: ['openFile', 'multiSelections'],
      filters: [
        { name: 'Claims and planning files', extensions: ['csv', 'txt', 'tsv'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    r.filePaths.forEach((p) => grants.grantFile(p));
    return r.canceled ? [] : r.filePaths;
  });
  ipcMain.handle('dialog:export-dir', async () => {
    const r = await dialog.showOpenDialog({ properties: ['openDirectory', 'createDirectory'] });
    const dir = r.canceled ? null : (r.filePaths[0] ?? null);
    if (dir) grants.grantDirectory(dir);
    return dir;
  });
  ipcMain.handle('shell:show-in-folder', (_e, path: string) => {
    if (typeof path === 'string' && grants.isGranted(path)) shell.showItemInFolder(path);
  });
  ipcMain.handle('grant:dropped', (_e, paths: unknown) => {
    const list = Array.isArray(paths)
      ? paths.filter((p): p is string => typeof p === 'string')
      : [];
    list.forEach((p) => grants.grantFile(p));
    return list;
  });
  ipcMain.handle('app:workspace-path', () => workspace);
}

function hardenSessions(): void {
  const s = session.defaultSession;
  s.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(permissionDecision(permission)),
  );
  s.setPermissionCheckHandler((_wc, permission) => permissionDecision(permission));
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const decision = windowOpenDecision(url);
      if (decision.openExternally) void shell.openExternal(url);
      return { action: decision.action };
    });
  });
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = normalize(join(rendererDir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(rendererDir + sep) || !existsSync(file))
      return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', ELECTRON_CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

async function main(): Promise<void> {
  await app.whenReady();
  hardenSessions();
  registerIpc();
  const fromArgs = process.argv.slice(app.isPackaged ? 1 : 2).find((a) => a.endsWith('.tessera'));
  const initial = fromArgs ?? readRecent()[0] ?? join(app.getPath('userData'), 'demo.tessera');
  win = new BrowserWindow(windowOptions(join(here, 'preload.cjs')));
  win.once('ready-to-show', () => win?.show());
  win.webContents.on('did-finish-load', handOverPort);
  await openWorkspace(initial);
  app.on('window-all-closed', () => {
    void (engine?.close() ?? Promise.resolve()).finally(() => app.quit());
  });
}

void main();
