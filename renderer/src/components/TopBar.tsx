// Top bar: workspace, scenario and market pickers, undo/redo, export, command palette.
import { redo, selectMarket, selectScenario, undo } from '../state/actions';
import { setState, useStore } from '../state/store';
import { fileName } from './format';

export function TopBar() {
  const info = useStore((s) => s.info);
  const scenarios = useStore((s) => s.scenarios);
  const markets = useStore((s) => s.markets);
  const scenario = useStore((s) => s.scenario);
  const market = useStore((s) => s.market);
  const history = useStore((s) => s.historyPosition);
  const historyLength = scenarios.find((s) => s.name === scenario)?.historyLength ?? null;
  const atLatest = history !== null && historyLength !== null && history >= historyLength;
  const wsName = info ? fileName(info.path) : '';
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
      <Picker
        label="Scenario"
        testId="scenario-select"
        value={scenario}
        title={scenario ?? undefined}
        none="— none —"
        options={scenarios.map((s) => ({
          value: s.name,
          text: `${s.name}${s.isBaseline ? ' (baseline)' : ''}`,
        }))}
        onPick={(name) => void selectScenario(name)}
      />
      <Picker
        label="Market"
        testId="market-select"
        value={market}
        title={markets.find((m) => m.key === market)?.def.name ?? 'Workspace default'}
        none="Workspace default"
        options={markets.map((m) => ({
          value: m.key,
          text: `${m.def.name}${m.preset ? ' (preset)' : ''}`,
        }))}
        onPick={(key) => void selectMarket(key)}
      />
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

/** A top-bar picker; while nothing is picked, an empty option says what applies (`none`). */
function Picker(p: {
  label: string;
  testId: string;
  value: string | null;
  title: string | undefined;
  none: string;
  options: { value: string; text: string }[];
  onPick: (value: string) => void;
}) {
  return (
    <label className="picker">
      {p.label}
      <select
        data-testid={p.testId}
        value={p.value ?? ''}
        title={p.title}
        onChange={(e) => p.onPick(e.target.value)}
      >
        {!p.value && <option value="">{p.none}</option>}
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </label>
  );
}
