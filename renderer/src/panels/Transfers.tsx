// Compare: what moves between the reference scenario and another — the largest transfers ranked,
// and the full from × to matrix when it is small enough to read.
import { useState } from 'react';
import type { CompareResult } from '../../../workers/common/contract';
import { fmtNum, plural } from '../components/format';

type Transfer = CompareResult['transfers'][number];

const TOP = 15;
/** Territories per side up to which the full matrix is offered. */
const MATRIX_MAX = 30;
const natural = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });

export function Transfers({ result }: { result: CompareResult }) {
  const others = result.scenarios.slice(1);
  const [picked, setPicked] = useState<string | null>(null);
  const against = picked && others.includes(picked) ? picked : others[0];
  const rows = result.transfers
    .filter((t) => t.against === against && t.from !== t.to)
    .sort((a, b) => b.opportunity - a.opportunity || b.units - a.units);
  const total = rows.reduce(
    (s, r) => ({
      units: s.units + r.units,
      accounts: s.accounts + r.accounts,
      opportunity: s.opportunity + r.opportunity,
    }),
    {
      units: 0,
      accounts: 0,
      opportunity: 0,
    },
  );
  return (
    <section data-testid="transfers">
      <h3>
        Transfers {result.scenarios[0]} →{' '}
        {others.length > 1 ? (
          <select
            value={against}
            onChange={(e) => setPicked(e.target.value)}
            aria-label="Compare against"
          >
            {others.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        ) : (
          against
        )}
      </h3>
      {rows.length === 0 ? (
        <p className="muted">No units change territory.</p>
      ) : (
        <>
          <p className="muted small">
            {plural(rows.length, 'transfer')}: {plural(total.units, 'unit')},{' '}
            {plural(total.accounts, 'account')}, {fmtNum(total.opportunity)} opportunity (market
            potential) change territory.{' '}
            {rows.length > TOP ? `The ${TOP} largest by opportunity:` : ''}
          </p>
          <TransferList rows={rows.slice(0, TOP)} />
          <TransferMatrix rows={rows} />
        </>
      )}
    </section>
  );
}

function TransferList({ rows }: { rows: Transfer[] }) {
  return (
    <table className="grid compact fixed" data-testid="transfer-list">
      <thead>
        <tr>
          <th style={{ width: '36%' }}>From → to</th>
          <th className="num">Units</th>
          <th className="num">Accounts</th>
          <th className="num" title="Market potential of the accounts that move">
            Opportunity (potential)
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.from}→${r.to}`} data-testid="transfer-row">
            <td title={`${r.from} → ${r.to}`}>
              {r.from} → {r.to}
            </td>
            <td className="num">{fmtNum(r.units)}</td>
            <td className="num">{fmtNum(r.accounts)}</td>
            <td className="num">{fmtNum(r.opportunity)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TransferMatrix({ rows }: { rows: Transfer[] }) {
  const from = [...new Set(rows.map((r) => r.from))].sort(natural);
  const to = [...new Set(rows.map((r) => r.to))].sort(natural);
  if (from.length > MATRIX_MAX || to.length > MATRIX_MAX) {
    return (
      <p className="muted small">
        The full matrix ({from.length} × {to.length} territories) is too large to read here; the
        list above ranks its largest cells.
      </p>
    );
  }
  const cell = new Map(rows.map((r) => [`${r.from}→${r.to}`, r]));
  return (
    <details className="matrix-details">
      <summary>
        Full matrix ({from.length} × {to.length}), opportunity (potential) per cell
      </summary>
      <div className="matrix-wrap">
        <table className="grid compact matrix" data-testid="transfer-matrix">
          <thead>
            <tr>
              <th>from \ to</th>
              {to.map((t) => (
                <th key={t}>{t}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {from.map((f) => (
              <tr key={f}>
                <th scope="row">{f}</th>
                {to.map((t) => {
                  const c = cell.get(`${f}→${t}`);
                  return (
                    <td
                      key={t}
                      className="num"
                      title={
                        c
                          ? `${f} → ${t}: ${plural(c.units, 'unit')}, ${plural(c.accounts, 'account')}, ${fmtNum(c.opportunity)} opportunity`
                          : ''
                      }
                    >
                      {c ? fmtNum(c.opportunity) : ''}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
