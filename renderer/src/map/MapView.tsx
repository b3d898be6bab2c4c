// One map: maplibre base map (offline style) with a deck.gl MapboxOverlay on top. The main map
// handles editing (click-assign, lasso, lock, pin); compare maps are read-only and synchronised.
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { PickingInfo } from '@deck.gl/core';
import { Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-csp-worker.js?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ScenarioLayer } from '../../../workers/common/contract';
import { useStore } from '../state/store';
import { addCountyLines, baseStyle, landRings, stateLabels } from './basemap';
import { UNIT_TOOLS, useMapClick, useLasso, type HoverInfo } from './interactions';
import { buildLayers } from './layers';
import {
  boundarySegments,
  fillAttributes,
  lockedCentroids,
  pointAttributes,
  territoryColours,
  territoryColoursLike,
} from './mapData';
import { showStreets } from './streetBasemap';
import { Tooltip } from './Tooltip';
import { placeLabels, territoryLabelAnchors, type PlacedLabel } from './territoryLabels';
import {
  broadcast,
  joinSync,
  lastCamera,
  registerMap,
  rememberCamera,
  type Camera,
} from './viewSync';

setWorkerUrl(workerUrl);

const placedLabels = new Map<string, PlacedLabel[]>();
(globalThis as unknown as { tesseraLabels?: typeof placedLabels }).tesseraLabels = placedLabels;
const mapColours = new Map<string, { territoryIds: string[]; colours: number[] }>();
(globalThis as unknown as { tesseraMapColours?: typeof mapColours }).tesseraMapColours = mapColours;

export type MapViewProps = {
  id: string;
  layer: ScenarioLayer | null;
  editable: boolean;
  syncGroup?: string;
  label?: string;
  /** Compare: colour territories as this scenario's pane does, so one territory has one colour in every pane. */
  colourReference?: ScenarioLayer | null;
};

