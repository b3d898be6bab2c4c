// Radius list (Radius tool): providers within N drive minutes or road miles of a clicked point or
// of the selected territory's rep home base, ranked by potential or by the volume of chosen codes,
// with the engine's `radius` method. The hits and the centre are drawn on the map (layers.ts).
import { useMemo, useState } from 'react';
import type { RadiusRequest, RadiusResult } from '../../../workers/common/contract';
import { DriveTimeSource } from '../components/DriveTimeSource';
import { NumberField } from '../components/fields';
import { fmt1, fmtNum } from '../components/format';
import { runJob } from '../engine/calls';
import { engine, setState, toast, useBusy, useStore } from '../state/store';

type Unit = 'miles' | 'minutes';
const DEFAULTS: Record<Unit, number> = { miles: 40, minutes: 60 };

export function RadiusPanel() {
  const center = useStore((s) => s.radiusCenter);
  const result = useStore((s) => s.radius);
  const scenario = useStore((s) => s.scenario);
  const selected = useStore((s) => s.selectedTerritory);
  const market = useStore((s) => s.market);
  const points = useStore((s) => s.points);
  const busy = useBusy();
  const [unit, setUnit] = useState<Unit>('miles');
  const [amount, setAmount] = useState(DEFAULTS.miles);
  const [rank, setRank] = useState<'potential' | 'codes'>('potential');
  const [codes, setCodes] = useState('');
  const [limit, setLimit] = useState(50);

  const run = async (from: RadiusRequest['from']) => {
    const list = codes
      .split(/[\s,;]+/)
      .map((c) => c.trim())
      .filter(Boolean);
    if (rank === 'codes' && list.length === 0)
      return toast('info', 'Enter one or more codes (CPT/HCPCS or ICD-10), comma-separated.');
    if (!(amount > 0 && amount <= 600))
      return toast('info', `The radius must be between 0 and 600 ${unit}.`);
    const req: RadiusRequest = {
      from,
      [unit]: amount,
      rankBy: rank === 'codes' ? { codes: list } : 'potential',
      limit: Math.max(1, Math.min(1000, Math.round(limit) || 50)),
      ...(market ? { market } : {}),
    };
    const res = await runJob('Radius list', () => engine().radius(req));
    if (res) setState({ radius: res, radiusCenter: { lat: res.center.lat, lon: res.center.lon } });
  };

  // The engine leaves the territory out of the hits; the provider points of the open scenario carry it.
  const territoryOf = useMemo(() => {
    const m = new Map<string, string>();
    if (!points) return m;
    for (let i = 0; i < points.count; i++) {
      const t = points.territory[i]!;
      if (t !== 0xffff)
        m.set(
          `${points.positions[2 * i]},${points.positions[2 * i + 1]}`,
          points.territoryIds[t] ?? '',
        );
    }
    return m;
  }, [points]);
  const territory = (h: RadiusResult['hits'][number]) =>
    h.territoryId ?? territoryOf.get(`${Math.fround(h.lon)},${Math.fround(h.lat)}`) ?? '—';

  return (
    <div className="radius" data-testid="radius-panel">
      <section>
        <h3>Radius list</h3>
        <p className="muted small" data-testid="radius-center">
          {center
            ? `Centre ${center.lat.toFixed(4)}, ${center.lon.toFixed(4)}`
            : 'Click the map to set the centre.'}
        </p>
        <div className="row">
          <NumberField
            label="Within"
            testId="radius-amount"
            min={1}
            max={600}
            value={amount}
            onChange={setAmount}
          />
          <select
            data-testid="radius-unit"
            value={unit}
            onChange={(e) => {
              const u = e.target.value as Unit;
              setUnit(u);
              setAmount(DEFAULTS[u]);
            }}
          >
            <option value="miles">miles (road)</option>
            <option value="minutes">minutes (drive)</option>
          </select>
        </div>
        <div className="row">
          <label className="inline">
            Rank by
            <select
              data-testid="radius-rank"
              value={rank}
              onChange={(e) => setRank(e.target.value as 'potential' | 'codes')}
            >
              <option value="potential">potential</option>
              <option value="codes">volume of codes</option>
            </select>
          </label>
          <NumberField
            label="Limit"
            testId="radius-limit"
            min={1}
            max={1000}
            value={limit}
            onChange={setLimit}
          />
        </div>
        {rank === 'codes' && (
          <label>
            Codes (comma-separated)
            <input
              data-testid="radius-codes"
              type="text"
              placeholder="22630, 22633"
              value={codes}
              onChange={(e) => setCodes(e.target.value)}
            />
          </label>
        )}
        <div className="row">
          <button
            data-testid="radius-run"
            className="primary"
            disabled={!center || busy}
            onClick={() => center && void run(center)}
          >
            Find providers
          </button>
          <button
            data-testid="radius-home"
            disabled={!scenario || !selected || busy}
            title={
              selected ? `Centre on the home base of ${selected}'s rep` : 'Select a territory first'
            }
            onClick={() => scenario && selected && void run({ scenario, territoryId: selected })}
          >
            From {selected ?? 'territory'} home base
          </button>
          {result && (
            <button
              data-testid="radius-clear"
              onClick={() => setState({ radius: null, radiusCenter: null })}
            >
              Clear
            </button>
          )}
        </div>
      </section>
      {result && (
        <section data-testid="radius-result">
          <p className="small">
            <b data-testid="radius-total">{fmtNum(result.total)}</b>{' '}
            {result.total === 1 ? 'provider' : 'providers'} within{' '}
            {result.miles !== null
              ? `${fmt1(result.miles)} road miles`
              : `${fmt1(result.minutes ?? 0)} drive minutes`}{' '}
            of {result.center.label}; top {result.hits.length} by {result.rankBy}.
          </p>
          <table className="grid compact" data-testid="radius-table">
            <thead>
              <tr>
                <th>#</th>
                <th>NPI / name</th>
                <th>Tier</th>
                <th className="num">Min</th>
                <th className="num">Mi</th>
                <th className="num">{result.rankBy === 'potential' ? 'Potential' : 'Volume'}</th>
                <th>Terr.</th>
              </tr>
            </thead>
            <tbody>
              {result.hits.map((h, i) => (
                <tr key={h.npi} data-testid="radius-row" data-value={h.value}>
                  <td>{i + 1}</td>
                  <td>
                    <span className="muted small">{h.npi}</span> <b>{h.name || '—'}</b>
                    <div className="muted small">{h.specialty}</div>
                  </td>
                  <td>
                    <span
                      className={`tier-tag tier-${h.tier ?? 'none'}`}
                      title={h.tier ? `Tier ${h.tier}` : NO_TIER}
                    >
                      {h.tier ?? '—'}
                    </span>
                  </td>
                  <td className="num">{Math.round(h.minutes)}</td>
                  <td className="num">{fmt1(h.miles)}</td>
                  <td className="num">{fmtNum(h.value)}</td>
                  <td className="small">{territory(h)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <DriveTimeSource
            source={result.travelSource}
            warning={result.travelWarning}
            otherwise={result.source === 'server' ? 'routing server' : undefined}
            testId="radius-travel-source"
          />
        </section>
      )}
    </div>
  );
}

const NO_TIER =
  "Not an account in this market: no accessible potential (outside the market's specialties or codes, no-see, access-restricted, competitor-locked or locked out), so no calls are planned";
