// One territory of the Territories list: name, rep, units, index, load, tiers, drive.
import type { TerritoryMetrics } from '../../../workers/common/contract';
import { fmtNum, plural } from '../components/format';
import { IndexBar, LoadBar } from '../components/IndexBar';
import { selectTerritory } from '../map/focus';
import { useStore } from '../state/store';

/** rank and showDistrict: in the flat (ranked) list, the place and the district it belongs to (the region in its title). */
export function TerritoryRow({
  t,
  rank,
  showDistrict,
}: {
  t: TerritoryMetrics;
  rank?: number;
  showDistrict: boolean;
}) {
  const selected = useStore((s) => s.selectedTerritory === t.territoryId);
  const where = [t.district, t.region].filter(Boolean).join(' · ');
  return (
    <tr
      data-testid={`territory-row-${t.territoryId}`}
      data-territory={t.territoryId}
      className={selected ? 'selected' : ''}
      onClick={() => selectTerritory(selected ? null : t.territoryId)}
    >
      <td
        className="name"
        title={`${t.name} — ${t.repName ?? 'vacant'}, ${plural(t.units, 'unit')}, ${plural(t.accounts, 'account')}${t.pieces > 1 ? `, ${t.pieces} separate pieces` : ''}${where ? ` (${where})` : ''}`}
      >
        <div>
          {rank !== undefined && <span className="rank">{rank}.</span>}
          <b>{t.name}</b>
          {showDistrict && t.district && <span className="muted small where"> · {t.district}</span>}
        </div>
        <div className="muted small">{t.repName ?? 'vacant'}</div>
        <div className="muted small">
          {plural(t.units, 'unit')}
          {t.pieces > 1 ? <span className="warn"> · {t.pieces} pieces</span> : ''}
        </div>
      </td>
      <td>
        <IndexBar ratio={t.indexRatio} band={t.band} />
      </td>
      <td>
        <LoadBar used={t.workloadHours} capacity={t.capacityHours} />
      </td>
      <td
        className="num small"
        data-testid="tier-cell"
        title={`Accounts: A ${t.tierCounts.A}, B ${t.tierCounts.B}, C ${t.tierCounts.C}`}
      >
        {t.tierCounts.A}/{t.tierCounts.B}/{t.tierCounts.C}
      </td>
      <td className="num" title={`P90 ${Math.round(t.travelP90Min)} min`}>
        {fmtNum(Math.round(t.travelMeanMin))}′
      </td>
    </tr>
  );
}
