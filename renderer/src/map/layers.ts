// deck.gl layers of the workstation map, built from prepared binary attributes. Provider density
// uses HexagonLayer with CPU aggregation over binary attributes: GPU aggregation with binary
// positions drew nothing under ANGLE/llvmpipe here, and CPU aggregation only re-runs when the data
// or the radius bucket changes (not per frame).
import type { Color, Layer } from '@deck.gl/core';
import { MaskExtension } from '@deck.gl/extensions';
import { HeatmapLayer, HexagonLayer } from '@deck.gl/aggregation-layers';
import {
  LineLayer,
  PathLayer,
  PolygonLayer,
  ScatterplotLayer,
  SolidPolygonLayer,
  TextLayer,
} from '@deck.gl/layers';
import type {
  HealthSystemSites,
  RadiusResult,
  RouteWeek,
  ScenarioLayer,
} from '../../../workers/common/contract';
import { setState, type LayerKey } from '../state/store';
import type { StateLabel } from './basemap';
import type { FillAttributes, PointAttributes, Segments } from './mapData';
import { territoryLabelLayer, type PlacedLabel } from './territoryLabels';
import { DENSITY_RAMP, ROUTE_DAY_COLORS } from './palette';

/** Clips a layer to the land mask (GPU, per pixel). */
const MASK = new MaskExtension();
const masked = (id: string) => ({ extensions: [MASK], maskId: `${id}-land` });

/** Line segments (territory boundaries, the selection outline) of a constant pixel width, clipped to land. */
function segmentLines(
  id: string,
  suffix: string,
  segments: Segments,
  color: Color,
  width: number,
): Layer {
  return new LineLayer({
    id: `${id}-${suffix}`,
    data: {
      length: segments.length,
      attributes: {
        getSourcePosition: { value: segments.source, size: 2 },
        getTargetPosition: { value: segments.target, size: 2 },
      },
    },
    getColor: color,
    getWidth: width,
    widthUnits: 'pixels',
    ...masked(id),
  });
}

/** A dot sized in pixels with an outline: the markers drawn over the data layers. */
const outlined = (lineColor: Color, lineWidth: number) => ({
  radiusUnits: 'pixels' as const,
  stroked: true,
  getLineColor: lineColor,
  lineWidthMinPixels: lineWidth,
});

/** Labels with a halo, readable over any fill (SDF glyphs for the characters they use). */
const haloText = (outlineWidth: number, outlineColor: Color) => ({
  fontFamily: 'system-ui, sans-serif',
  fontWeight: 600,
  outlineWidth,
  outlineColor,
  fontSettings: { sdf: true },
  characterSet: 'auto' as const,
});

export type LayerInputs = {
  id: string;
  zoom: number;
  visible: Record<LayerKey, boolean>;
  points: PointAttributes | null;
  fill: FillAttributes | null;
  boundaries: Segments | null;
  selection: Segments | null;
  locked: Float32Array | null;
  layer: ScenarioLayer | null;
  systems: HealthSystemSites | null;
  week: RouteWeek | null;
  weekDay: number | null;
  labels: StateLabel[];
  land: [number, number][][];
  lasso: [number, number][] | null;
  radius: RadiusResult | null;
  radiusCenter: { lat: number; lon: number } | null;
  /**
   * A tool that acts on units (assign, lock) is on: only the territory fill answers picks, so a
   * click or hover over a provider dot, the density or a home base lands on the unit beneath it.
   */
  unitsOnly: boolean;
  /** Territory labels placed without overlaps at this zoom (map/territoryLabels.ts). */
  territoryLabels?: PlacedLabel[] | null;
};

/** Zoom at which individual providers replace the density layers. */
export const POINTS_MIN_ZOOM = 6.5;

export function hexRadiusMeters(zoom: number): number {
  if (zoom < 4.5) return 40000;
  if (zoom < 5.5) return 20000;
  return 10000;
}

