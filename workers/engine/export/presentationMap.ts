// Maps for the workstation's presentation mode: the offline renderer (the deck's and the rep packs')
// at screen size, for the nation or one region, optionally spotlighting one territory, with a coarse
// territory grid so the renderer can tell which territory was clicked without a second round trip.
import type { PresentationMap, PresentationMapRequest } from '../../common/contract/deck';
import { EngineFailure } from '../../common/result';
import { encodePng } from '../../data/export/png';
import { loadStateLayer, loadUsCities } from '../../data/mapDecorLayers';
import { balanceClass } from '../../domain/deck/deckFigures';
import type { CityPoint } from '../../domain/export/mapDecor';
import { renderOverviewMap } from '../../domain/export/overviewMap';
import { indexUnitRings } from '../../domain/export/territoryMap';
import { buildUnitGeometry } from '../map/mapLayers';
import type { EngineContext } from '../runtime/context';
import { computeScenarioMetrics } from '../scenarios/metrics';
import { loadScenarioModel } from '../scenarios/store';
import type { ScenarioModel } from '../scenarios/model';
import { BALANCE_LEGEND, BALANCE_PALETTE, LOWER_48 } from './deckService';

const GRID = 4;

function onGeometry(ctx: EngineContext, model: ScenarioModel) {
  const geometry = buildUnitGeometry(ctx, model.unitKind);
  const position = ctx.cached(
    `geo:units:${model.unitKind}:position`,
    () => new Map(geometry.ids.map((id, i) => [id, i] as const)),
  );
  const rings = ctx.cached(`geo:units:${model.unitKind}:rings`, () => indexUnitRings(geometry));
  const ut = new Int32Array(geometry.ids.length).fill(-1);
  model.unitIds.forEach((id, u) => {
    const g = position.get(id);
    if (g !== undefined) ut[g] = model.unitTerritory[u]!;
  });
  return { geometry, rings, ut };
}

export async function renderPresentationMap(
  ctx: EngineContext,
  req: PresentationMapRequest,
): Promise<PresentationMap> {
  const width = Math.round(req.width),
    height = Math.round(req.height);
  if (!(width >= 200 && width <= 4096 && height >= 150 && height <= 4096))
    throw new EngineFailure(
      'BAD_INPUT',
      `Map size ${req.width} × ${req.height} px is outside 200–4096 × 150–4096.`,
    );
  const model = loadScenarioModel(ctx, req.scenario);
  const metrics = computeScenarioMetrics(ctx, model.name);
  const { geometry, rings, ut } = onGeometry(ctx, model);
  const regions = [...new Set(model.territories.map((t) => t.region))].sort((a, b) =>
    a.localeCompare(b),
  );
  const region = req.region ?? null;
  if (region !== null && !regions.includes(region) && !req.fitScenario)
    throw new EngineFailure(
      'BAD_INPUT',
      `Scenario "${model.name}" has no region "${region}" (regions: ${regions.join(', ')}).`,
    );
  const ratio = new Map(metrics.perTerritory.map((t) => [t.territoryId, t.indexRatio]));
  const cls = model.territories.map((t) => balanceClass(ratio.get(t.id) ?? 0));
  const unitClass = new Uint8Array(ut.length);
  for (let u = 0; u < ut.length; u++) if (ut[u]! >= 0) unitClass[u] = cls[ut[u]!]!;
  let fit: Uint8Array | undefined;
  if (region !== null) {
    const fm =
      req.fitScenario && req.fitScenario !== model.name
        ? loadScenarioModel(ctx, req.fitScenario)
        : model;
    const fut = fm === model ? ut : onGeometry(ctx, fm).ut;
    const inRegion = fm.territories.map((t) => t.region === region);
    fit = new Uint8Array(ut.length);
    for (let u = 0; u < ut.length; u++) if (fut[u]! >= 0 && inRegion[fut[u]!]) fit[u] = 1;
  }
  // territory ids at the mean of their units' centroids (region views only: 200 ids nationally would be clutter)
  let pointLabels: CityPoint[] | undefined;
  if (region !== null) {
    const sx = new Float64Array(model.territories.length),
      sy = new Float64Array(model.territories.length),
      n = new Float64Array(model.territories.length);
    for (let u = 0; u < ut.length; u++) {
      const t = ut[u]!;
      if (t < 0) continue;
      sx[t]! += geometry.centroids[u * 2]!;
      sy[t]! += geometry.centroids[u * 2 + 1]!;
      n[t]!++;
    }
    pointLabels = model.territories.flatMap((t, i) =>
      n[i] ? [{ name: t.id, lon: sx[i]! / n[i]!, lat: sy[i]! / n[i]!, population: 0 }] : [],
    );
  }
  const spotIndex = req.spotlight ? model.territories.findIndex((t) => t.id === req.spotlight) : -1;
  const { raster, grid } = renderOverviewMap({
    width,
    height,
    geometry,
    rings,
    unitClass,
    palette: BALANCE_PALETTE,
    unitTerritory: ut,
    clampBox: LOWER_48,
    ...(fit ? { fit } : {}),
    ...(spotIndex >= 0 ? { spotlight: spotIndex } : {}),
    ...(pointLabels ? { pointLabels } : {}),
    gridCell: GRID,
    states: loadStateLayer(),
    cities: loadUsCities(),
    title: `${model.name}${region ? ` — ${region}` : ''}`,
    subtitle: 'territories coloured by index ÷ mean index',
    legendHeading: 'Index ÷ mean',
    legend: BALANCE_LEGEND,
    textScale: width >= 1600 ? 1.25 : 1.1,
  });
  const png = await encodePng(raster);
  return {
    png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength),
    width,
    height,
    grid: grid ?? new Uint16Array(0),
    gridWidth: Math.ceil(width / GRID),
    gridHeight: Math.ceil(height / GRID),
    territoryIds: model.territories.map((t) => t.id),
    regions,
  };
}
