import fs from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import { safeCell } from './safe-cell.ts';
import { AppError } from '../errors.ts';
import * as XLSX from '@e965/xlsx';
import { sheetLimits, tooComplex, tooManyRows } from './sheet-limits.ts';
import { openWorkbook } from './xlsx-reader.ts';
import { isLossyNumber } from './xlsx-sheet-scanner.ts';
import { mergeFiller, newBudget, openPart, readMergedRanges, readZipDirectory } from './xlsx-zip.ts';

/**
 * Reads an uploaded xlsx, csv, xls or ods as a stream of rows keyed by header text. An xlsx or csv is never held in
 * memory whole (xlsx-reader.ts for xlsx; csv-parse for csv); xls and ods go through SheetJS within the same limits
 * (sheet-limits.ts). A file that is none of these gets FILE_UNREADABLE; one past the limits FILE_TOO_COMPLEX.
 */
export type CellFlag = 'lossy-number' | 'outside-gbk';

export interface SheetRow {
  /** The Excel row number (the header is row 1 when it is the first row). */
  row: number;
  values: Record<string, string>;
  /** Cells the reader has something to say about, by column name (see CellFlag). */
  flags?: Record<string, CellFlag>;
}

export interface SheetReader {
  headers: string[];
  /** The row the header was found on. */
  headerRow: number;
  /** Header cells that name no column the importer knows (reported, then ignored). */
  unknownColumns: string[];
  /** Every data row, one at a time. */
  rows: AsyncIterable<SheetRow>;
  /** The same rows in the batches they were read in (an inflated chunk, a few hundred csv records): one await each. */
  batches: AsyncIterable<SheetRow[]>;
}

/** What the importer expects of the header row: column names, their variants, the ones needed. */
export interface HeaderSpec {
  /** Canonical names the importer reads. */
  known: readonly string[];
  /** Names that must all be there for a row to be taken as the header. */
  required: readonly string[];
  /** Variants (after normalizeHeader) → canonical name. */
  aliases?: Readonly<Record<string, string>>;
  /** Columns understood and deliberately not read (序号 …): not reported. */
  ignored?: readonly string[];
}

type RawRow = { row: number; values: string[]; lossy?: number[]; gbk?: number[] };
type RawSheet = { name: string; batches: () => AsyncGenerator<RawRow[]> };

export type SheetKind = 'xlsx' | 'csv' | 'xls' | 'ods';

const XLS_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet';

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

/** Decides the kind from the content (zip → xlsx or ods by its mimetype, OLE → xls, readable text → csv) and name. */
export async function sniffSheetKind(file: string, fileName: string): Promise<SheetKind> {
  const head = await readHead(file);
  const lower = fileName.toLowerCase();
  if (head.length === 0) throw new AppError('FILE_EMPTY');
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    // An OpenDocument package starts with its uncompressed `mimetype` entry.
    if (head.includes(ODS_MIME) || lower.endsWith('.ods')) return 'ods';
    if (!/\.xls[xm]$/.test(lower)) throw new AppError('FILE_UNREADABLE', { reason: 'extension', fileName });
    return 'xlsx';
  }
  if (head.subarray(0, 8).equals(XLS_MAGIC)) return 'xls';
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

let gbkChars: Set<number> | null = null;
/** The characters GBK can write: everything a two-byte GB18030 sequence decodes to (GB18030 adds four-byte ones). */
function gbkSet(): Set<number> {
  if (gbkChars) return gbkChars;
  const bytes: number[] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) bytes.push(lead, trail);
  gbkChars = new Set();
  for (const ch of new TextDecoder('gb18030').decode(Buffer.from(bytes))) gbkChars.add(ch.codePointAt(0)!);
  return gbkChars;
}
const outsideGbk = (text: string) => {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 0x80) continue;
    const cp = text.codePointAt(i)!;
    if (!gbkSet().has(cp)) return true;
    if (cp > 0xffff) i++;
  }
  return false;
};

/** Header text as users write it → comparable: full-width folded, spaces, stars and bracketed notes or units gone. */
export function normalizeHeader(text: string): string {
  const plain = text.normalize('NFKC').replace(/\s+/g, '').replace(/[*＊]/g, '');
  const bare = plain.replace(/[([【〔<《][^)\]】〕>》]*[)\]】〕>》]/g, '');
  return bare === '' ? plain : bare;
}

function headersOf(cells: string[], spec?: HeaderSpec): string[] {
  if (!spec) return cells.map((c) => c.replace(/\s+/g, '').replace(/[*＊]/g, ''));
  return cells.map((c) => {
    const h = normalizeHeader(c);
    return spec.aliases?.[h] ?? h;
  });
}

