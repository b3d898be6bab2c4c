// Terminal rendering of alignment results (metrics summary, territory table, compare).
import type {
  AlignResult,
  AlignTravel,
  CompareResult,
  ScenarioMetrics,
} from '../../common/contract';
import { fmtInt, fmtNum, table } from '../output';

const BAND_LABEL: Record<string, string> = {
  within5: '±5 %',
  withinBand: '0.85–1.15',
  outside: 'outside',
};

const WARN_LABEL: Record<string, string> = {
  'home-outside': 'home out',
  'long-drive': 'long drive',
  'over-capacity': 'over cap',
};

const pct = (x: number) => `${fmtNum(100 * x, 1)} %`;

const SOURCE_LABEL = { osrm: 'OSRM', valhalla: 'Valhalla' } as const;

/** Where the drive times came from, e.g. " (OSRM road times)"; nothing when none was reported. */
export function travelOrigin(m: ScenarioMetrics): string {
  if (!m.travelSource) return '';
  return m.travelSource === 'offline'
    ? ' (offline drive-time model)'
    : ` (${SOURCE_LABEL[m.travelSource]} road times)`;
}

/** Where the solver's travel costs came from, e.g. "solver travel: OSRM road times (12,345 of 12,345 home → unit pairs)". */
export function solverTravelLine(t: AlignTravel | undefined): string {
  if (!t) return '';
  const refined = t.refinement
    ? `; refinement on road times ${t.refinement.kept ? `moved ${fmtInt(t.refinement.moved)} units, mean ${fmtNum(t.refinement.minutesBefore, 1)} → ${fmtNum(t.refinement.minutesAfter, 1)} min` : 'not kept (it lowered balance)'}`
    : '';
  const what =
    t.source === 'offline'
      ? 'offline drive-time model'
      : `${SOURCE_LABEL[t.source]} road times (${fmtInt(t.routedPairs)} of ${fmtInt(t.pairs)} home → unit pairs${refined})`;
  return `\nsolver travel: ${what}${t.warning ? `\n! solver travel: ${t.warning}` : ''}`;
}

export function metricsSummary(m: ScenarioMetrics): string {
  const lines = [
    `${m.territories} territories over ${fmtInt(m.units)} units${m.market ? `, market "${m.market}"` : ''}${m.indexWeights ? ` (index weights: workload ${pct(m.indexWeights.workload)}, potential ${pct(m.indexWeights.potential)}, history ${pct(m.indexWeights.history)}, access ${pct(m.indexWeights.access)})` : ''}`,
    `balance: ${pct(m.within5)} within ±5 %, ${pct(m.withinBand)} within 0.85–1.15, max/min ${Number.isFinite(m.maxMinRatio) ? fmtNum(m.maxMinRatio, 3) : '∞ (a territory is empty)'}`,
    `contiguity: ${m.noncontiguous} territories in more than one piece`,
    `travel home → accounts (workload-weighted): mean ${fmtNum(m.travelMeanMin, 1)} min, P90 ${fmtNum(m.travelP90Min, 1)} min${travelOrigin(m)}`,
  ];
  if (m.travelWarning) lines.push(`! drive times: ${m.travelWarning}`);
  if (m.totals)
    lines.push(
      `workload ${fmtInt(m.totals.workloadHours)} h vs capacity ${fmtInt(m.totals.capacityHours)} h; ${fmtInt(m.totals.accounts)} accounts`,
    );
  if (m.disruption) {
    const d = m.disruption;
    lines.push(
      `disruption vs ${m.parent ?? 'parent'}: ${pct(d.units)} of units, ${pct(d.accounts)} of accounts, ${pct(d.opportunity)} of opportunity, ${pct(d.tierAAccounts)} of Tier A accounts change rep`,
    );
  }
  if (m.unassignedAccounts)
    lines.push(
      `${fmtInt(m.unassignedAccounts)} accounts are in no territory (unknown ZIP or unaligned unit)`,
    );
  for (const x of m.infeasibilities) lines.push(`! ${x.kind}: ${x.message}`);
  const warned = m.perTerritory.filter((t) => t.warnings?.length);
  if (warned.length) {
    const count = (kind: string) =>
      warned.filter((t) => t.warnings!.some((w) => w.kind === kind)).length;
    lines.push(
      `! ${warned.length} territories carry warnings: ${count('home-outside')} with the rep's home outside, ${count('long-drive')} with a mean drive above ${m.driveWarnMinutes ?? 90} min, ${count('over-capacity')} over capacity`,
    );
    const worst = [...warned].sort((a, b) => b.travelMeanMin - a.travelMeanMin).slice(0, 10);
    for (const t of worst)
      lines.push(
        `  ${t.territoryId}${t.repName ? ` (${t.repName})` : ''}: ${t.warnings!.map((w) => w.message).join('; ')}`,
      );
    if (warned.length > worst.length)
      lines.push(
        `  … ${warned.length - worst.length} more (the 'warn' column below; --json for all)`,
      );
  }
  return lines.join('\n');
}

