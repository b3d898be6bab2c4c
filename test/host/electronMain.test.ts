// The Electron host, behaviour-tested without the Electron binary (it cannot be installed on the
// build machines): the real bundled main process (dist/electron/main.mjs) runs under plain Node with
// `electron` resolved to a recording fake (test/host/electron/fakeElectron.mjs). A driver plays the
// renderer through the engine MessagePort main.ts hands over, and the user through menus and
// dialogs. What is checked is what main.ts decides; Chromium's own enforcement of those settings
// (sandbox, CSP) is Electron's and is not re-tested here.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { ELECTRON_CSP } from '../../electron/policy';

const root = resolve(__dirname, '..', '..');
/** JSON written by the main-process run (another process); the assertions below check its shape. */
type Report = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let report: Report;
let dir: string;

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/renderer/index.html')))
    throw new Error(
      'dist/renderer is missing: run `npm run build` before this test (npm test does).',
    );
  dir = mkdtempSync(join(tmpdir(), 'tessera-electron-'));
  const driver = join(dir, 'driver.mjs');
  await build({
    entryPoints: [join(__dirname, 'electron/driver.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: driver,
    external: ['electron'],
    logLevel: 'error',
  });
  const bad = join(dir, 'not-a-workspace.tessera');
  writeFileSync(bad, 'NPI,Name\n1234567893,not a workspace\n');
  const env = {
    ...process.env,
    FAKE_ELECTRON_USER_DATA: join(dir, 'userData'),
    FAKE_ELECTRON_REPORT: join(dir, 'report.json'),
    FAKE_IMPORT_FILE: join(root, 'test/fixtures/real/nppes-pl-pfile-excerpt.csv'),
    FAKE_BAD_WORKSPACE: bad,
    FAKE_SECOND_WORKSPACE: join(dir, 'second.tessera'),
  };
  const register = join(__dirname, 'electron/register.mjs');
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      register,
      '--import',
      driver,
      join(root, 'dist/electron/main.mjs'),
      join(dir, 'first.tessera'),
    ],
    { cwd: root, env, encoding: 'utf8', timeout: 180_000 },
  );
  const out = existsSync(env.FAKE_ELECTRON_REPORT)
    ? readFileSync(env.FAKE_ELECTRON_REPORT, 'utf8')
    : '';
  if (!out)
    throw new Error(
      `the main process wrote no report (exit ${run.status}):\n${run.stderr}\n${run.stdout}`,
    );
  report = JSON.parse(out) as Report;
  if (report.error) throw new Error(`driver failed: ${report.error}\n${run.stderr}`);
}, 240_000);