async function xlsxSheets(file: string, signal?: AbortSignal): Promise<RawSheet[]> {
  const wb = await openWorkbook(file, signal);
  return wb.sheets.map((sheet) => ({
    name: sheet.name,
    batches: async function* () {
      const fill = mergeFiller(await readMergedRanges(file, sheet.part, wb.budget));
      for await (const batch of sheet.batches()) {
        if (fill) for (const r of batch) r.values = fill(r.row, r.values);
        yield batch;
      }
    },
  }));
}

function csvSheet(file: string, encoding: 'utf-8' | 'gb18030', signal?: AbortSignal): RawSheet {
  return {
    name: '',
    batches: async function* () {
      // Blank lines are skipped by the parser (it is very slow at emitting them one by one); their count keeps the
      // row numbers equal to what Excel shows.
      const parser = parseCsv({
        bom: true,
        relax_column_count: true,
        // ="0123" (how a csv keeps Excel from making a number of it) has a quote inside an unquoted field.
        relax_quotes: true,
        skip_empty_lines: true,
        trim: true,
        info: true,
        max_record_size: sheetLimits.maxCellChars * 4,
      });
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
      let batch: RawRow[] = [];
      try {
        for await (const { record, info } of parser as AsyncIterable<{
          record: string[];
          info: { records: number; empty_lines: number };
        }>) {
          const values = record.map((v) => v.trim());
          const r: RawRow = { row: info.records + info.empty_lines, values };
          if (values.length > sheetLimits.maxColumns) throw tooComplex('too-many-columns', { row: r.row });
          if (encoding === 'gb18030') {
            for (let i = 0; i < values.length; i++)
              if (outsideGbk(values[i]!)) {
                r.gbk ??= [];
                r.gbk.push(i);
              }
          }
          batch.push(r);
          if (batch.length >= CSV_BATCH_ROWS) {
            signal?.throwIfAborted();
            yield batch;
            batch = [];
          }
        }
      } catch (e) {
        if ((e as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') throw tooComplex('cell-too-long');
        throw e;
      } finally {
        source.destroy();
      }
      if (batch.length) yield batch;
    },
  };
}

/** Raw rows a legacy sheet may have beyond the importer's data-row limit before it is refused. */
const LEGACY_ROW_MARGIN = 1_000;

/** CSV records handed on together. */
const CSV_BATCH_ROWS = 500;

/** How far down a title block may push the header row (non-blank rows of a sheet). */
export const HEADER_SEARCH_ROWS = 20;

const isBlank = (values: string[]) => values.every((v) => v === '');

/** Lines under the table (制表人：… 审核人：…, 合计): not data. */
const FOOTER =
  /^(制表人|制表|填表人|填报人|审核人|审核|复核人|负责人|单位负责人|经办人|联系人|联系电话|制表日期|填报日期|填表日期|日期|单位盖章|盖章|备注|说明|注)\s*[:：]|^(合计|总计|小计)$/;
const isFooter = (values: string[]) => {
  const first = values.find((v) => v !== '');
  return first !== undefined && FOOTER.test(first);
};

/** `="0123"` is how a csv keeps Excel from turning text into a number: the text is what is meant. */
const unwrap = (v: string) =>
  v.length >= 3 && v.startsWith('="') && v.endsWith('"') ? v.slice(2, -1).replaceAll('""', '"') : v;

const isAbort = (e: unknown) => e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError');

interface Opening {
  rows: RawRow[];
  rest: RawRow[];
  it: AsyncGenerator<RawRow[]>;
}

async function readOpening(sheet: RawSheet): Promise<Opening> {
  const it = sheet.batches();
  const rows: RawRow[] = [];
  let rest: RawRow[] = [];
  while (rows.length < HEADER_SEARCH_ROWS) {
    const r = await it.next();
    if (r.done) break;
    const batch = r.value;
    let i = 0;
    for (; i < batch.length && rows.length < HEADER_SEARCH_ROWS; i++)
      if (!isBlank(batch[i]!.values)) rows.push(batch[i]!);
    rest = batch.slice(i);
  }
  return { rows, rest, it };
}

/** Index of the header among the opening rows: the first with every required column, else with two known ones. */
function headerIndex(rows: RawRow[], spec?: HeaderSpec): { at: number; complete: boolean } {
  if (!spec) return { at: 0, complete: true };
  const named = rows.map((r) => headersOf(r.values, spec));
  const full = named.findIndex((h) => spec.required.every((c) => h.includes(c)));
  if (full >= 0) return { at: full, complete: true };
  const some = named.findIndex((h) => h.filter((c) => spec.known.includes(c)).length >= Math.min(2, spec.known.length));
  return { at: Math.max(some, 0), complete: false };
}

/**
 * Finds the sheet and its header row and turns the rest into keyed rows, skipping blank and footer lines. With a
 * spec, the header is the first of the opening rows (HEADER_SEARCH_ROWS, so title rows may sit above it) that holds
 * every required column, on the first visible sheet that has one (an instruction sheet may come first); otherwise
 * the first non-empty row of the first sheet.
 */
async function fromSheets(sheets: RawSheet[], spec?: HeaderSpec): Promise<SheetReader> {
  const parseError = (e: unknown) =>
    e instanceof AppError || isAbort(e) ? e : new AppError('FILE_UNREADABLE', { reason: 'parse' });
  let chosen: Opening | null = null;
  let at = 0;
  try {
    for (const sheet of sheets) {
      const opening = await readOpening(sheet);
      if (opening.rows.length === 0) {
        await opening.it.return(undefined);
        continue;
      }
      const h = headerIndex(opening.rows, spec);
      if (h.complete || !chosen) {
        if (chosen) await chosen.it.return(undefined);
        chosen = opening;
        at = h.at;
      } else await opening.it.return(undefined);
      if (h.complete) break;
    }
  } catch (e) {
    throw parseError(e);
  }
  if (!chosen) throw new AppError('HEADER_MISSING');
  const { rows: opening, rest, it } = chosen;
  const headerCells = opening[at]!.values;
  const headers = headersOf(headerCells, spec);
  const unknownColumns = spec
    ? headerCells.filter(
        (c, i) => c !== '' && !spec.known.includes(headers[i]!) && !spec.ignored?.includes(headers[i]!),
      )
    : [];
  const keyed = (batch: RawRow[]): SheetRow[] => {
    const out: SheetRow[] = [];
    for (const r of batch) {
      if (isBlank(r.values) || isFooter(r.values)) continue;
      const values: Record<string, string> = {};
      for (let i = 0; i < headers.length; i++) {
        const h = headers[i]!;
        if (h && !(h in values)) values[h] = unwrap(r.values[i] ?? '');
      }
      const row: SheetRow = { row: r.row, values };
      if (r.lossy || r.gbk) {
        const flags: Record<string, CellFlag> = {};
        for (const i of r.lossy ?? []) if (headers[i]) flags[headers[i]!] = 'lossy-number';
        for (const i of r.gbk ?? []) if (headers[i]) flags[headers[i]!] = 'outside-gbk';
        row.flags = flags;
      }
      out.push(row);
    }
    return out;
  };
  const batches = (async function* () {
    const first = keyed([...opening.slice(at + 1), ...rest]);
    if (first.length) yield first;
    try {
      for (let r = await it.next(); !r.done; r = await it.next()) {
        const batch = keyed(r.value);
        if (batch.length) yield batch;
      }
    } catch (e) {
      throw parseError(e);
    } finally {
      await it.return(undefined);
    }
  })();
  const rows = (async function* () {
    for await (const batch of batches) yield* batch;
  })();
  return { headers, headerRow: opening[at]!.row, unknownColumns, rows, batches };
}

export interface OpenSheetOptions {
  /** The header row is searched for (title rows, instruction sheets) and its variants understood. */
  header?: HeaderSpec;
  /** Stops reading between batches when aborted. */
  signal?: AbortSignal;
  /** Legacy readers parse the whole sheet: no more than this many rows are read (the importer's limit + margin). */
  maxRows?: number;
}

export async function openSheet(file: string, fileName: string, opts: OpenSheetOptions = {}): Promise<SheetReader> {
  const kind = await sniffSheetKind(file, fileName);
  try {
    const sheets =
      kind === 'xlsx'
        ? await xlsxSheets(file, opts.signal)
        : kind === 'csv'
          ? [csvSheet(file, csvEncoding(await readHead(file)), opts.signal)]
          : await legacySheets(file, kind, opts);
    return await fromSheets(sheets, opts.header);
  } catch (e) {
    if (e instanceof AppError || isAbort(e)) throw e;
    if (kind === 'xls' || kind === 'ods')
      throw new AppError(
        'FILE_UNREADABLE',
        { reason: 'parse', kind },
        `文件无法读取：这个 .${kind} 文件已损坏或设有密码，请在表格软件中“另存为” .xlsx 后再上传`,
      );
    throw new AppError('FILE_UNREADABLE', { reason: 'parse' });
  }
}

/**
 * .xls (BIFF in an OLE container) and .ods, read by SheetJS, which parses a sheet whole: the upload limit bounds
 * the file, an ods package is first inflated as bounded streams (the same limits as xlsx) before SheetJS opens it,
 * and no more than `maxRows` rows are parsed.
 */
async function legacySheets(file: string, kind: 'xls' | 'ods', opts: OpenSheetOptions): Promise<RawSheet[]> {
  if (kind === 'ods') {
    const parts = await readZipDirectory(file);
    const budget = newBudget();
    for (const part of parts.values()) {
      const stream = await openPart(file, part, sheetLimits.maxPartBytes, budget);
      for await (const _ of stream as AsyncIterable<Buffer>) opts.signal?.throwIfAborted();
    }
  }
  // Rows past the cap are not parsed; a sheet that reaches it has more rows than the importer takes, and is refused
  // rather than silently cut (the margin is for title, header, blank and footer lines).
  const cap = opts.maxRows ? opts.maxRows + LEGACY_ROW_MARGIN : 0;
  const wb = XLSX.read(await fs.promises.readFile(file), {
    type: 'buffer',
    dense: true,
    cellFormula: false,
    cellHTML: false,
    cellStyles: false,
    cellText: false,
    ...(cap ? { sheetRows: cap } : {}),
  });
  const hidden = new Set((wb.Workbook?.Sheets ?? []).filter((s) => s.Hidden && s.Hidden > 0).map((s) => s.name));
  return wb.SheetNames.filter((n) => !hidden.has(n)).map((name) => ({
    name,
    batches: async function* () {
      const ws = wb.Sheets[name]!;
      const data = (ws['!data'] ?? []) as (XLSX.CellObject[] | undefined)[];
      if (cap && data.length >= cap) throw tooManyRows(opts.maxRows!);
      const fill = mergeFiller(
        (ws['!merges'] ?? []).map((m) => ({ top: m.s.r + 1, left: m.s.c + 1, bottom: m.e.r + 1, right: m.e.c + 1 })),
      );
      let batch: RawRow[] = [];
      for (let r = 0; r < data.length; r++) {
        const cells = data[r];
        if (!cells) continue;
        const raw: RawRow = { row: r + 1, values: [] };
        for (let c = 0; c < cells.length; c++) {
          const cell = cells[c];
          let v = '';
          if (cell && cell.v !== undefined && cell.v !== null) {
            if (cell.t === 'n' && typeof cell.v === 'number') {
              v = Number.isInteger(cell.v) ? cell.v.toFixed(0) : String(cell.v);
              if (isLossyNumber(cell.v)) {
                raw.lossy ??= [];
                raw.lossy.push(c);
              }
            } else if (cell.t === 'b') v = cell.v ? 'true' : 'false';
            else if (cell.t === 'e') v = '';
            else if (cell.v instanceof Date) v = cell.v.toISOString().slice(0, 10);
            else v = String(cell.v);
          }
          if (v.length > sheetLimits.maxCellChars) throw tooComplex('cell-too-long', { row: r + 1, column: c + 1 });
          raw.values[c] = v.trim();
        }
        for (let i = 0; i < raw.values.length; i++) raw.values[i] ??= '';
        if (fill) raw.values = fill(raw.row, raw.values);
        batch.push(raw);
        if (batch.length >= CSV_BATCH_ROWS) {
          opts.signal?.throwIfAborted();
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    },
  }));
}

/** Checks that every required header is present; one COLUMN_MISSING naming them all otherwise. */
export function requireColumns(headers: string[], required: string[]): void {
  const missing = required.filter((h) => !headers.includes(h));
  if (missing.length)
    throw new AppError('COLUMN_MISSING', { columns: missing }, `文件缺少必需的列：${missing.join('、')}`);
}

/** Writes a simple workbook (header row + data rows) to a buffer; used for templates and error reports. */
export async function writeWorkbook(
  sheetName: string,
  header: string[],
  rows: (string | number | null)[][],
  /** 1-based columns formatted as Text (@): what is typed there stays as typed. */
  opts: { textColumns?: number[] } = {},
) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  for (const c of opts.textColumns ?? []) ws.getColumn(c).numFmt = '@';
  ws.addRow(header.map(safeCell)).font = { bold: true };
  for (const r of rows) ws.addRow(r.map(safeCell));
  ws.columns.forEach((c) => {
    c.width = 18;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
