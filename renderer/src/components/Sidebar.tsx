// Left panel: tabs for the workflow steps.
import { BalancePanel } from '../panels/BalancePanel';
import { ComparePanel } from '../panels/ComparePanel';
import { DataPanel } from '../panels/DataPanel';
import { MarketPanel } from '../panels/MarketPanel';
import { RadiusPanel } from '../panels/RadiusPanel';
import { TerritoriesPanel } from '../panels/TerritoriesPanel';
import { WeekPanel } from '../panels/WeekPanel';
import { setState, useStore, type PanelKey } from '../state/store';

export const PANELS: { key: PanelKey; label: string; shortcut: string }[] = [
  { key: 'data', label: 'Data', shortcut: '1' },
  { key: 'market', label: 'Market', shortcut: '2' },
  { key: 'territories', label: 'Territories', shortcut: '3' },
  { key: 'balance', label: 'Balance', shortcut: '4' },
  { key: 'compare', label: 'Compare', shortcut: '5' },
  { key: 'week', label: 'Week', shortcut: '6' },
];

export function Sidebar() {
  const panel = useStore((s) => s.panel);
  const radiusTool = useStore((s) => s.tool === 'radius');
  return (
    <aside className="sidebar">
      <nav className="tabs" role="tablist">
        {PANELS.map((p) => (
          <button
            key={p.key}
            role="tab"
            data-testid={`tab-${p.key}`}
            aria-selected={panel === p.key}
            className={panel === p.key ? 'active' : ''}
            title={`${p.label} (Alt+${p.shortcut})`}
            onClick={() => setState({ panel: p.key })}
          >
            {p.label}
          </button>
        ))}
      </nav>
      <div className="panel-body">
        {radiusTool && panel !== 'compare' && <RadiusPanel />}
        {panel === 'data' && <DataPanel />}
        {panel === 'market' && <MarketPanel />}
        {panel === 'territories' && <TerritoriesPanel />}
        {panel === 'balance' && <BalancePanel />}
        {panel === 'compare' && <ComparePanel />}
        {panel === 'week' && <WeekPanel />}
      </div>
    </aside>
  );
}
