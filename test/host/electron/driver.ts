// Plays the user and the renderer against the real Electron main process bundle
// (dist/electron/main.mjs) running under the recording fake (fakeElectron.mjs): takes the engine
// MessagePort the way the preload does, calls the engine contract through it with the renderer's
// own frame client, pokes the security hooks main.ts installed, clicks menu items, then closes the
// window. Writes what it saw to FAKE_ELECTRON_REPORT as JSON (the test asserts on it).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventEmitter } from 'node:events';
import { isMainThread } from 'node:worker_threads';
import { engineOverFrames, type FrameTransport } from '../../../renderer/src/engine/frameClient';
import type { EngineApi } from '../../../workers/common/contract';
import { decodeFrame, encodeFrame } from '../../../workers/common/wire';

type FakePort = EventEmitter & { postMessage(data: unknown): void; start(): void };
type MenuItem = {
  label?: string;
  role?: string;
  submenu?: MenuItem[];
  click?: () => void;
  enabled?: boolean;
};
type FakeContents = EventEmitter & {
  sent: unknown[][];
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null;
};
type Fake = {
  events: string[];
  windows: { options: unknown; url?: string; webContents: FakeContents }[];
  ipc: Map<string, (...args: unknown[]) => unknown>;
  protocols: Map<string, (request: { url: string }) => Promise<Response>>;
  privileged: unknown[];
  menu: MenuItem[] | null;
  permissionRequest:
    ((wc: unknown, permission: string, cb: (allow: boolean) => void) => void) | null;
  permissionCheck: ((wc: unknown, permission: string) => boolean) | null;
  openedExternally: string[];
  shownInFolder: string[];
  errorBoxes: { title: string; content: string }[];
  openAnswers: { canceled: boolean; filePaths: string[] }[];
  onPostMessage: ((channel: string, message: unknown, ports: FakePort[]) => void) | null;
};

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`driver: ${name} is not set`);
  return v;
};

const ports: FakePort[] = [];
let portArrived: (() => void) | null = null;

function nextPort(): Promise<FakePort> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('no engine port was handed over within 60 s')),
      60_000,
    );
    const check = () => {
      const p = ports.shift();
      if (!p) return false;
      clearTimeout(timer);
      resolve(p);
      return true;
    };
    if (!check()) portArrived = () => void check();
  });
}

function engineOver(port: FakePort): EngineApi {
  const transport: FrameTransport = {
    send: (frame) => port.postMessage(frame),
    onFrame: (h) => port.on('message', (e: { data: ArrayBuffer }) => h(e.data)),
    onClose: (h) => port.on('close', () => h('port closed')),
  };
  port.start();
  return engineOverFrames(transport);
}

function findItem(items: MenuItem[] | null, path: string[]): MenuItem | undefined {
  let level = items ?? [];
  let found: MenuItem | undefined;
  for (const label of path) {
    found = level.find((i) => i.label === label);
    level = found?.submenu ?? [];
  }
  return found;
}

function navigationPrevented(contents: FakeContents, url: string): boolean {
  let prevented = false;
  contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
  return prevented;
}

async function fetchApp(
  fake: Fake,
  url: string,
): Promise<{ status: number; csp: string | null; body: string }> {
  const handler = fake.protocols.get('tessera-app');
  if (!handler) throw new Error('main.ts registered no tessera-app protocol handler');
  const r = await handler({ url });
  return {
    status: r.status,
    csp: r.headers.get('content-security-policy'),
    body: (await r.text()).slice(0, 200),
  };
}

