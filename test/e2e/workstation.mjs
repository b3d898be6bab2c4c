// End-to-end checks of issue 13 (the workstation: one truth on screen, never stale, never hung), each
// on its own small synthetic demo and its own `tessera serve`, so market edits, imports and stopping
// the server do not disturb the other checks. Run inside run.mjs, or alone:
//   node test/e2e/workstation.mjs            (builds first; TESSERA_E2E_ONLY=regex picks checks)
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assert, until } from './harness.mjs';
import { ROOT, createDemo, startServe } from './server.mjs';

const CLI = join(ROOT, 'dist', 'engine', 'cli.js');
const REAL = join(ROOT, 'test', 'fixtures', 'real');
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function cli(args) {
  const r = spawnSync('node', [CLI, ...args, '--json'], { cwd: ROOT, encoding: 'utf8' });
  const last = (r.stdout || '').trim().split('\n').pop() || '{}';
  const parsed = JSON.parse(last.startsWith('{') ? last : '{}');
  if (r.status !== 0 || parsed.ok === false)
    throw new Error(`tessera ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  return parsed;
}

export async function workstationChecks({ browser, check, shotsDir }) {
  const demo = createDemo(3000, 12);
  const token = randomBytes(24).toString('base64url');
  process.env.TESSERA_SERVE_TOKEN = token;
  let server = await startServe(demo.path);
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const state = (fn) => page.evaluate(`(${fn})(window.tesseraState())`);
  const tab = async (name) => {
    await page.click(`[data-testid=tab-${name}]`);
    await page.waitForTimeout(300);
  };
  const selectedMarketName = () =>
    page.$eval(
      '[data-testid=market-select]',
      (el) => el.options[el.selectedIndex]?.text.replace(/ \(preset\)$/, '') ?? '',
    );
  const shot = (name) => page.screenshot({ path: join(shotsDir, `${name}.png`) });
  try {
    await page.goto(server.url);
    await page.waitForSelector('[data-testid=territory-table] tr[data-territory]', {
      timeout: 60000,
    });

    const KNEE = 'Knee & hip (e2e)';
    let first = null;
    await check(
      'metrics name their market and weights; a named new market never replaces a preset or changes the baseline',
      async () => {
        await page.waitForSelector('[data-testid=metrics-basis]', { timeout: 20000 });
        const topBar = await selectedMarketName();
        const basis = await page.getAttribute('[data-testid=metrics-basis]', 'data-market');
        assert(
          basis === topBar,
          `the metrics say market "${basis}" but the top bar says "${topBar}"`,
        );
        assert(
          /workload \d+ %/.test(await page.innerText('[data-testid=metrics-basis]')),
          'the index weights must be named next to the metrics',
        );
        first = await state((s) => ({
          within5: s.metrics.within5,
          maxMin: s.metrics.maxMinRatio,
          market: s.metrics.market,
        }));
        const cliBefore = cli(['scenario', 'show', demo.path, 'baseline']).metrics;
        assert(
          cliBefore.market === first.market && cliBefore.within5 === first.within5,
          `scenario show (${cliBefore.market}, ${cliBefore.within5}) must give the screen's answer (${first.market}, ${first.within5})`,
        );

        // an edit is a draft: the tier counts follow it, the metrics stay on the saved market
        await tab('market');
        await page.waitForSelector('[data-testid=tier-count-A]');
        const tierA = Number(await page.getAttribute('[data-testid=tier-count-A]', 'data-count'));
        await page.locator('[data-testid=tier-a-share]').fill('0.3');
        await until(
          async () =>
            Number(await page.getAttribute('[data-testid=tier-count-A]', 'data-count')) !== tierA,
          { what: 'the draft to re-score the tiers' },
        );
        await page.waitForSelector('[data-testid=market-unsaved]');
        const during = await state((s) => ({
          within5: s.metrics.within5,
          market: s.metrics.market,
        }));
        assert(
          during.market === first.market && during.within5 === first.within5,
          'an unsaved market edit must not change the metrics on screen',
        );

        // naming: a preset's name is refused, a new name is saved next to the presets
        await page.fill('[data-testid=market-name]', 'All procedures (services) — default');
        assert(
          await page.isDisabled('[data-testid=market-save-as]'),
          "saving under a preset's name must be refused",
        );
        await page.fill('[data-testid=market-name]', KNEE);
        await page.click('[data-testid=market-save-as]');
        await until(async () => (await selectedMarketName()) === KNEE, {
          what: 'the new market to be selected in the top bar',
        });
        const options = await page.$$eval('[data-testid=market-select] option', (os) =>
          os.map((o) => o.text),
        );
        assert(
          options.filter((o) => o.endsWith('(preset)')).length === 3,
          `the three presets must stay listed: ${options.join(' | ')}`,
        );
        assert(
          options.includes(first.market),
          `the market the baseline was scored with must stay listed: ${options.join(' | ')}`,
        );
        await until(
          async () =>
            (await page
              .getAttribute('[data-testid=metrics-basis]', 'data-market')
              .catch(() => null)) === KNEE || (await state((s) => s.metrics.market)) === KNEE,
          {
            what: 'the metrics to be scored with the new market',
          },
        );
        await tab('territories');
        await page.waitForSelector('[data-testid=metrics-basis-other]');

        // the baseline keeps its market: back in it, the same numbers as at the start; the CLI agrees
        const firstKey = await page.$eval(
          '[data-testid=market-select]',
          (el, name) => [...el.options].find((o) => o.text === name)?.value,
          first.market,
        );
        await page.selectOption('[data-testid=market-select]', firstKey);
        await until(async () => (await state((s) => s.metrics.market)) === first.market, {
          what: 'the metrics back on the first market',
        });
        const back = await state((s) => ({
          within5: s.metrics.within5,
          maxMin: s.metrics.maxMinRatio,
        }));
        assert(
          back.within5 === first.within5 && back.maxMin === first.maxMin,
          `same market, same numbers: ${JSON.stringify(first)} vs ${JSON.stringify(back)}`,
        );
        const cliAfter = cli(['scenario', 'show', demo.path, 'baseline']).metrics;
        assert(
          cliAfter.market === first.market && cliAfter.within5 === first.within5,
          `after saving another market, scenario show says ${cliAfter.market} ${cliAfter.within5}, expected ${first.market} ${first.within5}`,
        );
      },
    );

    await check('renaming a saved market keeps it listed under its new name', async () => {
      await tab('market');
      const kneeKey = await page.$eval(
        '[data-testid=market-select]',
        (el, name) => [...el.options].find((o) => o.text === name)?.value,
        KNEE,
      );
      await page.selectOption('[data-testid=market-select]', kneeKey);
      await page.waitForSelector('[data-testid=market-rename]');
      await page.check('[data-testid=market-rename]');
      await page.fill('[data-testid=market-name]', 'Knee and hip arthroplasty');
      await page.click('[data-testid=market-rename-run]');
      await until(async () => (await selectedMarketName()) === 'Knee and hip arthroplasty', {
        what: 'the renamed market in the top bar',
      });
      const options = await page.$$eval('[data-testid=market-select] option', (os) =>
        os.map((o) => o.text),
      );
      assert(!options.includes(KNEE), 'the old name must be gone');
    });

    await check(
      'a write by another process (CLI) is seen through the data version and every view refreshes',
      async () => {
        const before = await state((s) => s.scenarios.length);
        const told = page
          .waitForSelector('text=changed by another program', { timeout: 20000 })
          .then(
            () => true,
            () => false,
          );
        cli([
          'whatif',
          demo.path,
          'market',
          'Knee and hip arthroplasty',
          '--scenario',
          'baseline',
          '--save-as',
          'knee-hip',
        ]);
        await until(
          async () => (await state((s) => s.scenarios.map((x) => x.name))).includes('knee-hip'),
          { what: 'the scenario written by the CLI to appear', timeoutMs: 15000 },
        );
        assert((await state((s) => s.scenarios.length)) === before + 1, 'one scenario more');
        assert(await told, 'a toast must say the workspace was changed by another program');
      },
    );

    await check(
      'Compare scores scenarios recorded with different markets on one market and says so',
      async () => {
        const refused = await page.evaluate(() =>
          window.tesseraState().engine.compareScenarios({ scenarios: ['baseline', 'knee-hip'] }),
        );
        assert(
          !refused.ok &&
            refused.error.code === 'CONFLICT' &&
            /different markets/.test(refused.error.message),
          `without a market the engine must refuse: ${JSON.stringify(refused).slice(0, 200)}`,
        );
        await tab('compare');
        const pick = async (name, on) => {
          const box = page.locator(`[data-testid="compare-pick-${name}"]`);
          if ((await box.isChecked()) !== on) await box.click();
        };
        await pick('baseline', true);
        await pick('knee-hip', true);
        await page.waitForSelector('[data-testid=compare-markets-differ]', { timeout: 20000 });
        const used = await page.getAttribute('[data-testid=compare-basis]', 'data-market');
        assert(
          used === (await selectedMarketName()),
          `compare must name the one market it used (${used})`,
        );
        const markets = await state((s) => s.compareResult.metrics.map((m) => m.market));
        assert(
          markets.every((m) => m === used),
          `every compared scenario must be scored on ${used}: ${markets.join(', ')}`,
        );
        await shot('13-compare-one-market');
        await tab('territories');
      },
    );

    await check(
      '"+ Add a rep" says what changed and where, and selects the new territory; Compare colours it alike in both panes',
      async () => {
        await page.selectOption('[data-testid=scenario-select]', 'baseline');
        await until(
          async () =>
            await state((s) => s.scenario === 'baseline' && s.metrics?.scenario === 'baseline'),
          { what: 'the baseline' },
        );
        const before = await state((s) => s.metrics.perTerritory.map((t) => t.territoryId));
        await tab('balance');
        await page.click('[data-testid=add-rep]');
        const text = await until(
          async () =>
            (await page.locator('[data-testid=toast-success]').allInnerTexts()).find((t) =>
              t.startsWith('Added '),
            ),
          { what: 'a toast naming the added territory', timeoutMs: 60000 },
        );
        const added = await state((s) => s.metrics.perTerritory.map((t) => t.territoryId));
        const fresh = added.find((id) => !before.includes(id));
        assert(
          fresh && text.includes(fresh),
          `the toast must name the new territory ${fresh}: ${text}`,
        );
        assert(
          /taken from T\d+/.test(text) && /\d+ units?/.test(text),
          `the toast must say where it came from and its size: ${text}`,
        );
        assert(
          (await state((s) => s.selectedTerritory)) === fresh,
          'the new territory must be selected on the map',
        );
        const derived = await state((s) => s.scenario);
        await tab('compare');
        const pick = async (name, on) => {
          const box = page.locator(`[data-testid="compare-pick-${name}"]`);
          if ((await box.isChecked()) !== on) await box.click();
        };
        for (const n of await state((s) => s.compareScenarios))
          if (n !== 'baseline' && n !== derived) await pick(n, false);
        await pick('baseline', true);
        await pick(derived, true);
        const panes = await until(
          async () => {
            const all = await page.evaluate(() =>
              Object.fromEntries(
                [...window.tesseraMapColours.entries()].filter(([k]) => k.startsWith('cmp-')),
              ),
            );
            const two = Object.values(all).filter((v) => v.territoryIds.length > 0);
            return two.length >= 2 && new Set(two.map((v) => v.territoryIds.length)).size === 2
              ? two
              : null;
          },
          { what: 'both compare panes coloured', timeoutMs: 30000 },
        );
        const [a, b] = panes;
        let same = 0;
        const differ = [];
        a.territoryIds.forEach((id, i) => {
          const j = b.territoryIds.indexOf(id);
          if (j < 0) return;
          if (a.colours[i] === b.colours[j]) same++;
          else differ.push(id);
        });
        assert(
          differ.length === 0 && same > 0,
          `territories coloured differently in the two panes: ${differ.join(', ')}`,
        );
        await shot('13-compare-colours');
        await tab('balance');
        await page.fill('[data-testid=align-k]', String(await state((s) => s.info.reps)));
        const note = await page.innerText('[data-testid=roster-homes-note]');
        assert(
          /roster's \d+ reps' home bases/.test(note),
          `Build from scratch must say it uses the roster's homes: ${note}`,
        );
        await tab('territories');
      },
    );

    await check(
      'search (palette) flies to a ZIP and selects its territory; labels never overlap; the legend shows density values',
      async () => {
        await tab('territories');
        const zip = await state((s) => {
          const l = s.layer;
          const g = s.geometry[l.unitKind];
          const u = l.unitTerritory.findIndex((t) => t !== 0xffff);
          return { zip: g.ids[u], territory: l.territoryIds[l.unitTerritory[u]] };
        });
        await page.evaluate(() =>
          window.tesseraMaps.get('main').jumpTo({ center: [-96.5, 38.5], zoom: 3.6 }),
        );
        await page.keyboard.press('Control+k');
        await page.fill('[data-testid=palette-input]', zip.zip);
        await page.waitForSelector(`[data-testid="palette-place-zip-${zip.zip}"]`, {
          timeout: 10000,
        });
        await page.click(`[data-testid="palette-place-zip-${zip.zip}"]`);
        await until(async () => (await state((s) => s.selectedTerritory)) === zip.territory, {
          what: `territory ${zip.territory} selected`,
        });
        await until(
          async () => (await page.evaluate(() => window.tesseraMaps.get('main').getZoom())) > 8,
          { what: 'the map to fly to the ZIP' },
        );
        await page.keyboard.press('Escape');
        await page.evaluate(() =>
          window.tesseraMaps.get('main').jumpTo({ center: [-96.5, 38.5], zoom: 3.6 }),
        );
        await page.waitForTimeout(1500);
        const labels = await until(
          async () => (await page.evaluate(() => window.tesseraLabels?.get('main'))) ?? null,
          { what: 'territory labels' },
        );
        assert(labels.length >= 3, `only ${labels.length} territory labels placed`);
        for (let i = 0; i < labels.length; i++)
          for (let j = i + 1; j < labels.length; j++) {
            const [a, b] = [labels[i].box, labels[j].box];
            assert(
              !(a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1]),
              `labels ${labels[i].text} and ${labels[j].text} overlap`,
            );
          }
        if ((await page.locator('[data-testid=layer-hexbin]').count()) === 0)
          await page.click('.legend-head');
        const values = await page.waitForSelector('[data-testid=density-values]', {
          timeout: 20000,
        });
        assert(/\d/.test(await values.innerText()), 'the density legend must show values');
        await page.evaluate(
          () =>
            document.querySelector('.maplibregl-ctrl-zoom-in') ||
            Promise.reject(new Error('no zoom buttons')),
        );
        await page.evaluate(
          () =>
            document.querySelector('.maplibregl-ctrl-scale') ||
            Promise.reject(new Error('no scale bar')),
        );
        await shot('13-national-map');
        await page.evaluate(() =>
          window.tesseraMaps.get('main').jumpTo({ center: [-87.75, 41.85], zoom: 8.5 }),
        );
        await page.waitForTimeout(2500);
        await shot('13-metro-zoom');
      },
    );

    await check(
      'a CLI import into the open workspace refreshes provider counts and market totals',
      async () => {
        await tab('data');
        const before = await state((s) => ({
          providers: s.info.providers,
          scored: s.scoreSummary.providers,
        }));
        cli(['import', demo.path, join(REAL, 'nppes-npidata-2025-excerpt-rewritten.csv')]);
        await until(async () => (await state((s) => s.info.providers)) > before.providers, {
          what: 'the provider count to grow',
          timeoutMs: 15000,
        });
        await until(async () => (await state((s) => s.scoreSummary.providers)) > before.scored, {
          what: 'the score summary to be re-computed',
          timeoutMs: 15000,
        });
        const shown = await page.innerText('[data-testid=workspace-info]');
        const now = await state((s) => s.info.providers);
        assert(
          shown.includes(now.toLocaleString('en-US')),
          `the Data panel must show ${now} providers: ${shown.slice(0, 200)}`,
        );
      },
    );

    await check(
      'a binary file named .csv gives a short, printable error (panel and toast)',
      async () => {
        await tab('data');
        const dir = mkdtempSync(join(tmpdir(), 'tessera-bin-'));
        const file = join(dir, 'claims.csv');
        const bytes = randomBytes(8192);
        bytes.write('NPI,', 0); // looks like the start of a header, then binary
        writeFileSync(file, bytes);
        await page.fill('[data-testid=import-paths]', file);
        await page.click('[data-testid=import-run]');
        await page.waitForSelector('[data-testid=import-failure]', { timeout: 30000 });
        const panel = await page.innerText('[data-testid=import-failure]');
        assert(
          !CONTROL.test(panel),
          `the error panel shows raw control characters: ${JSON.stringify(panel.slice(0, 200))}`,
        );
        assert(panel.length < 4500, `the error panel holds ${panel.length} characters`);
        const toasts = page.locator('.toast');
        await until(async () => (await toasts.count()) > 0, { what: 'a toast' });
        for (const text of await toasts.allInnerTexts()) {
          assert(
            !CONTROL.test(text),
            `a toast shows raw control characters: ${JSON.stringify(text.slice(0, 120))}`,
          );
          assert(text.length <= 320, `a toast holds ${text.length} characters`);
        }
        for (const box of await toasts.evaluateAll((els) =>
          els.map((e) => e.getBoundingClientRect().toJSON()),
        )) {
          assert(
            box.height <= 200 && box.right <= 1366 && box.bottom <= 768,
            `a toast runs off its box: ${JSON.stringify(box)}`,
          );
        }
        await shot('13-binary-import');
      },
    );

    await check(
      'server stopped: a banner, calls fail at once with a clear error; server back: reconnected',
      async () => {
        await tab('territories');
        const port = server.port;
        await server.stop();
        await page.waitForSelector('[data-testid=connection-banner]', { timeout: 10000 });
        const t0 = Date.now();
        const r = await page.evaluate(() => window.tesseraState().engine.info());
        assert(Date.now() - t0 < 2000, `a call with the server down took ${Date.now() - t0} ms`);
        assert(
          !r.ok && /Not connected to the Tessera engine/.test(r.error.message),
          `a call must say the engine is not connected: ${JSON.stringify(r)}`,
        );
        // an action from the UI: its error shows, nothing hangs on "Starting…"
        await page.click('[data-testid=undo]').catch(() => undefined);
        await shot('13-disconnected');
        server = await startServe(demo.path, ['--port', String(port)]);
        await until(
          async () => (await page.locator('[data-testid=connection-banner]').count()) === 0,
          { what: 'the banner to go once the server is back', timeoutMs: 20000 },
        );
        const again = await page.evaluate(() => window.tesseraState().engine.info());
        assert(
          again.ok,
          `a call after reconnecting must work: ${JSON.stringify(again).slice(0, 200)}`,
        );
      },
    );
  } finally {
    await page.close().catch(() => undefined);
    await server.stop().catch(() => undefined);
    delete process.env.TESSERA_SERVE_TOKEN;
  }

  // A new workspace filled with real CMS + NPPES excerpts from the Data panel: the tier counts follow.
  const emptyDir = mkdtempSync(join(tmpdir(), 'tessera-e2e-new-'));
  const fresh = await startServe(join(emptyDir, 'new.tessera'), ['--create']);
  const page2 = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  try {
    await page2.goto(fresh.url);
    await page2.waitForSelector('[data-testid=empty-workspace]', { timeout: 60000 });
    await check(
      'importing real data from the Data panel re-scores the tier counts (never 0/0/0)',
      async () => {
        const files = [
          join(REAL, 'nppes-npidata-2025-excerpt-rewritten.csv'),
          join(REAL, 'cms-provider-service-cy2012-excerpt.txt'),
        ];
        await page2.fill('[data-testid=import-paths]', files.join('\n'));
        await page2.click('[data-testid=import-run]');
        await page2.waitForSelector('[data-testid=import-summary]', { timeout: 120000 });
        const tiers = await until(
          async () => {
            const s = await page2.evaluate(() => window.tesseraState().scoreSummary);
            return s && s.tiers.A.providers > 0 ? s : null;
          },
          { what: 'tier A to count providers after the import', timeoutMs: 20000 },
        );
        assert(
          tiers.tiers.B.providers > 0 && tiers.tiers.C.providers > 0,
          `tiers after import: ${JSON.stringify(tiers.tiers)}`,
        );
      },
    );
  } finally {
    await page2.close().catch(() => undefined);
    await fresh.stop().catch(() => undefined);
  }
}

// Alone: build, run these checks in Chromium, print the summary.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { chromium } = await import('playwright-core');
  const { createHarness } = await import('./harness.mjs');
  const { buildAll } = await import('./server.mjs');
  const { mkdirSync } = await import('node:fs');
  const shotsDir = join(ROOT, 'test', 'e2e', 'screenshots');
  mkdirSync(shotsDir, { recursive: true });
  if (!process.env.TESSERA_E2E_NO_BUILD) buildAll();
  const t = createHarness();
  const only = process.env.TESSERA_E2E_ONLY ? new RegExp(process.env.TESSERA_E2E_ONLY) : null;
  const check = (name, fn) => (only && !only.test(name) ? Promise.resolve() : t.check(name, fn));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--use-gl=angle',
      '--use-angle=gl-egl',
      '--ignore-gpu-blocklist',
      '--no-sandbox',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
  try {
    await workstationChecks({ browser, check, shotsDir });
  } finally {
    await browser.close();
  }
  process.exit(t.summary() > 0 ? 1 : 0);
}
