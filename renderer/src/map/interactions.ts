// Map interactions of the editing map: click to select / assign / lock / pin / centre a radius list, lasso to reassign.
import type { PickingInfo } from '@deck.gl/core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useState, type RefObject } from 'react';
import type { ScenarioLayer, UnitGeometry } from '../../../workers/common/contract';
import { call } from '../engine/calls';
import { whatIf } from '../state/actions';
import { engine, getState, setState, toast, useStore, type EditTool } from '../state/store';
import { unitsInPolygon } from './mapData';

export type HoverInfo = { info: PickingInfo; layerId: string };

type ClickDeps = { editable: boolean; layer: ScenarioLayer | null; geometry: UnitGeometry | null };

/**
 * Tools whose click acts on the unit under the pointer even where a provider dot or home base is
 * drawn: while one is on, only the territory fill is pickable (layers.ts `unitsOnly`).
 */
export const UNIT_TOOLS: ReadonlySet<EditTool> = new Set(['assign', 'lock']);

function activeTerritory(): string | null {
  const t = getState().selectedTerritory;
  if (!t)
    toast('info', 'Select the territory to assign to first (click it in the list or on the map).');
  return t;
}

export function useMapClick({ editable, layer, geometry }: ClickDeps) {
  return useCallback(
    (info: PickingInfo) => {
      const { tool } = getState();
      // the lasso owns the pointer: deck.gl reports a drag that ends near its start as a click,
      // which must neither change the target territory nor open a card
      if (editable && tool === 'lasso') return;
      if (editable && tool === 'radius') {
        if (info.coordinate)
          setState({
            radiusCenter: { lon: info.coordinate[0]!, lat: info.coordinate[1]! },
            radius: null,
          });
        return;
      }
      const layerId = info.layer?.id ?? '';
      if (layerId.endsWith('-providers') && info.index >= 0) {
        if (editable && tool === 'pin') return void pinProvider(info.index);
        setState({ cardIndex: info.index });
        return;
      }
      if (layerId.endsWith('-homes') && layer && info.index >= 0) {
        setState({ selectedTerritory: layer.territoryIds[info.index] ?? null });
        return;
      }
      if (!layerId.includes('-territory-fill') || !layer || !geometry || info.index < 0) return;
      const unit = geometry.ringUnit[info.index]!;
      const unitId = geometry.ids[unit]!;
      const owner = layer.unitTerritory[unit] ?? 0xffff;
      if (!editable || tool === 'select') {
        setState({
          selectedTerritory: owner === 0xffff ? null : (layer.territoryIds[owner] ?? null),
        });
        return;
      }
      if (tool === 'lock') {
        void whatIf({ kind: 'lockUnits', units: [unitId], locked: !layer.locked[unit] });
        return;
      }
      if (tool === 'assign') {
        if (layer.locked[unit]) {
          toast(
            'info',
            `${layer.unitKind === 'zip' ? 'ZIP' : 'County'} ${unitId} is locked; unlock it with the Lock tool (K) to move it.`,
          );
          return;
        }
        const to = activeTerritory();
        if (!to || layer.territoryIds[owner] === to) return;
        void whatIf({ kind: 'moveUnits', units: [unitId], to });
      }
    },
    [editable, layer, geometry],
  );
}

async function pinProvider(index: number): Promise<void> {
  const to = activeTerritory();
  if (!to) return;
  const { scenario, market } = getState();
  try {
    const req: { index: number; scenario?: string; market?: string } = { index };
    if (scenario) req.scenario = scenario;
    if (market) req.market = market;
    const card = await call(engine().providerCard(req), 'Provider');
    // whatIf says what changed: "<name> pinned to T007; changed: …" (one toast per edit)
    await whatIf({ kind: 'pinAccounts', npis: [card.npi], to }, undefined, card.name);
  } catch {
    /* already reported */
  }
}

/** Freehand lasso while the lasso tool is active: drag on the map, release to reassign. */
export function useLasso(
  mapRef: RefObject<MapLibreMap | null>,
  {
    enabled,
    layer,
    geometry,
  }: { enabled: boolean; layer: ScenarioLayer | null; geometry: UnitGeometry | null },
): [number, number][] | null {
  const [path, setPath] = useState<[number, number][] | null>(null);
  const tool = useStoreTool();
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !enabled || tool !== 'lasso') return;
    map.dragPan.disable();
    const canvas = map.getCanvasContainer();
    let points: [number, number][] | null = null;
    const at = (e: MouseEvent): [number, number] => {
      const r = canvas.getBoundingClientRect();
      const ll = map.unproject([e.clientX - r.left, e.clientY - r.top]);
      return [ll.lng, ll.lat];
    };
    const down = (e: MouseEvent) => {
      points = [at(e)];
      setPath(points);
    };
    const move = (e: MouseEvent) => {
      if (!points) return;
      points = [...points, at(e)];
      setPath(points);
    };
    const up = () => {
      const polygon = points;
      points = null;
      setPath(null);
      if (polygon && polygon.length > 2 && layer && geometry)
        void reassign(polygon, layer, geometry);
    };
    canvas.addEventListener('mousedown', down);
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
    return () => {
      map.dragPan.enable();
      canvas.removeEventListener('mousedown', down);
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
    };
  }, [mapRef, enabled, tool, layer, geometry]);
  return path;
}

async function reassign(
  polygon: [number, number][],
  layer: ScenarioLayer,
  geometry: UnitGeometry,
): Promise<void> {
  const to = activeTerritory();
  if (!to) return;
  const target = layer.territoryIds.indexOf(to);
  const units = unitsInPolygon(geometry, polygon)
    .filter((u) => layer.unitTerritory[u] !== target && !layer.locked[u])
    .map((u) => geometry.ids[u]!);
  if (units.length === 0) return void toast('info', 'No movable units inside the lasso.');
  // whatIf says what changed: "N units moved to T007; changed: …" (one toast per edit)
  await whatIf({ kind: 'moveUnits', units, to });
}

function useStoreTool() {
  return useStore((s) => s.tool);
}
