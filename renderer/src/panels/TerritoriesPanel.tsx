// Territories: scenario summary, then region → district → territory with live metrics, sortable.
import { useMemo, useState } from 'react';
import type { TerritoryMetrics } from '../../../workers/common/contract';
import { fmtNum, fmtPct } from '../components/format';
import { TerritoryRow } from './TerritoryRow';
import { MetricsBasis } from '../components/MetricsBasis';
import { useStore } from '../state/store';

type SortKey = 'name' | 'indexRatio' | 'load' | 'potential' | 'accounts' | 'travelMeanMin';
const COLUMNS: { key: SortKey; label: string; title: string }[] = [
  { key: 'name', label: 'Territory', title: 'Territory, rep and units' },
  { key: 'indexRatio', label: 'Index', title: 'Index ÷ mean index, against the 0.85–1.15 band' },
  { key: 'load', label: 'Load', title: 'Workload ÷ capacity (call hours)' },
  { key: 'accounts', label: 'A/B/C', title: 'Accounts by tier' },
  { key: 'travelMeanMin', label: 'Drive', title: 'Mean drive time from the rep home (minutes)' },
];

const value = (t: TerritoryMetrics, key: SortKey): number | string =>
  key === 'name'
    ? t.name
    : key === 'load'
      ? t.workloadHours / Math.max(1, t.capacityHours)
      : t[key];

export function TerritoriesPanel() {
  const metrics = useStore((s) => s.metrics);
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({
    key: 'indexRatio',
    desc: true,
  });
  // a ranking by a metric is global (a flat list); the hierarchy (by name) groups by district
  const [grouped, setGrouped] = useState(false);
  const [filter, setFilter] = useState('');
  const rows = useMemo(
    () => sortRows(metrics?.perTerritory ?? [], sort, filter),
    [metrics, sort, filter],
  );
  if (!metrics)
    return <div className="empty">No scenario yet. Build one in the Balance panel.</div>;
  const onSort = (key: SortKey) => {
    setSort((s) => ({ key, desc: s.key === key ? !s.desc : key !== 'name' }));
    setGrouped(key === 'name');
  };
  return (
    <div className="territories">
      <ScenarioSummaryBox />
      <div className="territory-tools">
        <input
          className="search"
          placeholder="Filter territories, reps, districts…"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <label
          className="small"
          title="Group the list by region and district (sorted within each district)"
        >
          <input
            type="checkbox"
            data-testid="group-by-district"
            checked={grouped}
            onChange={(e) => setGrouped(e.target.checked)}
          />{' '}
          By district
        </label>
      </div>
      <table className="grid territory-grid" data-testid="territory-table" data-grouped={grouped}>
        <colgroup>
          <col style={{ width: '35%' }} />
          <col style={{ width: '21%' }} />
          <col style={{ width: '13%' }} />
          <col style={{ width: '19%' }} />
          <col style={{ width: '12%' }} />
        </colgroup>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} title={c.title} onClick={() => onSort(c.key)}>
                {c.label}
                {sort.key === c.key ? (sort.desc ? ' ▾' : ' ▴') : ''}
              </th>
            ))}
          </tr>
        </thead>
        {grouped ? (
          group(rows).map(([region, districts]) => (
            <tbody key={region}>
              <tr className="group region">
                <td colSpan={5}>{region}</td>
              </tr>
              {districts.map(([district, list]) => [
                <tr key={`d-${district}`} className="group district">
                  <td colSpan={5}>{district}</td>
                </tr>,
                ...list.map((t) => <TerritoryRow key={t.territoryId} t={t} showDistrict={false} />),
              ])}
            </tbody>
          ))
        ) : (
          <tbody>
            {rows.map((t, i) => (
              <TerritoryRow key={t.territoryId} t={t} rank={i + 1} showDistrict />
            ))}
          </tbody>
        )}
      </table>
    </div>
  );
}

function sortRows(
  rows: TerritoryMetrics[],
  sort: { key: SortKey; desc: boolean },
  filter: string,
): TerritoryMetrics[] {
  const f = filter.trim().toLowerCase();
  const kept = f
    ? rows.filter((t) =>
        [t.name, t.territoryId, t.repName ?? '', t.district, t.region].some((s) =>
          s.toLowerCase().includes(f),
        ),
      )
    : rows;
  return [...kept].sort((a, b) => {
    const va = value(a, sort.key);
    const vb = value(b, sort.key);
    const c = typeof va === 'string' ? va.localeCompare(String(vb)) : va - (vb as number);
    return sort.desc ? -c : c;
  });
}

/** Region → district → territories, each district keeping the sorted order. */
function group(sorted: TerritoryMetrics[]) {
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
    <>
      <MetricsBasis metrics={m} />
      <div className="summary" data-testid="scenario-summary">
        <Stat label="Territories" value={String(m.territories)} />
        <Stat
          label="Within ±5 %"
          value={fmtPct(m.within5)}
          tone={m.within5 >= 0.95 ? 'ok' : 'warn'}
        />
        <Stat
          label="Within 0.85–1.15"
          value={fmtPct(m.withinBand)}
          tone={m.withinBand >= 0.999 ? 'ok' : 'bad'}
        />
        <Stat label="Max / min" value={m.maxMinRatio.toFixed(2)} />
        <Stat
          label="Non-contiguous"
          value={String(m.noncontiguous)}
          tone={m.noncontiguous === 0 ? 'ok' : 'warn'}
        />
        <Stat
          label="Drive mean / P90"
          value={`${Math.round(m.travelMeanMin)} / ${Math.round(m.travelP90Min)} min`}
        />
        {m.disruption && (
          <Stat label="Opportunity moved" value={fmtPct(m.disruption.opportunity)} />
        )}
        <Stat label="Units" value={fmtNum(m.units)} />
        {m.infeasibilities.length > 0 && (
          <div className="infeasible">
            {m.infeasibilities.slice(0, 3).map((x, i) => (
              <div key={i}>⚠ {x.message}</div>
            ))}
          </div>
        )}
      </div>
    </>
  );
}

function Stat({
  label,
  value,
  tone,
}: {
  label: string;
  value: string;
  tone?: 'ok' | 'warn' | 'bad';
}) {
  return (
    <div className={`stat ${tone ?? ''}`}>
      <span>{label}</span>
      <b>{value}</b>
    </div>
  );
}
