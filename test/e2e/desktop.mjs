// The desktop app's renderer path, in Chromium: the page gets the preload's bridge (window.tessera)
// and the engine as a MessagePort posted to the page once it has loaded — exactly what
// electron/preload.ts does — here relayed to a `tessera serve --create` engine on a NEW, EMPTY
// workspace. Menu commands arrive as the preload's `tessera-command` events. Checks that the app
// opens on an empty workspace, fills it with the synthetic demo from the Data panel, imports a
// file chosen through the (stubbed) native dialog, and opens the palette and export from the menu.
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { assert, until } from './harness.mjs';
import { coloredShare } from './pixels.mjs';
import { ROOT, startServe } from './server.mjs';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'real', 'nppes-pl-pfile-excerpt.csv');

/** What the sandboxed preload provides, with the MessagePort's far end relayed to the engine socket. */
function desktopBridge({ token, fixture }) {
  window.__desktopDialogs = [];
  window.tessera = {
    host: 'electron',
    chooseImportFiles: async () => (window.__desktopDialogs.push('import'), [fixture]),
    chooseExportDir: async () => null,
    showInFolder: async () => undefined,
    grantDropped: async () => [],
    workspacePath: async () => 'desktop.tessera',
  };
  const channel = new MessageChannel();
  const ws = new WebSocket(`ws://${location.host}/engine?token=${token}`);
  ws.binaryType = 'arraybuffer';
  const queue = [];
  channel.port1.onmessage = (e) => (ws.readyState === 1 ? ws.send(e.data) : queue.push(e.data));
  ws.onopen = () => queue.splice(0).forEach((f) => ws.send(f));
  ws.onmessage = (e) => channel.port1.postMessage(e.data, [e.data]);
  // main posts the port on did-finish-load; the preload forwards it to the page
  window.addEventListener('load', () =>
    window.postMessage('tessera-engine-port', location.origin, [channel.port2]),
  );
}

export async function desktopChecks({ browser, check, shotsDir }) {
  await check(
    'desktop app path: engine over a MessagePort, a new empty workspace filled with the demo, menu commands',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tessera-e2e-desktop-'));
      const server = await startServe(join(dir, 'desktop.tessera'), ['--create']);
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on(
        'console',
        (m) => m.type() === 'error' && !m.text().includes('favicon') && errors.push(m.text()),
      );
      const menu = (command) =>
        page.evaluate(
          (c) => window.dispatchEvent(new CustomEvent('tessera-command', { detail: c })),
          command,
        );
      const shot = (name) => page.screenshot({ path: join(shotsDir, `${name}.png`) });
      const state = (fn) => page.evaluate(`(${fn})(window.tesseraState())`);
      try {
        await page.addInitScript(desktopBridge, { token: server.token, fixture: FIXTURE });
        await page.goto(`http://127.0.0.1:${server.port}/`); // no token in the URL: the port is the only way in
        await until(() => state((s) => (s.info ? s.info : null)), {
          what: 'workspace info over the MessagePort',
        });
        await menu('createDemo'); // File › New Demo Workspace… opened an empty workspace
        await page.waitForSelector('[data-testid=empty-workspace]', { timeout: 20000 });
        await shot('14-desktop-empty-workspace');
        await page.selectOption('[data-testid=demo-size]', '3000');
        await page.click('[data-testid=fill-demo]');
        const info = await until(() => state((s) => (s.info?.providers > 0 ? s.info : null)), {
          what: 'the demo to fill the workspace',
          timeoutMs: 180000,
        });
        assert(
          info.synthetic && info.providers === 3000,
          `3,000 synthetic providers expected, got ${JSON.stringify({ synthetic: info.synthetic, providers: info.providers })}`,
        );
        await page.waitForSelector('[data-testid=synthetic-notice]');
        await page.click('[data-testid=tab-territories]');
        await page.waitForSelector('[data-testid=territory-table] tr[data-territory]', {
          timeout: 60000,
        });
        await until(() => page.evaluate(() => window.tesseraMaps?.get('main')?.loaded() === true), {
          what: 'map idle',
          timeoutMs: 60000,
        });
        await page.waitForTimeout(1500);
        const share = coloredShare(await page.locator('[data-testid=map-main]').screenshot());
        assert(
          share > 0.08,
          `only ${(share * 100).toFixed(1)} % of the map is coloured after filling the demo`,
        );
        await shot('15-desktop-demo-filled');

        await menu('import'); // File › Import Data…: the Data panel opens the native file dialog
        await until(
          async () =>
            (await page.inputValue('[data-testid=import-paths]').catch(() => '')) === FIXTURE,
          { what: 'the chosen file in the import list' },
        );
        const dialogs = await page.evaluate(() => window.__desktopDialogs);
        assert(dialogs.length === 1, `one file dialog expected, ${dialogs.length} opened`);
        await page.click('[data-testid=import-run]');
        await page.waitForSelector('[data-testid=import-summary]', { timeout: 60000 });

        await menu('palette');
        await page.waitForSelector('[data-testid=command-palette]', { timeout: 5000 });
        await page.keyboard.press('Escape');
        await menu('export');
        await page.waitForSelector('[data-testid=export-dialog]', { timeout: 5000 });
        await page.keyboard.press('Escape');
        await menu('balance');
        assert(
          (await state((s) => s.panel)) === 'balance',
          'Territories › Balance… should open the Balance panel',
        );
        assert(errors.length === 0, `page errors:\n${errors.slice(0, 5).join('\n')}`);
      } catch (e) {
        await shot('failed-desktop').catch(() => undefined); // the desktop page, not the main one
        throw e;
      } finally {
        await page.close();
        await server.stop();
      }
    },
  );
}
