/* global requestAnimationFrame -- used inside page.evaluate, which runs in the browser */
// The workstation as the user meets it, in real Chromium (software GL here: llvmpipe through ANGLE),
// on a copy of the 300 k demo workspace (TESSERA_BENCH_WS=path to use another, e.g. a 1 M demo):
//   open            page load → the first full map (territories, density, metrics) painted
//   assign / undo   the click (or Ctrl+Z) → the changed map painted, beside the engine call's round
//                   trip as the page saw it (window.tesseraCalls, the same run)
//   hexbin/heatmap  the layer switch click → the next two frames painted
// "Painted" = the store holds the new scenario layer and two animation frames have run after it
// (deck.gl draws in its animation frame). Prints one JSON line per figure and a summary table.
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServe } from './serveClient.mjs';

const SOURCE = process.env.TESSERA_BENCH_WS ?? '/work/demo/demo.tessera';
const REPEAT = Number(process.env.TESSERA_BENCH_REPEAT ?? 5);
if (!existsSync(SOURCE)) {
  console.log(`no workspace at ${SOURCE}: build one with 'tessera demo' and set TESSERA_BENCH_WS`);
  process.exit(0);
}
const ws = join(mkdtempSync(join(tmpdir(), 'tessera-bench-ws-')), 'demo.tessera');
copyFileSync(SOURCE, ws);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const { server, url } = await startServe(ws);
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
const results = [];
const record = (what, fields) => {
  const row = { what, ...fields, load: load() };
  results.push(row);
  console.log(JSON.stringify(row));
};
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  // -- open
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForFunction(
    () => {
      const s = window.tesseraState?.();
      const map = window.tesseraMaps?.get('main');
      return s && s.layer && s.points && s.metrics && s.geometry[s.layer.unitKind] && map?.loaded();
    },
    null,
    { timeout: 180000, polling: 50 },
  );
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
  const openMs = Date.now() - t0;
  const openCalls = await page.evaluate(() =>
    window.tesseraCalls.map((c) => ({ method: c.method, ms: Math.round(c.ms), bytes: c.bytes })),
  );
  const wire = openCalls.reduce((s, c) => s + c.bytes, 0);
  const engineOpen = Math.max(
    ...openCalls
      .filter((c) =>
        ['providerPoints', 'unitGeometry', 'scenarioLayer', 'scenarioMetrics'].includes(c.method),
      )
      .map((c) => c.ms),
  );
  record('open', {
    paintedMs: openMs,
    slowestFirstFrameCallMs: engineOpen,
    wireMB: +(wire / 1e6).toFixed(1),
    calls: openCalls.length,
  });

  // -- assign: a boundary unit, clicked with the Assign tool
  const target = await page.evaluate(() => {
    const s = window.tesseraState();
    const l = s.layer;
    const g = s.geometry[l.unitKind];
    const n = l.unitTerritory.length;
    for (let u = 0; u < n; u += 7) {
      const t = l.unitTerritory[u];
      if (t === 0xffff || l.locked[u]) continue;
      const x = g.centroids[2 * u];
      const y = g.centroids[2 * u + 1];
      if (!(x > -100 && x < -80 && y > 33 && y < 45)) continue;
      let best = -1;
      let bd = Infinity;
      for (let v = 0; v < n; v++) {
        if (v === u || l.unitTerritory[v] === 0xffff) continue;
        const d = (g.centroids[2 * v] - x) ** 2 + (g.centroids[2 * v + 1] - y) ** 2;
        if (d < bd) {
          bd = d;
          best = v;
        }
      }
      if (best >= 0 && l.unitTerritory[best] !== t)
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
  if (!target) throw new Error('no boundary unit found');
  await page.click(`[data-testid="territory-row-${target.to}"]`);
  await page.click('[data-testid=tool-assign]');
  await page.evaluate(
    ({ lon, lat }) => window.tesseraMaps.get('main').jumpTo({ center: [lon, lat], zoom: 9 }),
    target,
  );
  await page.waitForFunction(() => window.tesseraMaps.get('main').loaded(), null, {
    timeout: 60000,
  });
  await page.waitForTimeout(1500);
  const box = await page.locator('[data-testid=map-main]').boundingBox();

  /** Arms an in-page timer: starts at the next pointerdown/keydown, stops two frames after the layer changes. */
  const arm = () =>
    page.evaluate(() => {
      window.__paint = new Promise((resolve) => {
        let start = 0;
        const begin = () => {
          if (start) return;
          start = performance.now();
          const before = window.tesseraState().layer;
          const poll = () => {
            if (window.tesseraState().layer !== before)
              requestAnimationFrame(() =>
                requestAnimationFrame(() => resolve({ start, painted: performance.now() - start })),
              );
            else requestAnimationFrame(poll);
          };
          requestAnimationFrame(poll);
        };
        window.addEventListener('pointerdown', begin, { capture: true, once: true });
        window.addEventListener('keydown', begin, { capture: true, once: true });
      });
    });
  const engineSince = (method, start) =>
    page.evaluate(
      ({ method, start }) =>
        window.tesseraCalls
          .filter((c) => c.method === method && c.at >= start)
          .map((c) => c.ms)[0] ?? null,
      { method, start },
    );

  const assign = [];
  const undo = [];
  for (let i = 0; i < REPEAT; i++) {
    await arm();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const a = await page.evaluate(() => window.__paint);
    assign.push({ painted: a.painted, engine: await engineSince('whatIf', a.start) });
    await page.waitForTimeout(600);
    await page.evaluate(() => document.activeElement?.blur());
    await arm();
    await page.keyboard.press('Control+z');
    const u = await page.evaluate(() => window.__paint);
    undo.push({ painted: u.painted, engine: await engineSince('undo', u.start) });
    await page.waitForTimeout(600);
  }
  for (const [what, runs] of [
    ['assign', assign],
    ['undo', undo],
  ]) {
    const painted = median(runs.map((r) => r.painted));
    const engine = median(runs.map((r) => r.engine ?? NaN));
    record(what, {
      paintedMs: Math.round(painted),
      engineMs: Math.round(engine),
      ratio: +(painted / engine).toFixed(2),
      runs: runs.length,
      all: runs.map((r) => `${Math.round(r.painted)}/${Math.round(r.engine)}`).join(' '),
    });
  }
  await page.click('[data-testid=tool-select]');

  // -- density layers: national view, switch clicked → two frames painted
  await page.evaluate(() =>
    window.tesseraMaps.get('main').jumpTo({ center: [-96.5, 38.5], zoom: 3.6 }),
  );
  await page.waitForTimeout(1500);
  if ((await page.locator('[data-testid=layer-hexbin]').count()) === 0)
    await page.click('.legend-head');
  const toggle = async (key) => {
    await page.evaluate(() => {
      window.__frame = new Promise((resolve) => {
        const begin = () => {
          const start = performance.now();
          requestAnimationFrame(() =>
            requestAnimationFrame(() => resolve(performance.now() - start)),
          );
        };
        window.addEventListener('pointerdown', begin, { capture: true, once: true });
      });
    });
    await page.click(`[data-testid=layer-${key}]`, { timeout: 180000 });
    return page.evaluate(() => window.__frame);
  };
  const hex = [];
  const heat = [];
  for (let i = 0; i < Math.min(3, REPEAT); i++) {
    await toggle('hexbin'); // off
    await page.waitForTimeout(500);
    hex.push(await toggle('hexbin')); // on
    await page.waitForTimeout(800);
    await toggle('hexbin'); // off, so the heatmap is timed alone
    await page.waitForTimeout(500);
    heat.push(await toggle('heatmap')); // on
    await page.waitForTimeout(800);
    await toggle('heatmap'); // off
    await toggle('hexbin'); // back on
    await page.waitForTimeout(800);
  }
  const hexMs = median(hex);
  const heatMs = median(heat);
  record('hexbin on', { paintedMs: Math.round(hexMs), all: hex.map(Math.round).join(' ') });
  record('heatmap on', {
    paintedMs: Math.round(heatMs),
    vsHexbin: +(heatMs / hexMs).toFixed(2),
    all: heat.map(Math.round).join(' '),
  });
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
console.log('\nworkstation in Chromium (llvmpipe) on', SOURCE);
for (const r of results)
  console.log(
    `  ${r.what.padEnd(11)} painted ${String(r.paintedMs).padStart(6)} ms${r.engineMs !== undefined ? `  engine ${r.engineMs} ms  (${r.ratio}×)` : ''}${r.vsHexbin !== undefined ? `  (${r.vsHexbin}× the hexbin)` : ''}  load ${r.load}`,
  );
