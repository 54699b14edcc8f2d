import { addDays, chinaDate, idCheckChar } from '@huzhu/core';
import ExcelJS from 'exceljs';

/** The roster template's columns (product.md §4), in order. */
export const rosterHeaders = ['姓名', '身份证号', '手机号', '参保份数', '人员类别', '是否参加职工医保'];

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Dates as the server judges them: the China calendar, whatever the machine's zone. */
export const chinaToday = () => chinaDate(new Date());
export const chinaYesterday = () => addDays(chinaToday(), -1);

/**
 * A valid resident ID number of 江北区 (500105) for a birth date (YYYYMMDD); the serial keeps people of different
 * tests apart, and the 17th digit carries the sex (odd for men).
 */
export function idNumber(birth: string, serial: number, sex: 'male' | 'female'): string {
  const seq = (serial % 500) * 2 + (sex === 'male' ? 1 : 0);
  const first17 = `500105${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/** The same number with a wrong check character. */
export function withWrongCheck(id: string): string {
  const right = id.slice(-1);
  return id.slice(0, 17) + ('0123456789X'.split('').find((c) => c !== right) ?? '0');
}

/** A serial for this run's people (the demo population uses other sequence numbers only by chance). */
export const serialOfRun = () => Math.floor(Math.random() * 500);

/** An xlsx roster with the template's header and the given rows, as a user would save it from Excel. */
export async function rosterXlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('参保花名册');
  ws.addRow(rosterHeaders);
  // ID numbers and mobiles as text, as the template formats them (Excel would otherwise round 18 digits).
  ws.getColumn(2).numFmt = '@';
  ws.getColumn(3).numFmt = '@';
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The cells of a workbook's first sheet as text, row by row (header first). */
export async function sheetRows(buffer: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const rows: string[][] = [];
  ws.eachRow((row) => {
    const values = row.values as unknown[];
    rows.push(values.slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return rows;
}