export function buildLayers(inp: LayerInputs): Layer[] {
  const out: (Layer | null)[] = [
    landMask(inp),
    // density under the territory fill (the fill is lighter while a density layer shows through it)
    densityHexbin(inp),
    densityHeatmap(inp),
    territoryFill(inp),
    boundaryLines(inp),
    ...selectionLines(inp),
    providerDots(inp),
    lockedMarkers(inp),
    systemSites(inp),
    ...(homeBases(inp) ?? []),
    ...routeLayers(inp),
    lassoLayer(inp),
    ...radiusLayers(inp),
    stateNames(inp),
    inp.visible.territories ? territoryLabelLayer(inp.id, inp.territoryLabels ?? null) : null,
  ];
  return out.filter((l): l is Layer => l !== null);
}

/**
 * Same polygons as the last fill (an edit, undo or a selection changes colours only): deck.gl is told
 * that no row changed (an empty list of changed rows), so it does not re-tessellate every polygon;
 * the new colour buffer is the only attribute uploaded to the GPU. New geometry re-tessellates.
 */
function colourOnlyDiff<T>(newData: T, oldData?: T): { startRow: number; endRow?: number }[] {
  const next = newData as unknown as BinaryData;
  const prev = oldData as unknown as BinaryData | undefined;
  const same =
    prev !== undefined &&
    next.length === prev.length &&
    next.startIndices === prev.startIndices &&
    next.attributes.getPolygon?.value === prev.attributes.getPolygon?.value;
  return same ? [] : [{ startRow: 0 }];
}

function territoryFill({ id, fill, visible, zoom }: LayerInputs): Layer | null {
  if (!fill || !visible.territories) return null;
  const densityBelow = (visible.hexbin && zoom < POINTS_MIN_ZOOM) || visible.heatmap;
  const data: BinaryData = {
    length: fill.length,
    startIndices: fill.startIndices,
    attributes: {
      getPolygon: { value: fill.vertices, size: 2 },
      getFillColor: { value: fill.colors, size: 4, normalized: true },
    },
  };
  return new SolidPolygonLayer({
    // other geometry (county ↔ ZIP) is another layer: the partial-update path only ever sees the same rings
    id: `${id}-territory-fill-${fill.length}`,
    data,
    _dataDiff: colourOnlyDiff,
    opacity: densityBelow ? 0.55 : 1,
    _normalize: false,
    ...masked(id),
    pickable: true,
    autoHighlight: true,
    highlightColor: [40, 40, 40, 70],
  });
}

function boundaryLines({ id, boundaries, visible }: LayerInputs): Layer | null {
  if (!boundaries || !visible.territories) return null;
  return segmentLines(id, 'territory-lines', boundaries, [55, 65, 81, 220], 1.4);
}

/** The selected territory's outline: a dark line over a white halo, readable over any fill. */
function selectionLines({ id, selection }: LayerInputs): Layer[] {
  if (!selection || selection.length === 0) return [];
  return [
    segmentLines(id, 'selection-halo', selection, [255, 255, 255, 230], 8),
    segmentLines(id, 'selection', selection, [17, 24, 39, 255], 4),
  ];
}

/**
 * The binary data containers of the point layers, one set per PointAttributes: deck.gl treats a new
 * `data` object as new data (the hexbin re-bins every point on the CPU, the dots re-upload), so the
 * layers built on each render must get the same containers while the points are the same.
 */
/** deck.gl binary data: `length` rows whose accessors read prepared typed arrays (no per-row callbacks). */
type BinaryData = {
  length: number;
  startIndices?: Uint32Array;
  attributes: Record<
    string,
    { value: Float32Array | Uint8Array; size: number; normalized?: boolean }
  >;
};
type PointData = { hex: BinaryData; heat: BinaryData; dots: BinaryData };
const pointData = new WeakMap<PointAttributes, PointData>();

