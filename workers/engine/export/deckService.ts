// Deck area of the contract: a client deck (.pptx, optional PDF) for a set of scenarios against
// today's alignment. Every figure comes from the engine's scenario comparison (the same call as
// `tessera scenario compare --json`), the maps from the offline renderer the rep packs use.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { CompareResult, ScenarioMetrics } from '../../common/contract/align';
import type { DeckApi, DeckRequest, DeckResult } from '../../common/contract/deck';
import type { MarketDefinition } from '../../common/contract/scoring';
import { isCancelled, type CallOptions } from '../../common/progress';
import { EngineFailure } from '../../common/result';
import { DeckWriter, type Para } from '../../data/export/deckWriter';
import { encodePng } from '../../data/export/png';
import { convertToPdf } from '../../data/export/pdfConvert';
import { loadStateLayer, loadUsCities } from '../../data/mapDecorLayers';
import { getMeta } from '../../data/workspace';
import {
  BAND,
  balanceClass,
  balanceSeries,
  classOf,
  comparisonRows,
  int,
  largestTransfers,
  num1,
  outliers,
  pct,
  quantileBreaks,
  regionalRollUp,
} from '../../domain/deck/deckFigures';
import type { Rgba } from '../../domain/export/raster';
import type { LegendEntry } from '../../domain/export/mapDecor';
import { renderOverviewMap } from '../../domain/export/overviewMap';
import { indexUnitRings } from '../../domain/export/territoryMap';
import { alignService } from '../align/alignService';
import { buildUnitGeometry } from '../map/mapLayers';
import type { EngineContext } from '../runtime/context';
import { guard } from '../runtime/guard';
import { renderPresentationMap } from './presentationMap';
import type { ScenarioModel } from '../scenarios/model';
import { scenarioScores } from '../scenarios/metrics';
import { loadScenarioModel } from '../scenarios/store';

const MAP_W = 2400;
const MAP_H = 1560;
export const LOWER_48 = { minLon: -125, maxLon: -66.5, minLat: 24.3, maxLat: 49.5 };
export const BALANCE_PALETTE: Rgba[] = [
  [33, 102, 172, 255],
  [146, 197, 222, 255],
  [236, 236, 230, 255],
  [244, 165, 130, 255],
  [178, 24, 43, 255],
];
export const BALANCE_LEGEND: LegendEntry[] = [
  { label: `< ${BAND.low}`, color: BALANCE_PALETTE[0]!, shape: 'fill' },
  { label: `${BAND.low}–0.95`, color: BALANCE_PALETTE[1]!, shape: 'fill' },
  { label: '0.95–1.05 (±5 %)', color: BALANCE_PALETTE[2]!, shape: 'fill' },
  { label: `1.05–${BAND.high}`, color: BALANCE_PALETTE[3]!, shape: 'fill' },
  { label: `> ${BAND.high}`, color: BALANCE_PALETTE[4]!, shape: 'fill' },
  { label: 'Territory boundary', color: [28, 32, 40, 255], shape: 'line' },
  { label: 'State line', color: [96, 104, 118, 255], shape: 'line' },
];
const DENSITY_PALETTE: Rgba[] = [
  [239, 243, 255, 255],
  [189, 215, 231, 255],
  [107, 174, 214, 255],
  [49, 130, 189, 255],
  [8, 81, 156, 255],
];

const NOTES_DEFINITIONS =
  "Definitions. Index: the composite territory index (weights on this deck's market slide), 100 = the average territory. " +
  `Index ÷ mean: a territory's index divided by the mean territory index; "within ±5 %" means 0.95–1.05, the band is ${BAND.low}–${BAND.high}. ` +
  "Max/min: the largest territory index divided by the smallest. Drive time: workload-weighted minutes from the rep's home base to each aligned account (mean and 90th percentile). " +
  'Workload fit: share of territories whose yearly call workload (hours) is within ±15 % of the mean territory workload. ' +
  'Disruption (vs today): share of ZIPs/counties, accounts, opportunity (potential) and Tier A accounts whose territory changes. ' +
  'All figures are those of `tessera scenario compare --json` for the same scenarios.';

