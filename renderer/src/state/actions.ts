// Workflows that touch the engine and the store: open the workspace, pick a scenario or market,
// apply what-if operations, undo/redo. Panels call these instead of talking to the engine directly.
import type { EngineApi, WhatIfOp, WhatIfResult } from '../../../workers/common/contract';
import { plural } from '../components/format';
import { call, runJob, tryCall } from '../engine/calls';
import { restoreStreetBasemap } from '../panels/StreetBasemapSection';
import { selectTerritory } from '../map/focus';
import { engine, getState, setState, toast, type MarketOption } from './store';

const PRESETS = ['medtech', 'pharma', 'all'];

/** Saved markets first, then the presets (always listed: the engine refuses a saved market that takes a preset's name). */
async function loadMarkets(api: EngineApi): Promise<MarketOption[]> {
  const [saved, ...presets] = await Promise.all([
    tryCall(api.listMarkets(), 'Markets'),
    ...PRESETS.map((p) => tryCall(api.getMarket({ name: p }))),
  ]);
  const options: MarketOption[] = (saved ?? []).map((def) => ({
    key: def.name,
    def,
    preset: false,
  }));
  presets.forEach((def, i) => {
    if (def) options.push({ key: PRESETS[i]!, def, preset: true });
  });
  return options;
}

export async function openWorkspace(api: EngineApi): Promise<void> {
  setState({ engine: api });
  const [info, scenarios, markets] = await Promise.all([
    tryCall(api.info(), 'Workspace info'),
    tryCall(api.listScenarios(), 'Scenarios'),
    loadMarkets(api),
  ]);
  // an empty workspace opens on the Data panel, where files are imported or the demo is filled in
  const empty = info !== null && info.providers === 0 && info.imports.length === 0;
  setState({
    info,
    scenarios: scenarios ?? [],
    markets,
    ...(empty ? { panel: 'data' as const } : {}),
  });
  const baseline = scenarios?.find((s) => s.isBaseline) ?? scenarios?.[0] ?? null;
  const known = (name: string | null | undefined) =>
    markets.find((m) => m.key === name || m.def.name === name)?.key ?? null;
  // the baseline opens in the market it records (the engine always names one), so the top bar and its metrics agree
  const market = known(baseline?.market) ?? markets.find((m) => !m.preset)?.key ?? null;
  setState({ market });
  // The engine answers in call order: the first map frame's data first, the score summary and the
  // health-system sites after it.
  const map = baseline ? selectScenario(baseline.name) : loadPoints();
  void tryCall(api.score(market ? { market } : { market: '' }), 'Scoring').then(
    (s) => s && setState({ scoreSummary: s }),
  );
  void loadSystems();
  void restoreStreetBasemap();
  await map;
}

/**
 * Fills an empty workspace with the synthetic demo (File › New Demo Workspace… in the desktop app,
 * or the Data panel's button on an empty workspace), then reloads everything the page shows.
 */
export async function fillWithDemo(providers: number): Promise<void> {
  const api = engine();
  const done = await runJob('Build the synthetic demo workspace', (opts) =>
    api.createDemo({ providers }, opts),
  );
  if (!done) return;
  toast(
    'success',
    `Synthetic demo ready: ${plural(done.providers, 'provider')}, ${plural(done.territories, 'territory', 'territories')}.`,
  );
  await openWorkspace(api);
}

export async function refreshInfo(): Promise<void> {
  const api = engine();
  const [info, scenarios, markets] = await Promise.all([
    tryCall(api.info(), 'Workspace info'),
    tryCall(api.listScenarios(), 'Scenarios'),
    loadMarkets(api),
  ]);
  setState((s) => ({ info: info ?? s.info, scenarios: scenarios ?? s.scenarios, markets }));
}

/**
 * The one invalidation rule: after any write — an import (UI or another process), an edit, a market
 * saved or renamed, another process's write seen through the data version — every view that depends
 * on the workspace is re-fetched: info, scenarios and markets, the tier counts (re-scored), the map's
 * points and territories, the metrics, and the comparison (through `revision`).
 */
export async function refreshViews(): Promise<void> {
  const api = engine();
  await refreshInfo();
  const { scenario, scenarios, market, markets } = getState();
  // a market renamed or deleted elsewhere: fall back to the scenario's own market
  if (market && !markets.some((m) => m.key === market))
    setState({ market: scenarios.find((s) => s.name === scenario)?.market ?? null });
  if (!scenarios.some((s) => s.name === scenario)) {
    const baseline = scenarios.find((s) => s.isBaseline) ?? scenarios[0];
    if (baseline) await selectScenario(baseline.name);
    else if (scenario) setState({ scenario: null, metrics: null, layer: null });
  }
  const m = getState().market;
  const summary = await tryCall(api.score({ market: m ?? '' }), 'Scoring');
  if (summary) setState({ scoreSummary: summary });
  await Promise.all([loadPoints(), loadLayer(), loadMetrics()]);
  setState((s) => ({
    revision: s.revision + 1,
    historyPosition:
      s.scenarios.find((x) => x.name === s.scenario)?.historyLength ?? s.historyPosition,
  }));
}