function pointDataOf(points: PointAttributes): PointData {
  let d = pointData.get(points);
  if (!d) {
    const position = { value: points.positions, size: 2 };
    const weight = { value: points.weights, size: 1 };
    d = {
      hex: { length: points.length, attributes: { getPosition: position, getColorWeight: weight } },
      heat: { length: points.length, attributes: { getPosition: position, getWeight: weight } },
      dots: {
        length: points.length,
        attributes: {
          getPosition: position,
          getFillColor: { value: points.colors, size: 4, normalized: true },
          getRadius: { value: points.radii, size: 1 },
        },
      },
    };
    pointData.set(points, d);
  }
  return d;
}

function densityHexbin({
  id,
  points,
  visible,
  zoom,
  fill,
  selection,
  unitsOnly,
}: LayerInputs): Layer | null {
  const underTerritories = visible.territories && fill !== null;
  if (!points || !visible.hexbin || zoom >= POINTS_MIN_ZOOM) return null;
  return new HexagonLayer({
    id: `${id}-density-hex`,
    data: pointDataOf(points).hex,
    gpuAggregation: false,
    radius: hexRadiusMeters(zoom),
    coverage: 0.92,
    colorAggregation: 'SUM',
    colorScaleType: 'quantile',
    // the legend shows the range of potential per hexagon the colours span
    onSetColorDomain: (domain: [number, number]) =>
      id === 'main' && queueMicrotask(() => setState({ densityDomain: domain })),
    colorRange: DENSITY_RAMP,
    // under the territory fill: strong enough to read through it; fainter while a territory is selected
    opacity: underTerritories ? (selection?.length ? 0.45 : 0.85) : 0.8,
    extruded: false,
    ...masked(id),
    pickable: !unitsOnly,
  });
}

/**
 * The heatmap splats every point as a ~56-px quad; in software GL that costs seconds for 300 k points.
 * Points are summed into grid cells smaller than a pixel at the zoom bucket (0.1° below zoom 5 ≈ 0.9 px,
 * 0.025° below 7), which draws the same picture from a few thousand splats; closer in, the points as they are.
 */
const heatCells = new WeakMap<PointAttributes, Map<number, BinaryData>>();

export function heatCellDegrees(zoom: number): number {
  return zoom < 5 ? 0.1 : zoom < 7 ? 0.025 : 0;
}

function heatDataOf(points: PointAttributes, zoom: number): BinaryData {
  const cell = heatCellDegrees(zoom);
  if (cell === 0) return pointDataOf(points).heat;
  let byCell = heatCells.get(points);
  if (!byCell) heatCells.set(points, (byCell = new Map()));
  const hit = byCell.get(cell);
  if (hit) return hit;
  const index = new Map<number, number>();
  const sumX: number[] = [];
  const sumY: number[] = [];
  const sumW: number[] = [];
  const pos = points.positions;
  for (let i = 0; i < points.length; i++) {
    const x = pos[2 * i]!;
    const y = pos[2 * i + 1]!;
    const w = points.weights[i]!;
    if (!(w > 0) || Number.isNaN(x)) continue;
    const key = Math.floor((x + 180) / cell) * 100000 + Math.floor((y + 90) / cell);
    let c = index.get(key);
    if (c === undefined) {
      c = sumW.length;
      index.set(key, c);
      sumX.push(0);
      sumY.push(0);
      sumW.push(0);
    }
    // weighted centre of the cell's points, total weight of the cell
    sumX[c]! += x * w;
    sumY[c]! += y * w;
    sumW[c]! += w;
  }
  const n = sumW.length;
  const positions = new Float32Array(2 * n);
  const weights = new Float32Array(n);
  for (let c = 0; c < n; c++) {
    positions[2 * c] = sumX[c]! / sumW[c]!;
    positions[2 * c + 1] = sumY[c]! / sumW[c]!;
    weights[c] = sumW[c]!;
  }
  const data: BinaryData = {
    length: n,
    attributes: {
      getPosition: { value: positions, size: 2 },
      getWeight: { value: weights, size: 1 },
    },
  };
  byCell.set(cell, data);
  return data;
}

