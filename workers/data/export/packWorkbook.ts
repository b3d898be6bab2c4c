// One rep pack (packs/<territory>.xlsx): Overview (rep, manager, quota, metrics vs the national
// average, map with legend), Targets (ranked by tier, call frequencies), ZIPs, and Routes (the week's
// plan) when a plan is available.
import type { RouteWeek } from '../../common/contract/route';
import type { AccountDetail } from './accountDetails';
import { npiText, round, TIER_LETTER, type AccountData, type TerritoryInfo } from './exportData';
import type { ZipRow } from './masterSheets';
import { cellStyle, STYLE, type ColumnKind } from './xlsx/styles';
import { WorkbookWriter, type SheetImage } from './xlsx/workbookWriter';
import type { CellValue } from './xlsx/sheetXml';
import type { Workable } from '../../domain/export/workable';

/** "T035" or "T035 Boston North": the id once when the territory has no name of its own. */
const label = (t: { id: string; name: string }): string =>
  t.name && t.name !== t.id ? `${t.id} ${t.name}` : t.id;

export type NationalAverage = {
  zips: number;
  accounts: number;
  tierA: number;
  tierB: number;
  tierC: number;
  potential: number;
  workloadHours: number;
  capacityHours: number;
  index: number;
  travelMeanMin: number;
  travelP90Min: number;
  quota: number;
};

export type PackInput = {
  path: string;
  scenario: string;
  createdAt: Date;
  territory: TerritoryInfo;
  pos: number;
  data: AccountData;
  details: Map<number, AccountDetail>;
  zips: ZipRow[];
  national: NationalAverage;
  unitLabel: string;
  map: { png: Buffer; widthPx: number; heightPx: number; milesAcross: number } | null;
  routes: RouteWeek | { unavailable: string } | null;
  workable: Workable;
  changes: PackChanges | null;
};

/** What changed for this territory against the baseline or parent, as rows ready for the sheet. */
export type PackChanges = {
  against: string;
  kind: string;
  /** The territory did not exist in the scenario compared with. */
  isNew: boolean;
  transfers: {
    direction: 'in' | 'out';
    other: string;
    otherRep: string;
    units: number;
    accounts: number;
    tierA: number;
    opportunity: number;
  }[];
  units: {
    direction: 'in' | 'out';
    unit: string;
    place: string;
    other: string;
    reason: string;
    accounts: number;
    opportunity: number;
  }[];
  accounts: {
    direction: 'in' | 'out';
    npi: string;
    name: string;
    tier: string;
    other: string;
    reason: string;
    opportunity: number;
  }[];
};

export type PackRows = {
  targets: number;
  zips: number;
  routeStops: number;
  changes: { transfers: number; units: number; accounts: number };
};

type MetricLine = [string, number, number, ColumnKind];