let watching: ReturnType<typeof setInterval> | null = null;
/**
 * Polls the workspace's data version (one PRAGMA read in the engine) every `everyMs`; when another
 * process wrote to the file, the engine has dropped its caches and every view is refreshed.
 */
export function watchDataVersion(everyMs = 2000): void {
  if (watching) clearInterval(watching);
  let last: number | null = null;
  let busy = false;
  watching = setInterval(() => {
    const api = getState().engine;
    if (!api || busy || getState().connection !== 'open') return;
    busy = true;
    void api
      .dataVersion()
      .then(async (r) => {
        if (!r.ok) return;
        const changed = last !== null && r.value.version !== last;
        last = r.value.version;
        if (!changed) return;
        toast(
          'info',
          'The workspace was changed by another program (e.g. a command-line import); every view was refreshed.',
        );
        await refreshViews();
      })
      .finally(() => (busy = false));
  }, everyMs);
}

export async function selectScenario(name: string): Promise<void> {
  const summary = getState().scenarios.find((s) => s.name === name);
  setState({
    scenario: name,
    selectedTerritory: null,
    week: null,
    historyPosition: summary?.historyLength ?? null,
  });
  const unitKind = summary?.unitKind ?? 'zip';
  // metrics last: they need the unit adjacency, which the map's first frame does not
  await Promise.all([loadGeometry(unitKind), loadPoints(), loadLayer(), loadMetrics()]);
}

export async function selectMarket(name: string): Promise<void> {
  setState({ market: name });
  const summary = await tryCall(engine().score({ market: name }), 'Scoring');
  setState({ scoreSummary: summary });
  await Promise.all([loadPoints(), loadMetrics()]);
  // the comparison is re-scored on the new market too
  setState((s) => ({ revision: s.revision + 1 }));
}

export async function loadPoints(): Promise<void> {
  const { scenario, market } = getState();
  const req: { scenario?: string; market?: string } = {};
  if (scenario) req.scenario = scenario;
  if (market) req.market = market;
  const points = await tryCall(engine().providerPoints(req), 'Provider points');
  if (points) setState({ points });
}

async function loadPointTerritories(scenario: string): Promise<void> {
  const r = await tryCall(engine().pointTerritories({ scenario }), 'Provider territories');
  if (!r) return;
  setState((s) =>
    s.points && s.scenario === r.scenario && s.points.territory.length === r.territory.length
      ? { points: { ...s.points, territory: r.territory, territoryIds: r.territoryIds } }
      : {},
  );
}

export async function loadGeometry(unitKind: 'zip' | 'county'): Promise<void> {
  if (getState().geometry[unitKind]) return;
  const geo = await tryCall(engine().unitGeometry({ unitKind }), 'Unit geometry');
  if (geo) setState((s) => ({ geometry: { ...s.geometry, [unitKind]: geo } }));
}

export async function loadLayer(): Promise<void> {
  const { scenario } = getState();
  if (!scenario) return;
  const layer = await tryCall(engine().scenarioLayer({ scenario }), 'Scenario layer');
  if (layer) setState({ layer });
}

/** A market option's display name (the definition's name) from its key ('medtech' → its preset name). */
export function marketName(key: string | null | undefined): string | undefined {
  if (!key) return undefined;
  return getState().markets.find((m) => m.key === key || m.def.name === key)?.def.name ?? key;
}

/** The market the screen's metrics are computed with: the top bar's, else the scenario's own. */
export function metricsMarket(): string | undefined {
  const { market, scenarios, scenario } = getState();
  return market ?? scenarios.find((s) => s.name === scenario)?.market ?? undefined;
}

export async function loadMetrics(): Promise<void> {
  const { scenario } = getState();
  if (!scenario) return;
  const market = metricsMarket();
  // the market is named explicitly: the metrics never follow whichever market was saved last
  const metrics = await tryCall(
    engine().scenarioMetrics(market ? { scenario, market } : { scenario }),
    'Metrics',
  );
  if (metrics && getState().scenario === scenario) setState({ metrics });
}

async function loadSystems(): Promise<void> {
  const systems = await tryCall(engine().healthSystemSites(), 'Health systems');
  if (systems) setState({ systems });
}