function densityHeatmap({ id, points, visible, zoom }: LayerInputs): Layer | null {
  if (!points || !visible.heatmap) return null;
  return new HeatmapLayer({
    id: `${id}-density-heat`,
    data: heatDataOf(points, zoom),
    radiusPixels: 28,
    intensity: 1.2,
    threshold: 0.04,
    colorRange: DENSITY_RAMP,
    aggregation: 'SUM',
  });
}

function providerDots({ id, points, visible, zoom, unitsOnly }: LayerInputs): Layer | null {
  if (!points || !visible.providers || zoom < POINTS_MIN_ZOOM) return null;
  return new ScatterplotLayer({
    id: `${id}-providers`,
    data: pointDataOf(points).dots,
    radiusScale: Math.min(1.6, 0.6 + (zoom - POINTS_MIN_ZOOM) * 0.25),
    ...outlined([255, 255, 255, 200], 0.5),
    pickable: !unitsOnly,
    autoHighlight: true,
    highlightColor: [17, 24, 39, 255],
  });
}

function lockedMarkers({ id, locked, visible }: LayerInputs): Layer | null {
  if (!locked || locked.length === 0 || !visible.territories) return null;
  return new ScatterplotLayer({
    id: `${id}-locked`,
    data: { length: locked.length / 2, attributes: { getPosition: { value: locked, size: 2 } } },
    getRadius: 4,
    getFillColor: [17, 24, 39, 230],
    ...outlined([255, 255, 255, 255], 1.5),
  });
}

function systemSites({ id, systems, visible, unitsOnly }: LayerInputs): Layer | null {
  if (!systems || !visible.systems || systems.ids.length === 0) return null;
  const sizes = new Float32Array(systems.ids.length);
  for (let i = 0; i < sizes.length; i++) sizes[i] = 4 + Math.sqrt(systems.providers[i]!) * 0.8;
  return new ScatterplotLayer({
    id: `${id}-systems`,
    data: {
      length: systems.ids.length,
      attributes: {
        getPosition: { value: systems.positions, size: 2 },
        getRadius: { value: sizes, size: 1 },
      },
    },
    getFillColor: [204, 121, 167, 200],
    ...outlined([90, 30, 70, 255], 1.5),
    pickable: !unitsOnly,
  });
}

function homeBases({ id, layer, visible, zoom, unitsOnly }: LayerInputs): Layer[] | null {
  if (!layer || !visible.homes) return null;
  const n = layer.territoryIds.length;
  return [
    new ScatterplotLayer({
      id: `${id}-homes`,
      data: { length: n, attributes: { getPosition: { value: layer.homes, size: 2 } } },
      getRadius: 5,
      getFillColor: [255, 255, 255, 255],
      ...outlined([17, 24, 39, 255], 2.5),
      pickable: !unitsOnly,
    }),
    ...(zoom >= 5.5
      ? [
          new TextLayer({
            id: `${id}-home-labels`,
            data: [...Array(n).keys()],
            getPosition: (i: number) => [layer.homes[2 * i]!, layer.homes[2 * i + 1]!],
            getText: (i: number) => layer.repNames[i] ?? layer.territoryNames[i] ?? '',
            getSize: 11,
            getColor: [17, 24, 39, 255],
            getPixelOffset: [0, -14],
            ...haloText(3, [255, 255, 255, 230]),
          }),
        ]
      : []),
  ] as unknown as Layer[];
}

