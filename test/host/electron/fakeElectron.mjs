// A recording stand-in for the parts of Electron's main-process API that electron/main.ts uses.
// It does what Electron would do at the boundary (window + web contents events, MessagePorts backed
// by Node's MessageChannel, the custom protocol handler, dialogs answered from a queue) and records
// every decision main.ts makes, so the test can check behaviour without the Electron binary.
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';

export const fake = {
  events: [],
  windows: [],
  ipc: new Map(),
  protocols: new Map(),
  privileged: [],
  menu: null,
  permissionRequest: null,
  permissionCheck: null,
  openedExternally: [],
  shownInFolder: [],
  errorBoxes: [],
  /** Answers for the next showOpenDialog / showSaveDialog calls, in order. */
  openAnswers: [],
  saveAnswers: [],
  onPostMessage: null,
};

class FakeApp extends EventEmitter {
  isPackaged = false;
  whenReady() {
    return Promise.resolve();
  }
  getPath(name) {
    if (name === 'userData' && process.env.FAKE_ELECTRON_USER_DATA)
      return process.env.FAKE_ELECTRON_USER_DATA;
    throw new Error(`fake electron: app.getPath('${name}') is not set up`);
  }
  quit() {
    fake.events.push('quit');
    this.emit('fake-quit');
  }
}
export const app = new FakeApp();

class FakeWebContents extends EventEmitter {
  sent = [];
  windowOpenHandler = null;
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  postMessage(channel, message, transfer = []) {
    fake.events.push(`postMessage:${channel}`);
    fake.onPostMessage?.(channel, message, transfer);
  }
  send(channel, ...args) {
    this.sent.push([channel, ...args]);
  }
}

export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents();
    fake.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url) {
    this.url = url;
    fake.events.push(`loadURL:${url}`);
    setImmediate(() => {
      this.emit('ready-to-show');
      this.webContents.emit('did-finish-load');
    });
  }
  show() {
    fake.events.push('show');
  }
}

/** Electron's MessagePortMain: 'message' events carry { data, ports }. */
class FakePortMain extends EventEmitter {
  constructor(port) {
    super();
    this.port = port;
    this.port.on('message', (data) => this.emit('message', { data, ports: [] }));
    this.port.on('close', () => this.emit('close'));
  }
  postMessage(data) {
    this.port.postMessage(data);
  }
  start() {
    this.port.start();
  }
  close() {
    this.port.close();
  }
}

export class MessageChannelMain {
  constructor() {
    const channel = new MessageChannel();
    this.port1 = new FakePortMain(channel.port1);
    this.port2 = new FakePortMain(channel.port2);
  }
}

export const ipcMain = {
  handle(channel, handler) {
    fake.ipc.set(channel, handler);
  },
};

export const dialog = {
  async showOpenDialog(options) {
    fake.events.push(`showOpenDialog:${JSON.stringify(options.properties ?? [])}`);
    return fake.openAnswers.shift() ?? { canceled: true, filePaths: [] };
  },
  async showSaveDialog() {
    return fake.saveAnswers.shift() ?? { canceled: true };
  },
  showErrorBox(title, content) {
    fake.errorBoxes.push({ title, content });
  },
};

export const Menu = {
  buildFromTemplate(template) {
    return { template };
  },
  setApplicationMenu(menu) {
    fake.menu = menu.template;
  },
};

export const protocol = {
  registerSchemesAsPrivileged(list) {
    fake.privileged.push(...list);
  },
  handle(scheme, handler) {
    fake.protocols.set(scheme, handler);
  },
};

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

export const net = {
  async fetch(url) {
    const path = fileURLToPath(url);
    const body = await readFile(path);
    return new Response(body, {
      status: 200,
      headers: { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' },
    });
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler) {
      fake.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler) {
      fake.permissionCheck = handler;
    },
  },
};

export const shell = {
  async openExternal(url) {
    fake.openedExternally.push(url);
  },
  showItemInFolder(path) {
    fake.shownInFolder.push(path);
  },
};
