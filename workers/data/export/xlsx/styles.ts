// The fixed style table of every workbook Tessera writes: a small set of number formats crossed with
// row emphases (plain, district subtotal, region subtotal, national total), plus header, title, note
// and label styles. Cells refer to styles by index, computed by `cellStyle`.

/** time: a clock time as a fraction of a day (Excel's time value), shown hh:mm and aligned like numbers. */
export type ColumnKind =
  'text' | 'code' | 'int' | 'dec1' | 'dec2' | 'pct' | 'usd' | 'ratio' | 'time';
export type RowEmphasis = 'plain' | 'district' | 'region' | 'national';

const KINDS: ColumnKind[] = ['text', 'code', 'int', 'dec1', 'dec2', 'pct', 'usd', 'ratio', 'time'];
const EMPHASES: RowEmphasis[] = ['plain', 'district', 'region', 'national'];

/** numFmtId per kind: 0 General; custom formats start at 164. */
const NUM_FMT: Record<ColumnKind, number> = {
  text: 0,
  code: 49, // '@' text: ZIPs and NPIs keep their leading zeros
  int: 164,
  dec1: 165,
  dec2: 166,
  pct: 167,
  usd: 168,
  ratio: 169,
  time: 170,
};
const CUSTOM_FORMATS: [number, string][] = [
  [164, '#,##0'],
  [165, '#,##0.0'],
  [166, '#,##0.00'],
  [167, '0.0%'],
  [168, '"$"#,##0'],
  [169, '0.000'],
  [170, 'hh:mm'],
];

// fonts: 0 body, 1 bold, 2 bold white (header), 3 title, 4 italic grey note, 5 bold 12 (section)
// fills: 0 none, 1 gray125 (required by Excel), 2 header navy, 3 district, 4 region, 5 national, 6 label grey
// borders: 0 none, 1 thin bottom, 2 thin top, 3 double bottom + thin top (national total)
const EMPHASIS_LOOK: Record<RowEmphasis, { font: number; fill: number; border: number }> = {
  plain: { font: 0, fill: 0, border: 0 },
  district: { font: 1, fill: 3, border: 2 },
  region: { font: 1, fill: 4, border: 2 },
  national: { font: 1, fill: 5, border: 3 },
};

/** Style index of a data cell of this kind in a row of this emphasis. */
export function cellStyle(kind: ColumnKind, emphasis: RowEmphasis = 'plain'): number {
  return 1 + EMPHASES.indexOf(emphasis) * KINDS.length + KINDS.indexOf(kind);
}

const AFTER_DATA = 1 + EMPHASES.length * KINDS.length;
/** Special styles, after the data styles. */
export const STYLE = {
  default: 0,
  header: AFTER_DATA,
  title: AFTER_DATA + 1,
  note: AFTER_DATA + 2,
  label: AFTER_DATA + 3,
  section: AFTER_DATA + 4,
  wrapText: AFTER_DATA + 5,
  legendA: AFTER_DATA + 6,
  legendB: AFTER_DATA + 7,
  legendC: AFTER_DATA + 8,
  legendHome: AFTER_DATA + 9,
  legendTerritory: AFTER_DATA + 10,
} as const;

/** Differential formats for conditional formatting: 0 good (green), 1 caution (amber), 2 bad (red). */
export const DXF = { good: 0, caution: 1, bad: 2 } as const;

function xf(numFmt: number, font: number, fill: number, border: number, extra = ''): string {
  const align = extra ? `<alignment ${extra}/>` : '';
  return (
    `<xf numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"` +
    ` applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1"${align ? ' applyAlignment="1">' + align + '</xf>' : '/>'}`
  );
}

function solidFill(rgb: string): string {
  return `<fill><patternFill patternType="solid"><fgColor rgb="FF${rgb}"/><bgColor indexed="64"/></patternFill></fill>`;
}

