// Saved scenarios with lineage, open and delete.
import { plural } from '../components/format';
import { tryCall } from '../engine/calls';
import { refreshInfo, selectScenario } from '../state/actions';
import { engine, getState, setState, useStore } from '../state/store';

export function ScenarioList() {
  const scenarios = useStore((s) => s.scenarios);
  const current = useStore((s) => s.scenario);
  return (
    <section>
      <h3>Scenarios</h3>
      <ul className="scenario-list" data-testid="scenario-list">
        {scenarios.map((s) => (
          <li key={s.name} className={s.name === current ? 'active' : ''}>
            <button className="link" onClick={() => void selectScenario(s.name)}>
              <b>{s.name}</b>
            </button>
            <span className="muted small">
              {s.isBaseline ? 'baseline · ' : s.parent ? `from ${s.parent} · ` : ''}
              {plural(s.territories, 'territory', 'territories')} · {s.unitKind} ·{' '}
              {plural(s.historyLength, 'edit')}
            </span>
            {!s.isBaseline && (
              <button
                className="small ghost"
                title="Delete scenario"
                onClick={() => void remove(s.name)}
              >
                Delete
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

async function remove(name: string): Promise<void> {
  if (!window.confirm(`Delete scenario "${name}"? This cannot be undone.`)) return;
  const done = await tryCall(engine().deleteScenario({ scenario: name }), 'Delete');
  if (!done) return;
  await refreshInfo();
  if (getState().scenario === name) {
    const next = getState().scenarios[0];
    if (next) await selectScenario(next.name);
    else setState({ scenario: null, metrics: null, layer: null });
  }
}
