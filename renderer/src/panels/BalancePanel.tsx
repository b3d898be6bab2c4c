// Balance and what-if: build from scratch, rebalance within a disruption budget, add/remove a rep,
// re-weight the index, re-balance locally. Long runs show progress and can be cancelled; results
// become new scenarios.
import { useState } from 'react';
import type { AlignRequest } from '../../../workers/common/contract';
import { LABELS } from '../components/DriveTimeSource';
import { NumberField, Slider } from '../components/fields';
import { fmtPct, plural } from '../components/format';
import { runJob } from '../engine/calls';
import { refreshInfo, selectScenario, whatIf } from '../state/actions';
import { engine, getState, toast, useBusy, useStore } from '../state/store';
import { ScenarioList } from './ScenarioList';

function uniqueName(base: string): string {
  const names = new Set(getState().scenarios.map((s) => s.name));
  if (!names.has(base)) return base;
  for (let i = 2; ; i++) if (!names.has(`${base} ${i}`)) return `${base} ${i}`;
}

async function runAlign(label: string, req: AlignRequest): Promise<void> {
  const result = await runJob(label, (opts) => engine().align(req, opts));
  if (!result) return;
  const travel = result.alignTravel;
  const via = `${travel && travel.source !== 'offline' ? `, optimised on ${LABELS[travel.source]}` : ''}${req.useRoster ? ", around the roster's home bases" : ''}`;
  toast(
    'success',
    `${result.scenario}: ${plural(result.territories, 'territory', 'territories')}, ${fmtPct(result.metrics.within5)} within ±5 % (${result.seconds.toFixed(1)} s${via})`,
  );
  if (travel?.warning) toast('info', `Alignment travel: ${travel.warning}`);
  await refreshInfo();
  await selectScenario(result.scenario);
}

export function BalancePanel() {
  const scenario = useStore((s) => s.scenario);
  const market = useStore((s) => s.market);
  const selected = useStore((s) => s.selectedTerritory);
  const current = useStore((s) => s.scenarios.find((x) => x.name === s.scenario));
  const busy = useBusy();
  const reps = useStore((s) => s.info?.reps ?? 0);
  const [k, setK] = useState(current?.territories ?? 20);
  const [unit, setUnit] = useState<'zip' | 'county'>(current?.unitKind ?? 'zip');
  const [budget, setBudget] = useState(0.1);
  const [weights, setWeights] = useState({ workload: 0.6, potential: 0.3, history: 0.1 });
  const [asNew, setAsNew] = useState(true);
  const [rosterHomes, setRosterHomes] = useState(true);
  const usesRoster = k === reps && reps > 0 && rosterHomes;
  const saveAs = (what: string) =>
    asNew && scenario ? uniqueName(`${scenario} · ${what}`) : undefined;

  return (
    <div className="balance">
      <section>
        <h3>Rebalance {scenario ? <span className="muted">from {scenario}</span> : null}</h3>
        <Slider
          testId="disruption"
          label="Disruption budget"
          min={0.01}
          max={0.5}
          step={0.01}
          value={budget}
          format={fmtPct}
          onChange={setBudget}
        />
        <p className="muted small">At most this share of opportunity changes rep.</p>
        <button
          data-testid="rebalance"
          className="primary"
          disabled={!scenario || busy}
          onClick={() => {
            const req: AlignRequest = {
              from: scenario!,
              maxDisruption: budget,
              scenario: uniqueName(`${scenario} · rebalanced ${Math.round(budget * 100)}%`),
            };
            if (market) req.market = market;
            void runAlign('Rebalance', req);
          }}
        >
          Rebalance
        </button>
      </section>
      <section>
        <h3>Build from scratch</h3>
        <div className="row">
          <NumberField
            label="Territories"
            testId="align-k"
            min={2}
            max={2000}
            value={k}
            onChange={setK}
          />
          <label className="inline">
            Units
            <select value={unit} onChange={(e) => setUnit(e.target.value as 'zip' | 'county')}>
              <option value="zip">ZIP</option>
              <option value="county">County</option>
            </select>
          </label>
        </div>
        {k === reps && reps > 0 ? (
          <label className="check small" data-testid="roster-homes-note">
            <input
              type="checkbox"
              data-testid="roster-homes"
              checked={rosterHomes}
              onChange={(e) => setRosterHomes(e.target.checked)}
            />
            {rosterHomes
              ? `Uses the roster's ${plural(reps, 'rep')}' home bases (one per territory): territories are built around where the reps live, so drive times are theirs, not the best possible.`
              : `Ignores the roster's home bases: the engine places ${plural(k, 'territory', 'territories')} where the market is, then assigns the reps.`}
          </label>
        ) : (
          <p className="muted small" data-testid="roster-homes-note">
            The engine places the territories
            {reps > 0
              ? ` (the roster has ${plural(reps, 'rep')}, not ${k}: its home bases are not used)`
              : ''}
            .
          </p>
        )}
        <button
          data-testid="balance"
          className="primary"
          disabled={busy}
          onClick={() => {
            // Roster home bases are used when there is one rep per territory and the user keeps them (said on screen above).
            const req: AlignRequest = {
              territories: k,
              unit,
              scenario: uniqueName(`Balanced ${k}`),
              useRoster: usesRoster ? true : false,
            };
            if (market) req.market = market;
            void runAlign('Balance', req);
          }}
        >
          Balance {plural(k, 'territory', 'territories')}
        </button>
      </section>
      <section>
        <h3>What if…</h3>
        <label className="check">
          <input type="checkbox" checked={asNew} onChange={(e) => setAsNew(e.target.checked)} />{' '}
          save each what-if as a new scenario
        </label>
        <div className="row wrap">
          <button
            data-testid="add-rep"
            disabled={!scenario}
            onClick={() => void whatIf({ kind: 'addRep' }, saveAs('+1 rep'))}
          >
            + Add a rep
          </button>
          <button
            disabled={!scenario || !selected}
            onClick={() =>
              void whatIf({ kind: 'removeRep', territoryId: selected! }, saveAs(`− ${selected}`))
            }
            title="Absorb the selected territory into its neighbours"
          >
            − Remove selected rep
          </button>
          <button
            disabled={!scenario || !selected}
            onClick={() =>
              void whatIf(
                { kind: 'rebalanceLocal', territoryIds: [selected!] },
                saveAs(`local ${selected}`),
              )
            }
          >
            Re-balance around selected
          </button>
        </div>
        <h4>Index weights</h4>
        {(['workload', 'potential', 'history'] as const).map((key) => (
          <Slider
            key={key}
            label={key}
            min={0}
            max={1}
            step={0.05}
            value={weights[key]}
            // each weight is shown as its share of the three
            format={(v) =>
              fmtPct(v / Math.max(1e-9, weights.workload + weights.potential + weights.history))
            }
            onChange={(v) => setWeights({ ...weights, [key]: v })}
          />
        ))}
        <button
          disabled={!scenario}
          onClick={() => void whatIf({ kind: 'setWeights', weights }, saveAs('weights'))}
        >
          Apply weights
        </button>
      </section>
      <ScenarioList />
    </div>
  );
}
