import { describe, expect, it } from 'vitest';
import type { TerritoryMetrics } from '../../../workers/common/contract/align';
import type { UnitGeometry } from '../../../workers/common/contract/map';
import {
  accountDriveMinutes,
  groupTravel,
  rankAccounts,
} from '../../../workers/domain/export/accounts';
import { computeChanges, share } from '../../../workers/domain/export/changes';
import { buildSummaryRows } from '../../../workers/domain/export/summary';
import {
  indexUnitRings,
  MAP_COLORS,
  renderTerritoryMap,
  TERRITORY_LEGEND,
} from '../../../workers/domain/export/territoryMap';
import { layoutStrips, legendRows } from '../../../workers/domain/export/mapDecor';

function territory(
  id: string,
  region: string,
  district: string,
  over: Partial<TerritoryMetrics> = {},
): TerritoryMetrics {
  return {
    territoryId: id,
    name: `Territory ${id}`,
    district,
    region,
    repId: `R${id}`,
    repName: `Rep ${id}`,
    units: 10,
    accounts: 100,
    tierCounts: { A: 10, B: 20, C: 70 },
    potential: 1000,
    workloadHours: 900,
    capacityHours: 1200,
    index: 100,
    indexRatio: 1,
    band: 'within5',
    pieces: 1,
    travelMeanMin: 20,
    travelP90Min: 40,
    quota: 5000,
    ...over,
  };
}

const flatTravel = {
  district: () => ({ mean: 1, p90: 2 }),
  region: () => ({ mean: 3, p90: 4 }),
  national: { mean: 5, p90: 6 },
};

describe('summary rows', () => {
  it('orders region → district → territory (natural order) with subtotals and a national total', () => {
    const rows = buildSummaryRows(
      [
        territory('T10', 'West', 'W1'),
        territory('T2', 'West', 'W1', { potential: 500, band: 'outside', indexRatio: 0.8 }),
        territory('T3', 'East', 'E1'),
        territory('T4', 'West', 'W2'),
      ],
      flatTravel,
    );
    expect(rows.map((r) => `${r.level}:${r.territoryId || r.name}`)).toEqual([
      'territory:T3',
      'district:District E1 total',
      'region:Region East total',
      'territory:T2',
      'territory:T10',
      'district:District W1 total',
      'territory:T4',
      'district:District W2 total',
      'region:Region West total',
      'national:National total',
    ]);
    const w1 = rows[5]!;
    expect(w1.potential).toBe(1500);
    expect(w1.accounts).toBe(200);
    expect(w1.indexRatio).toBeCloseTo(0.9);
    expect(w1.travelMeanMin).toBe(1);
    const national = rows.at(-1)!;
    expect(national.potential).toBe(3500);
    expect(national.territories).toBe(4);
    expect(national.quota).toBe(20000);
    expect(national.utilisation).toBeCloseTo(3600 / 4800);
    expect(rows[3]!.band).toBe('Outside band');
  });
});

describe('account ranking and drive-time groups', () => {
  const cols = {
    providerTerritory: Int32Array.from([0, 1, 0, 0, -1, 1, 0]),
    tier: Uint8Array.from([3, 1, 1, 0, 1, 2, 1]),
    potential: Float32Array.from([50, 10, 5, 99, 1, 20, 7]),
    workloadHours: Float32Array.from([1, 2, 3, 0, 1, 4, 3]),
  };
  it('ranks tier A first then by potential, per territory in reporting order, skipping non-accounts', () => {
    const r = rankAccounts(cols, [1, 0]);
    expect(Array.from(r.order)).toEqual([1, 5, 6, 2, 0]);
    expect(Array.from(r.start)).toEqual([0, 2, 5]);
    expect(Array.from(r.rank)).toEqual([3, 1, 2, 0, 0, 2, 1]);
  });
  it('computes group drive-time statistics from account drive minutes', () => {
    const places = {
      lat: new Float32Array(7).fill(40),
      lon: new Float32Array(7).fill(-90),
      density: new Uint8Array(7),
    };
    const mins = accountDriveMinutes(
      cols,
      places,
      { homeLat: [40, 41], homeLon: [-90, -90] },
      (aLat, _aLon, bLat) => Math.abs(aLat - bLat) * 60,
    );
    expect(mins[0]).toBe(0);
    expect(mins[1]).toBeCloseTo(60);
    expect(Number.isNaN(mins[3]!)).toBe(true);
    const g = groupTravel(cols, mins, [
      { region: 'R', district: 'D1' },
      { region: 'R', district: 'D2' },
    ]);
    expect(g.district('R', 'D2').mean).toBeCloseTo(60);
    expect(g.district('R', 'D1').mean).toBe(0);
    // national: weights 1,3,3 at 0 min and 2,4 at 60 min → mean 60*6/13
    expect(g.national.mean).toBeCloseTo((60 * 6) / 13);
    expect(g.region('R').mean).toBeCloseTo(g.national.mean);
  });
});