function checkCancel(opts: CallOptions | undefined): void {
  if (isCancelled(opts?.cancel))
    throw new EngineFailure('CANCELLED', 'Deck export cancelled; the partial file was removed.');
}

function marketParas(def: MarketDefinition, weights: ScenarioMetrics['indexWeights']): Para[] {
  const w = weights ?? {
    workload: def.indexWeights.workload,
    potential: def.indexWeights.potential,
    history: def.indexWeights.history,
    access: def.indexWeights.access ?? 0,
  };
  const codeSets = def.codeSets.map(
    (s) =>
      `${s.name}: ${s.codes.length > 12 ? `${s.codes.slice(0, 12).join(', ')} … (+${s.codes.length - 12} more)` : s.codes.join(', ')} — weight ${s.weight}`,
  );
  const weight = (x: number) => `${Math.round(x * 1000) / 10} %`;
  return [
    { text: def.name, bold: true, size: 16 },
    { text: `Volume measure: ${def.measure}`, gapBefore: 6 },
    { text: 'Code sets (codes, weight)', bold: true, gapBefore: 8 },
    ...codeSets.map((t) => ({ text: t, bullet: true, size: 11 })),
    {
      text: `Specialties: ${def.specialties.length ? def.specialties.join(', ') : 'all'}`,
      gapBefore: 8,
      size: 12,
    },
    {
      text: `Tiers: A = top ${pct(def.tiers.aShare)} of potential, B = next ${pct(def.tiers.bShare)}, C = the rest`,
      size: 12,
    },
    {
      text: `Calls per year: A ${def.callsPerYear.A}, B ${def.callsPerYear.B}, C ${def.callsPerYear.C}`,
      size: 12,
    },
    { text: 'Territory index weights used', bold: true, gapBefore: 8 },
    {
      text: `workload ${weight(w.workload)} · potential ${weight(w.potential)} · history ${weight(w.history)}${w.access ? ` · access ${weight(w.access)}` : ''}`,
      size: 12,
    },
  ];
}

type Ctx = {
  ctx: EngineContext;
  geometry: ReturnType<typeof buildUnitGeometry>;
  rings: ReturnType<typeof indexUnitRings>;
  position: Map<string, number>;
};

/** Territory index per geometry unit for a scenario (mapped by unit id). */
function unitTerritoryOnGeometry(c: Ctx, model: ScenarioModel): Int32Array {
  const out = new Int32Array(c.geometry.ids.length).fill(-1);
  model.unitIds.forEach((id, u) => {
    const g = c.position.get(id);
    if (g !== undefined) out[g] = model.unitTerritory[u]!;
  });
  return out;
}

async function balanceMap(
  c: Ctx,
  model: ScenarioModel,
  metrics: ScenarioMetrics,
  title: string,
  fit?: Uint8Array,
  clamp = true,
): Promise<Buffer> {
  const ut = unitTerritoryOnGeometry(c, model);
  const ratio = new Map(metrics.perTerritory.map((t) => [t.territoryId, t.indexRatio]));
  const cls = Float64Array.from(model.territories, (t) => balanceClass(ratio.get(t.id) ?? 0));
  const unitClass = new Uint8Array(ut.length);
  for (let u = 0; u < ut.length; u++) if (ut[u]! >= 0) unitClass[u] = cls[ut[u]!]!;
  const { raster } = renderOverviewMap({
    width: MAP_W,
    height: MAP_H,
    geometry: c.geometry,
    rings: c.rings,
    unitClass,
    palette: BALANCE_PALETTE,
    unitTerritory: ut,
    ...(fit ? { fit } : {}),
    ...(clamp ? { clampBox: LOWER_48 } : {}),
    textScale: 1.4,
    states: loadStateLayer(),
    cities: loadUsCities(),
    title,
    subtitle: 'territories coloured by index ÷ mean index',
    legendHeading: 'Index ÷ mean',
    legend: BALANCE_LEGEND,
  });
  return encodePng(raster);
}

