import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rosterColumns } from '@huzhu/core';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/errors.ts';
import { createPiiCipher } from '../src/security/pii-cipher.ts';
import {
  decodeRows,
  encodeRows,
  type PreparedRosterRow,
  prepareRosterRows,
  rosterColumnNames,
} from '../src/services/roster-rows.ts';
import { makeIdNumber } from './helpers/test-context.ts';
import { csvOf, xlsxOf } from './helpers/upload.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huzhu-roster-rows-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const cipher = createPiiCipher(Buffer.alloc(32, 1), Buffer.alloc(32, 2));
const header = Object.values(rosterColumns);

/** The preparation run in this thread (the worker only transports it). */
async function prepare(name: string, content: Buffer | string) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  const sent: PreparedRosterRow[][] = [];
  await prepareRosterRows(
    { file, fileName: name, today: '2026-11-28', defaultShares: 1, keys: cipher.exportKeys() },
    async (rows) => {
      sent.push(rows);
    },
  );
  return sent;
}

describe('roster rows prepared off the event loop (services/roster-rows.ts)', () => {
  it('checks each row, refuses repeats after the first, and seals the ID numbers of the rows that pass', async () => {
    const a = makeIdNumber('1985-06-15', 'female');
    const b = makeIdNumber('1990-01-02', 'male');
    const valid = makeIdNumber('1991-03-04');
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const sent = await prepare(
      'r.xlsx',
      await xlsxOf([
        [...header, '备注'],
        ['张三', a, '13800138000', 2, '在职职工', '是', '多余的列'],
        ['李四', wrongCheck, '', 1, '在职职工', '是', ''],
        ['王五', b, '139 0013 9000', '', '新就业形态劳动者', '否', ''],
        ['张三', ` ${a.toLowerCase()} `, '13800138000', 1, '在职职工', '是', ''],
      ]),
    );
    const rows = sent.flat();
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4, 5]);
    // Cells in the template's order, whatever else the file holds.
    expect(rosterColumnNames).toEqual(header);
    expect(rows[0]!.cells).toEqual(['张三', a, '13800138000', '2', '在职职工', '是']);

    const first = rows[0]!.ready!;
    expect(first.person).toMatchObject({
      name: '张三',
      idNumber: a,
      sex: 'female',
      shares: 2,
      birthDate: '1985-06-15',
    });
    expect(first.hash).toBe(cipher.blindIndex(a));
    expect(cipher.decrypt(first.idEnc)).toBe(a);
    expect(first.idMasked).toMatch(/^5001\*+\w{4}$/);

    expect(rows[1]!.ready).toBeNull();
    expect(rows[1]!.issues.map((i) => i.code)).toContain('ID_CHECKSUM_INVALID');

    expect(rows[2]!.ready?.person).toMatchObject({ shares: 1, employmentKind: 'gig', hasMedicalInsurance: false });
    expect(rows[2]!.ready?.person.mobile).toBe('13900139000');

    // What crosses between the threads decodes to the same rows (ready or not, with or without issues, no mobile).
    expect(decodeRows(structuredClone(encodeRows(rows)))).toEqual(rows);

    // The same person again (lower-case x, spaces): refused, pointing at the first row.
    expect(rows[3]!.ready).toBeNull();
    expect(rows[3]!.issues).toContainEqual(
      expect.objectContaining({
        code: 'DUPLICATE_IN_FILE',
        row: 5,
        column: rosterColumns.idNumber,
        message: expect.stringContaining('第 2 行'),
      }),
    );
  });

  it('sends a first batch of at least 100 rows, then batches of at least 500 (whole read batches), in file order', async () => {
    const people = Array.from({ length: 1234 }, (_, i) => [
      '王明',
      makeIdNumber(`19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`),
      '13800138000',
      1,
      '在职职工',
      '是',
    ]);
    const sent = await prepare('big.csv', csvOf([header, ...people]));
    expect(sent.length).toBeGreaterThan(2);
    expect(sent[0]!.length).toBeGreaterThanOrEqual(100);
    expect(sent[0]!.length).toBeLessThan(1234);
    for (const b of sent.slice(1, -1)) expect(b.length).toBeGreaterThanOrEqual(500);
    expect(sent.flat().map((r) => r.row)).toEqual(Array.from({ length: 1234 }, (_, i) => i + 2));
  });

  it('a missing required column fails before any row is sent', async () => {
    const sent: unknown[] = [];
    const file = path.join(dir, 'no-id.csv');
    fs.writeFileSync(
      file,
      csvOf([
        ['姓名', '手机号'],
        ['张三', '13800138000'],
      ]),
    );
    const error = await prepareRosterRows(
      { file, fileName: 'no-id.csv', today: '2026-11-28', defaultShares: 1, keys: cipher.exportKeys() },
      async (rows) => {
        sent.push(rows);
      },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'COLUMN_MISSING' });
    expect(sent).toEqual([]);
  });

  it('stops when the consumer cancels', async () => {
    const people = Array.from({ length: 2000 }, () => ['王明', makeIdNumber(), '', 1, '', '']);
    const file = path.join(dir, 'cancel.csv');
    fs.writeFileSync(file, csvOf([header, ...people]));
    const abort = new AbortController();
    let batches = 0;
    const error = await prepareRosterRows(
      { file, fileName: 'cancel.csv', today: '2026-11-28', defaultShares: 1, keys: cipher.exportKeys() },
      async () => {
        batches += 1;
        abort.abort();
      },
      abort.signal,
    ).catch((e: unknown) => e);
    expect(batches).toBe(1);
    expect((error as Error).name).toBe('AbortError');
  });
});
