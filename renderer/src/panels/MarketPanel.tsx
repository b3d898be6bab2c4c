// Market: pick codes (search by code or description), weights, site of care, tier thresholds, call
// frequencies. Every change re-scores (debounced) and updates the tier counts and the map.
import { useEffect, useRef, useState } from 'react';
import type { CodeInfo, MarketDefinition, Tier } from '../../../workers/common/contract';
import { call, tryCall } from '../engine/calls';
import { fmtNum, fmtPct, plural } from '../components/format';
import { loadMetrics, loadPoints, refreshInfo } from '../state/actions';
import { engine, setState, useStore } from '../state/store';
import { blankMarket } from './marketDraft';
import { CodePicker } from './CodePicker';

export function MarketPanel() {
  const market = useStore((s) => s.market);
  const markets = useStore((s) => s.markets);
  const summary = useStore((s) => s.scoreSummary);
  const [draft, setDraft] = useState<MarketDefinition | null>(null);
  const [dirty, setDirty] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    const option =
      markets.find((m) => m.key === market || m.def.name === market) ?? markets.find((m) => m.key === 'all') ?? markets[0];
    setDraft(option ? structuredClone(option.def) : null);
    setDirty(false);
  }, [market, markets]);

  useEffect(() => {
    if (!draft || !dirty) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void rescore(draft), 300);
    return () => clearTimeout(timer.current);
  }, [draft, dirty]);

  const update = (f: (d: MarketDefinition) => void) => {
    setDraft((d) => {
      if (!d) return d;
      const next = structuredClone(d);
      f(next);
      return next;
    });
    setDirty(true);
  };

  if (!draft) {
    return (
      <div className="empty">
        <p>No market defined yet.</p>
        <button className="primary" onClick={() => void createMarket('My market')}>
          Create a market
        </button>
      </div>
    );
  }
  const codes = draft.codeSets.flatMap((s) => s.codes);
  return (
    <div className="market">
      <TierCounts />
      <section>
        <h3>Codes</h3>
        <CodePicker selected={codes} onAdd={(c: CodeInfo) => update((d) => addCode(d, c.code))} />
        {draft.codeSets.map((set, si) => (
          <div key={si} className="code-set">
            <div className="row">
              <b>{set.name}</b>
              <label className="inline">
                weight
                <input type="number" min={0} step={0.1} value={set.weight} onChange={(e) => update((d) => void (d.codeSets[si]!.weight = Number(e.target.value)))} />
              </label>
            </div>
            <div className="chips">
              {set.codes.map((code) => (
                <span key={code} className="chip">
                  {code}
                  <button aria-label={`remove ${code}`} onClick={() => update((d) => void (d.codeSets[si]!.codes = d.codeSets[si]!.codes.filter((c) => c !== code)))}>
                    ×
                  </button>
                </span>
              ))}
              {set.codes.length === 0 && <span className="muted">no codes yet — search above</span>}
            </div>
          </div>
        ))}
      </section>
      <section>
        <h3>Measure and site of care</h3>
        <div className="row">
          {(['services', 'beneficiaries', 'payment'] as const).map((m) => (
            <label key={m} className="radio">
              <input type="radio" checked={draft.measure === m} onChange={() => update((d) => void (d.measure = m))} />
              {m}
            </label>
          ))}
        </div>
        <Slider label="Facility weight" value={draft.siteOfCare.facility} min={0} max={2} step={0.05} onChange={(v) => update((d) => void (d.siteOfCare.facility = v))} />
        <Slider label="Office weight" value={draft.siteOfCare.office} min={0} max={2} step={0.05} onChange={(v) => update((d) => void (d.siteOfCare.office = v))} />
      </section>
      <section>
        <h3>Tiers and calls</h3>
        <Slider testId="tier-a-share" label="Tier A = top share" value={draft.tiers.aShare} min={0.01} max={0.5} step={0.01} format={fmtPct} onChange={(v) => update((d) => void (d.tiers.aShare = v))} />
        <Slider label="Tier B = next share" value={draft.tiers.bShare} min={0.01} max={0.6} step={0.01} format={fmtPct} onChange={(v) => update((d) => void (d.tiers.bShare = v))} />
        <table className="grid compact">
          <thead>
            <tr>
              <th>Tier</th>
              <th>Calls / year</th>
              <th>Minutes / call</th>
            </tr>
          </thead>
          <tbody>
            {(['A', 'B', 'C'] as Tier[]).map((t) => (
              <tr key={t}>
                <td>{t}</td>
                <td>
                  <input type="number" min={0} value={draft.callsPerYear[t]} onChange={(e) => update((d) => void (d.callsPerYear[t] = Number(e.target.value)))} />
                </td>
                <td>
                  <input type="number" min={1} value={draft.callMinutes[t]} onChange={(e) => update((d) => void (d.callMinutes[t] = Number(e.target.value)))} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <div className="muted small">{summary ? `Scored ${plural(summary.scoredProviders, 'provider')} in ${Math.round(summary.millis)} ms` : ''}</div>
    </div>
  );
}

function addCode(d: MarketDefinition, code: string): void {
  const set = d.codeSets[0] ?? { name: 'Procedures', codes: [], weight: 1 };
  if (!d.codeSets[0]) d.codeSets.push(set);
  if (!set.codes.includes(code)) set.codes.push(code);
}

async function rescore(def: MarketDefinition): Promise<void> {
  const summary = await tryCall(engine().score({ market: def }), 'Scoring');
  if (!summary) return;
  setState({ scoreSummary: summary });
  const saved = await tryCall(engine().saveMarket(def), 'Saving market');
  if (!saved) return;
  // An edited preset becomes a saved market under its own name.
  setState((s) => ({
    market: def.name,
    markets: [{ key: def.name, def, preset: false }, ...s.markets.filter((m) => m.def.name !== def.name)],
  }));
  // Workload and tiers of every territory follow the market: refresh the scenario metrics too.
  await Promise.all([loadPoints(), loadMetrics()]);
}

async function createMarket(name: string): Promise<void> {
  const def = blankMarket(name);
  try {
    await call(engine().saveMarket(def), 'Saving market');
    await refreshInfo();
    setState({ market: name });
  } catch {
    /* reported */
  }
}

export function TierCounts() {
  const s = useStore((st) => st.scoreSummary);
  if (!s) return null;
  return (
    <div className="tier-counts" data-testid="tier-counts">
      {(['A', 'B', 'C'] as Tier[]).map((t) => (
        <div key={t} className={`tier tier-${t}`} data-testid={`tier-count-${t}`} data-count={s.tiers[t].providers}>
          <span>Tier {t}</span>
          <b>{fmtNum(s.tiers[t].providers)}</b>
          <small>{fmtNum(s.tiers[t].potential)} potential</small>
        </div>
      ))}
      <small className="muted small" data-testid="score-years">
        {s.year ? `Claims year ${s.year}; ` : ''}
        {s.historyYear ? `history from ${s.historyYear}` : 'no history year (needs claims from the two years before)'}
      </small>
    </div>
  );
}

function Slider(p: { label: string; value: number; min: number; max: number; step: number; onChange: (v: number) => void; format?: (v: number) => string; testId?: string }) {
  return (
    <label className="slider">
      <span>{p.label}</span>
      <input data-testid={p.testId} type="range" min={p.min} max={p.max} step={p.step} value={p.value} onChange={(e) => p.onChange(Number(e.target.value))} />
      <b>{p.format ? p.format(p.value) : p.value.toFixed(2)}</b>
    </label>
  );
}
