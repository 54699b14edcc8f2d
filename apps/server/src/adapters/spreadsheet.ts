import fs from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import { safeCell } from './safe-cell.ts';
import { AppError } from '../errors.ts';
import { openFirstSheet } from './xlsx-reader.ts';
import { mergeFiller, readMergedRanges } from './xlsx-zip.ts';

/**
 * Reads an uploaded xlsx or csv as a stream of rows keyed by header text. The workbook is never held in memory
 * whole (xlsx-reader.ts for xlsx; csv-parse for csv). A file that is neither gets FILE_UNREADABLE.
 */
export interface SheetRow {
  /** The Excel row number (the header is row 1 when it is the first row). */
  row: number;
  values: Record<string, string>;
}

export interface SheetReader {
  headers: string[];
  /** Every data row, one at a time. */
  rows: AsyncIterable<SheetRow>;
  /** The same rows in the batches they were read in (an inflated chunk, a few hundred csv records): one await each. */
  batches: AsyncIterable<SheetRow[]>;
}

type RawRow = { row: number; values: string[] };

export type SheetKind = 'xlsx' | 'csv';

const XLS_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

async function readHead(file: string): Promise<Buffer> {
  const fd = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fd.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fd.close();
  }
}

/** Decides the kind from the content (zip magic for xlsx, readable text for csv) and the file name. */
export async function sniffSheetKind(file: string, fileName: string): Promise<SheetKind> {
  const head = await readHead(file);
  const lower = fileName.toLowerCase();
  if (head.length === 0) throw new AppError('FILE_EMPTY');
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    if (!lower.endsWith('.xlsx')) throw new AppError('FILE_UNREADABLE', { reason: 'extension', fileName });
    return 'xlsx';
  }
  if (head.subarray(0, 8).equals(XLS_MAGIC)) {
    throw new AppError(
      'FILE_UNREADABLE',
      { reason: 'legacy-xls', fileName },
      '文件无法读取：这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 后再上传',
    );
  }
  if (lower.endsWith('.csv') && !head.includes(0)) return 'csv';
  throw new AppError('FILE_UNREADABLE', { fileName });
}

/** UTF-8 (with or without BOM) unless the bytes say otherwise; then GB18030, a superset of the GBK Excel writes. */
function csvEncoding(head: Buffer): 'utf-8' | 'gb18030' {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

function headersOf(cells: string[]): string[] {
  return cells.map((c) => c.replace(/\s+/g, '').replace(/[*＊]/g, ''));
}

async function openXlsx(file: string, headerHints?: string[]): Promise<SheetReader> {
  const sheet = await openFirstSheet(file);
  const fill = mergeFiller(await readMergedRanges(file, sheet.part));
  if (!fill) return fromBatches(sheet.batches, headerHints);
  const filled = (async function* () {
    for await (const batch of sheet.batches) {
      for (const r of batch) r.values = fill(r.row, r.values);
      yield batch;
    }
  })();
  return fromBatches(filled, headerHints);
}

async function openCsv(file: string, headerHints?: string[]): Promise<SheetReader> {
  const encoding = csvEncoding(await readHead(file));
  // Blank lines are skipped by the parser (it is very slow at emitting them one by one); their count keeps the row
  // numbers equal to what Excel shows.
  const parser = parseCsv({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, info: true });
  const source = fs.createReadStream(file);
  if (encoding === 'utf-8') pipeline(source, parser).catch(() => undefined);
  else {
    const decoder = new TextDecoder(encoding);
    const decode = new Transform({
      transform(chunk: Buffer, _enc, done) {
        done(null, decoder.decode(chunk, { stream: true }));
      },
      flush(done) {
        done(null, decoder.decode());
      },
    });
    pipeline(source, decode, parser).catch(() => undefined);
  }
  const batches = (async function* () {
    let batch: RawRow[] = [];
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { records: number; empty_lines: number };
    }>) {
      batch.push({ row: info.records + info.empty_lines, values: record.map((v) => v.trim()) });
      if (batch.length >= CSV_BATCH_ROWS) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  })();
  return fromBatches(batches, headerHints);
}