async function writeOverview(wb: WorkbookWriter, o: PackInput): Promise<void> {
  const t = o.territory;
  const m = t.metrics;
  const image: SheetImage | undefined = o.map
    ? { png: o.map.png, widthPx: o.map.widthPx, heightPx: o.map.heightPx, col: 5, row: 2 }
    : undefined;
  const sheet = await wb.addSheet({
    name: 'Overview',
    columns: [
      { header: 'Metric', kind: 'text', minWidth: 30 },
      { header: 'This territory', kind: 'dec1', minWidth: 14 },
      { header: 'National average', kind: 'dec1', minWidth: 14 },
      { header: 'vs average', kind: 'pct', minWidth: 11 },
      { header: '', kind: 'text', minWidth: 3 },
    ],
    autoFilter: false,
    footer: `${label(t)} — Overview`,
    ...(image ? { image } : {}),
  });
  await sheet.cells(
    [
      {
        value: t.name && t.name !== t.id ? `Territory ${t.id} — ${t.name}` : `Territory ${t.id}`,
        style: STYLE.title,
      },
    ],
    22,
  );
  await sheet.cells([
    {
      value: `Scenario "${o.scenario}", exported ${o.createdAt.toISOString().slice(0, 10)} by Tessera`,
      style: STYLE.note,
    },
  ]);
  const info: [string, string][] = [
    ['Rep', t.repName + (t.repId ? ` (${t.repId})` : '')],
    ['Manager', t.manager || 'not on the roster'],
    ['District / region', `${t.district || '—'} / ${t.region || '—'}`],
    ['Home base', t.homeLabel],
    [
      'Quota',
      m.quota > 0
        ? `$${Math.round(m.quota).toLocaleString('en-US')}`
        : 'not set for this scenario (tessera quota)',
    ],
    [
      'Balance',
      `${(m.indexRatio * 100).toFixed(1)}% of the mean territory (${m.band === 'within5' ? 'within ±5%' : m.band === 'withinBand' ? 'within 0.85–1.15' : 'outside the band'})`,
    ],
  ];
  for (const [label, value] of info)
    await sheet.cells([{ value: label, style: STYLE.label }, { value }]);
  // Workability in plain words, next to the balance figure it qualifies (a wrapped block over B:D).
  await sheet.wrapped(
    o.workable.summary,
    1,
    3,
    40,
    o.workable.ok ? STYLE.wrapText : STYLE.section,
    [{ value: 'Workable?', style: STYLE.label }],
  );
  for (const problem of o.workable.problems) await sheet.wrapped(`• ${problem}`, 1, 3, 40);
  if (o.changes) {
    const c = o.changes;
    const gained = c.transfers
      .filter((x) => x.direction === 'in')
      .reduce((n, x) => n + x.accounts, 0);
    const lost = c.transfers
      .filter((x) => x.direction === 'out')
      .reduce((n, x) => n + x.accounts, 0);
    const text = c.isNew
      ? `New territory in this scenario: ${gained.toLocaleString('en-US')} accounts come from other territories. See "What changed".`
      : gained || lost
        ? `Against ${c.kind} "${c.against}": gains ${gained.toLocaleString('en-US')} accounts, loses ${lost.toLocaleString('en-US')}. See "What changed".`
        : `No change against ${c.kind} "${c.against}".`;
    await sheet.wrapped(text, 1, 3, 40, STYLE.wrapText, [
      { value: 'What changed', style: STYLE.label },
    ]);
  }
  await sheet.blank();
  await sheet.header();
  const n = o.national;
  const lines: MetricLine[] = [
    [o.unitLabel === 'County' ? 'Counties' : 'ZIPs', m.units, n.zips, 'int'],
    ['Accounts', m.accounts, n.accounts, 'int'],
    ['Tier A accounts', m.tierCounts.A, n.tierA, 'int'],
    ['Tier B accounts', m.tierCounts.B, n.tierB, 'int'],
    ['Tier C accounts', m.tierCounts.C, n.tierC, 'int'],
    ['Potential', m.potential, n.potential, o.data.potentialKind],
    ['Workload hours per year', m.workloadHours, n.workloadHours, 'int'],
    ['Capacity hours per year', m.capacityHours, n.capacityHours, 'int'],
    ['Composite index (100 = mean)', m.index, n.index, 'dec1'],
    ['Drive from home, mean (min)', m.travelMeanMin, n.travelMeanMin, 'dec1'],
    ['Drive from home, P90 (min)', m.travelP90Min, n.travelP90Min, 'dec1'],
  ];
  // No quota line of $0 next to "not set" above: the line appears only when quotas were set.
  if (m.quota > 0 || n.quota > 0) lines.push(['Quota', m.quota, n.quota, 'usd']);
  for (const [label, mine, avg, kind] of lines) {
    await sheet.cells([
      { value: label },
      { value: round(mine, 2), style: cellStyle(kind) },
      { value: round(avg, 2), style: cellStyle(kind) },
      { value: avg > 0 ? mine / avg : null, style: cellStyle('pct') },
    ]);
  }
  await sheet.blank();
  await sheet.cells([{ value: 'Map legend', style: STYLE.section }]);
  await sheet.cells([{ value: '●  Tier A account', style: STYLE.legendA }]);
  await sheet.cells([{ value: '●  Tier B account', style: STYLE.legendB }]);
  await sheet.cells([{ value: '●  Tier C account', style: STYLE.legendC }]);
  await sheet.cells([{ value: '◆  Rep home base', style: STYLE.legendHome }]);
  await sheet.cells([
    {
      value: `Blue: this territory's ${o.unitLabel === 'County' ? 'counties' : 'ZIPs'} (outlined); grey: neighbouring territories`,
      style: STYLE.note,
    },
  ]);
  if (o.map)
    await sheet.cells([
      {
        value: `Map width ≈ ${Math.round(o.map.milesAcross).toLocaleString('en-US')} miles`,
        style: STYLE.note,
      },
    ]);
}

