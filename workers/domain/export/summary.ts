// Row model of the master workbook's Summary sheet: one row per territory ordered region → district →
// territory, a subtotal row after each district and region, and a national total. Subtotals are
// computed here (values, not spreadsheet formulas) so they show correctly without recalculation.
import type { TerritoryMetrics } from '../../common/contract/align';

export type SummaryLevel = 'territory' | 'district' | 'region' | 'national';

export type SummaryRow = {
  level: SummaryLevel;
  region: string;
  district: string;
  territoryId: string;
  name: string;
  rep: string;
  zips: number;
  accounts: number;
  tierA: number;
  tierB: number;
  tierC: number;
  potential: number;
  workloadHours: number;
  capacityHours: number;
  utilisation: number;
  index: number;
  indexRatio: number;
  band: string;
  quota: number;
  travelMeanMin: number;
  travelP90Min: number;
  territories: number;
};

/** Drive-time statistics of a group, computed from account-level drive times by the caller. */
export type GroupTravel = { mean: number; p90: number };
export type GroupTravelLookup = {
  district(region: string, district: string): GroupTravel;
  region(region: string): GroupTravel;
  national: GroupTravel;
};

export const BAND_LABEL: Record<TerritoryMetrics['band'], string> = {
  within5: 'Within ±5%',
  withinBand: 'Within 0.85–1.15',
  outside: 'Outside band',
};

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Territories in reporting order: region, district, then territory id (natural order: T2 < T10). */
export function reportingOrder(
  list: readonly Pick<TerritoryMetrics, 'region' | 'district' | 'territoryId'>[],
): number[] {
  return list
    .map((_, i) => i)
    .sort(
      (a, b) =>
        collator.compare(list[a]!.region, list[b]!.region) ||
        collator.compare(list[a]!.district, list[b]!.district) ||
        collator.compare(list[a]!.territoryId, list[b]!.territoryId),
    );
}

function territoryRow(t: TerritoryMetrics): SummaryRow {
  return {
    level: 'territory',
    region: t.region,
    district: t.district,
    territoryId: t.territoryId,
    name: t.name,
    rep: t.repName ?? (t.repId ? t.repId : 'Vacant'),
    zips: t.units,
    accounts: t.accounts,
    tierA: t.tierCounts.A,
    tierB: t.tierCounts.B,
    tierC: t.tierCounts.C,
    potential: t.potential,
    workloadHours: t.workloadHours,
    capacityHours: t.capacityHours,
    utilisation: t.capacityHours > 0 ? t.workloadHours / t.capacityHours : 0,
    index: t.index,
    indexRatio: t.indexRatio,
    band: BAND_LABEL[t.band],
    quota: t.quota,
    travelMeanMin: t.travelMeanMin,
    travelP90Min: t.travelP90Min,
    territories: 1,
  };
}

function subtotal(
  level: Exclude<SummaryLevel, 'territory'>,
  members: SummaryRow[],
  label: { region: string; district: string; name: string },
  travel: GroupTravel,
): SummaryRow {
  const sum = (f: (r: SummaryRow) => number) => members.reduce((s, r) => s + f(r), 0);
  const n = members.length;
  const workloadHours = sum((r) => r.workloadHours);
  const capacityHours = sum((r) => r.capacityHours);
  return {
    level,
    region: label.region,
    district: label.district,
    territoryId: '',
    name: label.name,
    rep: `${n.toLocaleString('en-US')} ${n === 1 ? 'territory' : 'territories'}`,
    zips: sum((r) => r.zips),
    accounts: sum((r) => r.accounts),
    tierA: sum((r) => r.tierA),
    tierB: sum((r) => r.tierB),
    tierC: sum((r) => r.tierC),
    potential: sum((r) => r.potential),
    workloadHours,
    capacityHours,
    utilisation: capacityHours > 0 ? workloadHours / capacityHours : 0,
    // Average territory of the group against the national mean territory.
    index: n ? sum((r) => r.index) / n : 0,
    indexRatio: n ? sum((r) => r.indexRatio) / n : 0,
    band: '',
    quota: sum((r) => r.quota),
    travelMeanMin: travel.mean,
    travelP90Min: travel.p90,
    territories: n,
  };
}

/** "District 4" for id "4", "District North" for "District North", "District (none)" for "". */
export function prefixed(word: string, id: string): string {
  if (!id) return `${word} (none)`;
  return id.toLowerCase().startsWith(word.toLowerCase()) ? id : `${word} ${id}`;
}

/** Summary rows with district and region subtotals and the national total (last row). */
export function buildSummaryRows(
  perTerritory: readonly TerritoryMetrics[],
  travel: GroupTravelLookup,
): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const order = reportingOrder(perTerritory);
  const all: SummaryRow[] = [];
  let i = 0;
  while (i < order.length) {
    const region = perTerritory[order[i]!]!.region;
    const regionMembers: SummaryRow[] = [];
    while (i < order.length && perTerritory[order[i]!]!.region === region) {
      const district = perTerritory[order[i]!]!.district;
      const districtMembers: SummaryRow[] = [];
      while (
        i < order.length &&
        perTerritory[order[i]!]!.region === region &&
        perTerritory[order[i]!]!.district === district
      ) {
        const row = territoryRow(perTerritory[order[i]!]!);
        rows.push(row);
        districtMembers.push(row);
        i += 1;
      }
      rows.push(
        subtotal(
          'district',
          districtMembers,
          { region, district, name: `${prefixed('District', district)} total` },
          travel.district(region, district),
        ),
      );
      regionMembers.push(...districtMembers);
    }
    rows.push(
      subtotal(
        'region',
        regionMembers,
        { region, district: '', name: `${prefixed('Region', region)} total` },
        travel.region(region),
      ),
    );
    all.push(...regionMembers);
  }
  rows.push(
    subtotal(
      'national',
      all,
      { region: '', district: '', name: 'National total' },
      travel.national,
    ),
  );
  return rows;
}
