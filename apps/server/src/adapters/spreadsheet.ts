import fs from 'node:fs';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import { AppError } from '../http/app-error.ts';

/**
 * Reads an uploaded xlsx or csv as a stream of rows keyed by header text. The workbook is never held in memory
 * whole (exceljs' streaming reader; csv-parse for csv). A file that is neither gets FILE_UNREADABLE.
 */
export interface SheetRow {
  /** The Excel row number (the header is row 1 when it is the first row). */
  row: number;
  values: Record<string, string>;
}

export interface SheetReader {
  headers: string[];
  rows: AsyncIterable<SheetRow>;
}

export type SheetKind = 'xlsx' | 'csv';

/** Decides the kind from the content (zip magic for xlsx, readable text for csv) and the file name. */
export async function sniffSheetKind(file: string, fileName: string): Promise<SheetKind> {
  const fd = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fd.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead);
    const lower = fileName.toLowerCase();
    if (bytesRead === 0) throw new AppError('FILE_EMPTY');
    if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
      if (!lower.endsWith('.xlsx')) throw new AppError('FILE_UNREADABLE', { reason: 'extension', fileName });
      return 'xlsx';
    }
    if (lower.endsWith('.csv') && !head.includes(0)) return 'csv';
    throw new AppError('FILE_UNREADABLE', { fileName });
  } finally {
    await fd.close();
  }
}

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('').trim();
    if ('result' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text);
    if (v.error) return '';
  }
  return String(value).trim();
}

function headersOf(cells: string[]): string[] {
  return cells.map((c) => c.replace(/\s+/g, '').replace(/[*＊]/g, ''));
}

async function openXlsx(file: string): Promise<SheetReader> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(fs.createReadStream(file), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    entries: 'emit',
  });
  const iterator = (async function* () {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as unknown[]).slice(1).map(cellText);
        yield { row: row.number, values };
      }
      return; // the first worksheet only
    }
  })();
  return fromRowIterator(iterator);
}

async function openCsv(file: string): Promise<SheetReader> {
  const parser = fs.createReadStream(file).pipe(
    parseCsv({ bom: true, relax_column_count: true, skip_empty_lines: false, trim: true }),
  );
  const iterator = (async function* () {
    let n = 0;
    for await (const record of parser as AsyncIterable<string[]>) {
      n += 1;
      yield { row: n, values: record.map((v) => v.trim()) };
    }
  })();
  return fromRowIterator(iterator);
}

/** Finds the header row (the first non-empty row) and turns the rest into keyed rows, skipping blank ones. */
async function fromRowIterator(it: AsyncGenerator<{ row: number; values: string[] }>): Promise<SheetReader> {
  let first: IteratorResult<{ row: number; values: string[] }>;
  try {
    do first = await it.next();
    while (!first.done && first.value.values.every((v) => v === ''));
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('FILE_UNREADABLE', { reason: 'parse' });
  }
  if (first.done) throw new AppError('HEADER_MISSING');
  const headers = headersOf(first.value.values);
  const rows = (async function* () {
    try {
      for (let r = await it.next(); !r.done; r = await it.next()) {
        if (r.value.values.every((v) => v === '')) continue;
        const values: Record<string, string> = {};
        headers.forEach((h, i) => {
          if (h) values[h] = r.value.values[i] ?? '';
        });
        yield { row: r.value.row, values };
      }
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError('FILE_UNREADABLE', { reason: 'parse' });
    }
  })();
  return { headers, rows };
}

export async function openSheet(file: string, fileName: string): Promise<SheetReader> {
  const kind = await sniffSheetKind(file, fileName);
  try {
    return kind === 'xlsx' ? await openXlsx(file) : await openCsv(file);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('FILE_UNREADABLE', { reason: 'parse' });
  }
}

/** Checks that every required header is present; one COLUMN_MISSING naming them all otherwise. */
export function requireColumns(headers: string[], required: string[]): void {
  const missing = required.filter((h) => !headers.includes(h));
  if (missing.length) throw new AppError('COLUMN_MISSING', { columns: missing }, `文件缺少必需的列：${missing.join('、')}`);
}

/** Writes a simple workbook (header row + data rows) to a buffer; used for templates and error reports. */
export async function writeWorkbook(sheetName: string, header: string[], rows: (string | number | null)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c) => {
    c.width = 18;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