/** CSV records handed on together. */
const CSV_BATCH_ROWS = 500;

/** How far down a title block may push the header row. */
const HEADER_SEARCH_ROWS = 10;

const isBlank = (values: string[]) => values.every((v) => v === '');

/**
 * Finds the header row and turns the rest into keyed rows, skipping blank ones. With `headerHints` the header is the
 * first of the opening rows that names at least two of them (a title such as "江北区工会组织名册" may sit above it);
 * otherwise, or when none does, it is the first non-empty row.
 */
async function fromBatches(it: AsyncGenerator<RawRow[]>, headerHints: string[] = []): Promise<SheetReader> {
  const parseError = (e: unknown) => (e instanceof AppError ? e : new AppError('FILE_UNREADABLE', { reason: 'parse' }));
  const opening: RawRow[] = [];
  // Rows already read past the opening ones (the rest of the last batch the header search took).
  let rest: RawRow[] = [];
  try {
    while (opening.length < HEADER_SEARCH_ROWS) {
      const r = await it.next();
      if (r.done) break;
      const batch = r.value;
      let i = 0;
      for (; i < batch.length && opening.length < HEADER_SEARCH_ROWS; i++)
        if (!isBlank(batch[i]!.values)) opening.push(batch[i]!);
      rest = batch.slice(i);
    }
  } catch (e) {
    throw parseError(e);
  }
  if (opening.length === 0) throw new AppError('HEADER_MISSING');
  const needed = Math.min(2, headerHints.length);
  const found = needed
    ? opening.findIndex((r) => headersOf(r.values).filter((h) => headerHints.includes(h)).length >= needed)
    : 0;
  const headerAt = Math.max(found, 0);
  const headers = headersOf(opening[headerAt]!.values);
  const keyed = (batch: RawRow[]): SheetRow[] => {
    const out: SheetRow[] = [];
    for (const r of batch) {
      if (isBlank(r.values)) continue;
      const values: Record<string, string> = {};
      for (let i = 0; i < headers.length; i++) {
        const h = headers[i]!;
        if (h) values[h] = r.values[i] ?? '';
      }
      out.push({ row: r.row, values });
    }
    return out;
  };
  const batches = (async function* () {
    const first = keyed([...opening.slice(headerAt + 1), ...rest]);
    if (first.length) yield first;
    try {
      for (let r = await it.next(); !r.done; r = await it.next()) {
        const batch = keyed(r.value);
        if (batch.length) yield batch;
      }
    } catch (e) {
      throw parseError(e);
    }
  })();
  const rows = (async function* () {
    for await (const batch of batches) yield* batch;
  })();
  return { headers, rows, batches };
}

/** `headerHints`: column names the header row is expected to contain (see fromRowIterator). */
export async function openSheet(
  file: string,
  fileName: string,
  opts: { headerHints?: string[] } = {},
): Promise<SheetReader> {
  const kind = await sniffSheetKind(file, fileName);
  try {
    return kind === 'xlsx' ? await openXlsx(file, opts.headerHints) : await openCsv(file, opts.headerHints);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('FILE_UNREADABLE', { reason: 'parse' });
  }
}
/** Checks that every required header is present; one COLUMN_MISSING naming them all otherwise. */
export function requireColumns(headers: string[], required: string[]): void {
  const missing = required.filter((h) => !headers.includes(h));
  if (missing.length)
    throw new AppError('COLUMN_MISSING', { columns: missing }, `文件缺少必需的列：${missing.join('、')}`);
}

/** Writes a simple workbook (header row + data rows) to a buffer; used for templates and error reports. */
export async function writeWorkbook(sheetName: string, header: string[], rows: (string | number | null)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(header.map(safeCell)).font = { bold: true };
  for (const r of rows) ws.addRow(r.map(safeCell));
  ws.columns.forEach((c) => {
    c.width = 18;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
