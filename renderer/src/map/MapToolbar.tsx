// Editing tools over the map.
import { setState, useStore, type EditTool } from '../state/store';

export const TOOLS: { key: EditTool; label: string; icon: string; key1: string; help: string }[] = [
  {
    key: 'select',
    label: 'Select',
    icon: '↖',
    key1: 'V',
    help: 'Click a unit to select its territory',
  },
  {
    key: 'assign',
    label: 'Assign',
    icon: '✚',
    key1: 'A',
    help: 'Click a unit to move it to the selected territory',
  },
  {
    key: 'lasso',
    label: 'Lasso',
    icon: '◯',
    key1: 'L',
    help: 'Drag around units to move them to the selected territory',
  },
  { key: 'lock', label: 'Lock', icon: '⊘', key1: 'K', help: 'Click a unit to lock or unlock it' },
  {
    key: 'pin',
    label: 'Pin',
    icon: '⚲',
    key1: 'P',
    help: 'Click a provider to pin it to the selected territory',
  },
  {
    key: 'radius',
    label: 'Radius',
    icon: '◎',
    key1: 'R',
    help: 'Click the map to centre a radius list (providers within N minutes or miles)',
  },
];

export function MapToolbar() {
  const tool = useStore((s) => s.tool);
  const selected = useStore((s) => s.selectedTerritory);
  const current = TOOLS.find((t) => t.key === tool);
  return (
    <div className="map-toolbar">
      <div className="tool-buttons" role="toolbar" aria-label="Editing tools">
        {TOOLS.map((t) => (
          <button
            key={t.key}
            data-testid={`tool-${t.key}`}
            className={tool === t.key ? 'active' : ''}
            title={`${t.label} (${t.key1}) — ${t.help}`}
            onClick={() => setState({ tool: t.key })}
          >
            <span aria-hidden>{t.icon}</span> {t.label}
          </button>
        ))}
      </div>
      <div className="tool-hint">
        {current?.help}
        {tool !== 'select' && tool !== 'lock' && tool !== 'radius' && (
          <>
            {' · target: '}
            <b>{selected ?? 'select a territory first'}</b>
          </>
        )}
      </div>
    </div>
  );
}