async function densityMap(
  c: Ctx,
  model: ScenarioModel,
  potential: Float32Array,
  label: string,
): Promise<{ png: Buffer; breaks: number[] }> {
  const perUnit = new Float64Array(c.geometry.ids.length);
  for (let i = 0; i < model.providerUnit.length; i++) {
    const u = model.providerUnit[i]!;
    if (u < 0) continue;
    const g = c.position.get(model.unitIds[u]!);
    if (g !== undefined) perUnit[g]! += potential[i]!;
  }
  const breaks = quantileBreaks(perUnit, 5);
  const unitClass = new Uint8Array(perUnit.length);
  const palette: Rgba[] = [[226, 229, 234, 255], ...DENSITY_PALETTE];
  for (let u = 0; u < perUnit.length; u++)
    unitClass[u] = model.unitIds.length ? classOf(perUnit[u]!, breaks) + 1 : 0;
  const edges = [0, ...breaks];
  const legend: LegendEntry[] = [
    { label: 'none', color: palette[0]!, shape: 'fill' },
    ...DENSITY_PALETTE.map((color, k) => ({
      label: k < breaks.length ? `≤ ${int(breaks[k]!)}` : `> ${int(edges[edges.length - 1]!)}`,
      color,
      shape: 'fill' as const,
    })),
  ];
  const { raster } = renderOverviewMap({
    width: MAP_W,
    height: MAP_H,
    geometry: c.geometry,
    rings: c.rings,
    unitClass,
    palette,
    clampBox: LOWER_48,
    textScale: 1.3,
    states: loadStateLayer(),
    cities: loadUsCities(),
    title: 'Market opportunity',
    subtitle: `${label} per ZIP, quintiles`,
    legendHeading: 'Opportunity per ZIP',
    legend,
  });
  return { png: await encodePng(raster), breaks };
}

function metricsVsToday(c: CompareResult, i: number): string[][] {
  const rows = comparisonRows(c);
  return rows.map((r) => [r.label, r.text[0]!, r.text[i]!]);
}

