// The map renderer's labelling: text drawn from the bundled glyph outlines, city labels that never
// overlap each other or the title/legend strips, population ranking by zoom, nice scale-bar lengths.
import { describe, expect, it } from 'vitest';
import {
  drawCityLabels,
  minPopulationFor,
  scaleBarMiles,
  type Box,
  type CityPoint,
} from '../../../workers/domain/export/mapDecor';
import { drawText, fitText, measureText } from '../../../workers/domain/export/mapText';
import { createRaster } from '../../../workers/domain/export/raster';

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

describe('map text', () => {
  it('measures wider text as wider and bold wider than regular', () => {
    expect(measureText('Chicago', 12)).toBeGreaterThan(measureText('Chi', 12));
    expect(measureText('Chicago', 24)).toBeCloseTo(2 * measureText('Chicago', 12), 6);
    expect(measureText('Chicago', 12, true)).toBeGreaterThan(measureText('Chicago', 12));
    expect(measureText('Chicago', 12)).toBeGreaterThan(30);
  });

  it('draws ink only around the text box and truncates with an ellipsis to fit', () => {
    const r = createRaster(200, 60, [255, 255, 255, 255]);
    drawText(r, 'Springfield', 20, 40, { size: 20, color: [0, 0, 0, 255] });
    const w = measureText('Springfield', 20);
    let inside = 0,
      outside = 0;
    for (let y = 0; y < 60; y++)
      for (let x = 0; x < 200; x++) {
        const dark = r.data[(y * 200 + x) * 4]! < 128;
        if (!dark) continue;
        if (x >= 19 && x <= 21 + w && y >= 40 - 20 && y <= 40 + 6) inside++;
        else outside++;
      }
    expect(inside).toBeGreaterThan(100);
    expect(outside).toBe(0);
    const t = fitText('Territory alignment options for the client', 12, 80);
    expect(t.endsWith('…')).toBe(true);
    expect(measureText(t, 12)).toBeLessThanOrEqual(80);
  });
});

describe('city labels', () => {
  const project = (lon: number, lat: number): [number, number] => [
    (lon + 100) * 40 + 300,
    (45 - lat) * 40 + 200,
  ];
  it('places the largest first, never overlapping each other or reserved boxes, and drops what does not fit', () => {
    const cities: CityPoint[] = [];
    // a dense cluster: 60 towns within half a degree, populations descending
    for (let i = 0; i < 60; i++)
      cities.push({
        name: `Town ${i}`,
        lon: -100 + (i % 8) * 0.06,
        lat: 40 + Math.floor(i / 8) * 0.06,
        population: 1_000_000 - i * 1000,
      });
    const r = createRaster(800, 600, [240, 240, 240, 255]);
    const reserved: Box = { x0: 0, y0: 0, x1: 800, y1: 40 };
    const placed = drawCityLabels(
      r,
      cities,
      project,
      { x0: 0, y0: 40, x1: 800, y1: 600 },
      200,
      [reserved],
      100,
    );
    expect(placed.length).toBeGreaterThan(2);
    expect(placed.length).toBeLessThan(60);
    expect(placed[0]!.name).toBe('Town 0');
    for (let i = 0; i < placed.length; i++) {
      expect(overlaps(placed[i]!.box, reserved)).toBe(false);
      for (let j = i + 1; j < placed.length; j++)
        expect(
          overlaps(placed[i]!.box, placed[j]!.box),
          `${placed[i]!.name} / ${placed[j]!.name}`,
        ).toBe(false);
    }
  });

  it('shows only large cities on a national map and towns on a territory map', () => {
    expect(minPopulationFor(2800)).toBeGreaterThanOrEqual(100_000);
    expect(minPopulationFor(80)).toBeLessThanOrEqual(5_000);
    const cities: CityPoint[] = [
      { name: 'Big', lon: -100, lat: 44, population: 500_000 },
      { name: 'Small', lon: -98, lat: 42, population: 3_000 },
    ];
    const r = createRaster(800, 600, [240, 240, 240, 255]);
    expect(
      drawCityLabels(r, cities, project, { x0: 0, y0: 0, x1: 800, y1: 600 }, 2800).map(
        (p) => p.name,
      ),
    ).toEqual(['Big']);
    expect(
      drawCityLabels(
        createRaster(800, 600, [240, 240, 240, 255]),
        cities,
        project,
        { x0: 0, y0: 0, x1: 800, y1: 600 },
        80,
      ).map((p) => p.name),
    ).toEqual(['Big', 'Small']);
  });

  it('picks scale bars of 1, 2 or 5 × 10^k miles about a fifth of the width', () => {
    expect(scaleBarMiles(2800)).toBe(500);
    expect(scaleBarMiles(120)).toBe(20);
    expect(scaleBarMiles(40)).toBe(5);
  });
});
