import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AppError } from '../errors.ts';
import { sheetLimits, tooComplex, xmlRunGuard } from './sheet-limits.ts';
import { createSheetScanner, type XlsxRow } from './xlsx-sheet-scanner.ts';
import { type InflateBudget, newBudget, openPart, readPartText, readZipDirectory, type ZipPart } from './xlsx-zip.ts';

export type { XlsxRow } from './xlsx-sheet-scanner.ts';

/**
 * A streaming reader of the first worksheet of an xlsx file, as rows of cell texts.
 *
 * Why not exceljs' WorkbookReader: it decodes each inflated chunk to text on its own, so a Chinese character whose
 * UTF-8 bytes straddle a chunk boundary turns into U+FFFD (about one name in a few thousand rows; a known, unfixed
 * upstream bug). Here each zip part has its own streaming TextDecoder. The file is opened by its central directory
 * (the upload is already on disk), so the shared strings are read first whatever the part order, then the sheet
 * is streamed row by row (xlsx-sheet-scanner.ts); only the shared-string table is held in memory.
 */

type Tag = SaxesTagPlain;
type SaxEvent = { kind: 'open'; tag: Tag } | { kind: 'text'; text: string } | { kind: 'close'; name: string };

async function* saxEvents(stream: NodeJS.ReadableStream): AsyncGenerator<SaxEvent[]> {
  const decoder = new TextDecoder('utf-8');
  const parser = new SaxesParser();
  const guard = xmlRunGuard();
  let events: SaxEvent[] = [];
  let failure: Error | null = null;
  parser.on('error', (e) => {
    failure = e;
  });
  parser.on('opentag', (tag) => events.push({ kind: 'open', tag }));
  parser.on('text', (text) => events.push({ kind: 'text', text }));
  parser.on('closetag', (tag) => events.push({ kind: 'close', name: tag.name }));
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = decoder.decode(chunk, { stream: true });
    guard(text);
    parser.write(text);
    if (failure) throw failure;
    yield events;
    events = [];
  }
  parser.write(decoder.decode());
  parser.close();
  if (failure) throw failure;
  yield events;
}

/** Local element name (`x:row` → `row`): some writers use a namespace prefix. */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

async function readSharedStrings(stream: NodeJS.ReadableStream | null): Promise<string[]> {
  const strings: string[] = [];
  if (!stream) return strings;
  let current: string[] | null = null;
  let length = 0;
  let inText = false;
  let phonetic = 0;
  for await (const events of saxEvents(stream)) {
    for (const e of events) {
      if (e.kind === 'open') {
        const n = local(e.tag.name);
        if (n === 'si') {
          current = [];
          length = 0;
        } else if (n === 'rPh') phonetic += 1;
        else if (n === 't' && phonetic === 0) inText = true;
      } else if (e.kind === 'text') {
        if (inText && current) {
          current.push(e.text);
          length += e.text.length;
          if (length > sheetLimits.maxCellChars) throw tooComplex('cell-too-long', { sharedString: strings.length });
        }
      } else {
        const n = local(e.name);
        if (n === 't') inText = false;
        else if (n === 'rPh') phonetic -= 1;
        else if (n === 'si' && current) {
          strings.push(current.join(''));
          current = null;
        }
      }
    }
  }
  return strings;
}

interface Relationship {
  type: string;
  target: string;
}

const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];

/** A relationships part: Id → type and target, the target resolved against the part's folder. */
function relationships(xml: string | null, baseDir: string): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  if (!xml) return rels;
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (!id || !target || attr(m[0], 'TargetMode') === 'External') continue;
    rels.set(id, { type: attr(m[0], 'Type') ?? '', target: resolvePath(baseDir, target) });
  }
  return rels;
}

/** `xl/` + `worksheets/sheet1.xml` → `xl/worksheets/sheet1.xml`; `/xl/…` is from the root; `..` goes up. */
function resolvePath(baseDir: string, target: string): string {
  const parts = target.startsWith('/') ? [] : baseDir.split('/').filter(Boolean);
  for (const p of target.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return parts.join('/');
}

const dirOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);
const relsOf = (path: string) => `${dirOf(path)}_rels/${path.slice(path.lastIndexOf('/') + 1)}.rels`;

export interface XlsxSheet {
  /** The tab name. */
  name: string;
  /** The zip part of the sheet (for a second look, e.g. its merged ranges). */
  part: ZipPart;
  /** The rows, a batch per inflated chunk: one await per chunk rather than per row. */
  batches(): AsyncGenerator<XlsxRow[]>;
}

