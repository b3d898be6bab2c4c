// The master workbook's ZIPs, Accounts, Roster and Changes sheets.
import type { ChangeSet } from '../../domain/export/changes';
import { REASON_TEXT, share } from '../../domain/export/changes';
import type { AccountDetail } from './accountDetails';
import type { RosterRow } from './accountDetails';
import { npiText, round, TIER_LETTER, type AccountData, type TerritoryInfo } from './exportData';
import type { CellValue } from './xlsx/sheetXml';
import { STYLE, type ColumnKind } from './xlsx/styles';
import type { ColumnSpec, SheetWriter, WorkbookWriter } from './xlsx/workbookWriter';

export type ZipRow = [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  number,
  number,
  number,
  number,
];

function zipColumns(county: boolean, potentialKind: ColumnKind): ColumnSpec[] {
  return [
    { header: county ? 'County FIPS' : 'ZIP', kind: 'code' },
    { header: county ? 'County' : 'City', kind: 'text', maxWidth: 24 },
    { header: 'State', kind: 'text' },
    { header: county ? 'Largest city' : 'County', kind: 'text', maxWidth: 24 },
    { header: 'Territory', kind: 'text' },
    { header: 'Territory name', kind: 'text', maxWidth: 28 },
    { header: 'District', kind: 'text' },
    { header: 'Region', kind: 'text' },
    { header: 'Accounts', kind: 'int' },
    { header: 'Potential', kind: potentialKind },
    { header: 'Workload hours', kind: 'dec1' },
    { header: 'Index contribution', kind: 'dec2' },
  ];
}

/**
 * The ZIPs (or Counties) sheet: units with accounts; units without any account (most ZIPs of a
 * national alignment) go to an appendix sheet so the main list is the one a planner reads.
 * The territory name column is left out when every territory's name is its id.
 */
export async function writeZipSheet(
  wb: WorkbookWriter,
  rows: Iterable<ZipRow>,
  o: { unitLabel: string; potentialKind: ColumnKind; namesRepeatIds?: boolean },
): Promise<{ withAccounts: number; without: number }> {
  const county = o.unitLabel === 'County';
  const keep = (r: ZipRow): (string | number)[] =>
    o.namesRepeatIds ? [...r.slice(0, 5), ...r.slice(6)] : r;
  const columns = zipColumns(county, o.potentialKind).filter(
    (_, i) => !(o.namesRepeatIds && i === 5),
  );
  const sheet = await wb.addSheet({
    name: county ? 'Counties' : 'ZIPs',
    columns,
    freezeColumns: 1,
  });
  await sheet.header();
  const empty: ZipRow[] = [];
  for (const r of rows) {
    if (!(r[8] > 0)) {
      empty.push(r);
      continue;
    }
    const wait = sheet.row(keep(r));
    if (wait) await wait;
  }
  const withAccounts = sheet.dataRows;
  if (empty.length) {
    const appendix = await wb.addSheet({
      name: county ? 'Counties without accounts' : 'ZIPs without accounts',
      columns,
      freezeColumns: 1,
      tabColor: 'A6A6A6',
    });
    await appendix.header();
    for (const r of empty) {
      const wait = appendix.row(keep(r));
      if (wait) await wait;
    }
  }
  return { withAccounts, without: empty.length };
}

export function accountColumns(data: AccountData): ColumnSpec[] {
  return [
    { header: 'NPI', kind: 'code' },
    { header: 'Name', kind: 'text', maxWidth: 32 },
    { header: 'Specialty', kind: 'text', maxWidth: 28 },
    { header: 'Address', kind: 'text', maxWidth: 32 },
    { header: 'City', kind: 'text', maxWidth: 20 },
    { header: 'State', kind: 'text' },
    { header: 'ZIP', kind: 'code' },
    { header: 'Health system', kind: 'text', maxWidth: 28 },
    { header: 'Territory', kind: 'text' },
    { header: 'Rep', kind: 'text', maxWidth: 24 },
    { header: 'Tier', kind: 'text' },
    { header: 'Potential', kind: data.potentialKind },
    ...data.volumes.headers.map((h): ColumnSpec => ({ header: h, kind: 'int', maxWidth: 16 })),
    { header: 'Calls per year', kind: 'int' },
    { header: 'Drive from home (min)', kind: 'int' },
    { header: 'Rank in territory', kind: 'int' },
  ];
}

