// End-to-end: builds Tessera, creates a small SYNTHETIC demo workspace, starts `tessera serve`, and
// drives the workstation in Debian's Chromium with Playwright. Saves a screenshot of every main view
// to test/e2e/output/ (ignored by git: every run rewrites them; look at them after a run). Prints
// "N passed, N failed" last; exit code 1 on any failure.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import WebSocket from 'ws';
import { assert, createHarness, until } from './harness.mjs';
import { basemapChecks } from './basemap.mjs';
import { desktopChecks } from './desktop.mjs';
import { editingChecks } from './editing.mjs';
import { presentationChecks } from './presentation.mjs';
import { workstationChecks } from './workstation.mjs';
import { changedShare, coloredShare } from './pixels.mjs';
import { ROOT, buildAll, createDemo, startServe } from './server.mjs';

const SHOTS = join(ROOT, 'test', 'e2e', 'output');
const CHROMIUM_ARGS = [
  '--use-gl=angle',
  '--use-angle=gl-egl',
  '--ignore-gpu-blocklist',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

mkdirSync(SHOTS, { recursive: true });
const t = createHarness();
console.log('building…');
buildAll();
console.log('creating the demo workspace (3,000 synthetic providers)…');
const demo = createDemo(3000, 12);
const server = await startServe(demo.path);
console.log(`serving ${server.url.replace(/token=.*/, 'token=…')}`);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(e.message));
// the last console lines go with a failure: what the page said while the check ran
const consoleTail = [];
page.on('console', (m) => {
  consoleTail.push(`${m.type()}: ${m.text()}`.slice(0, 300));
  if (consoleTail.length > 12) consoleTail.shift();
  if (m.type() === 'error' && !m.text().includes('favicon')) pageErrors.push(m.text());
});
page.on('requestfailed', (r) =>
  consoleTail.push(`request failed: ${r.url().replace(/token=[^&]*/, 'token=…')}`),
);

// TESSERA_E2E_ONLY=regex runs the opening check and the checks whose names match (for iterating).
const only = process.env.TESSERA_E2E_ONLY ? new RegExp(process.env.TESSERA_E2E_ONLY) : null;
// Failures carry what the user saw: the toasts on screen.
const check = (name, fn) =>
  only && !only.test(name) && !name.startsWith('the workstation opens')
    ? Promise.resolve()
    : t.check(name, async () => {
        try {
          await fn();
        } catch (e) {
          // what the page looked like when the check failed, next to the view screenshots
          const slug = name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
          await page.screenshot({ path: join(SHOTS, `failed-${slug}.png`) }).catch(() => undefined);
          const toasts = await page
            .locator('.toast')
            .allInnerTexts()
            .catch(() => []);
          if (toasts.length) e.message += `\n      on screen: ${toasts.join(' | ')}`;
          if (consoleTail.length) e.message += `\n      console: ${consoleTail.join('\n        ')}`;
          throw e;
        }
      });
const state = (fn) => page.evaluate(`(${fn})(window.tesseraState())`);
const shot = (name) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
const tab = async (name) => {
  await page.click(`[data-testid=tab-${name}]`);
  await page.waitForTimeout(300);
};
const mapIdle = () =>
  until(() => page.evaluate(() => window.tesseraMaps?.get('main')?.loaded() === true), {
    what: 'map idle',
    timeoutMs: 60000,
  });
const rowText = (id) => page.locator(`[data-testid="territory-row-${id}"]`).innerText();

