// A tiny external store (useSyncExternalStore) for the workstation's shared state. One object,
// replaced immutably on every change; components select the slices they need.
import { useSyncExternalStore } from 'react';
import type {
  CompareResult,
  EngineApi,
  HealthSystemSites,
  MarketDefinition,
  ProviderPoints,
  RadiusResult,
  RouteWeek,
  ScenarioLayer,
  ScenarioMetrics,
  ScenarioSummary,
  ScoreSummary,
  UnitGeometry,
  WorkspaceInfo,
} from '../../../workers/common/contract';
import type { StreetBasemap } from '../map/streetBasemap';
import { safeText } from '../components/safeText';

/** A toast shows at most this many characters (the full message stays where it belongs, e.g. the Data panel). */
export const TOAST_MAX_CHARS = 300;

export type PanelKey = 'data' | 'market' | 'territories' | 'balance' | 'compare' | 'week';
export type LayerKey =
  'hexbin' | 'heatmap' | 'providers' | 'territories' | 'homes' | 'systems' | 'routes';
export type EditTool = 'select' | 'assign' | 'lasso' | 'lock' | 'pin' | 'radius';

export type Job = {
  id: number;
  label: string;
  done: number;
  total: number | null;
  message: string;
  cancel: (() => void) | null;
  /** Per-file progress of an import (bytes), by file name. */
  files: Record<string, { done: number; total: number | null }>;
};

export type MarketOption = { key: string; def: MarketDefinition; preset: boolean };

export type Toast = { id: number; kind: 'info' | 'error' | 'success'; text: string };

export type AppState = {
  engine: EngineApi | null;
  connectError: string | null;
  /** The engine connection: open, lost (calls fail at once, a banner shows, reconnecting), or refused on reconnect. */
  connection: 'open' | 'lost';
  connectionMessage: string | null;
  info: WorkspaceInfo | null;
  scenarios: ScenarioSummary[];
  /** Saved markets (key = name) and the engine's presets (key = 'medtech' | 'pharma' | 'all'). */
  markets: MarketOption[];
  scenario: string | null;
  market: string | null;
  scoreSummary: ScoreSummary | null;
  metrics: ScenarioMetrics | null;
  points: ProviderPoints | null;
  geometry: Partial<Record<'zip' | 'county', UnitGeometry>>;
  layer: ScenarioLayer | null;
  systems: HealthSystemSites | null;
  selectedTerritory: string | null;
  hoverTerritory: string | null;
  layers: Record<LayerKey, boolean>;
  tool: EditTool;
  panel: PanelKey;
  jobs: Job[];
  toasts: Toast[];
  cardIndex: number | null;
  week: RouteWeek | null;
  weekDay: number | null;
  paletteOpen: boolean;
  exportOpen: boolean;
  historyPosition: number | null;
  compareScenarios: string[];
  compareResult: CompareResult | null;
  compareLayers: Record<string, ScenarioLayer>;
  /** Potential per hexagon, lowest and highest, of the main map's density layer (its legend shows them). */
  densityDomain: [number, number] | null;
  /** Bumped whenever the alignment changed so dependent views refetch. */
  revision: number;
  /** The user's PMTiles street basemap, if one is open, and whether it is shown. */
  streets: StreetBasemap | null;
  streetsVisible: boolean;
  /** Radius tool: the centre clicked on the map (or a home base) and the last radius list. */
  radiusCenter: { lat: number; lon: number } | null;
  radius: RadiusResult | null;
  /** Set by File › Import Data… in the desktop app: the Data panel opens the file dialog once and clears it. */
  importRequested: boolean;
};

const initial: AppState = {
  engine: null,
  connectError: null,
  connection: 'open',
  connectionMessage: null,
  info: null,
  scenarios: [],
  markets: [],
  scenario: null,
  market: null,
  scoreSummary: null,
  metrics: null,
  points: null,
  geometry: {},
  layer: null,
  systems: null,
  selectedTerritory: null,
  hoverTerritory: null,
  layers: {
    hexbin: true,
    heatmap: false,
    providers: true,
    territories: true,
    homes: true,
    systems: false,
    routes: true,
  },
  tool: 'select',
  panel: 'territories',
  jobs: [],
  toasts: [],
  cardIndex: null,
  week: null,
  weekDay: null,
  paletteOpen: false,
  exportOpen: false,
  historyPosition: null,
  compareScenarios: [],
  compareResult: null,
  compareLayers: {},
  densityDomain: null,
  revision: 0,
  streets: null,
  streetsVisible: true,
  radiusCenter: null,
  radius: null,
  importRequested: false,
};

let state: AppState = initial;
const listeners = new Set<() => void>();

export function getState(): AppState {
  return state;
}

// Read-only view for the end-to-end tests (they check what the map shows against the store).
(globalThis as unknown as { tesseraState?: () => AppState }).tesseraState = () => state;

export function setState(patch: Partial<AppState> | ((s: AppState) => Partial<AppState>)): void {
  const next = typeof patch === 'function' ? patch(state) : patch;
  state = { ...state, ...next };
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useStore<T>(select: (s: AppState) => T): T {
  return useSyncExternalStore(subscribe, () => select(state));
}

/** True while a long job runs (the panels' run buttons wait for it). */
export const useBusy = (): boolean => useStore((s) => s.jobs.length > 0);

let toastSeq = 0;
export function toast(kind: Toast['kind'], text: string): void {
  const id = ++toastSeq;
  // bounded and printable whatever the message carries (a binary file's bytes, a long path list)
  const shown = safeText(text, TOAST_MAX_CHARS);
  setState((s) => ({ toasts: [...s.toasts, { id, kind, text: shown }].slice(-4) }));
  setTimeout(
    () => setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
    kind === 'error' ? 9000 : 4500,
  );
}

export function engine(): EngineApi {
  if (!state.engine) throw new Error('engine not connected');
  return state.engine;
}
