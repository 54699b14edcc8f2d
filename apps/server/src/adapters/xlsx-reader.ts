import { SaxesParser, type SaxesTagPlain } from 'saxes';
import unzipper from 'unzipper';

/**
 * A streaming reader of the first worksheet of an xlsx file, as rows of cell texts.
 *
 * Why not exceljs' WorkbookReader: it decodes each inflated chunk to text on its own, so a Chinese character whose
 * UTF-8 bytes straddle a chunk boundary turns into U+FFFD (about one name in a few thousand rows; a known, unfixed
 * upstream bug). Here each zip entry has its own streaming TextDecoder. The file is opened by its central directory
 * (the upload is already on disk), so the shared strings are read first whatever the entry order, then the sheet
 * is streamed row by row; only the shared-string table is held in memory.
 */
export interface XlsxRow {
  row: number;
  values: string[];
}

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

async function readSharedStrings(entry: unzipper.File | undefined): Promise<string[]> {
  const strings: string[] = [];
  if (!entry) return strings;
  let current: string[] | null = null;
  let inText = false;
  let phonetic = 0;
  for await (const events of saxEvents(entry.stream())) {
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

/** "AB12" → 27 (0-based column index). */
function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

function numberText(v: string): string {
  const n = Number(v);
  if (!Number.isFinite(n)) return v.trim();
  return Number.isInteger(n) ? n.toFixed(0) : String(n);
}

function firstSheetPath(directory: unzipper.CentralDirectory, workbookXml: string | null, relsXml: string | null): string | null {
  if (workbookXml && relsXml) {
    const rid = /<(?:\w+:)?sheet\b[^>]*\br:id="([^"]+)"/.exec(workbookXml)?.[1];
    const target = rid ? new RegExp(`<Relationship\\b[^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(relsXml)?.[1] ?? new RegExp(`<Relationship\\b[^>]*Target="([^"]+)"[^>]*Id="${rid}"`).exec(relsXml)?.[1] : undefined;
    if (target) return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  }
  const sheets = directory.files.map((f) => f.path).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p));
  sheets.sort((a, b) => Number(/\d+/.exec(a.slice(14))?.[0]) - Number(/\d+/.exec(b.slice(14))?.[0]));
  return sheets[0] ?? null;
}

async function entryText(entry: unzipper.File | undefined): Promise<string | null> {
  return entry ? (await entry.buffer()).toString('utf8') : null;
}

/** Opens the file; throws when it is not a readable xlsx (the caller turns that into FILE_UNREADABLE). */
export async function readXlsxRows(file: string): Promise<AsyncGenerator<XlsxRow>> {
  const directory = await unzipper.Open.file(file);
  const byPath = new Map(directory.files.map((f) => [f.path, f]));
  const sheetPath = firstSheetPath(directory, await entryText(byPath.get('xl/workbook.xml')), await entryText(byPath.get('xl/_rels/workbook.xml.rels')));
  const sheet = sheetPath ? byPath.get(sheetPath) : undefined;
  if (!sheet) throw new Error('no worksheet');
  const shared = await readSharedStrings(byPath.get('xl/sharedStrings.xml'));

  return (async function* () {
    let rowNumber = 0;
    let values: string[] = [];
    let col = -1;
    let type = 'n';
    let text: string[] = [];
    let capture = false;
    for await (const events of saxEvents(sheet.stream())) {
      for (const e of events) {
        if (e.kind === 'open') {
          const n = local(e.tag.name);
          if (n === 'row') {
            const r = Number(e.tag.attributes.r);
            rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
            values = [];
            col = -1;
          } else if (n === 'c') {
            const ref = e.tag.attributes.r;
            col = ref ? columnIndex(ref) : col + 1;
            type = e.tag.attributes.t ?? 'n';
            text = [];
          } else if (n === 'v' || (n === 't' && type === 'inlineStr')) capture = true;
        } else if (e.kind === 'text') {
          if (capture) text.push(e.text);
        } else {
          const n = local(e.name);
          if (n === 'v' || n === 't') capture = false;
          else if (n === 'c') {
            const raw = text.join('');
            let value = '';
            if (type === 's') value = shared[Number(raw)] ?? '';
            else if (type === 'inlineStr' || type === 'str') value = raw;
            else if (type === 'b') value = raw === '1' ? 'true' : 'false';
            else if (type === 'e') value = '';
            else if (raw !== '') value = numberText(raw);
            values[col] = value.trim();
          } else if (n === 'row') {
            for (let i = 0; i < values.length; i++) values[i] ??= '';
            yield { row: rowNumber, values };
          }
        }
      }
    }
  })();
}
