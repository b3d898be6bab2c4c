// Electron's security settings tested as behaviour, without the Electron binary.
import { describe, expect, it } from 'vitest';
import { createFileGrants, fileAccessPolicy } from '../../../electron/fileAccess';
import { menuTemplate, type MenuItemSpec } from '../../../electron/menu';
import {
  APP_ORIGIN,
  ELECTRON_CSP,
  isAllowedExternal,
  isAllowedNavigation,
  permissionDecision,
  windowOpenDecision,
  windowOptions,
} from '../../../electron/policy';
import { addRecent, MAX_RECENT, parseRecent } from '../../../electron/recent';

describe('window options', () => {
  it('isolate the renderer: context isolation, sandbox, no Node integration anywhere', () => {
    const w = windowOptions('/app/preload.cjs').webPreferences;
    expect(w.contextIsolation).toBe(true);
    expect(w.sandbox).toBe(true);
    expect(w.nodeIntegration).toBe(false);
    expect(w.nodeIntegrationInWorker).toBe(false);
    expect(w.webSecurity).toBe(true);
    expect(w.webviewTag).toBe(false);
  });
});

describe('CSP', () => {
  it('allows no remote origin and no inline scripts', () => {
    expect(ELECTRON_CSP).toContain("default-src 'self'");
    expect(ELECTRON_CSP).toContain("script-src 'self'");
    expect(ELECTRON_CSP).not.toMatch(/https?:|unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(ELECTRON_CSP).toContain("object-src 'none'");
  });
});

describe('navigation and new windows', () => {
  it('keeps the renderer on the app origin', () => {
    expect(isAllowedNavigation(`${APP_ORIGIN}/index.html`)).toBe(true);
    expect(isAllowedNavigation('https://data.cms.gov/')).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd')).toBe(false);
    expect(isAllowedNavigation('tessera-app://evil/index.html')).toBe(false);
    expect(isAllowedNavigation('not a url')).toBe(false);
  });

  it('denies window.open always, and opens only allow-listed https links externally', () => {
    expect(windowOpenDecision('https://data.cms.gov/x')).toEqual({
      action: 'deny',
      openExternally: true,
    });
    expect(windowOpenDecision('https://evil.example/')).toEqual({
      action: 'deny',
      openExternally: false,
    });
    expect(isAllowedExternal('http://data.cms.gov/')).toBe(false);
    expect(isAllowedExternal('https://user:pw@data.cms.gov/')).toBe(false);
    expect(isAllowedExternal('https://data.cms.gov:8443/')).toBe(false);
    expect(isAllowedExternal('https://data.cms.gov.evil.example/')).toBe(false);
    expect(isAllowedExternal('javascript:alert(1)')).toBe(false);
  });

  it('denies every permission request', () => {
    for (const p of ['geolocation', 'media', 'notifications', 'clipboard-read', 'openExternal'])
      expect(permissionDecision(p)).toBe(false);
  });
});

describe('file access', () => {
  it('refuses imports and exports of paths the user did not choose', () => {
    const grants = createFileGrants();
    const policy = fileAccessPolicy(grants);
    grants.grantFile('/home/u/claims.csv');
    grants.grantDirectory('/home/u/out');
    expect(policy('importFiles', [{ files: ['/home/u/claims.csv'] }])).toBeNull();
    const refused = policy('importFiles', [{ files: ['/home/u/claims.csv', '/etc/shadow'] }]);
    expect(refused?.ok).toBe(false);
    expect(refused && !refused.ok && refused.error.message).toMatch(/\/etc\/shadow/);
    expect(policy('exportScenario', [{ scenario: 's', outDir: '/home/u/out/pack' }])).toBeNull();
    expect(policy('exportScenario', [{ scenario: 's', outDir: '/home/u/outside' }])?.ok).toBe(
      false,
    );
    expect(policy('exportScenario', [{ scenario: 's', outDir: '/home/u/out/../../etc' }])?.ok).toBe(
      false,
    );
    expect(policy('importFiles', [{ files: ['relative.csv'] }])?.ok).toBe(false);
    expect(policy('info', [])).toBeNull();
  });
});

describe('menu and recent workspaces', () => {
  const labels = (items: MenuItemSpec[]): string[] =>
    items.flatMap((i) =>
      'label' in i ? [i.label, ...('submenu' in i ? labels(i.submenu) : [])] : [],
    );

  it('has File/Edit with undo-redo accelerators and lists recent workspaces', () => {
    const t = menuTemplate({ recent: ['/a.tessera'], hasWorkspace: true, isMac: false });
    const all = labels(t);
    expect(all).toEqual(
      expect.arrayContaining([
        'File',
        'Open Workspace…',
        'Import Data…',
        'Export Scenario…',
        'Undo',
        'Redo',
        '/a.tessera',
      ]),
    );
    const edit = t.find((i) => 'label' in i && i.label === 'Edit') as { submenu: MenuItemSpec[] };
    const undo = edit.submenu.find((i) => 'label' in i && i.label === 'Undo') as {
      accelerator?: string;
    };
    expect(undo.accelerator).toBe('CmdOrCtrl+Z');
  });

  it('keeps recent workspaces unique, newest first, bounded, dropping missing files', () => {
    let list: string[] = [];
    for (let i = 0; i < 15; i++) list = addRecent(list, `/w${i}.tessera`);
    list = addRecent(list, '/w10.tessera');
    expect(list[0]).toBe('/w10.tessera');
    expect(list.length).toBe(MAX_RECENT);
    expect(new Set(list).size).toBe(list.length);
    expect(parseRecent(JSON.stringify(['/a', '/gone', 3]), (p) => p === '/a')).toEqual(['/a']);
    expect(parseRecent('{broken', () => true)).toEqual([]);
  });
});
