// Compare: pick two or three scenarios; metrics with deltas, disruption and the transfer matrix.
import { useEffect, useRef } from 'react';
import type { CompareResult, ScenarioMetrics } from '../../../workers/common/contract';
import { fmtDelta, fmtPct } from '../components/format';
import { tryCall } from '../engine/calls';
import { loadGeometry, metricsMarket } from '../state/actions';
import { Transfers } from './Transfers';
import { weightsText } from '../components/MetricsBasis';
import { engine, getState, setState, useStore } from '../state/store';

export async function runCompare(picked: string[]): Promise<void> {
  // The reference (first column, deltas against it) is the oldest scenario picked, usually the baseline.
  const order = getState().scenarios.map((s) => s.name);
  const names = [...picked].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  setState({ compareScenarios: names });
  if (names.length < 2) return setState({ compareResult: null });
  // one market for every scenario compared: the top bar's (each scenario re-scored with it), named on screen
  const market = metricsMarket();
  const result = await tryCall(
    engine().compareScenarios(market ? { scenarios: names, market } : { scenarios: names }),
    'Compare',
  );
  setState({ compareResult: result });
  for (const name of names) {
    if (getState().compareLayers[name]) continue;
    const layer = await tryCall(engine().scenarioLayer({ scenario: name }), 'Scenario layer');
    if (layer) {
      await loadGeometry(layer.unitKind);
      setState((s) => ({ compareLayers: { ...s.compareLayers, [name]: layer } }));
    }
  }
}

export function ComparePanel() {
  const scenarios = useStore((s) => s.scenarios);
  const chosen = useStore((s) => s.compareScenarios);
  const result = useStore((s) => s.compareResult);
  const current = useStore((s) => s.scenario);
  const revision = useStore((s) => s.revision);
  const seen = useRef(revision);
  // any write (an edit, a market change, an import) re-runs the comparison
  useEffect(() => {
    if (seen.current === revision) return;
    seen.current = revision;
    const names = getState().compareScenarios;
    if (names.length >= 2) {
      setState({ compareLayers: {} });
      void runCompare(names);
    }
  }, [revision]);
  useEffect(() => {
    if (chosen.length > 0) return;
    const first = current ?? scenarios[0]?.name;
    const second = scenarios.find((s) => s.name !== first)?.name;
    if (first && second) void runCompare([first, second]);
  }, [chosen.length, current, scenarios]);
  const toggle = (name: string) => {
    const next = chosen.includes(name)
      ? chosen.filter((n) => n !== name)
      : [...chosen, name].slice(-3);
    setState({ compareLayers: {} });
    void runCompare(next);
  };
  return (
    <div className="compare-panel">
      <section>
        <h3>Scenarios to compare (2–3)</h3>
        {scenarios.map((s) => (
          <label key={s.name} className="check">
            <input
              type="checkbox"
              data-testid={`compare-pick-${s.name}`}
              checked={chosen.includes(s.name)}
              onChange={() => toggle(s.name)}
            />
            {s.name}
          </label>
        ))}
      </section>
      {result && <CompareBasis result={result} />}
      {result && <MetricsTable result={result} />}
      {result && <Disruption result={result} />}
      {result && <Transfers result={result} />}
    </div>
  );
}

/** The one market the comparison was scored on, and the markets the scenarios record when they differ. */
function CompareBasis({ result }: { result: CompareResult }) {
  const scenarios = useStore((s) => s.scenarios);
  const recorded = result.scenarios.map((n) => ({
    name: n,
    market: scenarios.find((s) => s.name === n)?.market ?? null,
  }));
  const markets = useStore((s) => s.markets);
  const label = (m: string | null) =>
    m ? (markets.find((o) => o.key === m || o.def.name === m)?.def.name ?? m) : 'unknown';
  const differ = new Set(recorded.map((r) => label(r.market).toLowerCase())).size > 1;
  const w = result.metrics[0]?.indexWeights;
  return (
    <div className="metrics-basis small" data-testid="compare-basis" data-market={result.market}>
      Every scenario scored on market <b>{result.market}</b>
      {w && <> · index weights {weightsText(w)}</>}
      {differ && (
        <div className="warn-text" data-testid="compare-markets-differ">
          These scenarios record different markets (
          {recorded.map((r) => `${r.name}: ${label(r.market)}`).join('; ')}); they are re-scored
          here on {result.market} so the differences come from the alignments alone.
        </div>
      )}
    </div>
  );
}

/** Each value shows `digits` decimals (of value × scale) and its delta is the difference of the shown values. */
const ROWS: {
  label: string;
  get: (m: ScenarioMetrics) => number;
  digits: number;
  scale?: number;
  unit?: string;
}[] = [
  { label: 'Territories', get: (m) => m.territories, digits: 0 },
  { label: 'Within ±5 %', get: (m) => m.within5, digits: 0, scale: 100, unit: '%' },
  { label: 'Within 0.85–1.15', get: (m) => m.withinBand, digits: 0, scale: 100, unit: '%' },
  { label: 'Max / min', get: (m) => m.maxMinRatio, digits: 2 },
  { label: 'Non-contiguous', get: (m) => m.noncontiguous, digits: 0 },
  { label: 'Drive mean (min)', get: (m) => m.travelMeanMin, digits: 0 },
  { label: 'Drive P90 (min)', get: (m) => m.travelP90Min, digits: 0 },
];

const shown = (v: number, digits: number) => Number(v.toFixed(digits));

function MetricsTable({ result }: { result: CompareResult }) {
  const base = result.metrics[0];
  if (!base) return null;
  return (
    <section>
      <h3>Metrics</h3>
      <table className="grid compact" data-testid="compare-metrics">
        <thead>
          <tr>
            <th />
            {result.scenarios.map((s) => (
              <th key={s}>{s}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ROWS.map((r) => (
            <tr key={r.label}>
              <td>{r.label}</td>
              {result.metrics.map((m, i) => {
                const v = shown(r.get(m) * (r.scale ?? 1), r.digits);
                const d = shown(v - shown(r.get(base) * (r.scale ?? 1), r.digits), r.digits);
                return (
                  <td key={i} className="num">
                    {v.toLocaleString('en-US', {
                      minimumFractionDigits: r.digits,
                      maximumFractionDigits: r.digits,
                    })}
                    {r.unit ?? ''}
                    {i > 0 && (
                      <span className={`delta ${d === 0 ? '' : 'nonzero'}`} data-testid="delta">
                        {' '}
                        {fmtDelta(d, r.digits)}
                        {r.unit === '%' ? ' pt' : ''}
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Disruption({ result }: { result: CompareResult }) {
  if (result.disruption.length === 0) return null;
  return (
    <section>
      <h3>Disruption vs {result.scenarios[0]}</h3>
      <table className="grid compact">
        <thead>
          <tr>
            <th />
            <th>Units</th>
            <th>Accounts</th>
            <th>Opportunity</th>
            <th>Tier A</th>
          </tr>
        </thead>
        <tbody>
          {result.disruption.map((d) => (
            <tr key={d.against}>
              <td>{d.against}</td>
              <td className="num">{fmtPct(d.units)}</td>
              <td className="num">{fmtPct(d.accounts)}</td>
              <td className="num">{fmtPct(d.opportunity)}</td>
              <td className="num">{fmtPct(d.tierAAccounts)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
