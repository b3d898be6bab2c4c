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

describe('a table longer than a sheet', () => {
  it('continues on numbered sheets with the header repeated, every row once and in order', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tessera-xlsx-split-')), 'book.xlsx');
    // 10 rows a sheet stands in for Excel's 1,048,576.
    const wb = new WorkbookWriter(path, { title: 'Split', createdAt: new Date(0) }, 4, 10);
    const s = await wb.addSheet({
      name: 'Accounts of one long territory',
      columns: [
        { header: 'NPI', kind: 'code' },
        { header: 'Potential', kind: 'usd' },
      ],
    });
    await s.cells([{ value: 'Accounts', style: STYLE.title }]);
    await s.blank();
    await s.header();
    for (let i = 0; i < 25; i++) {
      const wait = s.row([String(1000000000 + i), i]);
      if (wait) await wait;
    }
    await s.row(['Total', 300], 'national');
    const next = await wb.addSheet({ name: 'After', columns: [{ header: 'x', kind: 'text' }] });
    await next.row(['still here']);
    await wb.close();

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const names = book.worksheets.map((w) => w.name);
    expect(names).toEqual([
      'Accounts of one long territory',
      'Accounts of one long territ (2)',
      'Accounts of one long territ (3)',
      'Accounts of one long territ (4)',
      'After',
    ]);
    const rows: unknown[][] = [];
    book.worksheets.slice(0, 4).forEach((ws, part) => {
      expect(ws.rowCount).toBeLessThanOrEqual(10);
      const first = part === 0 ? 3 : 1;
      expect(ws.getRow(first).values).toEqual([undefined, 'NPI', 'Potential']);
      for (let r = first + 1; r <= ws.rowCount; r++) rows.push(ws.getRow(r).values as unknown[]);
    });
    expect(rows.map((v) => v[1])).toEqual([
      ...Array.from({ length: 25 }, (_, i) => String(1000000000 + i)),
      'Total',
    ]);
    expect(book.getWorksheet('After')!.getCell('A1').value).toBe('still here');
  });
});
