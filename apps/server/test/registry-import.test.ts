import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFootprint, REGISTRY_HEADER, registryCreditCode, upload } from './helpers/registry.ts';
import { type Agent, createTestContext, type TestContext } from './helpers/test-context.ts';
import { csvOf, xlsxOf } from './helpers/upload.ts';

let ctx: TestContext;
let admin: Agent;
let jiangbei: string;
let wanzhou: string;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('office_admin');
  jiangbei = (await ctx.newAgency({ code: 'JB', name: '江北区' })).id;
  wanzhou = (await ctx.newAgency({ code: 'WZ', name: '万州区' })).id;
});
afterAll(() => ctx.close());

const unitByCode = (code: string) =>
  ctx.handle.db.selectFrom('unit').selectAll().where('credit_code', '=', code).executeTakeFirst();
const row = (o: Partial<Record<(typeof REGISTRY_HEADER)[number], string | number>> = {}) => {
  const v: Record<string, string | number> = {
    单位名称: '重庆市江北区示例机械有限公司',
    统一社会信用代码: registryCreditCode(),
    单位类别: '非公企业',
    所属行业: '制造业',
    代办处: '江北区',
    职工人数: 320,
    女职工人数: 85,
    联系人: '王芳',
    联系电话: '13800138000',
    ...o,
  };
  return REGISTRY_HEADER.map((h) => v[h] ?? '');
};