function routeLayers({ id, week, weekDay, visible, unitsOnly }: LayerInputs): Layer[] {
  if (!week || !visible.routes) return [];
  const days = week.days
    .map((d, i) => ({ d, i }))
    .filter(({ i }) => weekDay === null || weekDay === i);
  const paths = days.map(({ d, i }) => ({
    path: [
      [d.start.lon, d.start.lat],
      ...d.stops.map((s) => [s.lon, s.lat]),
      [d.end.lon, d.end.lat],
    ],
    color: ROUTE_DAY_COLORS[i % ROUTE_DAY_COLORS.length]!,
  }));
  const stops = days.flatMap(({ d, i }) =>
    d.stops.map((s, k) => ({ s, k, color: ROUTE_DAY_COLORS[i % ROUTE_DAY_COLORS.length]! })),
  );
  return [
    new PathLayer({
      id: `${id}-routes`,
      data: paths,
      getPath: (p: (typeof paths)[number]) => p.path as [number, number][],
      getColor: (p: (typeof paths)[number]) => p.color,
      getWidth: 3,
      widthUnits: 'pixels',
      jointRounded: true,
      capRounded: true,
    }),
    new ScatterplotLayer({
      id: `${id}-route-stops`,
      data: stops,
      getPosition: (x: (typeof stops)[number]) => [x.s.lon, x.s.lat],
      getFillColor: (x: (typeof stops)[number]) => x.color,
      getRadius: 7,
      ...outlined([255, 255, 255, 255], 1.5),
      pickable: !unitsOnly,
    }),
    new TextLayer({
      id: `${id}-route-order`,
      data: stops,
      getPosition: (x: (typeof stops)[number]) => [x.s.lon, x.s.lat],
      getText: (x: (typeof stops)[number]) => String(x.k + 1),
      getSize: 10,
      getColor: [255, 255, 255, 255],
      fontWeight: 700,
      fontFamily: 'system-ui, sans-serif',
    }),
  ] as unknown as Layer[];
}

function landMask({ id, land }: LayerInputs): Layer {
  return new SolidPolygonLayer({
    id: `${id}-land`,
    data: land,
    getPolygon: (ring: [number, number][]) => ring,
    operation: 'mask',
  });
}

function lassoLayer({ id, lasso }: LayerInputs): Layer | null {
  if (!lasso || lasso.length < 2) return null;
  return new PolygonLayer({
    id: `${id}-lasso`,
    data: [{ polygon: lasso }],
    getPolygon: (d: { polygon: [number, number][] }) => d.polygon,
    getFillColor: [0, 114, 178, 40],
    getLineColor: [0, 114, 178, 255],
    getLineWidth: 2,
    lineWidthUnits: 'pixels',
    stroked: true,
  });
}

const METERS_PER_MILE = 1609.344;

/** Radius tool: the road-mile circle (straight-line upper bound), the ranked hits and the centre. */
function radiusLayers({ id, radius, radiusCenter }: LayerInputs): Layer[] {
  if (!radiusCenter) return [];
  const center = [radiusCenter.lon, radiusCenter.lat];
  const hits = radius?.hits ?? [];
  return [
    ...(radius?.miles
      ? [
          new ScatterplotLayer({
            id: `${id}-radius-circle`,
            data: [center],
            getPosition: (d: number[]) => d as [number, number],
            getRadius: radius.miles * METERS_PER_MILE,
            radiusUnits: 'meters',
            filled: true,
            getFillColor: [213, 94, 0, 40],
            stroked: true,
            getLineColor: [213, 94, 0, 220],
            lineWidthUnits: 'pixels',
            getLineWidth: 2,
          }),
        ]
      : []),
    new ScatterplotLayer({
      id: `${id}-radius-hits`,
      data: hits,
      getPosition: (h: RadiusResult['hits'][number]) => [h.lon, h.lat],
      getRadius: 6,
      getFillColor: [213, 94, 0, 235],
      ...outlined([255, 255, 255, 255], 1.5),
    }),
    new ScatterplotLayer({
      id: `${id}-radius-center`,
      data: [center],
      getPosition: (d: number[]) => d as [number, number],
      getRadius: 8,
      getFillColor: [17, 24, 39, 255],
      ...outlined([255, 255, 255, 255], 3),
    }),
  ] as unknown as Layer[];
}

function stateNames({ id, labels, zoom }: LayerInputs): Layer | null {
  if (zoom > 7.5) return null;
  return new TextLayer({
    id: `${id}-state-names`,
    data: labels,
    getPosition: (d: StateLabel) => d.position,
    getText: (d: StateLabel) => d.name.toUpperCase(),
    getSize: zoom < 4 ? 9 : 11,
    getColor: [75, 85, 99, 200],
    ...haloText(2, [255, 255, 255, 200]),
  });
}