export function MapView({ id, layer, editable, syncGroup, label, colourReference }: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const overlayRef = useRef<MapboxOverlay | null>(null);
  const [zoom, setZoom] = useState(lastCamera.zoom);
  const [hover, setHover] = useState<HoverInfo | null>(null);
  const points = useStore((s) => s.points);
  const geometry = useStore((s) => (layer ? s.geometry[layer.unitKind] : undefined));
  const visible = useStore((s) => s.layers);
  const selectedId = useStore((s) => s.selectedTerritory);
  const systems = useStore((s) => s.systems);
  const week = useStore((s) => (editable ? s.week : null));
  const weekDay = useStore((s) => s.weekDay);
  const radius = useStore((s) => (editable && s.tool === 'radius' ? s.radius : null));
  const radiusCenter = useStore((s) => (editable && s.tool === 'radius' ? s.radiusCenter : null));
  const unitsOnly = useStore((s) => editable && UNIT_TOOLS.has(s.tool));

  useEffect(() => {
    if (!container.current) return;
    const map = new MapLibreMap({
      container: container.current,
      style: baseStyle(),
      center: lastCamera.center,
      zoom: lastCamera.zoom,
      minZoom: 2.5,
      maxZoom: 15,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      fadeDuration: 0,
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
    });
    const overlay = new MapboxOverlay({ interleaved: false, layers: [] });
    map.addControl(overlay);
    mapRef.current = map;
    // zoom buttons and a scale bar (miles), bottom right, clear of the legend and the tool bar
    map.addControl(new NavigationControl({ showCompass: false }), 'bottom-right');
    map.addControl(new ScaleControl({ unit: 'imperial', maxWidth: 120 }), 'bottom-right');
    overlayRef.current = overlay;
    const camera = (): Camera => {
      const c = map.getCenter();
      return {
        center: [c.lng, c.lat],
        zoom: map.getZoom(),
        bearing: map.getBearing(),
        pitch: map.getPitch(),
      };
    };
    map.on('error', (e) => console.error('[map]', (e as { error?: Error }).error?.message ?? e));
    map.on('zoom', () => setZoom(Math.round(map.getZoom() * 4) / 4));
    map.on('zoomend', () => {
      if (map.getZoom() >= 4.8 && map.isStyleLoaded()) addCountyLines(map as never);
    });
    map.on('move', (e) => {
      if (!(e as { originalEvent?: unknown }).originalEvent) return;
      if (editable) rememberCamera(camera());
      if (syncGroup) broadcast(syncGroup, camera(), id);
    });
    const leave = syncGroup
      ? joinSync(syncGroup, (cam, from) => {
          if (from !== id)
            map.jumpTo({
              center: cam.center,
              zoom: cam.zoom,
              bearing: cam.bearing,
              pitch: cam.pitch,
            });
        })
      : () => {};
    registerMap(id, map);
    return () => {
      registerMap(id, null);
      leave();
      map.remove();
      mapRef.current = null;
      overlayRef.current = null;
    };
  }, [id, editable, syncGroup]);

  const streets = useStore((s) => s.streets);
  const streetsVisible = useStore((s) => s.streetsVisible);
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const apply = () => showStreets(map, streets, streetsVisible);
    // before the base style has loaded, sources cannot be added yet (isStyleLoaded() is also false
    // while any source is still loading tiles, so it cannot tell the two apart)
    try {
      apply();
    } catch {
      void map.once('load', apply);
    }
    return () => void map.off('load', apply);
  }, [streets, streetsVisible]);

  // positions, tiers and potential only: an edit that changes territories keeps the GPU data
  const pointAttrs = useMemo(
    () => (points ? pointAttributes(points) : null),
    [points?.positions, points?.tier, points?.potential],
  );
  const colours = useMemo(() => {
    if (!layer || !geometry) return null;
    if (colourReference && colourReference.unitKind === layer.unitKind)
      return territoryColoursLike(
        layer,
        geometry,
        colourReference,
        territoryColours(colourReference, geometry),
      );
    return territoryColours(layer, geometry);
  }, [layer, geometry, colourReference]);
  // read by the end-to-end tests: which palette colour each territory of this map has
  useEffect(() => {
    if (layer && colours)
      mapColours.set(id, { territoryIds: layer.territoryIds, colours: [...colours] });
  }, [id, layer, colours]);
  const selectedIndex = layer && selectedId ? layer.territoryIds.indexOf(selectedId) : -1;
  const fill = useMemo(
    () =>
      layer && geometry && colours
        ? fillAttributes({
            geo: geometry,
            layer,
            colours,
            selected: selectedIndex >= 0 ? selectedIndex : null,
          })
        : null,
    [layer, geometry, colours, selectedIndex],
  );
  const boundaries = useMemo(
    () => (layer && geometry ? boundarySegments(geometry, layer) : null),
    [layer, geometry],
  );
  const selection = useMemo(
    () =>
      layer && geometry && selectedIndex >= 0
        ? boundarySegments(geometry, layer, selectedIndex)
        : null,
    [layer, geometry, selectedIndex],
  );
  const locked = useMemo(
    () => (layer && geometry ? lockedCentroids(geometry, layer) : null),
    [layer, geometry],
  );
  const anchors = useMemo(
    () => (layer && geometry ? territoryLabelAnchors(layer, geometry) : null),
    [layer, geometry],
  );
  const labelZoom = Math.round(zoom * 4) / 4;
  const territoryLabels = useMemo(
    () => (anchors ? placeLabels(anchors, labelZoom) : null),
    [anchors, labelZoom],
  );
  useEffect(() => {
    if (territoryLabels) placedLabels.set(id, territoryLabels);
  }, [id, territoryLabels]);
  const lasso = useLasso(mapRef, { enabled: editable, layer, geometry: geometry ?? null });
  const onClick = useMapClick({ editable, layer, geometry: geometry ?? null });
  // with a tool that acts on units only the territory fill is pickable: the tooltip describes the
  // unit a click would change
  const onHover = useCallback(
    (info: PickingInfo) => setHover(info.picked ? { info, layerId: info.layer?.id ?? '' } : null),
    [],
  );

  useEffect(() => {
    overlayRef.current?.setProps({
      layers: buildLayers({
        id,
        zoom,
        visible,
        points: pointAttrs,
        fill,
        boundaries,
        selection,
        locked,
        layer,
        systems,
        week,
        weekDay,
        labels: stateLabels(),
        land: landRings(),
        lasso,
        radius,
        radiusCenter,
        unitsOnly,
        territoryLabels,
      }),
      onHover,
      onClick: (info: PickingInfo) => onClick(info),
      getCursor: ({ isHovering, isDragging }: { isHovering: boolean; isDragging: boolean }) =>
        isDragging ? 'grabbing' : isHovering ? 'pointer' : 'grab',
    });
  }, [
    id,
    zoom,
    visible,
    pointAttrs,
    fill,
    boundaries,
    selection,
    locked,
    layer,
    systems,
    week,
    weekDay,
    lasso,
    radius,
    radiusCenter,
    unitsOnly,
    territoryLabels,
    onClick,
    onHover,
  ]);

  return (
    <div className="map-wrap" data-testid={`map-${id}`}>
      <div ref={container} className="map-canvas" />
      {label && <div className="map-label">{label}</div>}
      {hover && <Tooltip hover={hover} layer={layer} geometry={geometry ?? null} />}
    </div>
  );
}
