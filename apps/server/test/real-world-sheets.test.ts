import * as XLSX from '@e965/xlsx';
import { rosterColumns } from '@huzhu/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGbk, gb18030Of } from './helpers/gbk.ts';
import { createTestContext, makeIdNumber, type Agent, type TestContext } from './helpers/test-context.ts';
import { csvOf, handXlsx, inlineRow, multipartBody, xlsxOf } from './helpers/upload.ts';

const header = Object.values(rosterColumns);

/** Spreadsheets as other writers and careless users make them (issue 15 items 12–15). */
describe('real-world spreadsheets', () => {
  let ctx: TestContext;
  let agent: Agent;
  let unitId: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    const unit = await ctx.newUnit({ headcount: 10 });
    unitId = unit.id;
    agent = await ctx.as('unit_agent', { unit_id: unit.id });
  });
  afterAll(() => ctx.close());

  const send = (name: string, content: Buffer | string) => {
    const body = multipartBody({ name, content }, { productCode: 'CI_A', startDate: '2026-04-01' });
    return agent.inject({
      method: 'POST',
      url: `/api/v1/units/${unitId}/roster-imports`,
      payload: body.payload,
      headers: body.headers,
    });
  };
  const items = (batchId: string) =>
    ctx.handle.db
      .selectFrom('enrolment_item')
      .select(['name', 'shares', 'mobile', 'id_number_masked'])
      .where('batch_id', '=', batchId)
      .orderBy('row_number')
      .execute();

  it('12: the template keeps ID and mobile as Text, so Excel never turns them into numbers', async () => {
    const res = await agent.get('/api/v1/roster-imports/template');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getColumn(2).numFmt).toBe('@');
    expect(ws.getColumn(3).numFmt).toBe('@');
    expect(ws.getCell('B2').value).toBe('500103198506151236');
    // The cells a user types into later rows are Text as well.
    expect(ws.getCell('B50').numFmt ?? ws.getColumn(2).numFmt).toBe('@');
  });

  it('12: an ID read from a number cell of more than 15 digits is refused with the exact message (xlsx, xls)', async () => {
    const lossy = Number('500103198506151236');
    const rows = [header, ['王五', lossy, '13800138002', 1, '在职职工', '是']];
    for (const [name, file] of [
      ['a.xlsx', await xlsxOf(rows)],
      ['a.xls', XLSX.write(sheetBook(rows), { type: 'buffer', bookType: 'biff8' }) as Buffer],
    ] as const) {
      const res = await send(name, file);
      expect(res.statusCode, name).toBe(201);
      expect(res.json().acceptedRows).toBe(0);
      expect(res.json().issues.find((i: { code: string }) => i.code.startsWith('ID'))).toMatchObject({
        row: 2,
        column: '身份证号',
        code: 'ID_STORED_AS_NUMBER',
        message: '身份证号被 Excel 存成了数字，末几位已丢失，请将该列设为文本后重新填写',
      });
    }
  });

  it('13: a merged title row, a note row, the header on row 3, a hidden and an instruction sheet first', async () => {
    const id = makeIdNumber('1990-01-01', 'male');
    const file = handXlsx({
      sheets: [
        { name: '隐藏', state: 'hidden', rows: inlineRow(1, header) + inlineRow(2, ['错人', makeIdNumber()]) },
        { name: '填写说明', rows: inlineRow(1, ['1. 身份证号请设为文本']) + inlineRow(2, ['2. 份数填整数']) },
        {
          name: '名册',
          rows:
            inlineRow(1, ['XX 单位参保花名册']) +
            inlineRow(2, ['填报单位：某公司']) +
            inlineRow(3, header) +
            inlineRow(4, ['张三', id, '13800138000', '1', '在职职工', '是']),
        },
      ],
      parts: [],
    });
    const res = await send('名册.xlsx', file);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ totalRows: 1, acceptedRows: 1 });
    expect((await items(res.json().id))[0]).toMatchObject({ name: '张三' });
    expect(
      res
        .json()
        .issues.find((i: { row: number; code: string }) => i.row === 4 && i.code !== 'PARTICIPATION_BELOW_MINIMUM'),
    ).toBeUndefined();

    // The same through exceljs with a merged title (merges over the header row's width).
    const merged = await xlsxOf(
      [['XX 单位参保花名册'], [], header, ['李四', makeIdNumber(), '13800138001', 1, '在职职工', '是']],
      {
        merges: ['A1:F1'],
      },
    );
    const m = await send('名册.xlsx', merged);
    expect(m.statusCode).toBe(201);
    expect(m.json()).toMatchObject({ totalRows: 1, acceptedRows: 1 });
  });

  it('14: header variants are understood, every other column is reported, 1.5 份 is an error', async () => {
    const ids = [
      makeIdNumber('1980-02-02', 'male'),
      makeIdNumber('1981-03-03', 'female'),
      makeIdNumber('1982-04-04', 'male'),
    ];
    const res = await send(
      '名册.xlsx',
      await xlsxOf([
        ['序号', '姓名', '身份证号码', '联系电话', '参保份数（份）', '人员类别', '是否参加职工医保', '部门', '工号'],
        [1, '张三', ids[0]!, '13800138000', 2, '在职职工', '是', '一车间', 'A1'],
        [2, '李四', ids[1]!, '13800138001', '3 份', '在职职工', '是', '二车间', 'A2'],
        [3, '王五', ids[2]!, '13800138002', '1.5 份', '在职职工', '是', '三车间', 'A3'],
      ]),
    );
    expect(res.statusCode).toBe(201);
    const batch = res.json();
    expect(batch).toMatchObject({ totalRows: 3, acceptedRows: 2, totalShares: 5 });
    const got = await items(batch.id);
    expect(got.map((i) => [i.name, i.shares, i.mobile])).toEqual([
      ['张三', 2, '13800138000'],
      ['李四', 3, '13800138001'],
    ]);
    const unknown = batch.issues.filter((i: { code: string }) => i.code === 'COLUMN_UNKNOWN');
    expect(unknown.map((i: { column: string }) => i.column)).toEqual(['部门', '工号']);
    expect(unknown[0]).toMatchObject({ row: 1, severity: 'warning' });
    expect(unknown[0].message).toContain('部门');
    expect(batch.issues.find((i: { row: number }) => i.row === 4)).toMatchObject({
      column: '参保份数',
      code: 'SHARES_OUT_OF_RANGE',
      severity: 'error',
    });
  });

  it('15: a legacy .xls and an .ods are read (merged cells, text IDs)', async () => {
    const rows = [
      ['参保花名册'],
      header,
      ['张三', makeIdNumber('1980-01-01', 'male'), '13800138000', 1, '在职职工', '是'],
      ['李四', makeIdNumber('1981-01-01', 'female'), '13800138001', 2, '在职职工', '是'],
    ];
    for (const [name, bookType] of [
      ['旧名册.xls', 'biff8'],
      ['名册.ods', 'ods'],
    ] as const) {
      const file = XLSX.write(sheetBook(rows), { type: 'buffer', bookType }) as Buffer;
      const res = await send(name, file);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(201);
      expect(res.json(), name).toMatchObject({ totalRows: 2, acceptedRows: 2, totalShares: 3 });
    }
  });

  it('15: an .ods package past the zip limits is refused like an xlsx', async () => {
    const ods = XLSX.write(sheetBook([header]), { type: 'buffer', bookType: 'ods' }) as Buffer;
    // Rebuild its content.xml as a 300 MB part (declared small).
    const { deflatedRepeat, zipOf } = await import('./helpers/upload.ts');
    const bomb = deflatedRepeat(
      '<office:document-content>',
      Buffer.alloc(1024 * 1024, 0x20),
      300,
      '</office:document-content>',
    );
    const mimetype = 'application/vnd.oasis.opendocument.spreadsheet';
    const file = zipOf(
      [
        { name: 'mimetype', data: mimetype },
        { name: 'content.xml', deflated: bomb, declaredSize: 100 },
      ],
      { storeFirst: true },
    );
    expect(ods.length).toBeGreaterThan(0);
    const res = await send('炸弹.ods', file);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('FILE_TOO_COMPLEX');
  });

  it('15: a GB18030 csv with a character outside GBK gets a warning naming the cell; ="…" cells unwrapped; footer ignored', async () => {
    const id = makeIdNumber('1985-05-05', 'male');
    const rare = '𠀾';
    // GB18030 four-byte sequence for the rare character, GBK for the rest.
    const rareBytes = gb18030Of(rare);
    const csv = Buffer.concat([
      encodeGbk(`${csvOf([header])}\r\n张`),
      rareBytes,
      encodeGbk(`,="${id}",="13800138000",1,在职职工,是\r\n\r\n制表人：王芳,审核人：李四\r\n`),
    ]);
    const res = await send('名册.csv', csv);
    expect(res.statusCode, res.body).toBe(201);
    const batch = res.json();
    expect(batch).toMatchObject({ totalRows: 1, acceptedRows: 1 });
    expect(batch.issues.find((i: { code: string }) => i.code === 'CHAR_OUTSIDE_GBK')).toMatchObject({
      row: 2,
      column: '姓名',
      severity: 'warning',
    });
    expect(batch.issues.find((i: { code: string }) => i.code === 'CHAR_OUTSIDE_GBK').message).toContain(`张${rare}`);
    expect((await items(batch.id))[0]).toMatchObject({ name: `张${rare}`, mobile: '13800138000' });
  });

  it('15: phonetic runs in inline strings ignored, shared strings found through the relationships', async () => {
    const id = makeIdNumber('1986-06-06', 'female');
    const phonetic = `<row r="2"><c r="A2" t="inlineStr"><is><r><t>佐藤</t></r><rPh sb="0" eb="2"><t>サトウ</t></rPh></is></c><c r="B2" t="s"><v>${header.length}</v></c></row>`;
    const file = handXlsx({
      sheets: [
        {
          name: '名册',
          rows: `<row r="1">${header.map((_h, i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>${i}</v></c>`).join('')}</row>${phonetic}`,
        },
      ],
      shared: [...header, id],
      sharedPath: 'xl/strings/table.xml',
    });
    const res = await send('名册.xlsx', file);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ totalRows: 1, acceptedRows: 1 });
    expect((await items(res.json().id))[0]!.name).toBe('佐藤');
  });

  it('15: phonetic runs in shared strings are ignored too (a WPS/Excel-JP style table)', async () => {
    const id = makeIdNumber('1987-07-07', 'female');
    const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const sst = [
      ...header.map((h) => `<si><t>${esc(h)}</t></si>`),
      '<si><r><t>鈴木</t></r><rPh sb="0" eb="2"><t>スズキ</t></rPh><phoneticPr fontId="1"/></si>',
      `<si><t>${id}</t></si>`,
    ].join('');
    const cellS = (ref: string, i: number) => `<c r="${ref}" t="s"><v>${i}</v></c>`;
    const file = handXlsx({
      sheets: [
        {
          name: '名册',
          rows: `<row r="1">${header.map((_h, i) => cellS(`${String.fromCharCode(65 + i)}1`, i)).join('')}</row><row r="2">${cellS('A2', header.length)}${cellS('B2', header.length + 1)}</row>`,
        },
      ],
      shared: [],
      parts: [
        {
          name: 'xl/sharedStrings.xml',
          data: `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${sst}</sst>`,
        },
      ],
    });
    const res = await send('名册.xlsx', file);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ totalRows: 1, acceptedRows: 1 });
    expect((await items(res.json().id))[0]!.name).toBe('鈴木');
  });

  it('15: the registry import reads the same files (xls) and reports columns it does not know', async () => {
    const admin = await ctx.as('office_admin');
    const agency = await ctx.newAgency();
    const rows = [
      ['江北区工会组织名册'],
      ['单位名称', '统一社会信用代码', '单位类别', '代办处', '职工人数（人）', '邮编'],
      ['重庆示例甲有限公司', '91500105MA5U7X8Y9K', '非公企业', agency.name, 12, '400000'],
    ];
    const body = multipartBody({
      name: '名册.xls',
      content: XLSX.write(sheetBook(rows), { type: 'buffer', bookType: 'biff8' }) as Buffer,
    });
    const res = await admin.inject({
      method: 'POST',
      url: '/api/v1/registry-imports',
      payload: body.payload,
      headers: body.headers,
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    expect(res.json().totalRows).toBe(1);
    expect(
      res
        .json()
        .issues.filter((i: { code: string }) => i.code === 'COLUMN_UNKNOWN')
        .map((i: { column: string }) => i.column),
    ).toEqual(['邮编']);
  });
});

function sheetBook(rows: (string | number)[][]) {
  const wb = XLSX.utils.book_new();
  const ws = XLSX.utils.aoa_to_sheet(rows);
  XLSX.utils.book_append_sheet(wb, ws, '名册');
  return wb;
}
