import { rosterColumns } from '@huzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, makeIdNumber, type Agent, type TestContext } from './helpers/test-context.ts';
import { type CellInput, csvOf, multipartBody, xlsxOf } from './helpers/upload.ts';

const header = Object.values(rosterColumns);

describe('roster files: malformed input gets one clear answer and stores nothing', () => {
  let ctx: TestContext;
  let agent: Agent;
  let unitId: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    const unit = await ctx.newUnit();
    unitId = unit.id;
    agent = await ctx.as('unit_agent', { unit_id: unit.id });
  });
  afterAll(() => ctx.close());

  const batches = async () =>
    Number(
      (
        await ctx.handle.db
          .selectFrom('enrolment_batch')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  async function send(
    name: string,
    content: Buffer | string,
    fields = { productCode: 'CI_A', startDate: '2026-04-01' },
  ) {
    const body = multipartBody({ name, content }, fields);
    return agent.inject({
      method: 'POST',
      url: `/api/v1/units/${unitId}/roster-imports`,
      payload: body.payload,
      headers: body.headers,
    });
  }
  const sendRows = async (rows: CellInput[][], opts: { merges?: string[] } = {}) =>
    send('名册.xlsx', await xlsxOf(rows, opts));

  it.each([
    ['random bytes named .xlsx', '名册.xlsx', Buffer.from([1, 2, 3, 4, 5, 0, 7, 8])],
    ['a PNG', 'photo.xlsx', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')],
    ['a text file', 'roster.txt', '姓名,身份证号\n张三,500103198506151236'],
    ['a broken zip', '名册.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 1)])],
  ])('%s → 400 FILE_UNREADABLE, nothing stored', async (_label, name, content) => {
    const before = await batches();
    const res = await send(name, content);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('FILE_UNREADABLE');
    expect(res.json().message).toMatch(/xlsx|csv/);
    expect(await batches()).toBe(before);
  });

  it('an empty file and a file without a header row', async () => {
    const empty = await send('名册.csv', '');
    expect(empty.statusCode).toBe(400);
    expect(['FILE_EMPTY', 'HEADER_MISSING']).toContain(empty.json().code);
    const blank = await send('名册.csv', '\r\n\r\n');
    expect(blank.statusCode).toBe(400);
    expect(blank.json().code).toBe('HEADER_MISSING');
  });

  it('a missing required column names it', async () => {
    const res = await sendRows([
      ['姓名', '手机号'],
      ['张三', '13800138000'],
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'COLUMN_MISSING', details: { columns: ['身份证号'] } });
  });

  it('header only: a batch with no rows and a FILE_EMPTY issue, which cannot be submitted', async () => {
    const res = await sendRows([header]);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ totalRows: 0, acceptedRows: 0 });
    expect(res.json().issues[0].code).toBe('FILE_EMPTY');
    expect((await agent.post(`/api/v1/enrolment-batches/${res.json().id}/submit`)).statusCode).toBe(400);
  });

  it('an oversized upload → 413 PAYLOAD_TOO_LARGE, nothing stored', async () => {
    const before = await batches();
    const res = await send('big.csv', Buffer.alloc(21 * 1024 * 1024, 0x41));
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
    expect(await batches()).toBe(before);
  });

  it('bad form fields: impossible start date, past start date, unknown product', async () => {
    const file = await xlsxOf([header, ['张三', makeIdNumber(), '13800138000', 1, '在职职工', '是']]);
    expect((await send('a.xlsx', file, { productCode: 'CI_A', startDate: '2026-02-30' })).statusCode).toBe(400);
    expect((await send('a.xlsx', file, { productCode: 'CI_A', startDate: '2020-01-01' })).statusCode).toBe(400);
    expect((await send('a.xlsx', file, { productCode: 'NOPE', startDate: '2026-04-01' })).statusCode).toBe(404);
    expect((await send('a.xlsx', file, { productCode: 'GIG', startDate: '2026-04-01' })).statusCode).toBe(400);
  });

  it('normalises what Excel users type: spaces, full-width digits, lower-case x, 15-digit IDs, formula and number cells', async () => {
    const withX = '50010519850101100X';
    const fullWidth = makeIdNumber('1988-08-08', 'male').replace(/\d/g, (d) =>
      String.fromCharCode(d.charCodeAt(0) + 0xfee0),
    );
    const fifteen = '500103850615123'; // → 500103198506151236 after conversion (male, 1985-06-15)
    const res = await sendRows([
      [...header.slice(0, 5), ' 是否参加职工医保 '],
      ['  张 三  '.trim(), ` ${withX.toLowerCase()} `, '138 0013 8000', ' 2 ', '在职职工', '是'],
      [
        '李四',
        fullWidth,
        { formula: '"139"&"00139000"', result: '13900139000' },
        { formula: '1+1', result: 2 },
        '在职职工',
        '是',
      ],
      ['王五', fifteen, 13700137000, 1, '新就业形态劳动者', '否'],
    ]);
    expect(res.statusCode).toBe(201);
    const batch = res.json();
    expect(batch.issues.filter((i: { severity: string }) => i.severity === 'error')).toEqual([]);
    expect(batch).toMatchObject({ acceptedRows: 3, totalShares: 5 });
    const items = (await agent.get(`/api/v1/enrolment-batches/${batch.id}/items`)).json().items;
    expect(items.map((i: { idNumberMasked: string }) => i.idNumberMasked)).toEqual([
      '5001**********100X',
      expect.any(String),
      '5001**********1236',
    ]);
    // Beside the masked number only the birth year: the full date would give its middle digits away.
    for (const i of items) {
      expect(i.birthDate).toBeUndefined();
      expect(i.birthYear).toBeGreaterThan(1900);
    }
  });

  it('merged cells and an 18-digit ID typed as a number are reported, not guessed', async () => {
    const res = await sendRows(
      [
        header,
        ['张三', makeIdNumber('1980-01-01', 'male'), '13800138000', 1, '在职职工', '是'],
        ['李四', makeIdNumber('1981-01-01', 'male'), '13800138001', 1, '在职职工', '是'],
        // Excel keeps 15 significant digits: an ID typed as a number arrives with its last digits lost.
        ['王五', Number('500103198506151236'), '13800138002', 1, '在职职工', '是'],
      ],
      { merges: ['E2:E3'] },
    );
    expect(res.statusCode).toBe(201);
    const batch = res.json();
    // The merged cell's value sits in its top-left cell only; the second row reads as blank → the default category.
    expect(batch.acceptedRows).toBe(2);
    // Never turned back into 18 digits (about one in eleven would pass the check digit): refused with what to do.
    expect(batch.issues.find((i: { row: number }) => i.row === 4)).toMatchObject({
      code: 'ID_STORED_AS_NUMBER',
      column: '身份证号',
      severity: 'error',
      message: '身份证号被 Excel 存成了数字，末几位已丢失，请将该列设为文本后重新填写',
    });
  });

  it('a csv with BOM and duplicate rows', async () => {
    const id = makeIdNumber('1979-09-09', 'female');
    const res = await send(
      '名册.csv',
      csvOf(
        [header, ['张三', id, '13800138000', 1, '在职职工', '是'], ['张三', id, '13800138000', 1, '在职职工', '是']],
        { bom: true },
      ),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ totalRows: 2, acceptedRows: 1 });
    expect(res.json().issues).toContainEqual(
      expect.objectContaining({ row: 3, column: '身份证号', code: 'DUPLICATE_IN_FILE' }),
    );
  });

  it('injection strings are data, not code', async () => {
    const res = await sendRows([
      header,
      ["Robert'); DROP TABLE member;--", makeIdNumber(), '13800138000', 1, '在职职工', '是'],
    ]);
    expect(res.json().issues[0]).toMatchObject({ code: 'NAME_INVALID', column: '姓名' });
    expect(await batches()).toBeGreaterThan(0);
  });
});