async function drive(fake: Fake): Promise<Record<string, unknown>> {
  const report: Record<string, unknown> = {};
  const trace = (step: string) =>
    process.env.FAKE_ELECTRON_TRACE && console.error(`driver: ${step}`);
  trace('waiting for the engine port');
  const firstPort = await nextPort();
  const first = engineOver(firstPort);
  const win = fake.windows[0]!;
  report.windowOptions = win.options;
  report.windowUrl = win.url;
  report.privileged = fake.privileged;
  trace('port arrived');
  report.infoEmpty = await first.info();
  trace('info answered');
  let progressEvents = 0;
  report.demo = await first.createDemo(
    { providers: 3000, reps: 6, seed: 3 },
    { onProgress: () => progressEvents++ },
  );
  report.demoProgressEvents = progressEvents;
  trace('demo built');
  report.info = await first.info();
  report.scenarios = await first.listScenarios();

  // Hostile messages on the engine port: the same validation as the WebSocket server.
  const answers = new Map<number, unknown>();
  firstPort.on('message', (e: { data: unknown }) => {
    try {
      const m = decodeFrame<{ t: string; id: number; result: unknown }>(e.data as ArrayBuffer);
      if (m.t === 'result' && m.id >= 9000) answers.set(m.id, m.result);
    } catch {
      // not a frame for us
    }
  });
  for (const junk of [
    null,
    undefined,
    'text',
    42,
    { t: 'call' },
    new ArrayBuffer(3),
    new Uint8Array(64).fill(255).buffer,
    encodeFrame(null),
    encodeFrame({ t: 'nope', id: 1 }),
  ]) {
    firstPort.postMessage(junk);
  }
  const badCalls: [number, string, unknown][] = [
    [9001, 'align', undefined],
    [9002, 'align', 'x'],
    [9003, 'align', [{ territories: 1_000_000_000 }]],
    [9004, 'whatIf', [{ scenario: 'baseline', op: { kind: 'moveUnits', units: 'x', to: 'T1' } }]],
    [9005, 'close', []],
    [9006, '__proto__', []],
    [9007, 'exportScenario', [{ scenario: 'baseline' }]],
  ];
  for (const [id, method, args] of badCalls)
    firstPort.postMessage(encodeFrame({ t: 'call', id, method, args, progress: false }));
  for (let i = 0; i < 100 && answers.size < badCalls.length; i++)
    await new Promise((r) => setTimeout(r, 20));
  report.badCalls = Object.fromEntries(answers);
  report.infoAfterJunk = await first.info();

  // File access: only paths chosen in a native dialog may be read or written.
  report.importUngranted = await first.importFiles({ files: [env('FAKE_IMPORT_FILE')] });
  fake.openAnswers.push({ canceled: false, filePaths: [env('FAKE_IMPORT_FILE')] });
  const chosen = (await fake.ipc.get('dialog:import')!({})) as string[];
  report.importChosen = chosen;
  report.importGranted = await first.importFiles({ files: chosen });
  trace('imported');
  report.exportUngranted = await first.exportScenario({ scenario: 'baseline', outDir: '/tmp' });
  await fake.ipc.get('shell:show-in-folder')!({}, '/etc/passwd');
  await fake.ipc.get('shell:show-in-folder')!({}, chosen[0]);
  report.shownInFolder = fake.shownInFolder;
  report.workspacePathIpc = await fake.ipc.get('app:workspace-path')!({});

  // Security hooks installed on every web contents.
  const contents = win.webContents;
  report.navigateRemotePrevented = navigationPrevented(contents, 'https://example.com/');
  report.navigateFilePrevented = navigationPrevented(contents, 'file:///etc/passwd');
  report.navigateAppPrevented = navigationPrevented(contents, 'tessera-app://app/index.html');
  let webviewPrevented = false;
  contents.emit('will-attach-webview', { preventDefault: () => (webviewPrevented = true) });
  report.webviewPrevented = webviewPrevented;
  report.windowOpenAllowed = contents.windowOpenHandler?.({ url: 'https://data.cms.gov/' });
  report.windowOpenOther = contents.windowOpenHandler?.({ url: 'https://example.com/' });
  report.openedExternally = [...fake.openedExternally];
  report.permissionRequest = await new Promise((r) =>
    fake.permissionRequest?.({}, 'geolocation', r),
  );
  report.permissionCheck = fake.permissionCheck?.({}, 'media');

  // The app protocol serves the built renderer with the strict CSP and nothing outside it.
  report.index = await fetchApp(fake, 'tessera-app://app/index.html');
  report.traversal = await fetchApp(fake, 'tessera-app://app/%2e%2e/%2e%2e/package.json');
  report.missing = await fetchApp(fake, 'tessera-app://app/nope.js');

  // Menus: the application menu, a renderer command, a Help link.
  report.menuTop = (fake.menu ?? []).map((i) => i.label ?? i.role);
  report.importEnabled = findItem(fake.menu, ['File', 'Import Data…'])?.enabled;
  report.recentItems = (findItem(fake.menu, ['File', 'Open Recent'])?.submenu ?? []).map(
    (i) => i.label,
  );
  findItem(fake.menu, ['Edit', 'Undo'])?.click?.();
  findItem(fake.menu, ['Help', 'Open Payments data'])?.click?.();
  await new Promise((r) => setImmediate(r)); // the menu actions settle in microtasks
  report.sentToRenderer = contents.sent;
  report.openedAfterHelp = [...fake.openedExternally];
  report.recentFile = JSON.parse(
    readFileSync(join(env('FAKE_ELECTRON_USER_DATA'), 'recent-workspaces.json'), 'utf8'),
  );

  trace('menus checked');
  // Opening a file that is not a workspace: an error box, and the open workspace keeps working.
  fake.openAnswers.push({ canceled: false, filePaths: [env('FAKE_BAD_WORKSPACE')] });
  findItem(fake.menu, ['File', 'Open Workspace…'])?.click?.();
  for (let i = 0; i < 200 && fake.errorBoxes.length === 0; i++)
    await new Promise((r) => setTimeout(r, 50));
  report.errorBoxes = [...fake.errorBoxes];
  report.infoAfterBadOpen = await first.info();
  report.badFileAfter = readFileSync(env('FAKE_BAD_WORKSPACE'), 'utf8');

  trace('bad workspace refused');
  // Opening another workspace reloads the window and hands over a fresh port to the new engine.
  fake.openAnswers.push({ canceled: false, filePaths: [env('FAKE_SECOND_WORKSPACE')] });
  findItem(fake.menu, ['File', 'Open Workspace…'])?.click?.();
  const second = engineOver(await nextPort());
  report.secondInfo = await second.info();
  report.recentAfterSecond = JSON.parse(
    readFileSync(join(env('FAKE_ELECTRON_USER_DATA'), 'recent-workspaces.json'), 'utf8'),
  );
  report.events = fake.events;
  return report;
}

async function main(): Promise<void> {
  const electron = (await import('electron' as string)) as { fake: Fake; app: EventEmitter };
  const { fake, app } = electron;
  fake.onPostMessage = (channel, _message, transfer) => {
    if (channel !== 'engine-port' || !transfer[0]) return;
    ports.push(transfer[0]);
    portArrived?.();
  };
  const out = env('FAKE_ELECTRON_REPORT');
  try {
    const report = await drive(fake);
    const quit = new Promise<void>((r) => app.once('fake-quit', () => r()));
    app.emit('window-all-closed');
    await quit;
    report.quit = true;
    writeFileSync(out, JSON.stringify(report));
    process.exit(0);
  } catch (e) {
    writeFileSync(out, JSON.stringify({ error: e instanceof Error ? e.stack : String(e) }));
    process.exit(1);
  }
}

// Engine worker threads inherit --import: drive from the main thread only.
if (isMainThread) void main();
