// The master workbook's Summary sheet: a header block with the scenario's market definition and
// parameters, then one row per territory with district/region subtotals and the national total.
import type { SummaryRow } from '../../domain/export/summary';
import { BAND_LABEL } from '../../domain/export/summary';
import type { WorkbookWriter, ColumnSpec, SheetWriter } from './xlsx/workbookWriter';
import { DXF, STYLE, type ColumnKind } from './xlsx/styles';

export type HeaderLine = { label: string; value: string };

/** Column spans of a two-up header block: [labelFrom, labelTo, valueFrom, valueTo] per half. */
export type BlockLayout = [[number, number, number, number], [number, number, number, number]];

/** Title, subtitle and label/value pairs laid out two per row (keeps the frozen area short). */
export async function writeHeaderBlock(
  sheet: SheetWriter,
  title: string,
  subtitle: string,
  lines: HeaderLine[],
  layout: BlockLayout,
): Promise<void> {
  await sheet.cells([{ value: title, style: STYLE.title }], 22);
  await sheet.cells([{ value: subtitle, style: STYLE.note }]);
  // Long values (balance limits, code sets) get a full-width wrapped row of their own after the
  // two-up pairs: in a two-up cell they would run past the last column and shrink the printed page.
  const lastCol = layout[1][3];
  const long = lines.filter((l) => l.value.length > LONG_VALUE);
  lines = lines.filter((l) => l.value.length <= LONG_VALUE);
  for (let i = 0; i < lines.length; i += 2) {
    const cells: { value: string | null; style: number }[] = [];
    [lines[i], lines[i + 1]].forEach((line, half) => {
      if (!line) return;
      const [l0, l1, v0, v1] = layout[half]!;
      if (l1 > l0) sheet.mergeNext(l0, l1);
      if (v1 > v0) sheet.mergeNext(v0, v1);
      for (let c = l0; c <= v1; c++)
        cells[c] = {
          value: c === l0 ? line.label : c === v0 ? line.value : null,
          style: c <= l1 ? STYLE.label : STYLE.default,
        };
    });
    for (let c = 0; c < cells.length; c++) cells[c] ??= { value: null, style: 0 };
    await sheet.cells(cells);
  }
  const [l0, l1] = layout[0];
  for (const line of long) {
    if (l1 > l0) sheet.mergeNext(l0, l1);
    const lead = [
      { value: line.label, style: STYLE.label },
      ...Array.from({ length: l1 - l0 }, () => ({ value: null, style: STYLE.label })),
    ];
    await sheet.wrapped(line.value, l1 + 1, lastCol, 150, STYLE.wrapText, lead);
  }
  await sheet.blank();
}

const LONG_VALUE = 70;

export function summaryColumns(potentialKind: ColumnKind): ColumnSpec[] {
  return [
    { header: 'Region', kind: 'text' },
    { header: 'District', kind: 'text' },
    { header: 'Territory', kind: 'text' },
    { header: 'Territory name', kind: 'text', maxWidth: 28 },
    { header: 'Rep', kind: 'text', maxWidth: 26 },
    { header: 'ZIPs', kind: 'int' },
    { header: 'Accounts', kind: 'int' },
    { header: 'Tier A', kind: 'int' },
    { header: 'Tier B', kind: 'int' },
    { header: 'Tier C', kind: 'int' },
    { header: 'Potential', kind: potentialKind },
    { header: 'Workload hours', kind: 'int' },
    { header: 'Capacity hours', kind: 'int' },
    { header: 'Workload ÷ capacity', kind: 'pct' },
    { header: 'Index', kind: 'dec1' },
    { header: 'Index ÷ mean', kind: 'ratio' },
    { header: 'Balance band', kind: 'text' },
    { header: 'Quota', kind: 'usd' },
    { header: 'Drive mean (min)', kind: 'dec1' },
    { header: 'Drive P90 (min)', kind: 'dec1' },
  ];
}

const BAND_COLUMN = 16;

export async function writeSummarySheet(
  wb: WorkbookWriter,
  o: {
    title: string;
    subtitle: string;
    header: HeaderLine[];
    rows: SummaryRow[];
    potentialKind: ColumnKind;
    unitLabel: string;
  },
): Promise<number> {
  const columns = summaryColumns(o.potentialKind);
  columns[5] = { header: o.unitLabel, kind: 'int' };
  const sheet = await wb.addSheet({
    name: 'Summary',
    columns,
    freezeColumns: 3,
    tabColor: '1F4E78',
    conditional: [
      {
        column: BAND_COLUMN,
        rules: [
          { equals: BAND_LABEL.within5, dxf: DXF.good },
          { equals: BAND_LABEL.withinBand, dxf: DXF.caution },
          { equals: BAND_LABEL.outside, dxf: DXF.bad },
        ],
      },
    ],
  });
  await writeHeaderBlock(sheet, o.title, o.subtitle, o.header, [
    [0, 1, 2, 8],
    [9, 11, 12, 19],
  ]);
  await sheet.header();
  for (const r of o.rows) {
    const emphasis = r.level === 'territory' ? 'plain' : r.level;
    await sheet.row(
      [
        r.region,
        r.district,
        r.territoryId,
        r.name,
        r.rep,
        r.zips,
        r.accounts,
        r.tierA,
        r.tierB,
        r.tierC,
        r.potential,
        r.workloadHours,
        r.capacityHours,
        r.utilisation,
        r.index,
        r.indexRatio,
        r.band,
        r.quota,
        r.travelMeanMin,
        r.travelP90Min,
      ],
      emphasis,
    );
  }
  return o.rows.filter((r) => r.level === 'territory').length;
}