describe('POST /registry-imports', () => {
  it('imports a good xlsx: creates the units, reports the counts, records the import and audits it', async () => {
    const rows = [
      row({ 单位名称: '甲公司' }),
      row({ 单位名称: '乙公司', 代办处: 'WZ', 单位类别: '国有企业' }),
      row({ 单位名称: '丙协会', 单位类别: '社会组织', 女职工人数: '' }),
    ];
    const res = await upload(admin, '名册.xlsx', await xlsxOf([REGISTRY_HEADER, ...rows]));
    expect(res.statusCode, res.body).toBe(201);
    const result = res.json();
    expect(result).toMatchObject({ totalRows: 3, createdUnits: 3, updatedUnits: 0, rejectedRows: 0, issues: [] });
    expect(await unitByCode(String(rows[0]?.[1]))).toMatchObject({
      name: '甲公司',
      category: 'private',
      industry: '制造业',
      agency_id: jiangbei,
      headcount: 320,
      female_headcount: 85,
      contact_name: '王芳',
      contact_phone: '13800138000',
      credit_code_valid: 1,
      office_id: ctx.office.id,
    });
    expect(await unitByCode(String(rows[1]?.[1]))).toMatchObject({ agency_id: wanzhou, category: 'soe' });
    expect(await unitByCode(String(rows[2]?.[1]))).toMatchObject({ category: 'social_org', female_headcount: null });
    const stored = await ctx.handle.db
      .selectFrom('registry_import')
      .selectAll()
      .where('id', '=', result.id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      file_name: '名册.xlsx',
      total_rows: 3,
      created_units: 3,
      created_by: admin.user.id,
    });
    const audit = await ctx.handle.db.selectFrom('audit_log').selectAll().where('object_id', '=', result.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['unit.registry_import']);
  });

  it('a re-import updates the units instead of duplicating them', async () => {
    const rows = [row({ 职工人数: 100 }), row({ 职工人数: 200 })];
    expect((await upload(admin, 'a.xlsx', await xlsxOf([REGISTRY_HEADER, ...rows]))).json().createdUnits).toBe(2);
    const changed = rows.map((r) => r.map((v, i) => (i === 5 ? Number(v) + 1 : i === 4 ? '万州区' : v)));
    const again = await upload(admin, 'b.xlsx', await xlsxOf([REGISTRY_HEADER, ...changed, row()]));
    expect(again.json()).toMatchObject({ totalRows: 3, createdUnits: 1, updatedUnits: 2, rejectedRows: 0 });
    for (const [i, r] of rows.entries()) {
      const units = await ctx.handle.db
        .selectFrom('unit')
        .selectAll()
        .where('credit_code', '=', String(r[1]))
        .execute();
      expect(units).toHaveLength(1);
      expect(units[0]).toMatchObject({ headcount: (i + 1) * 100 + 1, agency_id: wanzhou });
    }
  });

  it('reports each bad row with its Excel row, column, code, severity and a Chinese message, and skips it', async () => {
    const good = row();
    const rows = [
      good, // Excel row 2
      row({ 统一社会信用代码: '91500112MA5U7X8Y9' }), // 3: malformed
      row({ 单位类别: '外企' }), // 4
      row({ 代办处: '不存在区' }), // 5
      row({ 职工人数: 'abc' }), // 6
      row({ 职工人数: 10, 女职工人数: 11 }), // 7
      row({ 单位名称: '' }), // 8
    ];
    const res = await upload(admin, 'bad.xlsx', await xlsxOf([REGISTRY_HEADER, ...rows]));
    expect(res.statusCode, res.body).toBe(201);
    const { issues, ...counts } = res.json();
    expect(counts).toMatchObject({ totalRows: 7, createdUnits: 1, updatedUnits: 0, rejectedRows: 6 });
    const brief = (issues as { row: number; column: string; code: string; severity: string }[]).map(
      ({ row: r, column, code, severity }) => [r, column, code, severity],
    );
    expect(brief).toEqual([
      [3, '统一社会信用代码', 'CREDIT_CODE_INVALID', 'error'],
      [4, '单位类别', 'CATEGORY_INVALID', 'error'],
      [5, '代办处', 'AGENCY_UNKNOWN', 'error'],
      [6, '职工人数', 'HEADCOUNT_INVALID', 'error'],
      [7, '女职工人数', 'HEADCOUNT_INVALID', 'error'],
      [8, '单位名称', 'NAME_INVALID', 'error'],
    ]);
    for (const i of issues as { message: string }[]) expect(i.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await unitByCode(String(good[1]))).toBeTruthy();
    for (const r of rows.slice(2)) expect(await unitByCode(String(r[1]))).toBeUndefined();
  });

  it('imports a checksum-failing credit code with a warning', async () => {
    const res = await upload(
      admin,
      'w.xlsx',
      await xlsxOf([REGISTRY_HEADER, row({ 统一社会信用代码: '91350100M000100Y44' })]),
    );
    expect(res.json()).toMatchObject({ totalRows: 1, createdUnits: 1, rejectedRows: 0 });
    expect(res.json().issues).toEqual([
      {
        row: 2,
        column: '统一社会信用代码',
        code: 'CREDIT_CODE_CHECKSUM',
        severity: 'warning',
        message: expect.stringMatching(/校验位/),
      },
    ]);
    expect(await unitByCode('91350100M000100Y44')).toMatchObject({ credit_code_valid: 0 });
  });

  it('refuses the second row with a credit code already used in the file', async () => {
    const r = row();
    const res = await upload(
      admin,
      'dup.xlsx',
      await xlsxOf([REGISTRY_HEADER, r, row({ 单位名称: '重名公司', 统一社会信用代码: String(r[1]).toLowerCase() })]),
    );
    expect(res.json()).toMatchObject({ totalRows: 2, createdUnits: 1, rejectedRows: 1 });
    expect(res.json().issues).toEqual([
      {
        row: 3,
        column: '统一社会信用代码',
        code: 'DUPLICATE_IN_FILE',
        severity: 'error',
        message: expect.stringContaining('第 2 行'),
      },
    ]);
    expect((await unitByCode(String(r[1])))?.name).toBe('重庆市江北区示例机械有限公司');
  });

  it.each([
    ['机关', 'government'],
    ['事业单位', 'institution'],
    ['国企', 'soe'],
    ['新业态平台企业', 'platform'],
    ['其他', 'other'],
    ['private', 'private'],
  ])('reads the category %s', async (label, category) => {
    const r = row({ 单位类别: label });
    const res = await upload(admin, 'c.xlsx', await xlsxOf([REGISTRY_HEADER, r]));
    expect(res.json().createdUnits).toBe(1);
    expect((await unitByCode(String(r[1])))?.category).toBe(category);
  });

  it('warns about a malformed contact phone but imports the unit', async () => {
    const r = row({ 联系电话: '12345' });
    const res = await upload(admin, 'p.xlsx', await xlsxOf([REGISTRY_HEADER, r]));
    expect(res.json()).toMatchObject({
      createdUnits: 1,
      issues: [{ row: 2, column: '联系电话', code: 'PHONE_INVALID', severity: 'warning' }],
    });
  });

  it('imports a csv with a BOM, CRLF line ends and quoted commas', async () => {
    const r = row({ 单位名称: '重庆"渝信",科技有限公司' });
    const res = await upload(admin, '名册.csv', csvOf([REGISTRY_HEADER, r], { bom: true }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ totalRows: 1, createdUnits: 1, issues: [] });
    expect((await unitByCode(String(r[1])))?.name).toBe('重庆"渝信",科技有限公司');
  });

  it('reports Excel row numbers across blank rows', async () => {
    const res = await upload(
      admin,
      'gaps.xlsx',
      await xlsxOf([REGISTRY_HEADER, row(), [], [], row({ 单位类别: '??' })]),
    );
    expect(res.json()).toMatchObject({ totalRows: 2, createdUnits: 1, rejectedRows: 1 });
    expect(res.json().issues[0]).toMatchObject({ row: 5, column: '单位类别' });
  });

  it('two simultaneous imports of the same new units never duplicate them and never fail with a 5xx', async () => {
    const rows = [row(), row(), row()];
    const file = await xlsxOf([REGISTRY_HEADER, ...rows]);
    const results = await Promise.all([upload(admin, 'p1.xlsx', file), upload(admin, 'p2.xlsx', file)]);
    for (const r of results) expect([201, 409]).toContain(r.statusCode);
    for (const r of rows) {
      expect(
        await ctx.handle.db.selectFrom('unit').select('id').where('credit_code', '=', String(r[1])).execute(),
      ).toHaveLength(1);
    }
  });

  it('refuses a file with only a header row: 400 FILE_EMPTY, nothing stored', async () => {
    const before = await importFootprint(ctx);
    const res = await upload(admin, 'empty.xlsx', await xlsxOf([REGISTRY_HEADER]));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'FILE_EMPTY', message: '文件中没有数据行' });
    expect(await importFootprint(ctx)).toEqual(before);
  });

  it('refuses a file missing a required column: 400 COLUMN_MISSING naming it, nothing stored', async () => {
    const before = await importFootprint(ctx);
    const header = REGISTRY_HEADER.filter((h) => h !== '统一社会信用代码' && h !== '职工人数');
    const res = await upload(
      admin,
      'cols.csv',
      csvOf([header, ['甲公司', '非公企业', '制造业', '江北区', 1, '王芳', '13800138000']]),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('COLUMN_MISSING');
    expect(res.json().message).toContain('统一社会信用代码');
    expect(res.json().message).toContain('职工人数');
    expect(res.json().details).toEqual({ columns: ['统一社会信用代码', '职工人数'] });
    expect(await importFootprint(ctx)).toEqual(before);
  });
});