export function territoryTable(m: ScenarioMetrics, limit = 40): string {
  const rows = [...m.perTerritory].sort((a, b) => b.indexRatio - a.indexRatio);
  const shown =
    rows.length > limit ? [...rows.slice(0, limit / 2), ...rows.slice(-limit / 2)] : rows;
  const text = table(
    [
      'territory',
      'region',
      'district',
      'rep',
      'units',
      'accts',
      'A/B/C',
      'index',
      'band',
      'workload h',
      'pieces',
      'travel mean',
      'P90',
      'quota',
      'warn',
    ],
    shown.map((t) => [
      t.territoryId,
      t.region,
      t.district,
      t.repName ?? t.repId ?? '',
      t.units,
      fmtInt(t.accounts),
      `${t.tierCounts.A}/${t.tierCounts.B}/${t.tierCounts.C}`,
      fmtNum(t.index, 1),
      BAND_LABEL[t.band] ?? t.band,
      fmtInt(t.workloadHours),
      t.pieces,
      fmtNum(t.travelMeanMin, 1),
      fmtNum(t.travelP90Min, 1),
      fmtInt(t.quota),
      (t.warnings ?? []).map((w) => WARN_LABEL[w.kind]).join(','),
    ]),
  );
  return rows.length > shown.length
    ? `${text}\n… ${rows.length - shown.length} territories in the middle not shown (use --json)`
    : text;
}

export function compareText(c: CompareResult): string {
  const lines = [
    table(
      ['metric', ...c.scenarios],
      [
        ['territories', ...c.metrics.map((m) => m.territories)],
        ['within ±5 %', ...c.metrics.map((m) => pct(m.within5))],
        ['within band', ...c.metrics.map((m) => pct(m.withinBand))],
        ['max/min', ...c.metrics.map((m) => fmtNum(m.maxMinRatio, 3))],
        ['non-contiguous', ...c.metrics.map((m) => m.noncontiguous)],
        ['travel mean min', ...c.metrics.map((m) => fmtNum(m.travelMeanMin, 1))],
        ['travel P90 min', ...c.metrics.map((m) => fmtNum(m.travelP90Min, 1))],
        ['drive times', ...c.metrics.map((m) => m.travelSource ?? 'offline')],
      ],
    ),
  ];
  for (const [i, m] of c.metrics.entries())
    if (m.travelWarning) lines.push(`! drive times of ${c.scenarios[i]}: ${m.travelWarning}`);
  for (const d of c.disruption) {
    lines.push(
      '',
      `${c.scenarios[0]} → ${d.against}: ${pct(d.units)} units, ${pct(d.accounts)} accounts, ${pct(d.opportunity)} opportunity, ${pct(d.tierAAccounts)} Tier A accounts change territory`,
    );
  }
  const top = c.transfers.filter((t) => t.from !== t.to).slice(0, 15);
  if (top.length)
    lines.push(
      '',
      'largest transfers (opportunity):',
      table(
        ['vs', 'from', 'to', 'units', 'accounts', 'opportunity'],
        top.map((t) => [t.against, t.from, t.to, t.units, t.accounts, fmtNum(t.opportunity, 0)]),
      ),
    );
  return lines.join('\n');
}

/** The disruption frontier: one line per budget (each a saved scenario) and the LP lower bound beside. */
export function frontierText(r: AlignResult): string {
  const f = r.frontier!;
  const rows = f.points.map((p) => [
    pct(p.budget),
    p.scenario,
    pct(p.disruption),
    pct(p.within5),
    pct(p.withinBand),
    p.noncontiguous,
    fmtNum(p.travelMeanMin, 1),
    p.keptPrevious ? 'previous plan kept' : '',
  ]);
  return [
    `disruption frontier (${fmtNum(r.seconds, 1)} s): legacy fragments repaired first — ${f.repaired.fragments} territories in pieces, ${pct(f.repaired.disruption)} of opportunity`,
    table(
      [
        'budget',
        'scenario',
        'disruption',
        'within ±5 %',
        'within band',
        'non-contig',
        'travel mean',
        '',
      ],
      rows,
    ),
    `lower bound (LP): at least ${pct(f.lowerBound.within5)} of opportunity must move to bring every territory within ±5 %, ${pct(f.lowerBound.band)} for 0.85–1.15`,
  ].join('\n');
}
