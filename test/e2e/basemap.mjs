// End-to-end check of the optional street basemap: a tiny raster PMTiles archive written here (one
// magenta tile), opened by path through `tessera serve` and as a chosen file, drawn under the data
// layers; hiding and removing it takes it off the map.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { assert, until } from './harness.mjs';
import { changedShare } from './pixels.mjs';
import { protomapsTile, solidPng, writePmtiles } from './pmtilesFixture.mjs';

/** Share of clearly magenta pixels (the test tile's colour, also when tinted by a territory fill). */
function magentaShare(buffer) {
  const { data } = PNG.sync.read(buffer);
  let n = 0;
  for (let i = 0; i < data.length; i += 4)
    if (data[i] - data[i + 1] > 70 && data[i + 2] - data[i + 1] > 70) n++;
  return n / (data.length / 4);
}

export async function basemapChecks({ page, check, state, tab, mapIdle, shot }) {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-e2e-streets-'));
  const path = join(dir, 'streets.pmtiles');
  writePmtiles(path, {
    tileType: 2,
    tiles: [{ z: 0, x: 0, y: 0, data: solidPng([255, 0, 255]) }],
    metadata: { name: 'e2e magenta' },
  });
  const vectorPath = join(dir, 'protomaps.pmtiles');
  const vectorLayers = ['earth', 'water', 'roads'].map((id) => ({
    id,
    fields: { kind: 'String' },
  }));
  writePmtiles(vectorPath, {
    tileType: 1,
    tiles: [{ z: 0, x: 0, y: 0, data: protomapsTile() }],
    metadata: { name: 'e2e vector', vector_layers: vectorLayers },
  });
  const magenta = async () => {
    await mapIdle();
    await page.waitForTimeout(600);
    return magentaShare(await page.locator('[data-testid=map-main]').screenshot());
  };

  await check(
    'a PMTiles street basemap opens by path and as a file, draws under the data, and hides',
    async () => {
      await tab('data');
      await page.evaluate(() =>
        window.tesseraMaps.get('main').jumpTo({ center: [-96.5, 38.5], zoom: 4 }),
      );
      const before = await magenta();
      assert(
        before < 0.01,
        `no magenta expected before the basemap (${(before * 100).toFixed(1)} %)`,
      );
      await page.fill('[data-testid=street-path]', path);
      await page.click('[data-testid=street-use-path]');
      await page.waitForSelector('[data-testid=street-status]:has-text("raster tiles")', {
        timeout: 20000,
      });
      const shown = await until(async () => ((await magenta()) > 0.15 ? magenta() : null), {
        what: 'the basemap tiles to draw',
        timeoutMs: 30000,
      });
      assert(
        shown > 0.15,
        `the basemap should cover the map (${(shown * 100).toFixed(1)} % magenta)`,
      );
      await shot('12-street-basemap');
      await page.click('[data-testid=street-visible]');
      const hidden = await magenta();
      assert(
        hidden < 0.01,
        `hiding the basemap should take it off the map (${(hidden * 100).toFixed(1)} % magenta)`,
      );
      await page.click('[data-testid=street-remove]');
      assert((await state((s) => s.streets)) === null, 'remove should drop the basemap');
      // the same archive chosen as a file (read in the page, no server route)
      await page.setInputFiles('[data-testid=street-file]', path);
      await page.waitForSelector('[data-testid=street-status]:has-text("streets.pmtiles")', {
        timeout: 20000,
      });
      const fromFile = await until(async () => ((await magenta()) > 0.15 ? magenta() : null), {
        what: 'the chosen file to draw',
        timeoutMs: 30000,
      });
      assert(
        fromFile > 0.15,
        `the chosen file should draw (${(fromFile * 100).toFixed(1)} % magenta)`,
      );
      await page.click('[data-testid=street-remove]');
      const removed = await magenta();
      assert(
        removed < 0.01,
        `removing the basemap should take it off the map (${(removed * 100).toFixed(1)} % magenta)`,
      );
      // a vector archive in the Protomaps schema gets the default street style (water fill, roads)
      const plain = await page.locator('[data-testid=map-main]').screenshot();
      await page.fill('[data-testid=street-path]', vectorPath);
      await page.click('[data-testid=street-use-path]');
      await page.waitForSelector('[data-testid=street-status]:has-text("Protomaps schema")', {
        timeout: 20000,
      });
      const drawn = await until(
        async () => {
          await mapIdle();
          await page.waitForTimeout(600);
          const share = changedShare(
            plain,
            await page.locator('[data-testid=map-main]').screenshot(),
            8,
          );
          return share > 0.02 ? share : null;
        },
        { what: 'the vector basemap (water, roads) to draw', timeoutMs: 30000 },
      );
      assert(drawn > 0.02, 'vector basemap drawn');
      await shot('12b-street-basemap-vector');
      await page.click('[data-testid=street-remove]');
    },
  );
}