describe('registry import scope', () => {
  it('agency staff and unit agents may not import (403), and nothing is read or stored', async () => {
    for (const role of ['agency_staff', 'unit_agent', 'office_reviewer', 'office_finance'] as const) {
      const agent = await ctx.as(role);
      const before = await importFootprint(ctx);
      const r = row();
      const res = await upload(agent, 'x.xlsx', await xlsxOf([REGISTRY_HEADER, r]));
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
      expect(await importFootprint(ctx)).toEqual(before);
      expect(await unitByCode(String(r[1]))).toBeUndefined();
    }
  });

  it('another office’s import neither sees this office’s agencies nor touches its units', async () => {
    const officeB = await ctx.newOffice();
    await ctx.newAgency({ office_id: officeB.id, code: 'GY', name: '贵阳市' });
    const adminB = await ctx.as('office_admin', { office_id: officeB.id });
    const mine = row({ 职工人数: 500 });
    expect((await upload(admin, 'mine.xlsx', await xlsxOf([REGISTRY_HEADER, mine]))).json().createdUnits).toBe(1);
    const theirs = [mine.map((v, i) => (i === 4 ? '贵阳市' : i === 5 ? 999 : v)), row({ 代办处: '江北区' })];
    const res = await upload(adminB, 'b.xlsx', await xlsxOf([REGISTRY_HEADER, ...theirs]));
    expect(res.json()).toMatchObject({ totalRows: 2, createdUnits: 1, updatedUnits: 0, rejectedRows: 1 });
    expect(res.json().issues).toEqual([expect.objectContaining({ row: 3, code: 'AGENCY_UNKNOWN' })]);
    const copies = await ctx.handle.db
      .selectFrom('unit')
      .selectAll()
      .where('credit_code', '=', String(mine[1]))
      .execute();
    expect(copies.map((u) => [u.office_id, u.headcount]).sort()).toEqual(
      [
        [ctx.office.id, 500],
        [officeB.id, 999],
      ].sort(),
    );
  });
});
