import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';

/** A multipart/form-data body built by hand, so the suite needs no form library. */
export function multipartBody(
  file: { name: string; content: Buffer | string; type?: string } | null,
  fields: Record<string, string> = {},
) {
  const boundary = `----huzhu${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    const head =
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\n` +
      `content-type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`;
    parts.push(
      Buffer.from(head),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export type CellInput = string | number | null | { formula: string; result?: string | number };

/** An xlsx workbook with one sheet of the given rows; `merges` like 'E2:E4'. */
export async function xlsxOf(
  rows: CellInput[][],
  opts: { merges?: string[]; sheetName?: string } = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.sheetName ?? '名册');
  rows.forEach((r, i) => {
    r.forEach((v, j) => {
      if (v !== null) ws.getCell(i + 1, j + 1).value = v as ExcelJS.CellValue;
    });
  });
  for (const m of opts.merges ?? []) ws.mergeCells(m);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** RFC 4180 csv (CRLF, quotes doubled), optionally with the UTF-8 BOM Excel writes. */
export function csvOf(rows: (string | number)[][], opts: { bom?: boolean } = {}): string {
  const line = (r: (string | number)[]) =>
    r.map((v) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v))).join(',');
  return (opts.bom ? '\uFEFF' : '') + rows.map(line).join('\r\n');
}

/** One entry of a hand-built zip: its bytes (stored deflated), or an already deflated body with a declared size. */
export type ZipEntryInput =
  | { name: string; data: Buffer | string }
  | { name: string; deflated: Buffer; declaredSize: number; stored?: false };

/** A zip written by hand (no CRC check is made by our reader; CRCs are written as 0): full control over each part. */
export function zipOf(entries: ZipEntryInput[], opts: { storeFirst?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  entries.forEach((e, i) => {
    const name = Buffer.from(e.name, 'utf8');
    const stored = opts.storeFirst && i === 0 && 'data' in e;
    const raw = 'data' in e ? (Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data, 'utf8')) : null;
    const body = raw ? (stored ? raw : zlib.deflateRawSync(raw)) : (e as { deflated: Buffer }).deflated;
    const size = raw ? raw.length : (e as { declaredSize: number }).declaredSize;
    const method = stored ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(method, 10);
    dir.writeUInt32LE(body.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    central.push(dir, name);
    offset += 30 + name.length + body.length;
  });
  const dirBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBuf, end]);
}

/**
 * A deflate stream that inflates to `prefix`, then `block` repeated `times`, then `suffix`, built without ever
 * holding the inflated content: each piece ends on a full flush, so the same compressed block can be repeated.
 * A 1 GB part from about 1 MB of upload.
 */
export function deflatedRepeat(prefix: string, block: Buffer, times: number, suffix: string): Buffer {
  const flushed = (data: Buffer) => {
    const d = zlib.deflateRawSync(data, { finishFlush: zlib.constants.Z_FULL_FLUSH, level: 9 });
    return d;
  };
  const head = flushed(Buffer.from(prefix, 'utf8'));
  const middle = flushed(block);
  const tail = zlib.deflateRawSync(Buffer.from(suffix, 'utf8'));
  return Buffer.concat([head, ...Array.from({ length: times }, () => middle), tail]);
}

export interface HandSheet {
  name: string;
  /** The sheetData inner XML (rows). */
  rows: string;
  state?: 'hidden' | 'veryHidden';
}

/** An xlsx written by hand, part by part, the way other writers lay theirs out (paths, prefixes, phonetic runs). */
export function handXlsx(opts: {
  sheets: HandSheet[];
  shared?: string[];
  /** Where the shared strings live (found through the workbook relationships). */
  sharedPath?: string;
  /** Extra or replacing parts. */
  parts?: ZipEntryInput[];
}): Buffer {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const sharedPath = opts.sharedPath ?? 'xl/sharedStrings.xml';
  const sheetTags = opts.sheets
    .map(
      (s, i) =>
        `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`,
    )
    .join('');
  const rels = opts.sheets
    .map(
      (_s, i) =>
        `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    )
    .join('');
  const sharedRel = opts.shared
    ? `<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/${sharedPath}"/>`
    : '';
  const entries: ZipEntryInput[] = [
    {
      name: '_rels/.rels',
      data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheetTags}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}${sharedRel}</Relationships>`,
    },
    ...opts.sheets.map((s, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${s.rows}</sheetData></worksheet>`,
    })),
  ];
  if (opts.shared)
    entries.push({
      name: sharedPath,
      data: `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${opts.shared.map((t) => `<si><t>${esc(t)}</t></si>`).join('')}</sst>`,
    });
  for (const p of opts.parts ?? []) {
    const i = entries.findIndex((e) => e.name === p.name);
    if (i >= 0) entries[i] = p;
    else entries.push(p);
  }
  return zipOf(entries);
}

/** Inline-string cells of one row: `inlineRow(3, ['姓名', '身份证号'])`. */
export function inlineRow(row: number, cells: (string | number | null)[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const col = (i: number) => String.fromCharCode(65 + i);
  return `<row r="${row}">${cells
    .map((v, i) =>
      v === null
        ? ''
        : typeof v === 'number'
          ? `<c r="${col(i)}${row}"><v>${v}</v></c>`
          : `<c r="${col(i)}${row}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`,
    )
    .join('')}</row>`;
}

/**
 * Posts a multipart upload over real HTTP to `address` (the app listening) and hangs up once the whole file has
 * arrived in `tmpDir` (i.e. while the server works on it). Resolves when the client has gone; `answered()` tells
 * whether the server had answered before that.
 */
export async function uploadThenHangUp(opts: {
  address: string;
  path: string;
  body: { payload: Buffer; headers: Record<string, string> };
  size: number;
  tmpDir: string;
  agent: { cookie: string; csrf: string };
}): Promise<{ answered: () => boolean }> {
  const received = () =>
    (fs.existsSync(opts.tmpDir) ? fs.readdirSync(opts.tmpDir) : []).some((f) => {
      try {
        return fs.statSync(path.join(opts.tmpDir, f)).size === opts.size;
      } catch {
        return false;
      }
    });
  let answered = false;
  await new Promise<void>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: new URL(opts.address).port,
        method: 'POST',
        path: opts.path,
        headers: { ...opts.body.headers, cookie: opts.agent.cookie, 'x-csrf-token': opts.agent.csrf },
      },
      () => {
        answered = true;
      },
    );
    req.on('error', () => resolve());
    const poll = setInterval(() => {
      if (!received()) return;
      clearInterval(poll);
      req.destroy();
      resolve();
    }, 2);
    req.end(opts.body.payload);
    setTimeout(() => reject(new Error('the upload never arrived')), 20_000);
  });
  return { answered: () => answered };
}
