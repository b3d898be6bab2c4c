// Market: pick codes (search by code or description), weights, site of care, tier thresholds, call
// frequencies. Every change re-scores (debounced) and updates the tier counts and the map.
import { useEffect, useRef, useState } from 'react';
import type { CodeInfo, MarketDefinition, Tier } from '../../../workers/common/contract';
import { call, tryCall } from '../engine/calls';
import { NumberField, NumberInput, Slider } from '../components/fields';
import { fmtNum, fmtPct, plural } from '../components/format';
import { refreshInfo, refreshViews, selectMarket } from '../state/actions';
import { engine, getState, setState, toast, useStore } from '../state/store';
import { blankMarket } from './marketDraft';
import { CodePicker } from './CodePicker';

export function MarketPanel() {
  const market = useStore((s) => s.market);
  const markets = useStore((s) => s.markets);
  const summary = useStore((s) => s.scoreSummary);
  const [draft, setDraft] = useState<MarketDefinition | null>(null);
  const [dirty, setDirty] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const dirtyRef = useRef(false);
  dirtyRef.current = dirty;
  // leaving the panel with an unsaved draft: the tier counts go back to the saved market's
  useEffect(
    () => () => {
      if (!dirtyRef.current) return;
      void tryCall(engine().score({ market: getState().market ?? '' }), 'Scoring').then(
        (s) => s && setState({ scoreSummary: s }),
      );
    },
    [],
  );

  useEffect(() => {
    const option =
      markets.find((m) => m.key === market || m.def.name === market) ??
      markets.find((m) => m.key === 'all') ??
      markets[0];
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
  const option = markets.find((m) => m.key === market || m.def.name === market);
  return (
    <div className="market">
      <MarketSave
        draft={draft}
        dirty={dirty}
        saved={option && !option.preset ? option.def.name : null}
        onSaved={() => setDirty(false)}
      />
      <TierCounts />
      <section>
        <h3>Codes</h3>
        <CodePicker selected={codes} onAdd={(c: CodeInfo) => update((d) => addCode(d, c.code))} />
        {draft.codeSets.map((set, si) => (
          <div key={si} className="code-set">
            <div className="row">
              <b>{set.name}</b>
              <NumberField
                label="weight"
                min={0}
                step={0.1}
                value={set.weight}
                onChange={(v) => update((d) => void (d.codeSets[si]!.weight = v))}
              />
            </div>
            <div className="chips">
              {set.codes.map((code) => (
                <span key={code} className="chip">
                  {code}
                  <button
                    aria-label={`remove ${code}`}
                    onClick={() =>
                      update(
                        (d) =>
                          void (d.codeSets[si]!.codes = d.codeSets[si]!.codes.filter(
                            (c) => c !== code,
                          )),
                      )
                    }
                  >
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
              <input
                type="radio"
                checked={draft.measure === m}
                onChange={() => update((d) => void (d.measure = m))}
              />
              {m}
            </label>
          ))}
        </div>
        <Slider
          label="Facility weight"
          value={draft.siteOfCare.facility}
          min={0}
          max={2}
          step={0.05}
          onChange={(v) => update((d) => void (d.siteOfCare.facility = v))}
        />
        <Slider
          label="Office weight"
          value={draft.siteOfCare.office}
          min={0}
          max={2}
          step={0.05}
          onChange={(v) => update((d) => void (d.siteOfCare.office = v))}
        />
      </section>
      <section>
        <h3>Tiers and calls</h3>
        <Slider
          testId="tier-a-share"
          label="Tier A = top share"
          value={draft.tiers.aShare}
          min={0.01}
          max={0.5}
          step={0.01}
          format={fmtPct}
          onChange={(v) => update((d) => void (d.tiers.aShare = v))}
        />
        <Slider
          label="Tier B = next share"
          value={draft.tiers.bShare}
          min={0.01}
          max={0.6}
          step={0.01}
          format={fmtPct}
          onChange={(v) => update((d) => void (d.tiers.bShare = v))}
        />
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
                  <NumberInput
                    min={0}
                    value={draft.callsPerYear[t]}
                    onChange={(v) => update((d) => void (d.callsPerYear[t] = v))}
                  />
                </td>
                <td>
                  <NumberInput
                    min={1}
                    value={draft.callMinutes[t]}
                    onChange={(v) => update((d) => void (d.callMinutes[t] = v))}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <div className="muted small">
        {summary
          ? `Scored ${plural(summary.scoredProviders, 'provider')} in ${Math.round(summary.millis)} ms`
          : ''}
      </div>
    </div>
  );
}

function addCode(d: MarketDefinition, code: string): void {
  const set = d.codeSets[0] ?? { name: 'Procedures', codes: [], weight: 1 };
  if (!d.codeSets[0]) d.codeSets.push(set);
  if (!set.codes.includes(code)) set.codes.push(code);
}

/**
 * An edit is scored live as an unsaved draft (tier counts show it); nothing is saved, and the
 * territory metrics stay on the saved market named above them, until the user saves it.
 */
async function rescore(def: MarketDefinition): Promise<void> {
  const summary = await tryCall(engine().score({ market: def }), 'Scoring');
  if (summary) setState({ scoreSummary: summary });
}

/** Saves the draft under `name` (over the saved market of that name, or as a new one), then scores the screen with it. */
async function saveDraft(def: MarketDefinition, name: string): Promise<boolean> {
  try {
    const saved = await call(engine().saveMarket({ ...def, name }), 'Saving market');
    await refreshInfo();
    await selectMarket(saved.name);
    toast('success', `Market “${saved.name}” saved; the metrics and the map are scored with it.`);
    return true;
  } catch {
    return false;
  }
}

/** Save / save as a new named market / rename: a preset is never overwritten, a new market always has a name of its own. */
function MarketSave({
  draft,
  dirty,
  saved,
  onSaved,
}: {
  draft: MarketDefinition;
  dirty: boolean;
  saved: string | null;
  onSaved: () => void;
}) {
  const markets = useStore((s) => s.markets);
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState(false);
  const trimmed = name.trim();
  const taken = markets.find(
    (m) =>
      m.def.name.toLowerCase() === trimmed.toLowerCase() ||
      m.key.toLowerCase() === trimmed.toLowerCase(),
  );
  const problem = !trimmed
    ? 'Type a name'
    : taken
      ? `“${taken.def.name}” exists${taken.preset ? ' (a preset)' : ''}: pick another name`
      : null;
  const submit = async () => {
    if (problem) return;
    if (renaming && saved) {
      const r = await tryCall(
        engine().renameMarket({ from: saved, to: trimmed }),
        'Renaming market',
      );
      if (!r) return;
      await refreshInfo();
      setState({ market: r.name });
      await refreshViews();
      toast('success', `Market renamed to “${r.name}”.`);
    } else if (!(await saveDraft(draft, trimmed))) return;
    setName('');
    setRenaming(false);
    onSaved();
  };
  return (
    <section className="market-save" data-testid="market-save">
      {dirty && (
        <p className="notice small" data-testid="market-unsaved">
          Unsaved changes: the tier counts below show them; the territory metrics still use{' '}
          {saved ? `“${saved}”` : 'the market in the top bar'}.
        </p>
      )}
      <div className="row">
        {saved && dirty && (
          <button
            className="primary"
            data-testid="market-save-over"
            onClick={() => void saveDraft(draft, saved).then((ok) => ok && onSaved())}
          >
            Save “{saved}”
          </button>
        )}
        <input
          data-testid="market-name"
          placeholder={renaming ? 'New name' : 'Name a new market'}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button
          data-testid={renaming ? 'market-rename-run' : 'market-save-as'}
          disabled={problem !== null}
          title={problem ?? undefined}
          onClick={() => void submit()}
        >
          {renaming ? 'Rename' : 'Save as new market'}
        </button>
        {saved && (
          <label className="small">
            <input
              type="checkbox"
              data-testid="market-rename"
              checked={renaming}
              onChange={(e) => setRenaming(e.target.checked)}
            />{' '}
            rename “{saved}”
          </label>
        )}
      </div>
      {trimmed && problem && <div className="small bad">{problem}</div>}
    </section>
  );
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
        <div
          key={t}
          className={`tier tier-${t}`}
          data-testid={`tier-count-${t}`}
          data-count={s.tiers[t].providers}
        >
          <span>Tier {t}</span>
          <b>{fmtNum(s.tiers[t].providers)}</b>
          <small>{fmtNum(s.tiers[t].potential)} potential</small>
        </div>
      ))}
      <small className="muted small" data-testid="score-years">
        {s.year ? `Claims year ${s.year}; ` : ''}
        {s.historyYear
          ? `history from ${s.historyYear}`
          : 'no history year (needs claims from the two years before)'}
      </small>
    </div>
  );
}
