/**
 * Formula injection (CSV / spreadsheet injection, issue 15 item 3): a text cell that begins with `=`, `+`, `-`, `@`,
 * a tab or a carriage return is read by Excel, WPS and LibreOffice as a formula (`=HYPERLINK(…)`, `@SUM(…)`,
 * DDE). Every cell of every CSV and xlsx we write goes through here: such a text gets a leading apostrophe, which
 * the spreadsheet shows as text. Numbers stay numbers (a negative number is a number, not text).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCell<T extends string | number | boolean | Date | null | undefined>(value: T): T | string {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** One CSV field: neutralised, then quoted when it holds a quote, comma or line break. */
export function csvField(value: string | number | null | undefined): string {
  const v = String(safeCell(value ?? ''));
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** A whole CSV file: a BOM so Excel opens UTF-8 correctly, CRLF line ends, every field through `csvField`. */
export function csvFile(rows: readonly (readonly (string | number | null | undefined)[])[]): Buffer {
  return Buffer.from(`\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`, 'utf8');
}
