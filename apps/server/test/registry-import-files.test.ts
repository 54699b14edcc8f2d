import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGbk, gb18030Of } from './helpers/gbk.ts';
import { importFootprint, REGISTRY_HEADER, registryCreditCode, upload } from './helpers/registry.ts';
import { type Agent, createTestContext, type TestContext } from './helpers/test-context.ts';
import { type CellInput, csvOf, multipartBody, xlsxOf } from './helpers/upload.ts';

let ctx: TestContext;
let admin: Agent;
let agencyId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('office_admin');
  agencyId = (await ctx.newAgency({ code: 'JB', name: '江北区' })).id;
});
afterAll(() => ctx.close());

const unitByCode = (code: string) =>
  ctx.handle.db.selectFrom('unit').selectAll().where('credit_code', '=', code).executeTakeFirst();
const line = (name: string, code = registryCreditCode(), headcount: CellInput = 10): CellInput[] => [
  name,
  code,
  '非公企业',
  '制造业',
  '江北区',
  headcount,
  null,
  '王芳',
  '13800138000',
];
const tmpFiles = () => {
  const dir = path.join(ctx.deps.config.dataDir, 'tmp');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

async function expectRefused(name: string, content: Buffer | string, status: number, code: string) {
  const before = await importFootprint(ctx);
  const res = await upload(admin, name, content);
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().code).toBe(code);
  expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
  expect(await importFootprint(ctx)).toEqual(before);
  return res;
}

describe('files that are not readable spreadsheets change nothing', () => {
  const png = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a10000000049454e44ae426082',
    'hex',
  );
  it.each([
    [
      'random bytes named .xlsx',
      'roster.xlsx',
      () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
    ],
    ['a PNG named .xlsx', 'photo.xlsx', () => png],
    ['a PNG', 'photo.png', () => png],
    ['a text file', 'notes.txt', () => `${REGISTRY_HEADER.join(',')}\r\n甲公司,x`],
    ['a Word-like zip', 'doc.xlsx', () => Buffer.from('504b0304140000000800', 'hex')],
  ])('%s → 400 FILE_UNREADABLE', async (_l, name, content) => {
    await expectRefused(name, content(), 400, 'FILE_UNREADABLE');
  });

  it('an old binary .xls → 400 FILE_UNREADABLE telling to save as .xlsx', async () => {
    const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(2048, 0)]);
    const res = await expectRefused('名册.xls', xls, 400, 'FILE_UNREADABLE');
    expect(res.json().message).toContain('.xlsx');
  });

  it('a truncated xlsx → 400 FILE_UNREADABLE', async () => {
    const whole = await xlsxOf([REGISTRY_HEADER, line('截断公司')]);
    await expectRefused('cut.xlsx', whole.subarray(0, Math.floor(whole.length * 0.6)), 400, 'FILE_UNREADABLE');
  });

  it('a zip that holds no workbook → 400 FILE_UNREADABLE', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRow(['x']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    // Rename every entry so no part is where a workbook keeps it.
    const renamed = Buffer.from(buf.toString('latin1').replaceAll('xl/', 'zz/'), 'latin1');
    await expectRefused('other.xlsx', renamed, 400, 'FILE_UNREADABLE');
  });

  it('an empty file → 400 FILE_EMPTY', async () => {
    await expectRefused('empty.csv', '', 400, 'FILE_EMPTY');
    await expectRefused('empty.xlsx', Buffer.alloc(0), 400, 'FILE_EMPTY');
  });

  it('a request without a file, or not multipart → 400', async () => {
    const noFile = multipartBody(null, { note: 'x' });
    const res = await admin.inject({ method: 'POST', url: '/api/v1/registry-imports', ...noFile });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    const json = await admin.post('/api/v1/registry-imports', { file: 'x' });
    expect(json.statusCode).toBe(400);
    expect(json.json().code).toBe('VALIDATION_FAILED');
  });

  it('a file over 20 MB → 413 PAYLOAD_TOO_LARGE, nothing stored, no temporary file left', async () => {
    const big = Buffer.concat([
      Buffer.from(`${REGISTRY_HEADER.join(',')}\r\n${line('超大公司').join(',')}\r\n`),
      Buffer.alloc(20 * 1024 * 1024 + 10, 0x20),
    ]);
    const leftBefore = tmpFiles();
    await expectRefused('big.csv', big, 413, 'PAYLOAD_TOO_LARGE');
    expect(tmpFiles()).toEqual(leftBefore);
  });
});