export interface XlsxWorkbook {
  /** The visible worksheets in tab order (hidden and very hidden ones left out). */
  sheets: XlsxSheet[];
  /** The file's inflate budget, shared by every part read from it. */
  budget: InflateBudget;
}

/**
 * Opens a workbook: the workbook part through the package relationships, its visible sheets in tab order and the
 * shared strings through the workbook's relationships (fixed paths only when a writer left them out).
 * FILE_UNREADABLE when the file is no readable workbook; FILE_TOO_COMPLEX past the limits of sheet-limits.ts.
 */
export async function openWorkbook(file: string, signal?: AbortSignal): Promise<XlsxWorkbook> {
  const parts = await readZipDirectory(file);
  const budget = newBudget();
  const text = async (path: string) => {
    const part = parts.get(path);
    return part ? readPartText(file, part, budget) : null;
  };
  const root = relationships(await text('_rels/.rels'), '');
  const officeDoc = [...root.values()].find((r) => r.type.endsWith('/officeDocument'))?.target;
  const workbookPath = officeDoc && parts.has(officeDoc) ? officeDoc : 'xl/workbook.xml';
  const workbookXml = await text(workbookPath);
  if (workbookXml === null) throw new AppError('FILE_UNREADABLE', { reason: 'not-a-workbook' });
  const rels = relationships(await text(relsOf(workbookPath)), dirOf(workbookPath));

  const sharedPath =
    [...rels.values()].find((r) => r.type.endsWith('/sharedStrings'))?.target ??
    [...parts.keys()].find((p) => /^xl\/sharedStrings\.xml$/i.test(p));
  const sharedPart = sharedPath ? parts.get(sharedPath) : undefined;
  const shared = await readSharedStrings(
    sharedPart ? await openPart(file, sharedPart, sheetLimits.maxSharedStringsBytes, budget) : null,
  );

  const sheets: XlsxSheet[] = [];
  const make = (name: string, part: ZipPart): XlsxSheet => ({
    name,
    part,
    batches: () => sheetRows(file, part, shared, budget, signal),
  });
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const state = attr(m[0], 'state');
    if (state === 'hidden' || state === 'veryHidden') continue;
    const rid = /\br:id="([^"]+)"|\b\w+:id="([^"]+)"/.exec(m[0]);
    const target = rels.get(rid?.[1] ?? rid?.[2] ?? '')?.target;
    const part = target ? parts.get(target) : undefined;
    if (part) sheets.push(make(xmlUnescape(attr(m[0], 'name') ?? ''), part));
  }
  if (sheets.length === 0) {
    // No usable workbook listing: the lowest-numbered sheet part.
    const paths = [...parts.keys()].filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p));
    paths.sort((a, b) => Number(/\d+/.exec(a.slice(14))?.[0]) - Number(/\d+/.exec(b.slice(14))?.[0]));
    const first = paths[0] ? parts.get(paths[0]) : undefined;
    if (first) sheets.push(make('', first));
  }
  if (sheets.length === 0) throw new AppError('FILE_UNREADABLE', { reason: 'no-worksheet' });
  return { sheets, budget };
}

const xmlUnescape = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos);/g, (_m, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!);

async function* sheetRows(
  file: string,
  part: ZipPart,
  shared: string[],
  budget: InflateBudget,
  signal?: AbortSignal,
): AsyncGenerator<XlsxRow[]> {
  const decoder = new TextDecoder('utf-8');
  const guard = xmlRunGuard();
  let ready: XlsxRow[] = [];
  const scanner = createSheetScanner(shared, (row) => ready.push(row));
  const stream = await openPart(file, part, sheetLimits.maxPartBytes, budget);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      signal?.throwIfAborted();
      const text = decoder.decode(chunk, { stream: true });
      guard(text);
      scanner.write(text);
      if (ready.length === 0) continue;
      const rows = ready;
      ready = [];
      yield rows;
    }
    scanner.write(decoder.decode());
    scanner.end();
    if (ready.length) yield ready;
  } finally {
    stream.destroy();
  }
}

/** The first visible worksheet (tests and callers that want no header search). */
export async function openFirstSheet(file: string): Promise<{ part: ZipPart; batches: AsyncGenerator<XlsxRow[]> }> {
  const wb = await openWorkbook(file);
  const sheet = wb.sheets[0]!;
  return { part: sheet.part, batches: sheet.batches() };
}