describe('changes between a baseline and a scenario', () => {
  it('lists moved units and accounts, a transfer matrix and disruption totals', () => {
    const ch = computeChanges({
      baseline: {
        territoryIds: ['T1', 'T2'],
        unitTerritory: new Map([
          ['10001', 0],
          ['10002', 0],
          ['10003', 1],
        ]),
        providerTerritory: Int32Array.from([0, 0, 1, 0]),
      },
      scenario: {
        territoryIds: ['T2', 'T1'],
        unitTerritory: new Map([
          ['10001', 1],
          ['10002', 0],
          ['10003', 0],
        ]),
        providerTerritory: Int32Array.from([1, 0, 0, 1]),
      },
      unitIds: ['10001', '10002', '10003'],
      providerUnit: Int32Array.from([0, 1, 2, 0]),
      tier: Uint8Array.from([1, 2, 3, 0]),
      potential: Float32Array.from([100, 50, 30, 999]),
    });
    expect(ch.units.map((u) => `${u.unit}:${u.from}>${u.to}`)).toEqual(['10002:T1>T2']);
    expect(ch.units[0]!.opportunity).toBe(50);
    expect(Array.from(ch.accounts.provider)).toEqual([1]);
    expect(ch.transfers).toEqual([
      { from: 'T1', to: 'T2', units: 1, accounts: 1, tierA: 0, opportunity: 50 },
    ]);
    expect(share(ch.totals.opportunity)).toBeCloseTo(50 / 180);
    expect(ch.totals.units).toEqual({ moved: 1, total: 3 });
    expect(ch.totals.tierA).toEqual({ moved: 0, total: 1 });
  });
  it('reports no changes for identical alignments', () => {
    const side = {
      territoryIds: ['T1'],
      unitTerritory: new Map([['1', 0]]),
      providerTerritory: Int32Array.from([0]),
    };
    const ch = computeChanges({
      baseline: side,
      scenario: side,
      unitIds: ['1'],
      providerUnit: Int32Array.from([0]),
      tier: Uint8Array.from([1]),
      potential: Float32Array.from([5]),
    });
    expect(ch.units).toEqual([]);
    expect(ch.transfers).toEqual([]);
    expect(ch.totals.accounts).toEqual({ moved: 0, total: 1 });
  });
});

describe('territory map raster', () => {
  // Two unit squares side by side: unit 0 (territory 0) at lon -91..-90, unit 1 (territory 1) at -90..-89.
  const geometry: UnitGeometry = {
    unitKind: 'zip',
    ids: ['A', 'B'],
    centroids: Float32Array.from([-90.5, 40.5, -89.5, 40.5]),
    vertices: Float32Array.from([
      -91, 40, -90, 40, -90, 41, -91, 41, -90, 40, -89, 40, -89, 41, -90, 41,
    ]),
    polygonStarts: Uint32Array.from([0, 4, 8]),
    ringStarts: Uint32Array.from([0, 4, 8]),
    ringUnit: Uint32Array.from([0, 1]),
  };
  it('fills own cells, neighbours, outline, tier dots and the home base', () => {
    const { raster, view } = renderTerritoryMap({
      width: 200,
      height: 200,
      geometry,
      rings: indexUnitRings(geometry),
      unitTerritory: Int32Array.from([0, 1]),
      territory: 0,
      accounts: {
        lon: Float32Array.from([-90.5]),
        lat: Float32Array.from([40.25]),
        tier: Uint8Array.from([1]),
      },
      home: { lat: 40.75, lon: -90.5 },
    });
    const px = (x: number, y: number) =>
      Array.from(raster.data.subarray((y * 200 + x) * 4, (y * 200 + x) * 4 + 4));
    expect(view.milesAcross).toBeGreaterThan(50);
    const count = (c: readonly number[]) => {
      let n = 0;
      for (let i = 0; i < raster.data.length; i += 4)
        if (raster.data[i] === c[0] && raster.data[i + 1] === c[1] && raster.data[i + 2] === c[2])
          n += 1;
      return n;
    };
    // The map sits above the legend strip (what is coloured, scale bar): own cell in the middle of
    // that area; the account (lat 40.25) below the home base (lat 40.75), both drawn.
    const strip = layoutStrips(
      200,
      200,
      false,
      legendRows(200, 200, '', TERRITORY_LEGEND, 600),
    ).bottom;
    const midY = Math.round((200 - strip) / 2);
    expect(px(100, midY)).toEqual([...MAP_COLORS.own]);
    const rowsOf = (c: readonly number[]) => {
      const ys: number[] = [];
      for (let i = 0; i < raster.data.length; i += 4)
        if (raster.data[i] === c[0] && raster.data[i + 1] === c[1] && raster.data[i + 2] === c[2])
          ys.push(Math.floor(i / 4 / 200));
      return ys;
    };
    const tierRows = rowsOf(MAP_COLORS.tierA).filter((y) => y < 200 - strip);
    const homeRows = rowsOf(MAP_COLORS.home).filter((y) => y < 200 - strip);
    expect(tierRows.length).toBeGreaterThan(5);
    expect(homeRows.length).toBeGreaterThan(5);
    expect(Math.min(...tierRows)).toBeGreaterThan(Math.max(...homeRows) - 12);
    // the legend strip is drawn: its swatches use the map's colours below the map area
    expect(rowsOf(MAP_COLORS.tierA).some((y) => y >= 200 - strip)).toBe(true);
    expect(count(MAP_COLORS.neighbour)).toBeGreaterThan(100);
    expect(count(MAP_COLORS.outline)).toBeGreaterThan(300);
  });
});

describe('PNG encoding', () => {
  it('round-trips a raster through an independent PNG decoder (pngjs)', async () => {
    const { PNG } = await import('pngjs');
    const { encodePng } = await import('../../../workers/data/export/png');
    const { createRaster, fillDisc } = await import('../../../workers/domain/export/raster');
    const r = createRaster(40, 30, [10, 20, 30, 255]);
    fillDisc(r, 20, 15, 6, [200, 100, 50, 255]);
    const decoded = PNG.sync.read(await encodePng(r));
    expect([decoded.width, decoded.height]).toEqual([40, 30]);
    const at = (x: number, y: number) =>
      Array.from(decoded.data.subarray((y * 40 + x) * 4, (y * 40 + x) * 4 + 3));
    expect(at(0, 0)).toEqual([10, 20, 30]);
    expect(at(20, 15)).toEqual([200, 100, 50]);
  });
});
