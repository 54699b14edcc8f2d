import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AppError } from '../errors.ts';
import { createSheetScanner, type XlsxRow } from './xlsx-sheet-scanner.ts';
import { openPart, readPartText, readZipDirectory, type ZipPart } from './xlsx-zip.ts';

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
  let events: SaxEvent[] = [];
  let failure: Error | null = null;
  parser.on('error', (e) => {
    failure = e;
  });
  parser.on('opentag', (tag) => events.push({ kind: 'open', tag }));
  parser.on('text', (text) => events.push({ kind: 'text', text }));
  parser.on('closetag', (tag) => events.push({ kind: 'close', name: tag.name }));
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    parser.write(decoder.decode(chunk, { stream: true }));
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
  let inText = false;
  let phonetic = 0;
  for await (const events of saxEvents(stream)) {
    for (const e of events) {
      if (e.kind === 'open') {
        const n = local(e.tag.name);
        if (n === 'si') current = [];
        else if (n === 'rPh') phonetic += 1;
        else if (n === 't' && phonetic === 0) inText = true;
      } else if (e.kind === 'text') {
        if (inText && current) current.push(e.text);
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

/** The first sheet in tab order (workbook.xml + its relationships), else the lowest-numbered sheet part. */
function firstSheetPath(paths: string[], workbookXml: string | null, relsXml: string | null): string | null {
  if (workbookXml && relsXml) {
    const rid = /<(?:\w+:)?sheet\b[^>]*\br:id="([^"]+)"/.exec(workbookXml)?.[1];
    const rel = rid
      ? [...relsXml.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((t) => t.includes(`Id="${rid}"`))
      : undefined;
    const target = rel ? /Target="([^"]+)"/.exec(rel)?.[1] : undefined;
    if (target) return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  }
  const sheets = paths.filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p));
  sheets.sort((a, b) => Number(/\d+/.exec(a.slice(14))?.[0]) - Number(/\d+/.exec(b.slice(14))?.[0]));
  return sheets[0] ?? null;
}

export interface XlsxSheet {
  /** The zip part of the sheet (for a second look, e.g. its merged ranges). */
  part: ZipPart;
  /** The rows, a batch per inflated chunk: one await per chunk rather than per row. */
  batches: AsyncGenerator<XlsxRow[]>;
}

/** Opens the first worksheet; FILE_UNREADABLE when the file is no readable workbook. */
export async function openFirstSheet(file: string): Promise<XlsxSheet> {
  const parts = await readZipDirectory(file);
  const text = async (path: string) => {
    const part = parts.get(path);
    return part ? readPartText(file, part) : null;
  };
  if (!parts.has('xl/workbook.xml')) throw new AppError('FILE_UNREADABLE', { reason: 'not-a-workbook' });
  const sheetPath = firstSheetPath(
    [...parts.keys()],
    await text('xl/workbook.xml'),
    await text('xl/_rels/workbook.xml.rels'),
  );
  const part = sheetPath ? parts.get(sheetPath) : undefined;
  if (!part) throw new AppError('FILE_UNREADABLE', { reason: 'no-worksheet' });
  const sharedPart = parts.get('xl/sharedStrings.xml');
  const shared = await readSharedStrings(sharedPart ? await openPart(file, sharedPart) : null);
  return { part, batches: sheetRows(file, part, shared) };
}

async function* sheetRows(file: string, part: ZipPart, shared: string[]): AsyncGenerator<XlsxRow[]> {
  const decoder = new TextDecoder('utf-8');
  let ready: XlsxRow[] = [];
  const scanner = createSheetScanner(shared, (row) => ready.push(row));
  for await (const chunk of (await openPart(file, part)) as AsyncIterable<Buffer>) {
    scanner.write(decoder.decode(chunk, { stream: true }));
    if (ready.length === 0) continue;
    const rows = ready;
    ready = [];
    yield rows;
  }
  scanner.write(decoder.decode());
  scanner.end();
  if (ready.length) yield ready;
}
