import fs from 'node:fs';
import { pipeline as pipelineCb, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { AppError } from '../errors.ts';
import { sheetLimits, tooComplex } from './sheet-limits.ts';

/**
 * Just enough of the zip format to look inside an uploaded xlsx before streaming it: the list of parts (so a zip
 * that is no workbook, or a truncated one, is refused up front) and the merged ranges of a sheet. exceljs' streaming
 * reader ignores merges, and the sheet lists them after its rows, so they are read in a pass of their own.
 * No ZIP64: uploads are limited far below 4 GB.
 */
export interface ZipPart {
  name: string;
  method: number;
  compressedSize: number;
  /** As the directory declares it (a bomb may lie: the inflated stream is counted too). */
  size: number;
  localOffset: number;
}

/** What one file's parts may inflate to in all (sheetLimits.maxTotalBytes); shared by every part opened. */
export interface InflateBudget {
  left: number;
}
export const newBudget = (): InflateBudget => ({ left: sheetLimits.maxTotalBytes });

export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const unreadable = (reason: string) => new AppError('FILE_UNREADABLE', { reason });

export async function readZipDirectory(file: string): Promise<Map<string, ZipPart>> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const { size } = await fh.stat();
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLength);
    await fh.read(tail, 0, tailLength, size - tailLength);
    let end = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        end = i;
        break;
      }
    }
    if (end < 0) throw unreadable('zip-directory-missing');
    const count = tail.readUInt16LE(end + 10);
    if (count > sheetLimits.maxParts) throw tooComplex('zip-too-many-parts', { limit: sheetLimits.maxParts });
    const dirSize = tail.readUInt32LE(end + 12);
    const dirOffset = tail.readUInt32LE(end + 16);
    if (dirOffset + dirSize > size) throw unreadable('zip-directory-outside-file');
    const dir = Buffer.alloc(dirSize);
    await fh.read(dir, 0, dirSize, dirOffset);
    const parts = new Map<string, ZipPart>();
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== 0x02014b50) throw unreadable('zip-directory-corrupt');
      const nameLength = dir.readUInt16LE(p + 28);
      const name = dir.toString('utf8', p + 46, p + 46 + nameLength);
      parts.set(name, {
        name,
        method: dir.readUInt16LE(p + 10),
        compressedSize: dir.readUInt32LE(p + 20),
        size: dir.readUInt32LE(p + 24),
        localOffset: dir.readUInt32LE(p + 42),
      });
      p += 46 + nameLength + dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32);
    }
    return parts;
  } finally {
    await fh.close();
  }
}

const columnNumber = (letters: string) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);

/**
 * The inflated content of one part, as a bounded stream (never held whole): it fails with FILE_TOO_COMPLEX once the
 * part inflates past `limit` bytes, past sheetLimits.maxRatio times its compressed size, or past the file's budget.
 */
export async function openPart(
  file: string,
  part: ZipPart,
  limit: number = sheetLimits.maxPartBytes,
  budget: InflateBudget = newBudget(),
): Promise<Readable> {
  if (part.size > limit) throw tooComplex('part-too-large', { part: part.name, limit });
  const fh = await fs.promises.open(file, 'r');
  let start: number;
  try {
    const header = Buffer.alloc(30);
    await fh.read(header, 0, 30, part.localOffset);
    if (header.readUInt32LE(0) !== 0x04034b50) throw unreadable('zip-entry-corrupt');
    start = part.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  } finally {
    await fh.close();
  }
  if (part.method !== 0 && part.method !== 8) throw unreadable('zip-method');
  if (part.compressedSize === 0) return Readable.from([]);
  // Large reads and inflate chunks: each chunk is a round trip to the thread pool and a pass of the consumer.
  const raw = fs.createReadStream(file, { start, end: start + part.compressedSize - 1, highWaterMark: 256 * 1024 });
  let inflated = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _enc, done) {
      inflated += chunk.length;
      budget.left -= chunk.length;
      if (inflated > limit) return done(tooComplex('part-too-large', { part: part.name, limit }));
      if (budget.left < 0) return done(tooComplex('file-too-large', { limit: sheetLimits.maxTotalBytes }));
      if (inflated > sheetLimits.ratioFloorBytes && inflated > sheetLimits.maxRatio * part.compressedSize)
        return done(tooComplex('compression-ratio', { part: part.name, limit: sheetLimits.maxRatio }));
      done(null, chunk);
    },
  });
  const noop = () => undefined;
  if (part.method === 0) return pipelineCb(raw, counted, noop);
  const inflate = zlib.createInflateRaw({ chunkSize: 128 * 1024 });
  return pipelineCb(raw, inflate, counted, noop);
}

