// The frequent actions, shared by the command palette and the keyboard shortcuts.
import type { PlaceHit } from '../../../workers/common/contract';
import { selectTerritory } from '../map/focus';
import { mapById } from '../map/viewSync';
import { TOOLS } from '../map/MapToolbar';
import { redo, selectScenario, undo } from '../state/actions';
import { getState, setState, toast, type LayerKey } from '../state/store';
import { PANELS } from './Sidebar';
import { openPresentation } from '../present/PresentationMode';

export type Command = { id: string; label: string; shortcut?: string; run: () => void };

const toggleLayer = (key: LayerKey) =>
  setState((s) => ({ layers: { ...s.layers, [key]: !s.layers[key] } }));

/** Opens the export dialog, or says why there is nothing to export (palette, Ctrl+E, File › Export). */
export function openExport(): void {
  if (getState().scenario) setState({ exportOpen: true });
  else
    toast(
      'info',
      'There is no scenario to export yet: import an alignment or run a balance first.',
    );
}

/** A search hit as a palette entry: fly to it and select the territory it lies in. */
export function placeCommand(hit: PlaceHit): Command {
  const id = `place-${hit.kind}-${hit.npi ?? hit.zip ?? hit.label}`;
  return {
    id,
    label: `${hit.kind === 'provider' ? 'Provider' : hit.kind === 'zip' ? 'Go to' : 'City'}: ${hit.label}`,
    run: () => {
      if (hit.lat === null || hit.lon === null)
        return toast('info', `${hit.label} has no map location (its ZIP is not geocoded).`);
      const d = hit.kind === 'city' ? 0.25 : 0.06;
      mapById('main')?.fitBounds(
        [
          [hit.lon - d, hit.lat - d],
          [hit.lon + d, hit.lat + d],
        ],
        { maxZoom: 11, duration: 600 },
      );
      const { layer, geometry } = getState();
      const geo = layer ? geometry[layer.unitKind] : undefined;
      const unit = hit.zip && geo && layer?.unitKind === 'zip' ? geo.ids.indexOf(hit.zip) : -1;
      const t = unit >= 0 && layer ? layer.unitTerritory[unit]! : 0xffff;
      if (layer && t !== 0xffff) {
        setState({ panel: 'territories', selectedTerritory: layer.territoryIds[t]! });
        toast(
          'info',
          `${hit.label} — in ${layer.territoryIds[t]} ${layer.territoryNames[t] ?? ''}`,
        );
      }
    },
  };
}

export function commands(): Command[] {
  const st = getState();
  return [
    { id: 'undo', label: 'Undo last edit', shortcut: 'Ctrl+Z', run: () => void undo() },
    { id: 'redo', label: 'Redo', shortcut: 'Ctrl+Shift+Z', run: () => void redo() },
    ...PANELS.map((p) => ({
      id: `panel-${p.key}`,
      label: `Go to ${p.label}`,
      shortcut: `Alt+${p.shortcut}`,
      run: () => setState({ panel: p.key }),
    })),
    ...TOOLS.map((t) => ({
      id: `tool-${t.key}`,
      label: `Tool: ${t.label} — ${t.help}`,
      shortcut: t.key1,
      run: () => setState({ tool: t.key }),
    })),
    {
      id: 'layer-density',
      label: 'Toggle density hexbin',
      shortcut: 'H',
      run: () => toggleLayer('hexbin'),
    },
    { id: 'layer-heat', label: 'Toggle density heatmap', run: () => toggleLayer('heatmap') },
    { id: 'layer-providers', label: 'Toggle providers', run: () => toggleLayer('providers') },
    {
      id: 'layer-territories',
      label: 'Toggle territory fill',
      shortcut: 'T',
      run: () => toggleLayer('territories'),
    },
    { id: 'layer-homes', label: 'Toggle rep home bases', run: () => toggleLayer('homes') },
    { id: 'layer-systems', label: 'Toggle health-system sites', run: () => toggleLayer('systems') },
    { id: 'export', label: 'Export territory packs…', shortcut: 'Ctrl+E', run: openExport },
    {
      id: 'present',
      label: 'Presentation mode (full screen, arrow keys step through scenarios and regions)',
      shortcut: 'F5',
      run: openPresentation,
    },
    {
      id: 'clear',
      label: 'Clear selection',
      shortcut: 'Esc',
      run: () => setState({ selectedTerritory: null, cardIndex: null }),
    },
    ...st.scenarios.map((s) => ({
      id: `scenario-${s.name}`,
      label: `Open scenario ${s.name}`,
      run: () => void selectScenario(s.name),
    })),
    ...(st.metrics?.perTerritory ?? []).map((t) => ({
      id: `territory-${t.territoryId}`,
      label: `Select territory ${t.territoryId !== t.name ? `${t.territoryId} ` : ''}${t.name} (${t.repName ?? 'vacant'})`,
      run: () => {
        setState({ panel: 'territories' });
        selectTerritory(t.territoryId);
      },
    })),
  ];
}
