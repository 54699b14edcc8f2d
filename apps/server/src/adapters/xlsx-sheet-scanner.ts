import { AppError } from '../errors.ts';
import { sheetLimits, tooComplex } from './sheet-limits.ts';

/**
 * Rows out of a worksheet's XML, scanned by hand instead of through a general XML parser. The sheet is most of
 * an xlsx and has a fixed shape (row › c › v | is › t), so only what it uses is handled: element tags (with an
 * optional namespace prefix), the `r` and `t` attributes, text with the five named entities and character
 * references, and comments, processing instructions and CDATA skipped (the parser this replaced ignored CDATA
 * too). A general parser allocated an object per tag and per attribute, which was most of a roster import's
 * garbage. Well-formedness is still checked where it matters: tags must nest, entities must be known, and the
 * text must end on a closed root; anything else is FILE_UNREADABLE.
 */
export interface XlsxRow {
  row: number;
  values: string[];
  /** Columns (0-based) holding a number cell of more than 15 significant digits: its last digits are lost. */
  lossy?: number[];
}

const unreadable = (reason: string) => new AppError('FILE_UNREADABLE', { reason });

/** Excel keeps 15 significant digits: an integer from 10^15 up has lost its last ones (an 18-digit ID number). */
export const isLossyNumber = (n: number) => Number.isFinite(n) && Math.abs(n) >= 1e15;

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[A-Za-z]+);|&/g;

/** XML text as written → its characters (line ends normalised first, as XML does, so &#13; survives). */
function xmlText(raw: string): string {
  let out = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (out.includes('&')) {
    out = out.replace(ENTITY, (_m, e: string | undefined) => {
      if (!e) throw unreadable('xml-entity');
      if (e.charCodeAt(0) !== 35) {
        const named = NAMED[e];
        if (named === undefined) throw unreadable('xml-entity');
        return named;
      }
      const code = e.charCodeAt(1) === 120 ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      if (!(code > 0 && code <= 0x10ffff)) throw unreadable('xml-entity');
      return String.fromCodePoint(code);
    });
  }
  return out;
}

/** "AB12" → 27 (0-based column index). */
function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
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

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
const isNameEnd = (c: number) => isSpace(c) || c === 47 || c === 62;
const localName = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/**
 * Feed it the sheet's text in pieces (`write`), then `end()`; every finished row goes to `emit`, cells as text:
 * shared strings looked up, numbers without float noise, booleans as "true"/"false", errors blank, all trimmed.
 */