/** A small part (workbook.xml, its relationships) as text, at most sheetLimits.maxSmallPartBytes. */
export async function readPartText(file: string, part: ZipPart, budget?: InflateBudget): Promise<string> {
  const chunks: Buffer[] = [];
  try {
    for await (const c of (await openPart(file, part, sheetLimits.maxSmallPartBytes, budget)) as AsyncIterable<Buffer>)
      chunks.push(c);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw unreadable('zip-inflate');
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The merged ranges of one sheet part, scanned from its XML as it inflates (never held whole). */
export async function readMergedRanges(file: string, part: ZipPart, budget?: InflateBudget): Promise<MergedRange[]> {
  const ranges: MergedRange[] = [];
  const pattern = /<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)"/g;
  let carry = '';
  async function* scan(source: AsyncIterable<Buffer | string>) {
    for await (const chunk of source) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
      // Most of a sheet is rows: a chunk with no merge in it (nor one cut at its start) is not turned into text.
      if (!buf.includes('mergeCell') && !(carry + buf.toString('latin1', 0, 64)).includes('mergeCell')) {
        carry = buf.toString('latin1', Math.max(0, buf.length - 512));
        continue;
      }
      const text = carry + buf.toString('latin1');
      let lastEnd = 0;
      for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        ranges.push({
          left: columnNumber(m[1]!),
          top: Number(m[2]),
          right: columnNumber(m[3]!),
          bottom: Number(m[4]),
        });
        lastEnd = pattern.lastIndex;
      }
      pattern.lastIndex = 0;
      // Keep the end of the chunk: a tag may continue in the next one (a mergeCell tag is far shorter than this).
      carry = text.slice(Math.max(lastEnd, text.length - 512));
    }
    yield '';
  }
  try {
    await pipeline(await openPart(file, part, sheetLimits.maxPartBytes, budget), scan);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw unreadable('zip-inflate');
  }
  return ranges;
}

/**
 * A merged cell shows one value over several rows (an agency written once for a block of units); that value belongs
 * to every row the range spans, in the range's first column. Rows arrive in order, so only open ranges are checked.
 * A sheet without such ranges (most rosters) gets the rows back untouched.
 */
export function mergeFiller(ranges: MergedRange[]): ((rowNumber: number, values: string[]) => string[]) | null {
  const pending = ranges.filter((r) => r.bottom > r.top).sort((a, b) => a.top - b.top);
  if (pending.length === 0) return null;
  let next = 0;
  let open: { range: MergedRange; value: string }[] = [];
  return (rowNumber: number, values: string[]): string[] => {
    while (next < pending.length && pending[next]!.top <= rowNumber) {
      open.push({ range: pending[next]!, value: '' });
      next += 1;
    }
    if (open.length === 0) return values;
    open = open.filter((o) => o.range.bottom >= rowNumber);
    for (const o of open) {
      const i = o.range.left - 1;
      if (o.range.top === rowNumber) o.value = values[i] ?? '';
      else if (!values[i]) {
        while (values.length <= i) values.push('');
        values[i] = o.value;
      }
    }
    return values;
  };
}