async function writeTargets(wb: WorkbookWriter, o: PackInput): Promise<number> {
  const t = o.territory;
  const sheet = await wb.addSheet({
    name: 'Targets',
    columns: [
      { header: 'Rank', kind: 'int' },
      { header: 'Tier', kind: 'text' },
      { header: 'NPI', kind: 'code' },
      // Wide enough for "Last, First M.D." names and system names in print (clipped at 30 before).
      { header: 'Name', kind: 'text', maxWidth: 36 },
      { header: 'Specialty', kind: 'text', maxWidth: 24 },
      { header: 'Address', kind: 'text', maxWidth: 30 },
      { header: 'City', kind: 'text', maxWidth: 18 },
      { header: 'ZIP', kind: 'code' },
      { header: 'Health system', kind: 'text', maxWidth: 32 },
      { header: 'Potential', kind: o.data.potentialKind },
      { header: 'Calls per year', kind: 'int' },
      { header: 'Calls per month', kind: 'dec1' },
      { header: 'Drive from home (min)', kind: 'int' },
    ],
    freezeColumns: 4,
    footer: `${label(t)} — Targets`,
  });
  await sheet.header();
  const { data, pos } = o;
  const row: CellValue[] = new Array(13);
  for (let i = data.order.start[pos]!; i < data.order.start[pos + 1]!; i++) {
    const p = data.order.order[i]!;
    const d = o.details.get(data.npi[p]!);
    const calls = data.callsPerYear[p]!;
    const minutes = data.minutes[p]!;
    row[0] = data.order.rank[p]!;
    row[1] = TIER_LETTER[data.tier[p]!] ?? '';
    row[2] = npiText(data.npi[p]!);
    row[3] = d?.name ?? '';
    row[4] = d?.specialty ?? '';
    row[5] = d?.address ?? '';
    row[6] = d?.city ?? '';
    row[7] = d?.zip || data.zipOf(p);
    row[8] = data.systemName(p);
    row[9] = round(data.potential[p]!, 2);
    row[10] = round(calls, 1);
    row[11] = round(calls / 12, 1);
    row[12] = Number.isNaN(minutes) ? null : Math.round(minutes);
    const wait = sheet.row(row);
    if (wait) await wait;
  }
  return sheet.dataRows;
}

async function writeZips(wb: WorkbookWriter, o: PackInput): Promise<number> {
  const t = o.territory;
  const sheet = await wb.addSheet({
    name: o.unitLabel === 'County' ? 'Counties' : 'ZIPs',
    columns: [
      { header: o.unitLabel, kind: 'code' },
      { header: o.unitLabel === 'County' ? 'County' : 'City', kind: 'text', maxWidth: 22 },
      { header: 'State', kind: 'text' },
      { header: o.unitLabel === 'County' ? 'Largest city' : 'County', kind: 'text', maxWidth: 22 },
      { header: 'Accounts', kind: 'int' },
      { header: 'Potential', kind: o.data.potentialKind },
      { header: 'Workload hours', kind: 'dec1' },
      { header: 'Index contribution', kind: 'dec2' },
    ],
    landscape: false,
    footer: `${label(t)} — ${o.unitLabel === 'County' ? 'Counties' : 'ZIPs'}`,
  });
  await sheet.header();
  // ZIPs without accounts go to an appendix sheet (most of a large territory's ZIPs): the main list is the rep's.
  for (const z of o.zips)
    if (z[8] > 0) await sheet.row([z[0], z[1], z[2], z[3], z[8], z[9], z[10], z[11]]);
  const rows = sheet.dataRows;
  const empty = o.zips.filter((z) => !(z[8] > 0));
  if (empty.length) {
    const appendix = await wb.addSheet({
      ...sheet.spec,
      name: o.unitLabel === 'County' ? 'Counties without accounts' : 'ZIPs without accounts',
      footer: `${label(t)} — ${o.unitLabel === 'County' ? 'counties' : 'ZIPs'} without accounts`,
    });
    await appendix.header();
    for (const z of empty) await appendix.row([z[0], z[1], z[2], z[3], z[8], z[9], z[10], z[11]]);
  }
  return rows;
}

const TRAVEL_LABEL = {
  osrm: 'road network (your OSRM server)',
  valhalla: 'road network (your Valhalla server)',
  offline: 'offline drive-time model',
} as const;

function travelNote(routes: RouteWeek): string {
  const source = `Drive times: ${TRAVEL_LABEL[routes.travelSource ?? 'offline']}`;
  return routes.travelWarning ? `${source} — ${routes.travelWarning}` : source;
}

