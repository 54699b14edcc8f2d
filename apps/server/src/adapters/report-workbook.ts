import type { ReportCellKind, ReportSheet } from '@huzhu/core';
import ExcelJS from 'exceljs';
import { safeCell } from './safe-cell.ts';

/** Excel number formats that show each kind of value the way the console does. */
const numFmt: Partial<Record<ReportCellKind, string>> = {
  int: '#,##0',
  fen: '#,##0.00',
  ratio: '0.0%',
  decimal: '0.00',
};

/**
 * Writes a report as an xlsx: one sheet per table, Chinese headers from the shared column definitions, numbers kept
 * as numbers (money in yuan) so they can be summed in Excel, formatted as on screen.
 */
export async function writeReportWorkbook(sheets: readonly ReportSheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Huzhu';
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name);
    ws.columns = sheet.columns.map((c) => ({
      header: String(safeCell(c.zh)),
      key: c.key,
      width: c.kind === 'text' ? 24 : 14,
      style: numFmt[c.kind] ? { numFmt: numFmt[c.kind] } : {},
    }));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    for (const row of sheet.rows)
      ws.addRow(
        sheet.columns.map((c) => {
          const v = c.value(row);
          return c.kind === 'fen' && typeof v === 'number' ? v / 100 : safeCell(v);
        }),
      );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