describe('what users put in spreadsheets', () => {
  it('accepts a file larger than the JSON body limit (2 MB)', async () => {
    const r = line('两兆公司');
    const content = `${REGISTRY_HEADER.join(',')}\r\n${r.join(',')}\r\n${'\r\n'.repeat(1024 * 1024)}`;
    const res = await upload(admin, 'two-mb.csv', content);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ totalRows: 1, createdUnits: 1 });
  });

  it('reads formula results and numbers written as text', async () => {
    const rows = [
      line('公式公司', registryCreditCode(), { formula: '100+20', result: 120 }),
      line('文本数字公司', registryCreditCode(), '1,200'),
      line('小数公司', registryCreditCode(), 35.0),
      [
        { formula: 'CONCATENATE("重庆","公式名称公司")', result: '重庆公式名称公司' },
        registryCreditCode(),
        '国有企业',
        null,
        '江北区',
        '88',
        '8',
        null,
        13912345678,
      ],
    ];
    const res = await upload(admin, 'f.xlsx', await xlsxOf([REGISTRY_HEADER, ...rows]));
    expect(res.json()).toMatchObject({ totalRows: 4, createdUnits: 4, rejectedRows: 0, issues: [] });
    expect(await unitByCode(String(rows[0]?.[1]))).toMatchObject({ headcount: 120 });
    expect(await unitByCode(String(rows[1]?.[1]))).toMatchObject({ headcount: 1200 });
    expect(await unitByCode(String(rows[2]?.[1]))).toMatchObject({ headcount: 35 });
    expect(await unitByCode(String(rows[3]?.[1]))).toMatchObject({
      name: '重庆公式名称公司',
      headcount: 88,
      female_headcount: 8,
      contact_phone: '13912345678',
    });
  });

  it('reports a formula without a computed value as an error of that cell', async () => {
    const r = line('未计算公司', registryCreditCode(), { formula: 'A1*2' });
    const res = await upload(admin, 'nf.xlsx', await xlsxOf([REGISTRY_HEADER, r]));
    expect(res.json()).toMatchObject({
      totalRows: 1,
      createdUnits: 0,
      issues: [{ row: 2, column: '职工人数', code: 'HEADCOUNT_INVALID' }],
    });
  });

  it('applies a merged cell’s value to every row it spans', async () => {
    const rows = [line('合并一公司'), line('合并二公司'), line('合并三公司')].map((r, i) =>
      i === 0 ? r : r.map((v, j) => (j === 4 ? null : v)),
    );
    const res = await upload(admin, 'merged.xlsx', await xlsxOf([REGISTRY_HEADER, ...rows], { merges: ['E2:E4'] }));
    expect(res.json()).toMatchObject({ totalRows: 3, createdUnits: 3, rejectedRows: 0 });
    for (const r of rows) expect(await unitByCode(String(r[1]))).toMatchObject({ agency_id: agencyId });
  });

  it('finds the header under a merged title row', async () => {
    const r = line('标题下公司');
    const title: CellInput[] = ['江北区工会组织名册（2026年）'];
    const res = await upload(admin, 'title.xlsx', await xlsxOf([title, REGISTRY_HEADER, r], { merges: ['A1:I1'] }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ totalRows: 1, createdUnits: 1 });
    const bad = await upload(
      admin,
      'title2.xlsx',
      await xlsxOf([title, REGISTRY_HEADER, line('标题下坏公司', registryCreditCode(), 'x')]),
    );
    expect(bad.json().issues).toEqual([expect.objectContaining({ row: 3, column: '职工人数' })]);
  });

  it('reads rich text cells', async () => {
    const code = registryCreditCode();
    const rich = { richText: [{ text: '重庆' }, { text: '富文本', font: { bold: true } }, { text: '有限公司' }] };
    const res = await upload(
      admin,
      'rich.xlsx',
      await xlsxOf([REGISTRY_HEADER, [rich as unknown as CellInput, ...line('x', code).slice(1)]]),
    );
    expect(res.json().createdUnits).toBe(1);
    expect((await unitByCode(code))?.name).toBe('重庆富文本有限公司');
  });

  it('reads a GBK-encoded csv (Excel on Chinese Windows saves csv that way)', async () => {
    const r = line('国标编码有限公司');
    const res = await upload(
      admin,
      'gbk.csv',
      encodeGbk(csvOf([REGISTRY_HEADER, r as (string | number)[]].map((x) => x.map((v) => v ?? '')))),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ totalRows: 1, createdUnits: 1, issues: [] });
    expect((await unitByCode(String(r[1])))?.name).toBe('国标编码有限公司');
  });

  it('a GB18030 csv with a character outside GBK: imported, with a warning naming the cell (issue 15 item 15)', async () => {
    const rare = '𠀾';
    const r = line('重庆X有限公司').map((v) => v ?? '') as (string | number)[];
    const [before, after] = csvOf([REGISTRY_HEADER, r]).split('X');
    const res = await upload(
      admin,
      'gb18030.csv',
      Buffer.concat([encodeGbk(before!), gb18030Of(rare), encodeGbk(after!)]),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ totalRows: 1, createdUnits: 1 });
    expect(res.json().issues).toEqual([
      expect.objectContaining({ row: 2, column: '单位名称', code: 'CHAR_OUTSIDE_GBK', severity: 'warning' }),
    ]);
    expect(res.json().issues[0].message).toContain(`重庆${rare}有限公司`);
    expect((await unitByCode(String(r[1])))?.name).toBe(`重庆${rare}有限公司`);
  });

  it('imports more rows than one write chunk, and re-imports them as updates', async () => {
    const rows = Array.from({ length: 1234 }, (_, i) => line(`批量单位${i}有限公司`));
    const file = csvOf([REGISTRY_HEADER, ...rows.map((r) => r.map((v) => (v ?? '') as string | number))]);
    const first = await upload(admin, 'bulk.csv', file);
    expect(first.json()).toMatchObject({ totalRows: 1234, createdUnits: 1234, updatedUnits: 0, rejectedRows: 0 });
    const second = await upload(admin, 'bulk.csv', file);
    expect(second.json()).toMatchObject({ totalRows: 1234, createdUnits: 0, updatedUnits: 1234 });
  });
});