export async function startAccountSheet(
  wb: WorkbookWriter,
  data: AccountData,
): Promise<SheetWriter> {
  const sheet = await wb.addSheet({
    name: 'Accounts',
    columns: accountColumns(data),
    freezeColumns: 2,
  });
  await sheet.header();
  return sheet;
}

/** Writes one territory's accounts (in rank order) to the master Accounts sheet. */
export async function writeTerritoryAccounts(
  sheet: SheetWriter,
  data: AccountData,
  t: TerritoryInfo,
  pos: number,
  details: Map<number, AccountDetail>,
): Promise<void> {
  const { order } = data;
  const vc = data.volumes.columns;
  const row: CellValue[] = new Array(15 + vc);
  for (let i = order.start[pos]!; i < order.start[pos + 1]!; i++) {
    const p = order.order[i]!;
    const npi = data.npi[p]!;
    const d = details.get(npi);
    let c = 0;
    row[c++] = npiText(npi);
    row[c++] = d?.name ?? '';
    row[c++] = d?.specialty ?? '';
    row[c++] = d?.address ?? '';
    row[c++] = d?.city ?? '';
    row[c++] = d?.state ?? '';
    row[c++] = d?.zip || data.zipOf(p);
    row[c++] = data.systemName(p);
    row[c++] = t.id;
    row[c++] = t.repName;
    row[c++] = TIER_LETTER[data.tier[p]!] ?? '';
    row[c++] = round(data.potential[p]!, 2);
    for (let v = 0; v < vc; v++) row[c++] = round(data.volumes.values[p * vc + v]!, 1);
    row[c++] = round(data.callsPerYear[p]!, 1);
    const m = data.minutes[p]!;
    row[c++] = Number.isNaN(m) ? null : Math.round(m);
    row[c++] = data.order.rank[p]!;
    const wait = sheet.row(row);
    if (wait) await wait;
  }
}

