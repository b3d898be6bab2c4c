// Top bar: workspace, scenario and market pickers, undo/redo, export, command palette.
import { redo, selectMarket, selectScenario, undo } from '../state/actions';
import { setState, useStore } from '../state/store';

export function TopBar() {
  const info = useStore((s) => s.info);
  const scenarios = useStore((s) => s.scenarios);
  const markets = useStore((s) => s.markets);
  const scenario = useStore((s) => s.scenario);
  const market = useStore((s) => s.market);
  const history = useStore((s) => s.historyPosition);
  const historyLength = scenarios.find((s) => s.name === scenario)?.historyLength ?? null;
  const atLatest = history !== null && historyLength !== null && history >= historyLength;
  const wsName = info?.path.split(/[\\/]/).pop() ?? '';
  return (
    <header className="topbar">
      <div className="brand">
        <span className="logo" aria-hidden>
          ◆
        </span>
        Tessera
      </div>
      <div className="ws" title={info?.path}>
        {wsName}
      </div>
      {info?.synthetic && (
        <span
          className="badge synthetic"
          title="Generated demo data in the real CMS layout, not real claims"
        >
          Synthetic demo data
        </span>
      )}
      <label className="picker">
        Scenario
        <select
          data-testid="scenario-select"
          value={scenario ?? ''}
          title={scenario ?? undefined}
          onChange={(e) => void selectScenario(e.target.value)}
        >
          {!scenario && <option value="">— none —</option>}
          {scenarios.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name}
              {s.isBaseline ? ' (baseline)' : ''}
            </option>
          ))}
        </select>
      </label>
      <label className="picker">
        Market
        <select
          data-testid="market-select"
          value={market ?? ''}
          title={markets.find((m) => m.key === market)?.def.name ?? 'Workspace default'}
          onChange={(e) => void selectMarket(e.target.value)}
        >
          {!market && <option value="">Workspace default</option>}
          {markets.map((m) => (
            <option key={m.key} value={m.key}>
              {m.def.name}
              {m.preset ? ' (preset)' : ''}
            </option>
          ))}
        </select>
      </label>
      <div className="spacer" />
      <div className="btn-group">
        <button
          data-testid="undo"
          title="Undo (Ctrl+Z)"
          onClick={() => void undo()}
          disabled={!scenario || history === 0}
        >
          ↶ Undo
        </button>
        <button
          data-testid="redo"
          title="Redo (Ctrl+Shift+Z)"
          onClick={() => void redo()}
          disabled={!scenario || atLatest}
        >
          ↷ Redo
        </button>
      </div>
      <button
        data-testid="export-open"
        className="primary"
        disabled={!scenario}
        onClick={() => setState({ exportOpen: true })}
      >
        Export…
      </button>
      <button
        className="ghost"
        title="Command palette (Ctrl+K)"
        onClick={() => setState({ paletteOpen: true })}
      >
        ⌘K
      </button>
    </header>
  );
}
