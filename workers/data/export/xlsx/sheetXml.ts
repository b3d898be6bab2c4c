// SpreadsheetML building blocks for the streaming writer: cell references, XML escaping, cells, and
// the fixed parts before and after <sheetData>. Strings are written inline (t="inlineStr") so a sheet
// streams without a shared-string table held in memory.
import { cellStyle, type ColumnKind, type RowEmphasis } from './styles';

export type CellValue = string | number | null | undefined;

const LETTERS: string[] = [];
export function columnLetter(index: number): string {
  const cached = LETTERS[index];
  if (cached !== undefined) return cached;
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  LETTERS[index] = s;
  return s;
}

const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
export function escapeXml(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

export function stringCell(ref: string, text: string, style: number): string {
  const t = escapeXml(text);
  const space =
    t.length > 0 && (t.charCodeAt(0) === 32 || t.charCodeAt(t.length - 1) === 32)
      ? ' xml:space="preserve"'
      : '';
  return `<c r="${ref}" s="${style}" t="inlineStr"><is><t${space}>${t}</t></is></c>`;
}

export function numberCell(ref: string, value: number, style: number): string {
  return Number.isFinite(value)
    ? `<c r="${ref}" s="${style}"><v>${value}</v></c>`
    : `<c r="${ref}" s="${style}"/>`;
}

/** Per-column cell prefixes of one row emphasis, computed once per sheet (hot path of big sheets). */
export type RowFormat = { styles: number[]; numeric: boolean[]; emphasis: RowEmphasis };

export function rowFormat(kinds: ColumnKind[], emphasis: RowEmphasis): RowFormat {
  return {
    styles: kinds.map((k) => cellStyle(k, emphasis)),
    numeric: kinds.map((k) => k !== 'text' && k !== 'code'),
    emphasis,
  };
}

/** One data row: values typed by column kind (text/code always as strings, numbers as numbers). */
export function rowXml(rowNumber: number, f: RowFormat, values: CellValue[]): string {
  let out = `<row r="${rowNumber}">`;
  const n = values.length;
  for (let c = 0; c < n; c++) {
    const v = values[c];
    const style = f.styles[c] ?? 0;
    const ref = columnLetter(c) + rowNumber;
    if (v === null || v === undefined || v === '') {
      if (f.emphasis !== 'plain') out += `<c r="${ref}" s="${style}"/>`;
    } else if (typeof v === 'number' && f.numeric[c]) {
      out +=
        v === v && v !== Infinity && v !== -Infinity
          ? `<c r="${ref}" s="${style}"><v>${v}</v></c>`
          : `<c r="${ref}" s="${style}"/>`;
    } else {
      out += stringCell(ref, typeof v === 'string' ? v : String(v), style);
    }
  }
  return `${out}</row>`;
}

/** Display width (characters) of a value once formatted, for fitting column widths. */
export function displayWidth(v: CellValue, kind: ColumnKind): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'string') return v.length;
  if (!Number.isFinite(v)) return 0;
  const abs = Math.abs(v);
  const digits = abs >= 1 ? Math.floor(Math.log10(abs)) + 1 : 1;
  const seps = Math.floor((digits - 1) / 3);
  const sign = v < 0 ? 1 : 0;
  switch (kind) {
    case 'int':
      return digits + seps + sign;
    case 'dec1':
      return digits + seps + sign + 2;
    case 'dec2':
      return digits + seps + sign + 3;
    case 'usd':
      return digits + seps + sign + 1;
    case 'pct':
      return Math.max(digits + 2, 1) + 3 + sign;
    case 'ratio':
      return digits + 4 + sign;
    case 'time':
      return 5;
    default:
      return String(v).length;
  }
}

export type SheetLayout = {
  /** 1-based row of the table header (rows above it are the preamble block). */
  headerRow: number;
  columnWidths: number[];
  lastRow: number;
  lastColumn: number;
  autoFilter: boolean;
  freezeColumns: number;
  tabColor?: string;
  landscape: boolean;
  /** Row/column count hints of merged preamble cells, e.g. 'A1:H1'. */
  merges: string[];
  conditional: string[];
  textColumns: number[];
  hasDrawing: boolean;
  title: string;
};

export function sheetHead(l: SheetLayout): string {
  const tab = l.tabColor ? `<tabColor rgb="FF${l.tabColor}"/>` : '';
  const freezeRow = l.headerRow;
  const topLeft = columnLetter(l.freezeColumns) + (freezeRow + 1);
  const pane =
    freezeRow > 0 || l.freezeColumns > 0
      ? `<pane${l.freezeColumns ? ` xSplit="${l.freezeColumns}"` : ''}${freezeRow ? ` ySplit="${freezeRow}"` : ''} topLeftCell="${topLeft}" activePane="${l.freezeColumns && freezeRow ? 'bottomRight' : freezeRow ? 'bottomLeft' : 'topRight'}" state="frozen"/>` +
        `<selection pane="${l.freezeColumns && freezeRow ? 'bottomRight' : freezeRow ? 'bottomLeft' : 'topRight'}" activeCell="${topLeft}" sqref="${topLeft}"/>`
      : '';
  const cols = l.columnWidths
    .map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w.toFixed(2)}" customWidth="1"/>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<sheetPr>${tab}<pageSetUpPr fitToPage="1"/></sheetPr>` +
    `<sheetViews><sheetView workbookViewId="0" zoomScale="100">${pane}</sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="13.5"/>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    '<sheetData>'
  );
}

export function sheetTail(l: SheetLayout): string {
  const lastCol = columnLetter(Math.max(0, l.lastColumn - 1));
  const filter =
    l.autoFilter && l.lastRow >= l.headerRow && l.headerRow > 0
      ? `<autoFilter ref="A${l.headerRow}:${lastCol}${Math.max(l.lastRow, l.headerRow)}"/>`
      : '';
  const merges = l.merges.length
    ? `<mergeCells count="${l.merges.length}">${l.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
    : '';
  const ignore = l.textColumns.length
    ? `<ignoredErrors>${l.textColumns
        .map(
          (c) =>
            `<ignoredError sqref="${columnLetter(c)}1:${columnLetter(c)}1048576" numberStoredAsText="1"/>`,
        )
        .join('')}</ignoredErrors>`
    : '';
  const footer = `&amp;L${escapeXml(l.title)}&amp;RPage &amp;P of &amp;N`;
  return (
    '</sheetData>' +
    filter +
    merges +
    l.conditional.join('') +
    '<printOptions gridLines="0"/>' +
    '<pageMargins left="0.4" right="0.4" top="0.55" bottom="0.55" header="0.25" footer="0.25"/>' +
    `<pageSetup paperSize="1" orientation="${l.landscape ? 'landscape' : 'portrait'}" fitToWidth="1" fitToHeight="0"/>` +
    `<headerFooter><oddFooter>${footer}</oddFooter></headerFooter>` +
    ignore +
    (l.hasDrawing ? '<drawing r:id="rId1"/>' : '') +
    '</worksheet>'
  );
}
