// Electron security decisions as plain data and pure functions, so tests import them without the
// Electron binary. main.ts only applies them.

import { rendererCsp } from '../workers/common/csp';

export const APP_SCHEME = 'tessera-app';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

/** CSP for the renderer inside Electron: the engine arrives over a MessagePort, so no sockets. */
export const ELECTRON_CSP = rendererCsp([]);

export type SecureWebPreferences = {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  navigateOnDragDrop: false;
  spellcheck: false;
  webviewTag: false;
};

export function windowOptions(preloadPath: string) {
  const webPreferences: SecureWebPreferences = {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    webviewTag: false,
  };
  return {
    width: 1440,
    height: 900,
    minWidth: 1280,
    minHeight: 720,
    title: 'Tessera',
    backgroundColor: '#0f1720',
    show: false,
    webPreferences,
  };
}

/** The renderer may only ever be on our own app origin. */
export function isAllowedNavigation(url: string): boolean {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/**
 * External links open in the user's browser only for these public reference hosts (the data-source
 * pages the README and Help menu link to), only over https, never with credentials or odd ports.
 */
export const EXTERNAL_ALLOW_LIST = [
  'data.cms.gov',
  'download.cms.gov',
  'www.cms.gov',
  'npiregistry.cms.hhs.gov',
  'openpaymentsdata.cms.gov',
  'www.census.gov',
  'www2.census.gov',
];

export function isAllowedExternal(url: string): boolean {
  try {
    const u = new URL(url);
    return (
      u.protocol === 'https:' &&
      u.username === '' &&
      u.password === '' &&
      u.port === '' &&
      EXTERNAL_ALLOW_LIST.includes(u.hostname)
    );
  } catch {
    return false;
  }
}

/** Every permission request (camera, geolocation, notifications…) is denied: Tessera needs none. */
export function permissionDecision(_permission: string): boolean {
  return false;
}

/** window.open is always denied; an allowed external URL is handed to the OS browser instead. */
export function windowOpenDecision(url: string): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isAllowedExternal(url) };
}