try {
  await check(
    'the server refuses engine connections without the token or from another origin',
    async () => {
      const origin = `http://127.0.0.1:${server.port}`;
      const attempt = (query, headers) =>
        new Promise((resolve) => {
          const ws = new WebSocket(`ws://127.0.0.1:${server.port}/engine${query}`, { headers });
          ws.on('open', () => {
            ws.close();
            resolve('open');
          });
          ws.on('unexpected-response', (_req, res) => resolve(res.statusCode));
          ws.on('error', (e) => resolve(`error ${e.message}`));
        });
      assert((await attempt('', { Origin: origin })) === 403, 'no token must be refused with 403');
      assert(
        (await attempt('?token=wrong', { Origin: origin })) === 403,
        'a wrong token must be refused',
      );
      assert(
        (await attempt(`?token=${server.token}`, { Origin: 'http://evil.example' })) === 403,
        'a foreign Origin must be refused',
      );
      assert(
        (await attempt(`?token=${server.token}`, { Origin: origin })) === 'open',
        'the right token and Origin must connect',
      );
      const page2 = await browser.newPage();
      await page2.goto(`${origin}/`);
      await page2.waitForSelector('text=cannot reach its engine', { timeout: 20000 });
      await page2.close();
    },
  );

  await check(
    'the workstation opens and the map draws territories and density (canvas pixels)',
    async () => {
      await page.goto(server.url);
      await page.waitForSelector('[data-testid=territory-table] tr[data-territory]', {
        timeout: 60000,
      });
      await mapIdle();
      await page.waitForTimeout(1500);
      const png = await page.locator('[data-testid=map-main]').screenshot();
      const share = coloredShare(png);
      assert(
        share > 0.08,
        `only ${(share * 100).toFixed(1)} % of the map is coloured; territories/density did not draw`,
      );
      const synthetic = await page.locator('.badge.synthetic').count();
      assert(synthetic === 1, 'the synthetic demo data badge must be shown');
      await shot('01-map-territories');
    },
  );

  await check('changing the market changes the tier counts', async () => {
    await tab('market');
    await page.waitForSelector('[data-testid=tier-count-A]', { timeout: 30000 });
    const before = Number(await page.getAttribute('[data-testid=tier-count-A]', 'data-count'));
    const slider = page.locator('[data-testid=tier-a-share]');
    const current = Number(await slider.inputValue());
    await slider.fill(String(Math.min(0.5, current + 0.15).toFixed(2)));
    const after = await until(
      async () => {
        const v = Number(await page.getAttribute('[data-testid=tier-count-A]', 'data-count'));
        return v !== before ? v : null;
      },
      { what: 'tier A count to change' },
    );
    assert(after > before, `tier A should grow when its share grows (${before} → ${after})`);
    await shot('02-market');
  });

  let moved = null;
  await check('reassigning a ZIP changes two territories’ metrics', async () => {
    await tab('territories');
    const target = await state((s) => {
      const l = s.layer;
      const g = s.geometry[l.unitKind];
      // A unit on a boundary: its territory differs from the territory of the nearest other unit.
      for (let u = 0; u < l.unitTerritory.length; u++) {
        const t = l.unitTerritory[u];
        if (t === 0xffff || l.locked[u]) continue;
        const x = g.centroids[2 * u],
          y = g.centroids[2 * u + 1];
        let best = -1,
          bd = Infinity;
        for (let v = 0; v < l.unitTerritory.length; v++) {
          if (v === u || l.unitTerritory[v] === 0xffff) continue;
          const d = (g.centroids[2 * v] - x) ** 2 + (g.centroids[2 * v + 1] - y) ** 2;
          if (d < bd) {
            bd = d;
            best = v;
          }
        }
        if (best >= 0 && l.unitTerritory[best] !== t && x > -125 && x < -67 && y > 25 && y < 49)
          return {
            unit: g.ids[u],
            from: l.territoryIds[t],
            to: l.territoryIds[l.unitTerritory[best]],
            lon: x,
            lat: y,
          };
      }
      return null;
    });
    assert(target, 'no boundary unit found');
    const fromBefore = await rowText(target.from);
    const toBefore = await rowText(target.to);
    await page.click(`[data-testid="territory-row-${target.to}"]`);
    await page.click('[data-testid=tool-assign]');
    await page.evaluate(
      ({ lon, lat }) => window.tesseraMaps.get('main').jumpTo({ center: [lon, lat], zoom: 9 }),
      target,
    );
    await mapIdle();
    await page.waitForTimeout(800);
    const box = await page.locator('[data-testid=map-main]').boundingBox();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await until(
      async () =>
        (await rowText(target.from)) !== fromBefore && (await rowText(target.to)) !== toBefore,
      {
        what: 'both territories’ metrics to change',
      },
    );
    // the metrics arrive first, the scenario layer right after them
    const ownerNow = () =>
      state(
        `(s) => { const g = s.geometry[s.layer.unitKind]; return s.layer.territoryIds[s.layer.unitTerritory[g.ids.indexOf(${JSON.stringify(target.unit)})]]; }`,
      );
    await until(async () => (await ownerNow()) === target.to, {
      what: `unit ${target.unit} to show in ${target.to}`,
    }).catch(async (e) => {
      throw new Error(`${e.message}; it is in ${await ownerNow()}`);
    });
    moved = { ...target, fromBefore, toBefore };
    await page.click('[data-testid=tool-select]');
    await shot('03-reassign-zip');
  });

  await check('undo and redo (Ctrl+Z / Ctrl+Shift+Z) restore and re-apply the move', async () => {
    assert(moved, 'needs the reassign step');
    const ownerOf = () =>
      state(
        `(s) => { const g = s.geometry[s.layer.unitKind]; return s.layer.territoryIds[s.layer.unitTerritory[g.ids.indexOf(${JSON.stringify(moved.unit)})]]; }`,
      );
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('Control+z');
    await until(async () => (await ownerOf()) === moved.from, {
      what: 'undo to move the unit back',
    });
    await until(async () => (await rowText(moved.from)) === moved.fromBefore, {
      what: `${moved.from}'s row to read as before the move ("${moved.fromBefore.replace(/\s+/g, ' ')}")`,
    }).catch(async (e) => {
      throw new Error(`${e.message}; now "${(await rowText(moved.from)).replace(/\s+/g, ' ')}"`);
    });
    await page.keyboard.press('Control+Shift+z');
    await until(async () => (await ownerOf()) === moved.to, {
      what: 'redo to move the unit again',
    });
  });

  await editingChecks({ page, check, state, tab, mapIdle, shot });

  let balanced = null;
  await check('a balance runs with progress and produces a scenario', async () => {
    await page.evaluate(() =>
      window.tesseraMaps.get('main').jumpTo({ center: [-96.5, 38.5], zoom: 3.4 }),
    );
    await tab('balance');
    const before = await state((s) => s.scenarios.map((x) => x.name));
    await page.fill('[data-testid=align-k]', '10');
    await page.click('[data-testid=balance]');
    await page.waitForSelector('[data-testid=job]', { timeout: 10000 });
    await shot('04-balance-progress');
    await page.waitForSelector('[data-testid=job]', { state: 'detached', timeout: 180000 });
    balanced = await until(
      () => state(`(s) => (${JSON.stringify(before)}.includes(s.scenario) ? null : s.scenario)`),
      {
        what: 'the new scenario to be selected',
      },
    );
    // the scenario switches first; its metrics arrive with the next engine answer
    const k = await until(
      () => state((s) => (s.metrics?.scenario === s.scenario ? s.metrics.territories : null)),
      {
        what: "the new scenario's metrics",
      },
    );
    assert(k === 10, `the new scenario should have 10 territories, has ${k}`);
    await mapIdle();
    await page.waitForTimeout(1000);
    await shot('05-balanced-scenario');
  });

  await check('compare shows deltas, the index chart and the transfer matrix', async () => {
    const baseline = await state(
      (s) => s.scenarios.find((x) => x.isBaseline)?.name ?? s.scenarios[0].name,
    );
    await tab('compare');
    await page.evaluate(() => 0);
    const chosen = await state((s) => s.compareScenarios);
    for (const name of [baseline, balanced])
      if (!chosen.includes(name)) await page.click(`[data-testid="compare-pick-${name}"]`);
    await page.waitForSelector('[data-testid=compare-metrics] .delta.nonzero', { timeout: 30000 });
    await page.waitForSelector('[data-testid=index-chart]');
    await page.waitForTimeout(2500);
    await shot('06-compare');
  });

  await check('the Week tab plans routes for the selected territory and draws them', async () => {
    await tab('territories');
    await page.locator('[data-testid=territory-table] tr[data-territory]').first().click();
    await tab('week');
    await page.click('[data-testid=plan-week]');
    await page.waitForSelector('[data-testid=week-result]', { timeout: 120000 });
    const days = await state((s) => s.week?.days.length);
    assert(days === 5, `5 days expected, got ${days}`);
    const listed = await page.locator('[data-testid=week-result] ol.days > li').count();
    assert(listed === 5, `the panel should list 5 days, lists ${listed}`);
    const source = await page.locator('[data-testid=week-travel-source]').innerText();
    assert(
      /offline drive-time model/.test(source),
      `the week should say its drive times come from the offline model, says "${source}"`,
    );
    const field = await page.locator('[data-testid=week-field-time]').innerText();
    assert(
      /of the 24 h of\s+field time a week/.test(field),
      `the week should compare itself with the capacity check's field time, says "${field}"`,
    );
    await mapIdle();
    await page.waitForTimeout(1500);
    await shot('07-week');
    // the routes are a path layer on the map: hiding it removes pixels, showing it brings them back
    const folded = (await page.locator('[data-testid=layer-routes]').count()) === 0;
    if (folded) await page.click('[data-testid=legend] .legend-head'); // folded on a 768-px screen
    await page.waitForTimeout(500);
    const withRoutes = await page.locator('[data-testid=map-main]').screenshot();
    await page.click('[data-testid=layer-routes]');
    await page.waitForTimeout(800);
    const without = await page.locator('[data-testid=map-main]').screenshot();
    await page.click('[data-testid=layer-routes]');
    if (folded) await page.click('[data-testid=legend] .legend-head');
    const share = changedShare(withRoutes, without);
    assert(
      share > 0.002,
      `hiding the week's routes should change the map, ${(share * 100).toFixed(3)} % of pixels changed`,
    );
  });

  await check('export writes the territory packs with progress and shows the folder', async () => {
    await page.click('[data-testid=export-open]');
    await page.click('[data-testid=export-run]');
    await page.waitForSelector('[data-testid=job]', { timeout: 10000 });
    await page.waitForSelector('[data-testid=export-result]', { timeout: 180000 });
    await shot('08-export');
    const outDir = (await page.locator('[data-testid=export-result] code').innerText()).trim();
    assert(existsSync(outDir), `the export folder shown (${outDir}) should exist`);
    const files = readdirSync(outDir, { recursive: true }).map(String);
    const workbooks = files.filter((f) => f.endsWith('.xlsx'));
    assert(
      workbooks.length >= 2,
      `the master workbook and rep packs should be written, found ${workbooks.length} .xlsx files`,
    );
    const geojson = files.find((f) => f.endsWith('.geojson'));
    assert(geojson, 'territories.geojson should be written');
    const features = JSON.parse(readFileSync(join(outDir, geojson), 'utf8')).features?.length ?? 0;
    const territories = await state((s) => s.layer.territoryIds.length);
    assert(
      features >= territories,
      `the GeoJSON should hold a feature per territory (${features} for ${territories})`,
    );
    const listed = await page.locator('[data-testid=export-result] li').count();
    assert(listed >= 2, 'the dialog should list the written files');
    await page.keyboard.press('Escape');
  });

  await check('data panel, command palette and the provider card', async () => {
    await tab('data');
    await page.waitForSelector('[data-testid=synthetic-notice]');
    await shot('09-data');
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('Control+k');
    await page.waitForSelector('[data-testid=command-palette]');
    await page.keyboard.type('hexbin');
    await shot('10-command-palette');
    await page.keyboard.press('Escape');
    const p = await state((s) => {
      const pts = s.points;
      let best = -1;
      for (let i = 0; i < pts.count; i++)
        if (pts.tier[i] === 1 && (best < 0 || pts.potential[i] > pts.potential[best])) best = i;
      return best < 0 ? null : { lon: pts.positions[2 * best], lat: pts.positions[2 * best + 1] };
    });
    assert(p, 'no Tier A provider on the map');
    await tab('territories');
    await page.click('[data-testid=tool-select]');
    if (!(await state((s) => s.selectedTerritory)))
      await page.locator('[data-testid=territory-table] tr[data-territory]').first().click();
    await page.evaluate(
      ({ lon, lat }) => window.tesseraMaps.get('main').jumpTo({ center: [lon, lat], zoom: 11 }),
      p,
    );
    await mapIdle();
    await page.waitForTimeout(1200);
    const box = await page.locator('[data-testid=map-main]').boundingBox();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForSelector('[data-testid=provider-card] h2', { timeout: 20000 });
    await shot('11-provider-card');
    // Escape closes the topmost thing only: the card, then (next press) the selected territory
    const selected = await state((s) => s.selectedTerritory);
    assert(selected, 'a territory should be selected');
    await page.keyboard.press('Escape');
    await until(() => state((s) => s.cardIndex === null), {
      what: 'Escape to close the provider card',
    });
    assert(
      (await state((s) => s.selectedTerritory)) === selected,
      'Escape closing the provider card must keep the selected territory',
    );
    await page.keyboard.press('Escape');
    await until(() => state((s) => s.selectedTerritory === null), {
      what: 'a second Escape to clear the selection',
    });
  });

  await check(
    'a failed import replaces the last import summary with the engine message',
    async () => {
      await tab('data');
      await page.fill(
        '[data-testid=import-paths]',
        join(ROOT, 'test', 'fixtures', 'real', 'nppes-pl-pfile-excerpt.csv'),
      );
      await page.click('[data-testid=import-run]');
      await page.waitForSelector('[data-testid=import-summary]', { timeout: 60000 });
      const bad = join(demo.dir, 'not-a-known-format.csv');
      writeFileSync(bad, 'a,b,c\n1,2,3\n');
      await page.fill('[data-testid=import-paths]', bad);
      await page.click('[data-testid=import-run]');
      const failure = await page
        .waitForSelector('[data-testid=import-failure]', { timeout: 60000 })
        .then((e) => e.innerText());
      assert(
        failure.includes(bad) && /unrecognised file format/.test(failure),
        `the panel should show the engine's message naming the file: "${failure.slice(0, 200)}"`,
      );
      assert(
        (await page.locator('[data-testid=import-summary]').count()) === 0,
        'the previous import summary must not stay next to the failure',
      );
      await tab('territories');
    },
  );

  await basemapChecks({ page, check, state, tab, mapIdle, shot });

  await check(
    'Radius: click a point, list the providers within 40 miles ranked by potential, draw them',
    async () => {
      const p = await state((s) => {
        const pts = s.points;
        let best = -1;
        for (let i = 0; i < pts.count; i++)
          if (best < 0 || pts.potential[i] > pts.potential[best]) best = i;
        return { lon: pts.positions[2 * best], lat: pts.positions[2 * best + 1] };
      });
      await tab('territories');
      await page.evaluate(() => document.activeElement?.blur());
      await page.keyboard.press('Escape'); // closes a provider card left open by an earlier check
      await page.click('[data-testid=tool-radius]');
      await page.waitForSelector('[data-testid=radius-panel]');
      await page.evaluate(
        ({ lon, lat }) => window.tesseraMaps.get('main').jumpTo({ center: [lon, lat], zoom: 7.5 }),
        p,
      );
      await mapIdle();
      await page.waitForTimeout(1200);
      const before = await page.locator('[data-testid=map-main]').screenshot();
      const box = await page.locator('[data-testid=map-main]').boundingBox();
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      const center = await until(() => state((s) => s.radiusCenter), {
        what: 'the radius centre to be set by the click',
      });
      assert(
        Math.abs(center.lon - p.lon) < 0.2 && Math.abs(center.lat - p.lat) < 0.2,
        `the centre should be where the map was clicked, is ${JSON.stringify(center)}`,
      );
      assert(
        Number(await page.inputValue('[data-testid=radius-amount]')) === 40,
        'the default radius should be 40 miles',
      );
      await page.click('[data-testid=radius-run]');
      await page.waitForSelector('[data-testid=radius-table] [data-testid=radius-row]', {
        timeout: 60000,
      });
      const values = await page
        .locator('[data-testid=radius-row]')
        .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-value'))));
      assert(values.length > 0, 'the radius list should have rows');
      for (let i = 1; i < values.length; i++)
        assert(
          values[i] <= values[i - 1],
          `rows must be ranked by potential (non-increasing), row ${i + 1}: ${values[i]} after ${values[i - 1]}`,
        );
      const total = Number(
        (await page.locator('[data-testid=radius-total]').innerText()).replace(/[^0-9]/g, ''),
      );
      assert(
        total >= values.length,
        `the count inside the radius (${total}) should be at least the rows listed (${values.length})`,
      );
      const miles = await state((s) => s.radius.hits.map((h) => h.miles));
      assert(
        miles.every((m) => m <= 40),
        `every hit should be within 40 miles, got max ${Math.max(...miles)}`,
      );
      const source = await page.locator('[data-testid=radius-travel-source]').innerText();
      assert(
        /offline drive-time model/.test(source),
        `the list should say where its drive times come from, says "${source}"`,
      );
      await mapIdle();
      await page.waitForTimeout(1000);
      const after = await page.locator('[data-testid=map-main]').screenshot();
      await shot('13-radius');
      const share = changedShare(before, after);
      console.log(`    radius: ${(share * 100).toFixed(2)} % of map pixels changed`);
      assert(
        share > 0.003,
        `the centre, circle and hits should change the map, ${(share * 100).toFixed(3)} % of pixels changed`,
      );
      // from the selected territory's rep home base, in drive minutes (default 60)
      await page.locator('[data-testid=territory-table] tr[data-territory]').first().click();
      const territory = await until(() => state((s) => s.selectedTerritory), {
        what: 'a territory to be selected',
      });
      await page.selectOption('[data-testid=radius-unit]', 'minutes');
      assert(
        Number(await page.inputValue('[data-testid=radius-amount]')) === 60,
        'the default drive time should be 60 minutes',
      );
      await page.click('[data-testid=radius-home]');
      await until(() => state((s) => (s.radius && s.radius.minutes === 60 ? s.radius : null)), {
        what: 'the home-base radius list',
      });
      const label = await page.locator('[data-testid=radius-result]').innerText();
      assert(
        label.includes(`home base of ${territory}`),
        `the list should be centred on ${territory}'s home base: "${label.slice(0, 200)}"`,
      );
      const minutes = await state((s) => s.radius.hits.map((h) => h.minutes));
      assert(
        minutes.every((m) => m <= 60),
        `every hit should be within 60 minutes, got max ${Math.max(...minutes)}`,
      );
      await page.click('[data-testid=tool-select]');
    },
  );

  await presentationChecks({ page, check, state, shotsDir: SHOTS });
  await desktopChecks({ browser, check, shotsDir: SHOTS });

  await workstationChecks({ browser, check, shotsDir: SHOTS });

  await check('no page errors during the run', async () => {
    assert(pageErrors.length === 0, `page errors:\n${pageErrors.slice(0, 5).join('\n')}`);
  });
} finally {
  await browser.close();
  await server.stop();
}
process.exit(t.summary() > 0 ? 1 : 0);
