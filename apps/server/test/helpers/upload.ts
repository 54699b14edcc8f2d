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