async function writeRoutes(wb: WorkbookWriter, o: PackInput): Promise<number> {
  const t = o.territory;
  const routes = o.routes;
  if (!routes) return 0;
  const sheet = await wb.addSheet({
    name: 'Routes',
    columns: [
      { header: 'Day', kind: 'text' },
      { header: 'Stop', kind: 'int' },
      { header: 'Arrive', kind: 'time' },
      { header: 'Depart', kind: 'time' },
      { header: 'NPI', kind: 'code' },
      { header: 'Account', kind: 'text', maxWidth: 36 },
      { header: 'Tier', kind: 'text' },
      { header: 'Drive (min)', kind: 'int' },
      { header: 'Drive (miles)', kind: 'dec1' },
      { header: 'Wait (min)', kind: 'int' },
      { header: 'Visit window', kind: 'text' },
    ],
    footer: `${label(t)} — Routes`,
  });
  await sheet.cells([{ value: `Week plan — ${label(t)}`, style: STYLE.title }], 22);
  if ('unavailable' in routes) {
    await sheet.cells([{ value: routes.unavailable, style: STYLE.section }]);
    return 0;
  }
  const tiers = (['A', 'B', 'C'] as const)
    .map((k) => `Tier ${k}: ${routes.visitsMade[k]} of ${routes.visitsDue[k]} due`)
    .join(' · ');
  await sheet.cells([
    {
      value: `Visits made vs due this week — ${tiers} · drive share of the day ${(routes.driveShare * 100).toFixed(0)}%`,
      style: STYLE.note,
    },
  ]);
  if (routes.travelSource) await sheet.cells([{ value: travelNote(routes), style: STYLE.note }]);
  await sheet.header();
  let stops = 0;
  for (const day of routes.days) {
    const label = dayLabel(day.date);
    await sheet.row([
      label,
      null,
      clock(day.startTime),
      null,
      '',
      `Start: ${day.start.label}`,
      '',
      null,
      null,
      null,
      '',
    ]);
    for (let i = 0; i < day.stops.length; i++) {
      const s = day.stops[i]!;
      stops += 1;
      await sheet.row([
        label,
        i + 1,
        clock(s.arrive),
        clock(s.depart),
        s.npi,
        s.name,
        s.tier ?? '',
        Math.round(s.driveMinutes),
        round(s.driveMiles, 1),
        s.waitMinutes >= 1 ? Math.round(s.waitMinutes) : null,
        s.window ? `${s.window.open}–${s.window.close}` : '',
      ]);
    }
    // The day's total row: visits made in the Stop column, so the end label can run on into Tier.
    await sheet.row(
      [
        label,
        day.stops.length,
        clock(day.endTime),
        null,
        '',
        `End: ${day.end.label}`,
        '',
        Math.round(day.driveMinutes),
        round(day.driveMiles, 1),
        null,
        `drive ${(day.driveShare * 100).toFixed(0)}% of day`,
      ],
      'district',
    );
    for (const x of day.infeasible)
      await sheet.row([
        label,
        null,
        null,
        null,
        x.npi,
        `Not scheduled: ${x.reason}`,
        '',
        null,
        null,
        null,
        '',
      ]);
  }
  // Accounts due but not fitted into the week: counted by reason (the Targets sheet lists them all).
  const reasons = new Map<string, number>();
  for (const x of routes.unscheduled) reasons.set(x.reason, (reasons.get(x.reason) ?? 0) + 1);
  if (reasons.size) await sheet.blank();
  for (const [reason, count] of reasons) {
    await sheet.cells([
      {
        value: `${count.toLocaleString('en-US')} due ${count === 1 ? 'account' : 'accounts'} not scheduled this week: ${reason}`,
        style: STYLE.note,
      },
    ]);
  }
  return stops;
}

const money = (x: number) => Math.round(x).toLocaleString('en-US');