async function runDeck(
  ctx: EngineContext,
  req: DeckRequest,
  opts?: CallOptions,
): Promise<DeckResult> {
  const started = performance.now();
  if (!req.scenarios?.length)
    throw new EngineFailure('BAD_INPUT', 'Give the options to present (--scenarios A,B,C).');
  if (!req.out) throw new EngineFailure('BAD_INPUT', 'Give the output file (--out deck.pptx).');
  if (!/\.pptx$/i.test(req.out))
    throw new EngineFailure('BAD_INPUT', `The output file must end in .pptx (got ${req.out}).`);
  const out = resolve(req.out);
  try {
    mkdirSync(dirname(out), { recursive: true });
  } catch (e) {
    throw new EngineFailure(
      'BAD_INPUT',
      `Cannot create the folder of ${out}: ${(e as Error).message}. Choose a folder you can write to.`,
    );
  }
  const align = alignService(ctx);
  let baseline = req.baseline;
  if (!baseline) {
    const list = await align.listScenarios();
    if (!list.ok) throw new EngineFailure(list.error.code, list.error.message);
    baseline = list.value.find((s) => s.isBaseline)?.name;
    if (!baseline)
      throw new EngineFailure(
        'BAD_INPUT',
        "This workspace has no baseline scenario: name today's alignment with --baseline NAME.",
      );
  }
  const options = req.scenarios.filter((s) => s !== baseline);
  if (!options.length)
    throw new EngineFailure(
      'BAD_INPUT',
      `Every scenario given is the baseline "${baseline}": give at least one option to compare with it.`,
    );
  const names = [baseline, ...options];
  const steps = 4 + options.length * 2 + 1;
  let step = 0;
  const progress = (phase: string) =>
    opts?.onProgress?.({ phase, done: step++, total: steps, unit: 'items' });
  progress('compare');
  const cmp = await align.compareScenarios({ scenarios: names });
  if (!cmp.ok) throw new EngineFailure(cmp.error.code, cmp.error.message, cmp.error.details);
  const c = cmp.value;
  checkCancel(opts);
  const models = names.map((n) => loadScenarioModel(ctx, n));
  const base = models[0]!;
  const scores = scenarioScores(ctx, base);
  const def = scores.definition;
  const synthetic = getMeta(ctx.ws.db, 'synthetic') === '1';
  const geometry = buildUnitGeometry(ctx, base.unitKind);
  const cc: Ctx = {
    ctx,
    geometry,
    rings: indexUnitRings(geometry),
    position: new Map(geometry.ids.map((id, i) => [id, i] as const)),
  };
  const date = new Date().toISOString().slice(0, 10);
  const measure = def.measure === 'payment' ? 'payments (USD)' : def.measure;
  const w = new DeckWriter({
    title: `Territory alignment options — ${def.name}`,
    subject: `Scenarios ${names.join(', ')}`,
    ...(req.client ? { company: req.client } : {}),
    footer: `${def.name} · ${req.client ? `${req.client} · ` : ''}${date} · Tessera`,
    synthetic,
  });
  w.cover({
    title: 'Territory alignment options',
    subtitle: `${def.name} — today's alignment and ${options.length} option${options.length === 1 ? '' : 's'}`,
    client: req.client ?? null,
    date,
    synthetic,
    notes: `Deck made by Tessera from workspace ${basename(ctx.ws.path ?? 'workspace')}. Today = scenario "${baseline}"; options: ${options.map((o) => `"${o}"`).join(', ')}.${synthetic ? ' The data are SYNTHETIC (the demo workspace): generated providers and claims, not real.' : ''}`,
  });
  const m0 = c.metrics[0]!;
  const unitWord = base.unitKind === 'county' ? 'county' : 'ZIP';

  // 1. market opportunity
  progress('market map');
  const density = await densityMap(cc, base, scores.potential, `opportunity (${measure})`);
  checkCancel(opts);
  {
    const s = w.slide(
      'Where the opportunity is',
      `Market opportunity: the market's potential (${measure}) of every scored account, summed per ${unitWord}, in five quintile classes of the ${unitWord}s that have any. Alaska, Hawaii and the territories are left off this national map (their accounts are in every figure). ${NOTES_DEFINITIONS}`,
      `${int(m0.totals?.accounts ?? 0)} accounts · potential ${int(m0.totals?.potential ?? 0)} (${measure}) · ${m0.territories} territories today`,
    );
    w.image(
      s,
      { x: 0.4, y: 1.3, w: 8.2, h: (8.2 * MAP_H) / MAP_W },
      density.png,
      'Market opportunity per ZIP, lower 48 states',
    );
    w.text(
      s,
      { x: 8.85, y: 1.3, w: 4.1, h: 5.6 },
      [
        { text: 'Market definition', bold: true, size: 14, color: '1F4E78' },
        ...marketParas(def, m0.indexWeights),
      ],
      12,
    );
  }

  // 2. today's alignment
  progress('today');
  const o0 = outliers(m0);
  {
    const s = w.slide(
      `Today's alignment: ${pct(o0.outOfBandShare)} of territories out of band`,
      `Balance chart: every territory's index ÷ mean index, sorted, against the band ${BAND.low}–${BAND.high}. Drive-time outliers: P90 drive from home above 1.5 × the national P90 (${num1(o0.driveThreshold)} min). Workload outliers: yearly workload more than 15 % from the mean territory workload (${int(o0.workloadMean)} h). Fragmented: territories in more than one piece. ${NOTES_DEFINITIONS}`,
      `Scenario "${baseline}": ${pct(m0.within5)} within ±5 %, ${pct(m0.withinBand)} within ${BAND.low}–${BAND.high}, largest ÷ smallest ${m0.maxMinRatio.toFixed(2)}`,
    );
    w.balanceChart(
      s,
      { x: 0.4, y: 1.3, w: 7.6, h: 5.55 },
      balanceSeries(m0),
      BAND,
      'Index ÷ mean per territory — today',
    );
    const list = (ts: typeof o0.over, f: (t: (typeof o0.over)[number]) => string) =>
      ts
        .slice(0, 4)
        .map((t) => `${t.territoryId} ${f(t)}`)
        .join(', ') || 'none';
    w.text(
      s,
      { x: 8.3, y: 1.3, w: 4.7, h: 5.55 },
      [
        { text: `Out of band: ${o0.outOfBand} of ${m0.territories}`, bold: true, size: 14 },
        { text: `Heaviest: ${list(o0.over, (t) => t.indexRatio.toFixed(2))}`, bullet: true },
        { text: `Lightest: ${list(o0.under, (t) => t.indexRatio.toFixed(2))}`, bullet: true },
        { text: `Drive-time outliers: ${o0.driveCount}`, bold: true, size: 14, gapBefore: 10 },
        {
          text: `P90 above ${num1(o0.driveThreshold)} min: ${list(o0.drive, (t) => `${int(t.travelP90Min)} min`)}`,
          bullet: true,
        },
        { text: `Workload outliers: ${o0.workloadCount}`, bold: true, size: 14, gapBefore: 10 },
        {
          text: `More than ±15 % from ${int(o0.workloadMean)} h: ${list(o0.workload, (t) => `${int(t.workloadHours)} h`)}`,
          bullet: true,
        },
        {
          text: `Fragmented territories: ${o0.fragmented.length}`,
          bold: true,
          size: 14,
          gapBefore: 10,
        },
        {
          text: o0.fragmented.length
            ? `In several pieces: ${list(o0.fragmented, (t) => `(${t.pieces} pieces)`)}`
            : 'every territory is one contiguous piece',
          bullet: true,
        },
      ],
      12,
    );
  }

  // 3. one slide per option
  for (let i = 1; i < names.length; i++) {
    checkCancel(opts);
    progress(`option ${names[i]}`);
    const m = c.metrics[i]!;
    const png = await balanceMap(cc, models[i]!, m, `${names[i]} — territory balance`);
    checkCancel(opts);
    const s = w.slide(
      `${names[i]}: ${pct(m.within5)} within ±5 % (today ${pct(m0.within5)})`,
      `Map: each territory coloured by its index ÷ mean index; lower 48 states shown. Chart: index ÷ mean per territory, sorted, against the band. Table: headline metrics of this option next to today's. ${NOTES_DEFINITIONS}`,
    );
    w.image(
      s,
      { x: 0.4, y: 1.05, w: 7.3, h: (7.3 * MAP_H) / MAP_W },
      png,
      `Territory balance map of ${names[i]}`,
    );
    w.balanceChart(
      s,
      { x: 7.9, y: 1.0, w: 5.1, h: 2.7 },
      balanceSeries(m),
      BAND,
      `Index ÷ mean — ${names[i]}`,
    );
    w.table(
      s,
      { x: 7.9, y: 3.8, w: 5.1, h: 3.1 },
      ['Metric', 'Today', names[i]!],
      metricsVsToday(c, i).filter((r) => !/Tier A|ZIPs\/counties/.test(r[0]!)),
      { colW: [2.9, 1.1, 1.1], fontSize: 9 },
    );
  }

  // 4. options side by side + frontier
  progress('comparison');
  const rows = comparisonRows(c);
  {
    const s = w.slide(
      'Options side by side',
      `Comparison table: every figure is the one \`tessera scenario compare --json\` reports for ${names.map((n) => `"${n}"`).join(', ')} (disruption is against today, "${baseline}"). ${NOTES_DEFINITIONS}`,
    );
    const nameW = 4.6;
    const colW = Math.min(2.2, (12.3 - nameW) / names.length);
    w.table(
      s,
      { x: 0.5, y: 1.15, w: nameW + colW * names.length, h: 5.6 },
      ['Metric', ...names.map((n, i) => (i === 0 ? `${n} (today)` : n))],
      rows.map((r) => [r.label, ...r.text]),
      { colW: [nameW, ...names.map(() => colW)], fontSize: 13, firstColBold: true },
    );
  }
  {
    const s = w.slide(
      'Balance against disruption',
      `Each point is one scenario: x = share of opportunity that changes territory against today, y = share of territories within ±5 % of the mean index. The disruption frontier of the alignment engine (a sweep of disruption budgets) is not part of this build, so this chart shows the given options only — it is not a frontier of every possible plan. ${NOTES_DEFINITIONS}`,
      'The options given, not a full frontier: more balance usually costs more disruption',
    );
    const points = names.map((n, i) => ({
      name: i === 0 ? `${n} (today)` : n,
      x: i === 0 ? 0 : c.disruption[i - 1]!.opportunity,
      y: c.metrics[i]!.within5,
    }));
    w.frontierChart(s, { x: 0.5, y: 1.3, w: 8.2, h: 5.5 }, points);
    w.text(
      s,
      { x: 9.0, y: 1.4, w: 4.0, h: 5.4 },
      points.map((p, i) => ({
        text: `${p.name}: ${pct(p.y)} within ±5 %, ${i === 0 ? 'no change' : `${pct(p.x)} of opportunity moves`}`,
        bullet: true,
        gapBefore: 6,
      })),
      13,
    );
  }

  // 5. transfers
  const regionOf = (m: ScenarioModel) => new Map(m.territories.map((t) => [t.id, t.region]));
  for (let i = 1; i < names.length; i++) {
    checkCancel(opts);
    progress(`transfers ${names[i]}`);
    const top = largestTransfers(c, names[i]!, 12);
    const roll = regionalRollUp(c, names[i]!, regionOf(base), regionOf(models[i]!)).slice(0, 12);
    const total = c.transfers
      .filter((t) => t.against === names[i])
      .reduce((s, t) => s + t.opportunity, 0);
    const s = w.slide(
      `Who gains what from whom — "${names[i]}"`,
      `Transfers: ${unitWord}s and their accounts that change territory from today ("${baseline}") to "${names[i]}", largest opportunity first; opportunity is the market potential (${measure}). Regional roll-up: the same moves summed by the region of the giving territory today and of the receiving territory in the option. ${NOTES_DEFINITIONS}`,
      `${c.transfers.filter((t) => t.against === names[i]).length} territory-to-territory moves, ${int(total)} opportunity in total`,
    );
    w.table(
      s,
      { x: 0.4, y: 1.3, w: 6.4, h: 5.5 },
      ['From', 'To', `${unitWord}s`, 'Accounts', 'Opportunity'],
      top.map((t) => [t.from, t.to, int(t.units), int(t.accounts), int(t.opportunity)]),
      { colW: [1.2, 1.2, 1.1, 1.3, 1.6], fontSize: 11, align: ['l', 'l', 'r', 'r', 'r'] },
    );
    w.table(
      s,
      { x: 7.1, y: 1.3, w: 5.9, h: 5.5 },
      ['From region', 'To region', 'Moves', 'Opportunity'],
      roll.map((r) => [r.fromRegion, r.toRegion, int(r.moves), int(r.opportunity)]),
      { colW: [1.85, 1.85, 0.8, 1.4], fontSize: 11, align: ['l', 'l', 'r', 'r'] },
    );
  }

  // 6. appendix per region
  progress('appendix');
  const regions = [...new Set(base.territories.map((t) => t.region))].sort((a, b) =>
    a.localeCompare(b),
  );
  const perId = new Map(c.perTerritory.map((p) => [p.territoryId, p.values]));
  const byIdMetrics = new Map(m0.perTerritory.map((t) => [t.territoryId, t]));
  const PER_SLIDE = 18; // 18 rows + header fit above the footer at 10 pt (LibreOffice and PowerPoint grow rows to the text)
  for (const region of regions) {
    const ts = base.territories
      .filter((t) => t.region === region)
      .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
    const pages = Math.max(1, Math.ceil(ts.length / PER_SLIDE));
    const per = Math.ceil(ts.length / pages); // even pages: 40 territories are 14 + 13 + 13, not 18 + 18 + 4
    for (let k = 0; k < ts.length; k += per) {
      checkCancel(opts);
      const part = ts.slice(k, k + per);
      const more = pages > 1 ? ` (${Math.floor(k / per) + 1} of ${pages})` : '';
      const s = w.slide(
        `Appendix — ${region}${more}`,
        `Territories of ${region} as aligned today ("${baseline}"): rep, accounts, potential (${measure}), today's P90 drive and pieces, and index ÷ mean in today and each option (a territory id absent from an option shows —). ${NOTES_DEFINITIONS}`,
        `${ts.length} territories today`,
      );
      const header = [
        'Territory',
        'Rep',
        'Accounts',
        'Potential',
        'P90 min',
        'Pieces',
        ...names.map((n, i) => (i === 0 ? 'Today ÷ mean' : `${n} ÷ mean`)),
      ];
      const body = part.map((t) => {
        const m = byIdMetrics.get(t.id);
        const vals = perId.get(t.id) ?? [];
        return [
          t.id,
          (t.repName ?? 'Vacant').replace(/ \(synthetic\)$/, ''),
          int(m?.accounts ?? 0),
          int(m?.potential ?? 0),
          int(m?.travelP90Min ?? 0),
          String(m?.pieces ?? 0),
          ...names.map((_n, i) =>
            vals[i] && vals[i]!.indexRatio > 0 ? vals[i]!.indexRatio.toFixed(2) : '—',
          ),
        ];
      });
      const optW = Math.min(1.35, (12.3 - 6.6) / names.length);
      w.table(s, { x: 0.5, y: 1.3, w: 6.6 + optW * names.length, h: 5.5 }, header, body, {
        colW: [1.0, 2.1, 0.9, 1.1, 0.75, 0.75, ...names.map(() => optW)],
        fontSize: 10,
        align: ['l', 'l'],
      });
    }
  }

  progress('write');
  checkCancel(opts);
  try {
    await w.write(out);
  } catch (e) {
    rmSync(out, { force: true });
    throw new EngineFailure(
      'BAD_INPUT',
      `Cannot write ${out}: ${(e as Error).message}. Close the file if it is open in PowerPoint, or choose another path.`,
    );
  }
  let pdfPath: string | null = null;
  let pdfNote: string | null = null;
  if (req.pdf) {
    opts?.onProgress?.({ phase: 'pdf', done: step, total: steps, unit: 'items' });
    const r = await convertToPdf(out);
    pdfPath = r.path;
    pdfNote = r.note;
  }
  return {
    path: out,
    bytes: statSync(out).size,
    slides: w.titles.length,
    slideTitles: w.titles,
    baseline,
    scenarios: options,
    pdfPath,
    pdfNote,
    synthetic,
    frontier: 'given-options',
    seconds: (performance.now() - started) / 1000,
  };
}

export function deckService(ctx: EngineContext): DeckApi {
  return {
    exportDeck: (req, opts) => guard(() => runDeck(ctx, req, opts)),
    presentationMap: (req) => guard(() => renderPresentationMap(ctx, req)),
  };
}