export function stylesXml(): string {
  const xfs: string[] = [xf(0, 0, 0, 0)];
  for (const e of EMPHASES) {
    const look = EMPHASIS_LOOK[e];
    // Codes (NPI, ZIP) are left-aligned text that often follows a right-aligned number or time:
    // a one-character indent keeps them from running into it on screen and in print.
    for (const k of KINDS)
      xfs.push(
        xf(
          NUM_FMT[k],
          look.font,
          look.fill,
          look.border,
          k === 'code' ? 'horizontal="left" indent="1"' : '',
        ),
      );
  }
  xfs.push(xf(0, 2, 2, 1, 'vertical="center" wrapText="1"')); // header
  xfs.push(xf(0, 3, 0, 0)); // title
  xfs.push(xf(0, 4, 0, 0)); // note
  xfs.push(xf(0, 1, 6, 0)); // label
  xfs.push(xf(0, 5, 0, 1)); // section
  xfs.push(xf(0, 0, 0, 0, 'vertical="top" wrapText="1"')); // wrapped text
  xfs.push(xf(0, 6, 0, 0)); // legend: tier A marker
  xfs.push(xf(0, 7, 0, 0)); // tier B
  xfs.push(xf(0, 8, 0, 0)); // tier C
  xfs.push(xf(0, 9, 0, 0)); // home base
  xfs.push(xf(0, 0, 7, 0)); // territory fill swatch
  const dxf = (font: string, fill: string) =>
    `<dxf><font><color rgb="FF${font}"/></font><fill><patternFill><bgColor rgb="FF${fill}"/></patternFill></fill></dxf>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<numFmts count="${CUSTOM_FORMATS.length}">` +
    CUSTOM_FORMATS.map(
      ([id, code]) => `<numFmt numFmtId="${id}" formatCode="${code.replace(/"/g, '&quot;')}"/>`,
    ).join('') +
    '</numFmts>' +
    '<fonts count="10">' +
    '<font><sz val="10"/><name val="Calibri"/><family val="2"/></font>' +
    '<font><b/><sz val="10"/><name val="Calibri"/><family val="2"/></font>' +
    '<font><b/><sz val="10"/><color rgb="FFFFFFFF"/><name val="Calibri"/><family val="2"/></font>' +
    '<font><b/><sz val="14"/><color rgb="FF1F3864"/><name val="Calibri"/><family val="2"/></font>' +
    '<font><i/><sz val="9"/><color rgb="FF595959"/><name val="Calibri"/><family val="2"/></font>' +
    '<font><b/><sz val="12"/><color rgb="FF1F3864"/><name val="Calibri"/><family val="2"/></font>' +
    '<font><b/><sz val="12"/><color rgb="FFC0392B"/><name val="Calibri"/><family val="2"/></font>' +
    '<font><b/><sz val="11"/><color rgb="FFE67E22"/><name val="Calibri"/><family val="2"/></font>' +
    '<font><b/><sz val="9"/><color rgb="FF6C7A91"/><name val="Calibri"/><family val="2"/></font>' +
    '<font><b/><sz val="12"/><color rgb="FF141414"/><name val="Calibri"/><family val="2"/></font>' +
    '</fonts>' +
    '<fills count="8"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
    solidFill('1F4E78') +
    solidFill('EEF3FA') +
    solidFill('D9E2F3') +
    solidFill('B4C6E7') +
    solidFill('F2F2F2') +
    solidFill('CFE0F5') +
    '</fills>' +
    '<borders count="4">' +
    '<border><left/><right/><top/><bottom/><diagonal/></border>' +
    '<border><left/><right/><top/><bottom style="thin"><color rgb="FF1F3864"/></bottom><diagonal/></border>' +
    '<border><left/><right/><top style="thin"><color rgb="FF8EA9DB"/></top><bottom/><diagonal/></border>' +
    '<border><left/><right/><top style="thin"><color rgb="FF1F3864"/></top><bottom style="double"><color rgb="FF1F3864"/></bottom><diagonal/></border>' +
    '</borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    `<dxfs count="3">${dxf('006100', 'C6EFCE')}${dxf('9C5700', 'FFEB9C')}${dxf('9C0006', 'FFC7CE')}</dxfs>` +
    '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
    '</styleSheet>'
  );
}
