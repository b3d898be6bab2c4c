import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { WorkbookWriter } from '../../../workers/data/export/xlsx/workbookWriter';
import { cellStyle, STYLE } from '../../../workers/data/export/xlsx/styles';

describe('streaming xlsx writer', () => {
  it('writes typed cells, header block, frozen header, filter, print titles and widths that exceljs reads back', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tessera-xlsx-')), 'book.xlsx');
    const wb = new WorkbookWriter(path, {
      title: 'Test',
      createdAt: new Date('2025-01-02T03:04:05Z'),
    });
    const s = await wb.addSheet({
      name: "Rep's Summary",
      columns: [
        { header: 'Territory', kind: 'text' },
        { header: 'ZIP', kind: 'code' },
        { header: 'Potential', kind: 'usd' },
        { header: 'Share', kind: 'pct' },
      ],
      conditional: [{ column: 0, rules: [{ equals: 'T2', dxf: 0 }] }],
    });
    await s.cells([{ value: 'Title & <co>', style: STYLE.title }]);
    await s.blank();
    await s.header();
    await s.row(['T1', '02134', 1234567.5, 0.25]);
    await s.row(['T2', '60611', 10, 0.75]);
    await s.row(['Total', null, 1234577.5, 1], 'national');
    await wb.close();

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const ws = book.getWorksheet("Rep's Summary")!;
    expect(ws.getCell('A1').value).toBe('Title & <co>');
    expect(ws.getRow(3).values).toEqual([undefined, 'Territory', 'ZIP', 'Potential', 'Share']);
    expect(ws.getCell('B4').value).toBe('02134');
    expect(ws.getCell('C4').value).toBe(1234567.5);
    expect(ws.getCell('C4').numFmt).toBe('"$"#,##0');
    expect(ws.getCell('D5').numFmt).toBe('0.0%');
    expect(ws.getCell('C6').value).toBe(1234577.5);
    expect(ws.getCell('C6').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.autoFilter).toBe('A3:D6');
    expect(ws.getColumn(3).width).toBeGreaterThanOrEqual(12);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.printTitlesRow).toBe('3:3');
    expect(cellStyle('int', 'district')).not.toBe(cellStyle('int'));
  });

  it('streams a sheet larger than the width-measuring buffer', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tessera-xlsx-')), 'big.xlsx');
    const wb = new WorkbookWriter(path, { title: 'Big', createdAt: new Date() });
    const s = await wb.addSheet({
      name: 'Rows',
      columns: [
        { header: 'n', kind: 'int' },
        { header: 'label', kind: 'text' },
      ],
    });
    await s.header();
    const row: (string | number)[] = [0, ''];
    for (let i = 0; i < 5000; i++) {
      row[0] = i;
      row[1] = `row ${i}`;
      const wait = s.row(row);
      if (wait) await wait;
    }
    await wb.close();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const ws = book.getWorksheet('Rows')!;
    expect(ws.rowCount).toBe(5001);
    expect(ws.getCell('A5001').value).toBe(4999);
    expect(ws.getCell('B2').value).toBe('row 0');
  });
});