async function writeWhatChanged(
  wb: WorkbookWriter,
  o: PackInput,
): Promise<{ transfers: number; units: number; accounts: number }> {
  const c = o.changes;
  if (!c) return { transfers: 0, units: 0, accounts: 0 };
  const t = o.territory;
  const unitWord = o.unitLabel === 'County' ? 'County' : 'ZIP';
  const sheet = await wb.addSheet({
    name: 'What changed',
    columns: [
      { header: 'Change', kind: 'text' },
      { header: 'From / to territory', kind: 'text' },
      { header: 'Their rep', kind: 'text', maxWidth: 26 },
      { header: `${unitWord} / NPI`, kind: 'code' },
      { header: 'Name / place', kind: 'text', maxWidth: 30 },
      { header: 'Tier', kind: 'text' },
      { header: 'Reason', kind: 'text', maxWidth: 30 },
      { header: o.unitLabel === 'County' ? 'Counties' : 'ZIPs', kind: 'int' },
      { header: 'Accounts', kind: 'int' },
      { header: 'Tier A accounts', kind: 'int' },
      { header: 'Opportunity', kind: o.data.potentialKind },
    ],
    footer: `${label(t)} — What changed`,
  });
  await sheet.cells(
    [
      {
        value: `What changed for ${label(t)} — against ${c.kind} "${c.against}"`,
        style: STYLE.title,
      },
    ],
    22,
  );
  const sum = (dir: 'in' | 'out') =>
    c.transfers
      .filter((x) => x.direction === dir)
      .reduce(
        (a, x) => ({
          units: a.units + x.units,
          accounts: a.accounts + x.accounts,
          tierA: a.tierA + x.tierA,
          opportunity: a.opportunity + x.opportunity,
        }),
        { units: 0, accounts: 0, tierA: 0, opportunity: 0 },
      );
  const gained = sum('in');
  const lost = sum('out');
  if (!c.transfers.length) {
    await sheet.cells([
      {
        value: `No changes: every ${unitWord} and every account of this territory is where it was in ${c.kind} "${c.against}".`,
        style: STYLE.section,
      },
    ]);
    return { transfers: 0, units: 0, accounts: 0 };
  }
  const line = (what: string, x: typeof gained) =>
    `${what}: ${x.accounts.toLocaleString('en-US')} ${x.accounts === 1 ? 'account' : 'accounts'} (${x.tierA.toLocaleString('en-US')} Tier A), ${x.units.toLocaleString('en-US')} ${o.unitLabel === 'County' ? (x.units === 1 ? 'county' : 'counties') : x.units === 1 ? 'ZIP' : 'ZIPs'}, opportunity ${money(x.opportunity)}`;
  if (c.isNew)
    await sheet.wrapped(
      'This territory is new in this scenario (rep added): everything in it comes from the territories below.',
      0,
      6,
      90,
    );
  await sheet.wrapped(line('Gained', gained), 0, 6, 90);
  await sheet.wrapped(line('Lost', lost), 0, 6, 90);
  await sheet.wrapped(
    `Net: ${gained.accounts - lost.accounts >= 0 ? '+' : ''}${(gained.accounts - lost.accounts).toLocaleString('en-US')} accounts, ${gained.tierA - lost.tierA >= 0 ? '+' : ''}${gained.tierA - lost.tierA} Tier A, opportunity ${gained.opportunity - lost.opportunity >= 0 ? '+' : '−'}${money(Math.abs(gained.opportunity - lost.opportunity))}. Rows: first one line per territory you gain from or lose to (the master's transfer matrix), then each ${unitWord} and each account, with the reason.`,
    0,
    6,
    90,
    STYLE.note,
  );
  await sheet.blank();
  await sheet.header();
  const dir = (d: 'in' | 'out', kind: string) => `${kind} ${d === 'in' ? 'gained' : 'lost'}`;
  for (const x of c.transfers)
    await sheet.row(
      [
        x.direction === 'in' ? 'Gained from' : 'Lost to',
        x.other,
        x.otherRep,
        '',
        '',
        '',
        '',
        x.units,
        x.accounts,
        x.tierA,
        round(x.opportunity, 0),
      ],
      'district',
    );
  for (const u of c.units)
    await sheet.row([
      dir(u.direction, unitWord),
      u.other,
      '',
      u.unit,
      u.place,
      '',
      u.reason,
      1,
      u.accounts,
      null,
      round(u.opportunity, 0),
    ]);
  for (const a of c.accounts)
    await sheet.row([
      dir(a.direction, 'Account'),
      a.other,
      '',
      a.npi,
      a.name,
      a.tier,
      a.reason,
      null,
      1,
      a.tier === 'A' ? 1 : 0,
      round(a.opportunity, 0),
    ]);
  return { transfers: c.transfers.length, units: c.units.length, accounts: c.accounts.length };
}

/** 'HH:MM' as Excel's time value (fraction of a day), so the sheet shows and sorts real times. */
function clock(hhmm: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  return m ? (Number(m[1]) * 60 + Number(m[2])) / 1440 : null;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function dayLabel(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  return Number.isNaN(d.getTime()) ? date : `${WEEKDAYS[d.getUTCDay()]} ${date}`;
}

/** Writes one rep pack; returns row counts per sheet. */
export async function writePack(o: PackInput): Promise<PackRows> {
  const wb = new WorkbookWriter(
    o.path,
    {
      title: `Territory pack ${label(o.territory)}`,
      subject: `Scenario ${o.scenario}`,
      createdAt: o.createdAt,
    },
    1,
  );
  await writeOverview(wb, o);
  const changes = await writeWhatChanged(wb, o);
  const targets = await writeTargets(wb, o);
  const zips = await writeZips(wb, o);
  const routeStops = await writeRoutes(wb, o);
  await wb.close();
  return { targets, zips, routeStops, changes };
}