describe('Electron main process (under a recording fake of Electron)', () => {
  it('opens one hidden, sandboxed, context-isolated window on the app origin and shows it when ready', () => {
    const prefs = report.windowOptions.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(existsSync(prefs.preload)).toBe(true);
    expect(report.windowOptions.show).toBe(false);
    expect(report.windowUrl).toBe('tessera-app://app/index.html');
    expect(report.events).toContain('show');
    expect(report.privileged).toEqual([
      {
        scheme: 'tessera-app',
        privileges: { standard: true, secure: true, supportFetchAPI: true },
      },
    ]);
  });

  it('validates every message on the MessagePort like the WebSocket server: junk dropped, bad calls INVALID_ARGUMENT naming the field', () => {
    const bad = report.badCalls;
    const field = (id: number) => bad[id]?.error?.details?.field;
    expect(Object.keys(bad).sort()).toEqual([
      '9001',
      '9002',
      '9003',
      '9004',
      '9005',
      '9006',
      '9007',
    ]);
    for (const id of Object.keys(bad))
      expect(bad[id]).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(field(9001)).toBe('args');
    expect(field(9002)).toBe('args');
    expect(field(9003)).toBe('territories');
    expect(field(9004)).toBe('op.units');
    expect(field(9005)).toBe('method');
    expect(field(9007)).toBe('outDir');
    expect(report.infoAfterJunk).toMatchObject({ ok: true, value: { providers: 3000 } });
  });

  it('serves the engine contract over the MessagePort it hands to the renderer, progress included', () => {
    expect(report.infoEmpty).toMatchObject({ ok: true, value: { providers: 0 } });
    expect(report.demo).toMatchObject({
      ok: true,
      value: { synthetic: true, providers: 3000, reps: 6 },
    });
    expect(report.demoProgressEvents).toBeGreaterThan(0);
    expect(report.info).toMatchObject({
      ok: true,
      value: { synthetic: true, providers: 3000, reps: 6 },
    });
    expect(report.scenarios.ok).toBe(true);
    expect(report.scenarios.value.length).toBeGreaterThan(0);
  });

  it('lets the renderer read and write only files the user chose in a dialog', () => {
    expect(report.importUngranted).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(report.importUngranted.error.message).toMatch(/File › Import/);
    expect(report.importGranted.ok).toBe(true);
    expect(report.importGranted.value.files[0]).toMatchObject({ format: 'nppes-pl' });
    expect(report.importGranted.value.files[0].imported).toBeGreaterThan(0);
    expect(report.exportUngranted).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(report.shownInFolder).toEqual([report.importChosen[0]]);
    expect(report.workspacePathIpc).toMatch(/first\.tessera$/);
  });

  it('blocks navigation, webviews, window.open and every permission; opens only allow-listed links externally', () => {
    expect(report.navigateRemotePrevented).toBe(true);
    expect(report.navigateFilePrevented).toBe(true);
    expect(report.navigateAppPrevented).toBe(false);
    expect(report.webviewPrevented).toBe(true);
    expect(report.windowOpenAllowed).toEqual({ action: 'deny' });
    expect(report.windowOpenOther).toEqual({ action: 'deny' });
    expect(report.openedExternally).toEqual(['https://data.cms.gov/']);
    expect(report.permissionRequest).toBe(false);
    expect(report.permissionCheck).toBe(false);
  });

  it('serves the built renderer with the strict CSP and nothing outside it', () => {
    expect(report.index.status).toBe(200);
    expect(report.index.csp).toBe(ELECTRON_CSP);
    expect(report.index.body).toMatch(/<!doctype html>/i);
    expect(report.traversal.status).toBe(404);
    expect(report.missing.status).toBe(404);
  });

  it('builds the application menu, forwards renderer commands and remembers recent workspaces', () => {
    expect(report.menuTop).toEqual(['File', 'Edit', 'Territories', 'View', 'Help']);
    expect(report.importEnabled).toBe(true);
    expect(report.recentItems[0]).toMatch(/first\.tessera$/);
    expect(report.sentToRenderer).toContainEqual(['menu-command', 'undo']);
    expect(report.openedAfterHelp).toContain('https://openpaymentsdata.cms.gov/');
    expect(report.recentFile[0]).toMatch(/first\.tessera$/);
  });

  it('refuses a file that is not a workspace with an error box, leaves it untouched and keeps the open workspace', () => {
    expect(report.errorBoxes).toHaveLength(1);
    expect(report.errorBoxes[0].title).toBe('Cannot open workspace');
    expect(report.errorBoxes[0].content).toMatch(/not-a-workspace\.tessera/);
    expect(report.badFileAfter).toBe('NPI,Name\n1234567893,not a workspace\n');
    expect(report.infoAfterBadOpen).toMatchObject({ ok: true, value: { providers: 3000 } });
  });

  it('opens another workspace on a fresh engine port and closes the engine when the window closes', () => {
    expect(report.secondInfo).toMatchObject({ ok: true, value: { providers: 0 } });
    expect(report.secondInfo.value.path).toMatch(/second\.tessera$/);
    expect(report.recentAfterSecond[0]).toMatch(/second\.tessera$/);
    expect(report.recentAfterSecond[1]).toMatch(/first\.tessera$/);
    expect(report.quit).toBe(true);
  });
});