/**
 * Applies the outcome of a what-if / undo / redo: metrics at once, then the map attributes. An edit
 * only changes which territory each provider is in, so the points keep their positions, tiers and
 * potential (the density layers do not re-aggregate) unless the market they are scored in changed.
 */
async function applyResult(result: WhatIfResult): Promise<void> {
  // the result's metrics are in the scenario's own market; the screen's may be another (top bar)
  const sameMarket = result.metrics.market === marketName(metricsMarket());
  setState((s) => ({
    ...(sameMarket ? { metrics: result.metrics } : {}),
    historyPosition: result.historyPosition,
    revision: s.revision + 1,
  }));
  if (!sameMarket) void loadMetrics();
  // the points are scored in the market picked in the top bar, else in the scenario's own market
  const { points, market } = getState();
  const keep = points !== null && (market !== null || points.market === result.metrics.market);
  await Promise.all([loadLayer(), keep ? loadPointTerritories(result.scenario) : loadPoints()]);
  const scenarios = await tryCall(engine().listScenarios());
  if (scenarios) setState({ scenarios });
}

/** After an edit: a toast saying what changed and where; a new territory is selected and framed on the map. */
function reportChange(
  op: WhatIfOp,
  result: WhatIfResult,
  before: string[],
  subject?: string,
): void {
  const after = result.metrics.perTerritory;
  const added = after.filter((t) => !before.includes(t.territoryId));
  const removed = before.filter((id) => !after.some((t) => t.territoryId === id));
  const list = (ids: string[]) =>
    ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', ');
  const units = plural(
    result.changedUnits.length,
    op.kind === 'moveAccounts' || op.kind === 'pinAccounts' ? 'account' : 'unit',
  );
  const others = result.changedTerritories.filter((id) => !added.some((t) => t.territoryId === id));
  const where = (t: (typeof after)[number]) => [t.district, t.region].filter(Boolean).join(', ');
  let text: string;
  if (added.length > 0) {
    const t = added[0]!;
    text = `Added ${t.territoryId} “${t.name}”${where(t) ? ` in ${where(t)}` : ''}: ${plural(t.units, 'unit')}, ${plural(t.accounts, 'account')}, taken from ${list(others) || 'no other territory'}. Selected on the map.`;
  } else if (removed.length > 0) {
    text = `Removed ${list(removed)}: ${units} went to ${list(others) || 'no territory'}.`;
  } else if (result.changedUnits.length === 0 && result.changedTerritories.length === 0) {
    text = 'Nothing changed (the edit left every territory as it was).';
  } else if ((op.kind === 'moveUnits' || op.kind === 'moveAccounts') && op.to) {
    text = `${subject ?? units} moved to ${op.to}; changed: ${list(result.changedTerritories)}.`;
  } else if (op.kind === 'pinAccounts' && op.to) {
    text = `${subject ?? units} pinned to ${op.to}; changed: ${list(result.changedTerritories) || 'no territory'}.`;
  } else {
    text = `${units} changed territory; changed: ${list(result.changedTerritories)}.`;
  }
  toast('success', text);
  if (added[0]) selectTerritory(added[0].territoryId);
}

/** Applies one edit and says what changed (`subject` names what moved, e.g. a provider). */
export async function whatIf(
  op: WhatIfOp,
  saveAs?: string,
  subject?: string,
): Promise<WhatIfResult | null> {
  const before = getState().metrics?.perTerritory.map((t) => t.territoryId) ?? [];
  const { scenario } = getState();
  if (!scenario) {
    toast('error', 'Open or create a scenario first (Balance panel).');
    return null;
  }
  try {
    const req = saveAs ? { scenario, op, saveAs } : { scenario, op };
    const result = await call(engine().whatIf(req), 'What-if');
    if (saveAs) {
      await refreshInfo();
      await selectScenario(result.scenario);
    } else await applyResult(result);
    // say what changed and where (a lock or a rename changes no assignment)
    if (op.kind !== 'lockUnits' && op.kind !== 'renameTerritory')
      reportChange(op, result, before, subject);
    return result;
  } catch {
    return null;
  }
}

/** One step back or forward in the open scenario's edit history. */
async function historyStep(step: 'undo' | 'redo', label: string, done: string): Promise<void> {
  const { scenario } = getState();
  if (!scenario) return;
  const result = await tryCall(engine()[step]({ scenario }), label);
  if (result) {
    await applyResult(result);
    toast('info', `${done} (history position ${result.historyPosition})`);
  }
}

export const undo = (): Promise<void> => historyStep('undo', 'Undo', 'Undone');
export const redo = (): Promise<void> => historyStep('redo', 'Redo', 'Redone');