export function createSheetScanner(shared: readonly string[], emit: (row: XlsxRow) => void) {
  let carry = '';
  const open: string[] = [];
  let sawRoot = false;

  let rowNumber = 0;
  let values: string[] = [];
  let col = -1;
  let type = 'n';
  let text = '';
  let capture = false;
  /** Inside a phonetic run (rPh): its text is a reading aid, not the cell's value. */
  let phonetic = 0;
  let lossy: number[] | undefined;
  const cellRef = () => attrR ?? `${rowNumber}:${col + 1}`;

  // The attributes of the tag being opened that a sheet needs, read in one pass per tag by character codes: a
  // regular expression here allocated a match for every attribute of every cell.
  let attrR: string | undefined;
  let attrT: string | undefined;
  const readAttributes = (s: string, from: number, to: number) => {
    attrR = undefined;
    attrT = undefined;
    let i = from;
    while (i < to) {
      while (i < to && isSpace(s.charCodeAt(i))) i++;
      const nameStart = i;
      while (i < to && s.charCodeAt(i) !== 61 && !isSpace(s.charCodeAt(i))) i++;
      // Only the unprefixed one-letter names r and t are wanted; others are skipped without making a string.
      const name = i - nameStart === 1 ? s.charCodeAt(nameStart) : 0;
      while (i < to && isSpace(s.charCodeAt(i))) i++;
      if (i >= to) break;
      if (s.charCodeAt(i) !== 61) throw unreadable('xml-attribute');
      i++;
      while (i < to && isSpace(s.charCodeAt(i))) i++;
      const quote = s.charCodeAt(i);
      if (quote !== 34 && quote !== 39) throw unreadable('xml-attribute');
      const end = s.indexOf(quote === 34 ? '"' : "'", i + 1);
      if (end < 0 || end >= to) throw unreadable('xml-attribute');
      if (name === 114 || name === 116) {
        const raw = s.slice(i + 1, end);
        const value = raw.includes('&') ? xmlText(raw) : raw;
        if (name === 114) attrR = value;
        else attrT = value;
      }
      i = end + 1;
    }
  };

  const onOpen = (name: string, s: string, attrsFrom: number, attrsTo: number) => {
    if (name === 'row') {
      readAttributes(s, attrsFrom, attrsTo);
      const r = Number(attrR);
      rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
      values = [];
      lossy = undefined;
      col = -1;
    } else if (name === 'c') {
      readAttributes(s, attrsFrom, attrsTo);
      col = attrR ? columnIndex(attrR) : col + 1;
      if (col >= sheetLimits.maxColumns) throw tooComplex('too-many-columns', { cell: attrR });
      type = attrT ?? 'n';
      text = '';
      phonetic = 0;
    } else if (name === 'rPh') phonetic += 1;
    else if (name === 'v' || (name === 't' && type === 'inlineStr' && phonetic === 0)) capture = true;
  };

  const onClose = (name: string) => {
    if (name === 'v' || name === 't') capture = false;
    else if (name === 'rPh') phonetic -= 1;
    else if (name === 'c') {
      let value = '';
      if (type === 's') value = shared[Number(text)] ?? '';
      else if (type === 'inlineStr' || type === 'str') value = text;
      else if (type === 'b') value = text === '1' ? 'true' : 'false';
      else if (type === 'e') value = '';
      else if (text !== '') {
        value = numberText(text);
        if (isLossyNumber(Number(text))) {
          lossy ??= [];
          lossy.push(col);
        }
      }
      if (value.length > sheetLimits.maxCellChars) throw tooComplex('cell-too-long', { cell: cellRef() });
      values[col] = value.trim();
    } else if (name === 'row') {
      for (let i = 0; i < values.length; i++) values[i] ??= '';
      emit(lossy ? { row: rowNumber, values, lossy } : { row: rowNumber, values });
    }
  };

  /** Scans `s` from the start; returns where the unfinished rest begins. */
  const scan = (s: string, final: boolean): number => {
    const n = s.length;
    let i = 0;
    while (i < n) {
      const lt = s.indexOf('<', i);
      if (lt < 0) return i;
      if (lt > i && capture) {
        text += xmlText(s.slice(i, lt));
        if (text.length > sheetLimits.maxCellChars) throw tooComplex('cell-too-long', { cell: cellRef() });
      }
      if (lt + 1 >= n) return lt;
      const c1 = s.charCodeAt(lt + 1);
      if (c1 === 63) {
        const end = s.indexOf('?>', lt + 2);
        if (end < 0) return lt;
        i = end + 2;
        continue;
      }
      if (c1 === 33) {
        if (!final && n - lt < 9) return lt;
        const [opener, closer] = s.startsWith('<!--', lt)
          ? ['<!--', '-->']
          : s.startsWith('<![CDATA[', lt)
            ? ['<![CDATA[', ']]>']
            : ['<!', '>'];
        const end = s.indexOf(closer, lt + opener.length);
        if (end < 0) return lt;
        i = end + closer.length;
        continue;
      }
      // The tag ends at the first '>' outside a quoted attribute value.
      let quote = 0;
      let j = lt + 1;
      for (; j < n; j++) {
        const c = s.charCodeAt(j);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === 34 || c === 39) quote = c;
        else if (c === 62) break;
      }
      if (j >= n) return lt;
      i = j + 1;
      if (c1 === 47) {
        const name = s.slice(lt + 2, j).trimEnd();
        if (open.pop() !== name) throw unreadable('xml-nesting');
        onClose(localName(name));
        continue;
      }
      let k = lt + 1;
      while (k < j && !isNameEnd(s.charCodeAt(k))) k++;
      const name = s.slice(lt + 1, k);
      if (name === '') throw unreadable('xml-tag');
      if (open.length === 0 && sawRoot) throw unreadable('xml-second-root');
      sawRoot = true;
      const selfClosing = s.charCodeAt(j - 1) === 47;
      const local = localName(name);
      onOpen(local, s, k, selfClosing ? j - 1 : j);
      if (selfClosing) onClose(local);
      else open.push(name);
    }
    return n;
  };

  return {
    write(chunk: string) {
      const s = carry + chunk;
      carry = s.slice(scan(s, false));
    },
    end() {
      const rest = carry.slice(scan(carry, true));
      carry = '';
      if (rest.trim() !== '' || open.length > 0 || !sawRoot) throw unreadable('xml-truncated');
    },
  };
}
