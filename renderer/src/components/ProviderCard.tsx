// Provider card: who, where, volumes by code, tier, territory, drive time from the rep's home.
import { useEffect, useState } from 'react';
import type { ProviderCard } from '../../../workers/common/contract';
import { tryCall } from '../engine/calls';
import { whatIf } from '../state/actions';
import { engine, getState, setState, useStore } from '../state/store';
import { fmtNum } from './format';

export function ProviderCardDrawer() {
  const index = useStore((s) => s.cardIndex);
  const revision = useStore((s) => s.revision);
  const selected = useStore((s) => s.selectedTerritory);
  const [card, setCard] = useState<ProviderCard | null>(null);
  useEffect(() => {
    setCard(null);
    if (index === null) return;
    const { scenario, market } = getState();
    const req = { index, ...(scenario ? { scenario } : {}), ...(market ? { market } : {}) };
    void tryCall(engine().providerCard(req), 'Provider card').then(setCard);
  }, [index, revision]);
  if (index === null) return null;
  return (
    <aside className="card-drawer" data-testid="provider-card">
      <button
        className="close ghost"
        aria-label="Close"
        onClick={() => setState({ cardIndex: null })}
      >
        ×
      </button>
      {!card ? (
        <div className="muted">Loading…</div>
      ) : (
        <>
          <h2>{card.name}</h2>
          <div className="muted">
            {card.specialty} · NPI {card.npi}
          </div>
          <p>
            {card.address}
            <br />
            {card.city}, {card.state} {card.zip}
          </p>
          <div className="summary">
            <div className="stat">
              <span>Tier</span>
              <b className={`tier-tag tier-${card.tier ?? 'none'}`}>
                {card.tier ?? 'not in market'}
              </b>
            </div>
            <div className="stat">
              <span>Potential</span>
              <b>{fmtNum(card.potential)}</b>
            </div>
            <div className="stat">
              <span>Territory</span>
              <b>{card.territoryId ?? '—'}</b>
            </div>
            <div className="stat">
              <span>Drive from rep home</span>
              <b>
                {card.driveMinutesFromHome === null
                  ? '—'
                  : `${Math.round(card.driveMinutesFromHome)} min`}
              </b>
            </div>
          </div>
          {card.healthSystem && <p>Health system: {card.healthSystem}</p>}
          <h3>Volumes</h3>
          <table className="grid compact">
            <thead>
              <tr>
                <th>Code</th>
                <th>Services</th>
                <th>Beneficiaries</th>
              </tr>
            </thead>
            <tbody>
              {card.volumes.map((v) => (
                <tr key={v.code} title={v.description}>
                  <td>
                    <b>{v.code}</b>{' '}
                    <span className="muted small">{v.description.slice(0, 40)}</span>
                  </td>
                  <td className="num">{fmtNum(v.services)}</td>
                  <td className="num">{fmtNum(v.beneficiaries)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="row">
            <button
              disabled={!selected || selected === card.territoryId}
              onClick={() => void whatIf({ kind: 'pinAccounts', npis: [card.npi], to: selected! })}
            >
              Pin to {selected ?? 'selected territory'}
            </button>
            <button
              onClick={() => void whatIf({ kind: 'pinAccounts', npis: [card.npi], to: null })}
            >
              Unpin
            </button>
          </div>
        </>
      )}
    </aside>
  );
}
