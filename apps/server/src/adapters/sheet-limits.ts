import { errorMessages } from '@huzhu/core';
import { AppError } from '../errors.ts';

/**
 * The explicit limits of reading an uploaded spreadsheet. A workbook is a zip of XML parts: every part is inflated as
 * a bounded stream (its own size, the ratio to its compressed size, the whole file's total), and the XML inside is
 * bounded too (characters between two tags, one cell's text), so a zip bomb or a 600 MB cell is refused after a few
 * megabytes with FILE_TOO_COMPLEX instead of being inflated. Row counts are the importers' (rosters: config).
 */
export const sheetLimits = {
  /** One inflated worksheet (a 100,000-row roster is about 30 MB of XML). */
  maxPartBytes: 256 * 1024 * 1024,
  /** workbook.xml, relationships, content types, styles: small parts. */
  maxSmallPartBytes: 8 * 1024 * 1024,
  /** The shared-string table is held in memory while the sheet is read. */
  maxSharedStringsBytes: 64 * 1024 * 1024,
  /** Everything inflated from one file. */
  maxTotalBytes: 512 * 1024 * 1024,
  /** Inflated ÷ compressed, checked once a part has inflated past `ratioFloorBytes` (real sheets stay under 30). */
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  /** Excel's own limit for one cell. */
  maxCellChars: 32_767,
  /** XML characters between two tags (a cell's text with entities is far shorter). */
  maxRunChars: 1024 * 1024,
  /** Columns of a sheet (XFD, Excel's last). */
  maxColumns: 16_384,
  /** Parts in one zip. */
  maxParts: 10_000,
} as const;

export const tooComplex = (reason: string, where?: Record<string, unknown>) =>
  new AppError('FILE_TOO_COMPLEX', { reason, ...where });

/**
 * A guard over XML text as it is decoded: throws FILE_TOO_COMPLEX once a run of characters without a `<` (a text or
 * one tag) grows past the limit, before the parser buffers it.
 */
export function xmlRunGuard(limit: number = sheetLimits.maxRunChars): (chunk: string) => void {
  let run = 0;
  return (chunk) => {
    const first = chunk.indexOf('<');
    if (first < 0) run += chunk.length;
    else {
      if (run + first > limit) throw tooComplex('xml-run-too-long', { limit });
      run = chunk.length - chunk.lastIndexOf('<');
    }
    if (run > limit) throw tooComplex('xml-run-too-long', { limit });
  };
}

/** A file with more data rows than an importer takes: refused whole, the limit named. */
export const tooManyRows = (maxRows: number) =>
  new AppError(
    'ROSTER_TOO_MANY_ROWS',
    { maxRows },
    `${errorMessages.ROSTER_TOO_MANY_ROWS}（每个文件最多 ${maxRows.toLocaleString('en-US')} 行）`,
  );
