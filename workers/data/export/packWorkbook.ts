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

/** "T035" or "T035 Boston North": the id once when the territory has no name of its own. */
const label = (t: { id: string; name: string }): string => (t.name && t.name !== t.id ? `${t.id} ${t.name}` : t.id);

export type NationalAverage = { zips: number; accounts: number; tierA: number; tierB: number; tierC: number; potential: number; workloadHours: number; capacityHours: number; index: number; travelMeanMin: number; travelP90Min: number; quota: number };

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
};

export type PackRows = { targets: number; zips: number; routeStops: number };

type MetricLine = [string, number, number, ColumnKind];

async function writeOverview(wb: WorkbookWriter, o: PackInput): Promise<void> {
  const t = o.territory;
  const m = t.metrics;
  const image: SheetImage | undefined = o.map ? { png: o.map.png, widthPx: o.map.widthPx, heightPx: o.map.heightPx, col: 5, row: 2 } : undefined;
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
  await sheet.cells([{ value: t.name && t.name !== t.id ? `Territory ${t.id} — ${t.name}` : `Territory ${t.id}`, style: STYLE.title }], 22);
  await sheet.cells([{ value: `Scenario "${o.scenario}", exported ${o.createdAt.toISOString().slice(0, 10)} by Tessera`, style: STYLE.note }]);
  const info: [string, string][] = [
    ['Rep', t.repName + (t.repId ? ` (${t.repId})` : '')],
    ['Manager', t.manager],
    ['District / region', `${t.district || '—'} / ${t.region || '—'}`],
    ['Home base', t.homeLabel],
    ['Quota', m.quota > 0 ? `$${Math.round(m.quota).toLocaleString('en-US')}` : 'not set for this scenario (tessera quota)'],
    ['Balance', `${(m.indexRatio * 100).toFixed(1)}% of the mean territory (${m.band === 'within5' ? 'within ±5%' : m.band === 'withinBand' ? 'within 0.85–1.15' : 'outside the band'})`],
  ];
  for (const [label, value] of info) await sheet.cells([{ value: label, style: STYLE.label }, { value }]);
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
    await sheet.cells([{ value: label }, { value: round(mine, 2), style: cellStyle(kind) }, { value: round(avg, 2), style: cellStyle(kind) }, { value: avg > 0 ? mine / avg : null, style: cellStyle('pct') }]);
  }
  await sheet.blank();
  await sheet.cells([{ value: 'Map legend', style: STYLE.section }]);
  await sheet.cells([{ value: '●  Tier A account', style: STYLE.legendA }]);
  await sheet.cells([{ value: '●  Tier B account', style: STYLE.legendB }]);
  await sheet.cells([{ value: '●  Tier C account', style: STYLE.legendC }]);
  await sheet.cells([{ value: '◆  Rep home base', style: STYLE.legendHome }]);
  await sheet.cells([{ value: `Blue: this territory's ${o.unitLabel === 'County' ? 'counties' : 'ZIPs'} (outlined); grey: neighbouring territories`, style: STYLE.note }]);
  if (o.map) await sheet.cells([{ value: `Map width ≈ ${Math.round(o.map.milesAcross).toLocaleString('en-US')} miles`, style: STYLE.note }]);
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
  for (const z of o.zips) await sheet.row([z[0], z[1], z[2], z[3], z[8], z[9], z[10], z[11]]);
  return sheet.dataRows;
}

const TRAVEL_LABEL = { osrm: 'road network (your OSRM server)', valhalla: 'road network (your Valhalla server)', offline: 'offline drive-time model' } as const;

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
  const tiers = (['A', 'B', 'C'] as const).map((k) => `Tier ${k}: ${routes.visitsMade[k]} of ${routes.visitsDue[k]} due`).join(' · ');
  await sheet.cells([{ value: `Visits made vs due this week — ${tiers} · drive share of the day ${(routes.driveShare * 100).toFixed(0)}%`, style: STYLE.note }]);
  if (routes.travelSource) await sheet.cells([{ value: travelNote(routes), style: STYLE.note }]);
  await sheet.header();
  let stops = 0;
  for (const day of routes.days) {
    const label = dayLabel(day.date);
    await sheet.row([label, null, clock(day.startTime), null, '', `Start: ${day.start.label}`, '', null, null, null, '']);
    for (let i = 0; i < day.stops.length; i++) {
      const s = day.stops[i]!;
      stops += 1;
      await sheet.row([label, i + 1, clock(s.arrive), clock(s.depart), s.npi, s.name, s.tier ?? '', Math.round(s.driveMinutes), round(s.driveMiles, 1), s.waitMinutes >= 1 ? Math.round(s.waitMinutes) : null, s.window ? `${s.window.open}–${s.window.close}` : '']);
    }
    // The day's total row: visits made in the Stop column, so the end label can run on into Tier.
    await sheet.row([label, day.stops.length, clock(day.endTime), null, '', `End: ${day.end.label}`, '', Math.round(day.driveMinutes), round(day.driveMiles, 1), null, `drive ${(day.driveShare * 100).toFixed(0)}% of day`], 'district');
    for (const x of day.infeasible) await sheet.row([label, null, null, null, x.npi, `Not scheduled: ${x.reason}`, '', null, null, null, '']);
  }
  // Accounts due but not fitted into the week: counted by reason (the Targets sheet lists them all).
  const reasons = new Map<string, number>();
  for (const x of routes.unscheduled) reasons.set(x.reason, (reasons.get(x.reason) ?? 0) + 1);
  if (reasons.size) await sheet.blank();
  for (const [reason, count] of reasons) {
    await sheet.cells([{ value: `${count.toLocaleString('en-US')} due ${count === 1 ? 'account' : 'accounts'} not scheduled this week: ${reason}`, style: STYLE.note }]);
  }
  return stops;
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
  const wb = new WorkbookWriter(o.path, { title: `Territory pack ${label(o.territory)}`, subject: `Scenario ${o.scenario}`, createdAt: o.createdAt }, 1);
  await writeOverview(wb, o);
  const targets = await writeTargets(wb, o);
  const zips = await writeZips(wb, o);
  const routeStops = await writeRoutes(wb, o);
  await wb.close();
  return { targets, zips, routeStops };
}
