// Territories: scenario summary, then region → district → territory with live metrics, sortable.
import { useMemo, useState } from 'react';
import type { TerritoryMetrics } from '../../../workers/common/contract';
import { fmtNum, fmtPct } from '../components/format';
import { IndexBar, LoadBar } from '../components/IndexBar';
import { setState, useStore } from '../state/store';

type SortKey = 'name' | 'indexRatio' | 'load' | 'potential' | 'accounts' | 'travelMeanMin';
const COLUMNS: { key: SortKey; label: string; title: string }[] = [
  { key: 'name', label: 'Territory', title: 'Territory, rep and units' },
  { key: 'indexRatio', label: 'Index', title: 'Index ÷ mean index, against the 0.85–1.15 band' },
  { key: 'load', label: 'Load', title: 'Workload ÷ capacity (call hours)' },
  { key: 'accounts', label: 'A/B/C', title: 'Accounts by tier' },
  { key: 'travelMeanMin', label: 'Drive', title: 'Mean drive time from the rep home (minutes)' },
];

const value = (t: TerritoryMetrics, key: SortKey): number | string =>
  key === 'name' ? t.name : key === 'load' ? t.workloadHours / Math.max(1, t.capacityHours) : t[key];

export function TerritoriesPanel() {
  const metrics = useStore((s) => s.metrics);
  const selected = useStore((s) => s.selectedTerritory);
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'indexRatio', desc: true });
  const [filter, setFilter] = useState('');
  const groups = useMemo(() => group(metrics?.perTerritory ?? [], sort, filter), [metrics, sort, filter]);
  if (!metrics) return <div className="empty">No scenario yet. Build one in the Balance panel.</div>;
  return (
    <div className="territories">
      <ScenarioSummaryBox />
      <input className="search" placeholder="Filter territories, reps, districts…" value={filter} onChange={(e) => setFilter(e.target.value)} />
      <table className="grid territory-grid" data-testid="territory-table">
        <colgroup>
          <col style={{ width: '29%' }} />
          <col style={{ width: '24%' }} />
          <col style={{ width: '13%' }} />
          <col style={{ width: '22%' }} />
          <col style={{ width: '12%' }} />
        </colgroup>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} title={c.title} onClick={() => setSort((s) => ({ key: c.key, desc: s.key === c.key ? !s.desc : c.key !== 'name' }))}>
                {c.label}
                {sort.key === c.key ? (sort.desc ? ' ▾' : ' ▴') : ''}
              </th>
            ))}
          </tr>
        </thead>
        {groups.map(([region, districts]) => (
          <tbody key={region}>
            <tr className="group region">
              <td colSpan={5}>{region}</td>
            </tr>
            {districts.map(([district, rows]) => [
              <tr key={`d-${district}`} className="group district">
                <td colSpan={5}>{district}</td>
              </tr>,
              ...rows.map((t) => (
                <tr
                  key={t.territoryId}
                  data-testid={`territory-row-${t.territoryId}`}
                  data-territory={t.territoryId}
                  className={t.territoryId === selected ? 'selected' : ''}
                  onClick={() => setState({ selectedTerritory: t.territoryId === selected ? null : t.territoryId })}
                >
                  <td className="name" title={`${t.name} — ${t.repName ?? 'vacant'}, ${t.units} units, ${t.accounts} accounts${t.pieces > 1 ? `, ${t.pieces} separate pieces` : ''}`}>
                    <b>{t.name}</b>
                    <div className="muted small">{t.repName ?? 'vacant'}</div>
                    <div className="muted small">
                      {fmtNum(t.units)} units{t.pieces > 1 ? <span className="warn"> · {t.pieces} pieces</span> : ''}
                    </div>
                  </td>
                  <td>
                    <IndexBar ratio={t.indexRatio} band={t.band} />
                  </td>
                  <td>
                    <LoadBar used={t.workloadHours} capacity={t.capacityHours} />
                  </td>
                  <td className="num small" data-testid="tier-cell">
                    {t.tierCounts.A}/{t.tierCounts.B}/{t.tierCounts.C}
                  </td>
                  <td className="num" title={`P90 ${Math.round(t.travelP90Min)} min`}>
                    {Math.round(t.travelMeanMin)}′
                  </td>
                </tr>
              )),
            ])}
          </tbody>
        ))}
      </table>
    </div>
  );
}

function group(rows: TerritoryMetrics[], sort: { key: SortKey; desc: boolean }, filter: string) {
  const f = filter.trim().toLowerCase();
  const kept = f
    ? rows.filter((t) => [t.name, t.territoryId, t.repName ?? '', t.district, t.region].some((s) => s.toLowerCase().includes(f)))
    : rows;
  const sorted = [...kept].sort((a, b) => {
    const va = value(a, sort.key);
    const vb = value(b, sort.key);
    const c = typeof va === 'string' ? va.localeCompare(String(vb)) : va - (vb as number);
    return sort.desc ? -c : c;
  });
  const regions = new Map<string, Map<string, TerritoryMetrics[]>>();
  for (const t of sorted) {
    const r = regions.get(t.region || 'Region') ?? new Map<string, TerritoryMetrics[]>();
    regions.set(t.region || 'Region', r);
    const d = r.get(t.district || 'District') ?? [];
    r.set(t.district || 'District', d);
    d.push(t);
  }
  return [...regions].map(([r, ds]) => [r, [...ds]] as const);
}

export function ScenarioSummaryBox() {
  const m = useStore((s) => s.metrics);
  if (!m) return null;
  return (
    <div className="summary" data-testid="scenario-summary">
      <Stat label="Territories" value={String(m.territories)} />
      <Stat label="Within ±5 %" value={fmtPct(m.within5)} tone={m.within5 >= 0.95 ? 'ok' : 'warn'} />
      <Stat label="Within 0.85–1.15" value={fmtPct(m.withinBand)} tone={m.withinBand >= 0.999 ? 'ok' : 'bad'} />
      <Stat label="Max / min" value={m.maxMinRatio.toFixed(2)} />
      <Stat label="Non-contiguous" value={String(m.noncontiguous)} tone={m.noncontiguous === 0 ? 'ok' : 'warn'} />
      <Stat label="Drive mean / P90" value={`${Math.round(m.travelMeanMin)} / ${Math.round(m.travelP90Min)} min`} />
      {m.disruption && <Stat label="Opportunity moved" value={fmtPct(m.disruption.opportunity)} />}
      <Stat label="Units" value={fmtNum(m.units)} />
      {m.infeasibilities.length > 0 && (
        <div className="infeasible">
          {m.infeasibilities.slice(0, 3).map((x, i) => (
            <div key={i}>⚠ {x.message}</div>
          ))}
        </div>
      )}
    </div>
  );
}

function Stat({ label, value, tone }: { label: string; value: string; tone?: 'ok' | 'warn' | 'bad' }) {
  return (
    <div className={`stat ${tone ?? ''}`}>
      <span>{label}</span>
      <b>{value}</b>
    </div>
  );
}
