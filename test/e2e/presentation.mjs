// End-to-end check of presentation mode: F5 enters it (full screen, no editing chrome), arrow keys
// step through three scenarios and two regions, a click spotlights a territory with its metrics
// card, Esc leaves it with the workstation exactly as it was. Screenshots of each step are kept.
import { join } from 'node:path';
import { assert, until } from './harness.mjs';

/** @param {{ page: import('playwright-core').Page, check: Function, state: Function, shotsDir: string }} c */
export async function presentationChecks(c) {
  const { page, check, state, shotsDir } = c;
  const shot = (name) => page.screenshot({ path: join(shotsDir, `present-${name}.png`) });
  const title = () => page.locator('[data-testid=present-title]').innerText();
  const where = () => page.locator('[data-testid=present-region]').innerText();
  const mapSrc = () =>
    page
      .locator('[data-testid=present-map-0]')
      .getAttribute('src')
      .catch(() => null);
  const drawn = async (before) =>
    until(
      async () => {
        const s = await mapSrc();
        return s !== null && s !== before;
      },
      { what: 'the presentation map to be drawn', timeoutMs: 60000 },
    );

  await check(
    'presentation mode: F5, three scenarios, two regions, a spotlight, Esc back to where the analyst was',
    async () => {
      // three scenarios with regions to step through, made through the engine the page uses
      const made = await page.evaluate(async () => {
        const e = window.tesseraState().engine;
        const out = [];
        for (const [name, seed] of [
          ['Present A', 1],
          ['Present B', 2],
        ]) {
          const r = await e.align({
            territories: 12,
            districts: 4,
            regions: 2,
            seed,
            scenario: name,
            replace: true,
          });
          out.push(r.ok ? r.value.scenario : r.error.message);
        }
        const list = await e.listScenarios();
        return { out, names: list.ok ? list.value.map((s) => s.name) : [] };
      });
      assert(
        made.names.length >= 3 && made.out.includes('Present A'),
        `needs three scenarios, got ${JSON.stringify(made)}`,
      );
      const before = await state((s) =>
        JSON.stringify({
          panel: s.panel,
          scenario: s.scenario,
          selected: s.selectedTerritory,
          tool: s.tool,
          layers: s.layers,
        }),
      );
      const viewBefore = await page.evaluate(() => {
        const m = window.tesseraMaps?.get('main');
        return m ? JSON.stringify({ c: m.getCenter(), z: m.getZoom() }) : null;
      });
      await page.evaluate(() => document.activeElement?.blur());
      await page.keyboard.press('F5');
      await page.waitForSelector('[data-testid=presentation]', { timeout: 10000 });
      await drawn(null);
      assert(
        !(await page.locator('.sidebar').isVisible()) ||
          (await page.locator('[data-testid=presentation]').boundingBox()).width >= 1300,
        'the presentation covers the workstation',
      );
      const seen = new Set();
      for (let i = 0; i < 3; i++) {
        const name = await title();
        seen.add(name);
        await shot(`scenario-${i + 1}`);
        const src = await mapSrc();
        await page.keyboard.press('ArrowRight');
        await until(async () => (await title()) !== name, { what: 'the next scenario' });
        await drawn(src);
      }
      assert(seen.size === 3, `stepped through three scenarios, saw ${[...seen].join(', ')}`);
      // go to a scenario with two regions
      for (let k = 0; k < 6 && !(await title()).startsWith('Present A'); k++) {
        const src = await mapSrc();
        await page.keyboard.press('ArrowRight');
        await drawn(src);
      }
      assert((await title()).startsWith('Present A'), 'reached Present A');
      const regions = [];
      for (let i = 0; i < 2; i++) {
        const src = await mapSrc();
        await page.keyboard.press('ArrowDown');
        await until(
          async () => (await where()) !== 'National' && !regions.includes(await where()),
          { what: 'the next region' },
        );
        await drawn(src);
        regions.push(await where());
        await shot(`region-${i + 1}`);
      }
      assert(
        regions.length === 2 && regions[0] !== regions[1],
        `two regions, saw ${regions.join(', ')}`,
      );
      // spotlight: click the middle of the map until a territory is hit
      const box = await page.locator('[data-testid=present-map-0]').boundingBox();
      let hit = false;
      for (const [fx, fy] of [
        [0.5, 0.5],
        [0.4, 0.45],
        [0.6, 0.55],
        [0.45, 0.6],
        [0.55, 0.4],
        [0.3, 0.5],
        [0.7, 0.5],
      ]) {
        const src = await mapSrc();
        await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
        if (
          await page
            .locator('[data-testid=present-card]')
            .isVisible({ timeout: 1500 })
            .catch(() => false)
        ) {
          await drawn(src);
          hit = true;
          break;
        }
      }
      assert(hit, 'a click on the map spotlights a territory and shows its metrics card');
      const card = await page.locator('[data-testid=present-card]').innerText();
      assert(
        /Index ÷ mean/.test(card) && /Drive mean/.test(card),
        `the card shows the territory's metrics: ${card}`,
      );
      await shot('spotlight');
      // side by side, same view
      await page.keyboard.press('s');
      await page.waitForSelector('[data-testid=present-map-1]', { timeout: 60000 });
      await until(async () => (await title()).includes('|'), {
        what: 'two scenarios side by side',
      });
      await page.waitForTimeout(1500);
      await shot('side-by-side');
      await page.keyboard.press('Escape'); // first Esc: the spotlight goes
      await until(
        async () =>
          !(await page
            .locator('[data-testid=present-card]')
            .isVisible()
            .catch(() => false)),
        { what: 'the spotlight to clear' },
      );
      await page.keyboard.press('Escape'); // second: back to the workstation
      await until(async () => (await page.locator('[data-testid=presentation]').count()) === 0, {
        what: 'presentation mode to close',
      });
      const after = await state((s) =>
        JSON.stringify({
          panel: s.panel,
          scenario: s.scenario,
          selected: s.selectedTerritory,
          tool: s.tool,
          layers: s.layers,
        }),
      );
      assert(after === before, `the workstation is as it was: before ${before}, after ${after}`);
      const viewAfter = await page.evaluate(() => {
        const m = window.tesseraMaps?.get('main');
        return m ? JSON.stringify({ c: m.getCenter(), z: m.getZoom() }) : null;
      });
      assert(viewAfter === viewBefore, `the map view is as it was: ${viewBefore} → ${viewAfter}`);
      await page.screenshot({ path: join(shotsDir, 'present-after-esc.png') });
    },
  );
}
