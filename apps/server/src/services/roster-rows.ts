import {
  ignoredRosterColumns,
  type IsoDate,
  maskIdNumber,
  parseRosterRow,
  type RosterPerson,
  requiredRosterColumns,
  rosterColumns,
  rosterHeaderAliases,
  type RowIssue,
  rowIssue,
} from '@huzhu/core';
import { type HeaderSpec, openSheet, requireColumns } from '../adapters/spreadsheet.ts';
import { tooManyRows } from '../adapters/sheet-limits.ts';
import { type PiiKeys, piiCipherFromKeys } from '../security/pii-cipher.ts';

/**
 * Reading a roster: everything about its rows that needs no database, done in a worker thread
 * (workers/roster-rows.worker.ts) while the import service writes the rows before them. The file is opened and its
 * columns checked (an unreadable file or a missing column fails the job before any row), every row is checked on its
 * own (core parseRosterRow), repeated ID numbers are refused after the first, and the rows that pass get their blind
 * index, ciphertext and masked form. Rows are sent as soon as BATCH_ROWS or more are ready (whole read batches; the first batch sooner).
 */
export interface RosterRowsStart {
  file: string;
  fileName: string;
  today: IsoDate;
  /** Blank shares mean this many (the product's minimum). */
  defaultShares: number;
  keys: PiiKeys;
  /** More data rows than this refuse the whole file (ROSTER_TOO_MANY_ROWS); ROSTER_MAX_ROWS when absent. */
  maxRows?: number;
}

/** Data rows per roster file unless configured (HUZHU_ROSTER_MAX_ROWS). */
export const ROSTER_MAX_ROWS = 100_000;

/** The roster's columns as the reader looks for them: the header row may sit under a title, its names vary. */
export const rosterHeader: HeaderSpec = {
  known: Object.values(rosterColumns),
  required: requiredRosterColumns,
  aliases: rosterHeaderAliases,
  ignored: ignoredRosterColumns,
};

export interface PreparedRosterRow {
  row: number;
  /** The row's cells in the template's column order (rosterColumnNames), for the error report. */
  cells: string[];
  issues: RowIssue[];
  /** Set when the row passed every check made here; the product rules against held policies come after. */
  ready: { person: RosterPerson; hash: string; idEnc: string; idMasked: string } | null;
}

export const rosterColumnNames: string[] = Object.values(rosterColumns);

/**
 * A batch as it crosses between threads: one flat array per row instead of nested objects, which a structured clone
 * copies in about a third of the time. `encodeRows` in the worker, `decodeRows` on the other side; nothing else
 * sees this shape.
 */
type WireRow = [
  row: number,
  issues: RowIssue[] | null,
  cells: string[],
  // The rest only when the row is ready:
  hash?: string,
  idEnc?: string,
  idMasked?: string,
  name?: string,
  idNumber?: string,
  birthDate?: string,
  sex?: RosterPerson['sex'],
  mobile?: string | null,
  shares?: number,
  employmentKind?: RosterPerson['employmentKind'],
  hasMedicalInsurance?: boolean,
];
export type WireRows = WireRow[];
/** One message of the job: rows, and with the first one the issues of the sheet itself (columns not understood). */
export interface RosterWire {
  rows: WireRows;
  sheetIssues?: RowIssue[];
}

export function encodeRows(rows: PreparedRosterRow[]): WireRows {
  return rows.map(({ row, issues, cells, ready }): WireRow => {
    const head: WireRow = [row, issues.length ? issues : null, cells];
    if (!ready) return head;
    const p = ready.person;
    head.push(ready.hash, ready.idEnc, ready.idMasked, p.name, p.idNumber, p.birthDate, p.sex, p.mobile, p.shares);
    head.push(p.employmentKind, p.hasMedicalInsurance);
    return head;
  });
}

export function decodeRows(wire: WireRows): PreparedRosterRow[] {
  return wire.map((w) => {
    const [row, issues, cells, hash, idEnc, idMasked, name, idNumber, birthDate, sex, mobile, shares, kind, insured] =
      w;
    return {
      row,
      cells,
      issues: issues ?? [],
      ready:
        hash === undefined
          ? null
          : {
              hash,
              idEnc: idEnc!,
              idMasked: idMasked!,
              person: {
                row,
                name: name!,
                idNumber: idNumber!,
                birthDate: birthDate!,
                sex: sex!,
                mobile: mobile ?? null,
                shares: shares!,
                employmentKind: kind!,
                hasMedicalInsurance: insured!,
              },
            },
    };
  });
}

const BATCH_ROWS = 500;
/** The first batch goes sooner, so that the database side starts while the rest is read. */
const FIRST_BATCH_ROWS = 100;

export async function prepareRosterRows(
  start: RosterRowsStart,
  send: (rows: PreparedRosterRow[], sheetIssues?: RowIssue[]) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const cipher = piiCipherFromKeys(start.keys);
  const maxRows = start.maxRows ?? ROSTER_MAX_ROWS;
  const sheet = await openSheet(start.file, start.fileName, { header: rosterHeader, signal, maxRows });
  requireColumns(sheet.headers, requiredRosterColumns);
  let sheetIssues: RowIssue[] | undefined = sheet.unknownColumns.map((h) =>
    rowIssue(sheet.headerRow, h, 'COLUMN_UNKNOWN', 'warning', `「${h}」`),
  );
  const seen = new Map<string, number>();
  let out: PreparedRosterRow[] = [];
  let batchRows = FIRST_BATCH_ROWS;
  let count = 0;
  for await (const batch of sheet.batches) {
    signal?.throwIfAborted();
    count += batch.length;
    if (count > maxRows) throw tooManyRows(maxRows);
    for (const { row, values, flags } of batch) {
      const cells = rosterColumnNames.map((h) => values[h] ?? '');
      const parsed = parseRosterRow(row, values, start.today, start.defaultShares, {
        idFromNumber: flags?.[rosterColumns.idNumber] === 'lossy-number',
      });
      if (flags)
        for (const [column, flag] of Object.entries(flags))
          if (flag === 'outside-gbk')
            parsed.issues.push(rowIssue(row, column, 'CHAR_OUTSIDE_GBK', 'warning', `「${values[column]}」`));
      const person = parsed.person;
      if (!person) {
        out.push({ row, cells, issues: parsed.issues, ready: null });
        continue;
      }
      const hash = cipher.blindIndex(person.idNumber);
      const first = seen.get(hash);
      if (first !== undefined) {
        const dup = rowIssue(row, rosterColumns.idNumber, 'DUPLICATE_IN_FILE', 'error', `与第 ${first} 行重复`);
        out.push({ row, cells, issues: [...parsed.issues, dup], ready: null });
        continue;
      }
      seen.set(hash, row);
      out.push({
        row,
        cells,
        issues: parsed.issues,
        ready: { person, hash, idEnc: cipher.encrypt(person.idNumber), idMasked: maskIdNumber(person.idNumber) },
      });
    }
    if (out.length >= batchRows) {
      await send(out, sheetIssues);
      sheetIssues = undefined;
      out = [];
      batchRows = BATCH_ROWS;
    }
  }
  if (out.length || sheetIssues) await send(out, sheetIssues);
}