export async function writeRosterSheet(
  wb: WorkbookWriter,
  roster: RosterRow[],
  territories: TerritoryInfo[],
): Promise<number> {
  const byRep = new Map<string, TerritoryInfo[]>();
  for (const t of territories) if (t.repId) byRep.set(t.repId, [...(byRep.get(t.repId) ?? []), t]);
  const sheet = await wb.addSheet({
    name: 'Roster',
    columns: [
      { header: 'Rep ID', kind: 'code' },
      { header: 'Name', kind: 'text', maxWidth: 28 },
      { header: 'Level', kind: 'text' },
      { header: 'Home ZIP', kind: 'code' },
      { header: 'Home latitude', kind: 'ratio' },
      { header: 'Home longitude', kind: 'ratio' },
      { header: 'Territory', kind: 'text' },
      { header: 'Territory name', kind: 'text', maxWidth: 28 },
      { header: 'District', kind: 'text' },
      { header: 'Region', kind: 'text' },
    ],
    landscape: false,
  });
  await sheet.header();
  const seen = new Set<string>();
  for (const r of roster) {
    seen.add(r.repId);
    const ts = byRep.get(r.repId) ?? [];
    const first = ts[0];
    await sheet.row([
      r.repId,
      r.name,
      r.level,
      r.homeZip,
      r.lat,
      r.lon,
      first ? ts.map((t) => t.id).join(', ') : 'Unassigned',
      first?.name ?? '',
      first?.district ?? '',
      first?.region ?? '',
    ]);
  }
  // Territories whose rep is not on the roster (vacant or placed by the engine) are listed too.
  for (const t of territories) {
    if (t.repId && seen.has(t.repId)) continue;
    await sheet.row([
      t.repId || '',
      t.repName,
      t.repId ? 'not on roster' : 'vacant',
      '',
      round(t.homeLat, 4),
      round(t.homeLon, 4),
      t.id,
      t.name,
      t.district,
      t.region,
    ]);
  }
  return sheet.dataRows;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** The Changes sheet: disruption totals, transfer matrix, moved units, moved accounts — or a clear "no changes". */
export async function writeChangesSheet(
  wb: WorkbookWriter,
  o: {
    against: string;
    against_kind: string;
    changes: ChangeSet;
    unitLabel: string;
    potentialKind: ColumnKind;
    accountRows: (emit: (row: CellValue[]) => Promise<void>) => Promise<void>;
  },
): Promise<{ units: number; accounts: number; transfers: number }> {
  const { changes } = o;
  const units = o.unitLabel === 'County' ? 'Counties' : 'ZIPs';
  const sheet = await wb.addSheet({
    name: 'Changes',
    columns: [
      { header: 'Change', kind: 'text' },
      { header: o.unitLabel + ' / NPI', kind: 'code' },
      { header: 'Name', kind: 'text', maxWidth: 30 },
      { header: 'From territory', kind: 'text' },
      { header: 'To territory', kind: 'text' },
      { header: 'Tier', kind: 'text' },
      { header: units, kind: 'int' },
      { header: 'Accounts', kind: 'int' },
      { header: 'Tier A accounts', kind: 'int' },
      { header: 'Opportunity moved', kind: o.potentialKind },
      { header: 'Share of opportunity moved', kind: 'pct' },
      { header: 'Reason', kind: 'text', maxWidth: 34 },
    ],
    widthFloor: [16],
  });
  await sheet.cells(
    [{ value: `Changes against ${o.against_kind} "${o.against}"`, style: STYLE.title }],
    22,
  );
  const t = changes.totals;
  const none = changes.units.length === 0 && changes.accounts.provider.length === 0;
  if (none) {
    await sheet.cells([
      {
        value: `No changes: every ${o.unitLabel} and every account is in the same territory as in ${o.against_kind} "${o.against}". Disruption is 0% of ${o.unitLabel === 'County' ? 'counties' : 'ZIPs'}, accounts, Tier A accounts and opportunity.`,
        style: STYLE.section,
      },
    ]);
    return { units: 0, accounts: 0, transfers: 0 };
  }
  await sheet.cells([{ value: 'Disruption', style: STYLE.section }]);
  const lines: [string, { moved: number; total: number }][] = [
    [`${units} that change territory`, t.units],
    ['Accounts that change territory', t.accounts],
    ['Tier A accounts that change territory', t.tierA],
    ['Opportunity that changes territory', t.opportunity],
  ];
  for (const [label, m] of lines) {
    await sheet.cells([
      { value: label, style: STYLE.label },
      { value: null, style: STYLE.label },
      {
        value: `${Math.round(m.moved).toLocaleString('en-US')} of ${Math.round(m.total).toLocaleString('en-US')} (${pct(share(m))})`,
      },
    ]);
  }
  await sheet.wrapped(
    `Rows below: first the transfer matrix (one "Transfer" row per from → to territory pair, largest opportunity first), then every ${o.unitLabel} and every account that changes territory with the reason (${o.unitLabel} moved, account pinned, health system kept whole, rep added or removed, pin or system released). Filter the Change column to see one kind. Each rep pack's "What changed" sheet repeats its territory's rows.`,
    0,
    10,
    120,
    STYLE.note,
  );
  await sheet.blank();
  await sheet.header();
  const moved = t.opportunity.moved;
  const shareOf = (x: number) => (moved > 0 ? x / moved : 0);
  for (const x of changes.transfers)
    await sheet.row(
      [
        'Transfer',
        '',
        '',
        x.from,
        x.to,
        '',
        x.units,
        x.accounts,
        x.tierA,
        round(x.opportunity, 0),
        shareOf(x.opportunity),
      ],
      'district',
    );
  for (const u of changes.units)
    await sheet.row([
      `${o.unitLabel} moves`,
      u.unit,
      '',
      u.from,
      u.to,
      '',
      1,
      u.accounts,
      null,
      round(u.opportunity, 0),
      shareOf(u.opportunity),
      REASON_TEXT[u.reason],
    ]);
  await o.accountRows(async (row) => {
    const wait = sheet.row(row);
    if (wait) await wait;
  });
  return {
    units: changes.units.length,
    accounts: changes.accounts.provider.length,
    transfers: changes.transfers.length,
  };
}
