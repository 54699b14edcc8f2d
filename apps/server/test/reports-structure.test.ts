import { categoryLabel, notEnrolledColumns, structureColumns, structureProductColumns } from '@huzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_TYPE } from '../src/routes/report.routes.ts';
import { expectOk } from './helpers/claims-factory.ts';
import { readWorkbook } from './helpers/report-flows.ts';
import { buildReportWorld, type ReportWorld } from './helpers/report-world.ts';
import { type Agent, createTestContext, type TestContext } from './helpers/test-context.ts';

let ctx: TestContext;
let world: ReportWorld;
let admin: Agent;
beforeAll(async () => {
  ctx = await createTestContext();
  world = await buildReportWorld(ctx);
  admin = await ctx.login(world.users.admin);
});
afterAll(() => ctx.close());

const structure = async (query: string, agent = admin) =>
  expectOk(await agent.get(`/api/v1/reports/enrolment-structure?${query}`));

const product = (productCode: string, members: number, shares: number, contributionsFen: number) => ({
  productCode,
  members,
  shares,
  contributionsFen,
});

describe('GET /reports/enrolment-structure: known answers', () => {
  it('office-wide on 2026-02-15: one row per agency, the mover in both rows and once in the total', async () => {
    const r = await structure('asOf=2026-02-15');
    expect(r.asOf).toBe('2026-02-15');
    expect(r.agencyId).toBeNull();
    // zh-CN collation puts the Han name of the unattributed row before the Latin agency names.
    expect(r.rows).toEqual([
      {
        // The gig worker's unit-less policy sold outside any agency.
        agencyId: '',
        agencyName: '办事处直办',
        category: null,
        knownUnits: 0,
        enrolledUnits: 0,
        unitCoverage: null,
        headcount: 0,
        members: 1,
        memberCoverage: null,
        shares: 1,
        sharesPerMember: 1,
        contributionsFen: 3_000,
        byProduct: [product('GIG', 1, 1, 3_000)],
      },
      {
        agencyId: world.agencyA.id,
        agencyName: 'A区代办处',
        category: null,
        // a1, a2, a3, lapsed; a1 and a2 in force (headcount 10 + 0).
        knownUnits: 4,
        enrolledUnits: 2,
        unitCoverage: 0.5,
        headcount: 10,
        // continuous, woman, mover (CI_A through a1 until 2026-02-28), a2's member.
        members: 4,
        memberCoverage: 0.4,
        shares: 6,
        sharesPerMember: 1.5,
        contributionsFen: 33_600,
        byProduct: [product('CI_A', 4, 5, 30_000), product('FEM', 1, 1, 3_600)],
      },
      {
        agencyId: world.agencyB.id,
        agencyName: 'B区代办处',
        category: null,
        // b1 (the mover's ALW) and the claims unit (MED) in force: headcount 30 + 5.
        knownUnits: 4,
        enrolledUnits: 2,
        unitCoverage: 0.5,
        headcount: 35,
        members: 2,
        memberCoverage: 2 / 35,
        shares: 2,
        sharesPerMember: 1,
        contributionsFen: 16_000,
        byProduct: [product('ALW', 1, 1, 6_000), product('MED', 1, 1, 10_000)],
      },
    ]);
    expect(r.total).toEqual({
      agencyId: '',
      agencyName: '合计',
      category: null,
      knownUnits: 8,
      enrolledUnits: 4,
      unitCoverage: 0.5,
      headcount: 45,
      // 4 + 2 + 1 row members, but the mover is one person.
      members: 6,
      memberCoverage: 6 / 45,
      shares: 9,
      sharesPerMember: 1.5,
      contributionsFen: 52_600,
      byProduct: [
        product('ALW', 1, 1, 6_000),
        product('CI_A', 4, 5, 30_000),
        product('FEM', 1, 1, 3_600),
        product('GIG', 1, 1, 3_000),
        product('MED', 1, 1, 10_000),
      ],
    });
  });

  it('agency A on 2026-02-15: rows by category; the woman once in members, twice in byProduct', async () => {
    const r = await structure(`asOf=2026-02-15&agencyId=${world.agencyA.id}`);
    expect(r.agencyId).toBe(world.agencyA.id);
    const base = { agencyId: world.agencyA.id, agencyName: 'A区代办处' };
    expect(r.rows).toEqual([
      {
        ...base,
        category: 'government',
        // The lapsed unit: known, not enrolled.
        knownUnits: 1,
        enrolledUnits: 0,
        unitCoverage: 0,
        headcount: 0,
        members: 0,
        memberCoverage: null,
        shares: 0,
        sharesPerMember: null,
        contributionsFen: 0,
        byProduct: [],
      },
      {
        ...base,
        category: 'private',
        knownUnits: 2,
        enrolledUnits: 1,
        unitCoverage: 0.5,
        headcount: 10,
        members: 3,
        memberCoverage: 0.3,
        shares: 5,
        sharesPerMember: 5 / 3,
        contributionsFen: 27_600,
        byProduct: [product('CI_A', 3, 4, 24_000), product('FEM', 1, 1, 3_600)],
      },
      {
        ...base,
        category: 'soe',
        // Enrolled, but no declared headcount: no member coverage.
        knownUnits: 1,
        enrolledUnits: 1,
        unitCoverage: 1,
        headcount: 0,
        members: 1,
        memberCoverage: null,
        shares: 1,
        sharesPerMember: 1,
        contributionsFen: 6_000,
        byProduct: [product('CI_A', 1, 1, 6_000)],
      },
    ]);
    expect(r.total).toEqual({
      agencyId: world.agencyA.id,
      agencyName: '合计',
      category: null,
      knownUnits: 4,
      enrolledUnits: 2,
      unitCoverage: 0.5,
      headcount: 10,
      members: 4,
      memberCoverage: 0.4,
      shares: 6,
      sharesPerMember: 1.5,
      contributionsFen: 33_600,
      byProduct: [product('CI_A', 4, 5, 30_000), product('FEM', 1, 1, 3_600)],
    });
  });

  it('agency B today and after the workflow batch starts', async () => {
    const today = await structure(`agencyId=${world.agencyB.id}`);
    expect(today.asOf).toBe('2026-03-02');
    const brief = (rows: Record<string, unknown>[]) =>
      rows.map((r) => [
        r.category,
        r.knownUnits,
        r.enrolledUnits,
        r.headcount,
        r.members,
        r.shares,
        r.contributionsFen,
      ]);
    expect(brief(today.rows)).toEqual([
      ['institution', 1, 1, 30, 1, 1, 6_000],
      ['other', 1, 0, 0, 0, 0, 0],
      ['private', 2, 1, 5, 1, 1, 10_000],
    ]);
    const april = await structure(`asOf=2026-04-01&agencyId=${world.agencyB.id}`);
    // The workflow unit (headcount 8) enrols two people with 1 and 2 shares of CI_A.
    expect(brief(april.rows)).toEqual([
      ['institution', 1, 1, 30, 1, 1, 6_000],
      ['other', 1, 0, 0, 0, 0, 0],
      ['private', 2, 2, 13, 3, 4, 28_000],
    ]);
    expect(april.rows[2].byProduct).toEqual([product('CI_A', 2, 3, 18_000), product('MED', 1, 1, 10_000)]);
    expect(april.total).toMatchObject({ members: 4, shares: 5, contributionsFen: 34_000, memberCoverage: 4 / 43 });
  });

  it('before anything: every unit known, none enrolled', async () => {
    const r = await structure('asOf=2024-12-31');
    expect(r.rows.map((row: Record<string, unknown>) => [row.agencyId, row.knownUnits, row.enrolledUnits])).toEqual([
      [world.agencyA.id, 4, 0],
      [world.agencyB.id, 4, 0],
    ]);
    expect(r.total).toMatchObject({ members: 0, shares: 0, unitCoverage: 0, memberCoverage: null });
    expect(r.notEnrolledTotal).toBe(8);
  });

  it('lists the units not enrolled, largest headcount first, ties by id, limited by notEnrolledLimit', async () => {
    const u = world.units;
    const fifty = [u.a3, u.b2].sort((a, b) => (a.id < b.id ? -1 : 1));
    const line = (unit: (typeof fifty)[number]) => ({
      unitId: unit.id,
      name: unit.name,
      agencyId: unit.agency_id,
      category: unit.category,
      headcount: unit.headcount,
    });
    const all = await structure('asOf=2026-03-02');
    expect(all.notEnrolled).toEqual([...fifty, u.lapsed, u.workflow].map(line));
    expect(all.notEnrolledTotal).toBe(4);
    const two = await structure('asOf=2026-03-02&notEnrolledLimit=2');
    expect(two.notEnrolled).toEqual(fifty.map(line));
    expect(two.notEnrolledTotal).toBe(4);
    expect((await structure('asOf=2026-03-02&notEnrolledLimit=0')).notEnrolled).toEqual([]);
    // Enrolled from 2026-04-01: the workflow unit leaves the list.
    const april = await structure(`asOf=2026-04-01&agencyId=${world.agencyB.id}`);
    expect(april.notEnrolled).toEqual([line(u.b2)]);
    expect(april.notEnrolledTotal).toBe(1);
    // The lapsed unit was enrolled in 2025.
    const lapsedYear = await structure(`asOf=2025-06-01&agencyId=${world.agencyA.id}`);
    expect(lapsedYear.notEnrolled.map((n: { unitId: string }) => n.unitId)).toEqual([u.a3.id, u.a2.id]);
  });
});

describe('GET /reports/enrolment-structure?format=xlsx', () => {
  const yuan = (fen: number) => fen / 100;
  type Row = Record<string, unknown> & { byProduct: Record<string, number | string>[] };

  it.each([
    ['office-wide', () => ''],
    ['one agency', () => `&agencyId=${world.agencyA.id}`],
  ])('%s: every cell of the three sheets equals the JSON report', async (_label, agencyQuery) => {
    const query = `asOf=2026-02-15${agencyQuery()}`;
    const json = await structure(`${query}&notEnrolledLimit=1`);
    // The xlsx lists every not-enrolled unit whatever the limit; the JSON with the limit lists one.
    const res = await admin.get(`/api/v1/reports/enrolment-structure?${query}&format=xlsx&notEnrolledLimit=1`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('入会结构分析表'));
    const sheets = await readWorkbook(res.rawPayload);
    expect([...sheets.keys()]).toEqual(['入会结构分析', '分产品', '未入会单位']);

    const table = sheets.get('入会结构分析')!;
    expect(table[0]).toEqual(structureColumns.map((c) => c.zh));
    expect(table[0]).toEqual([
      '工作站（办事处）',
      '单位类别',
      '单位数',
      '入会单位数',
      '单位覆盖率',
      '入会单位职工数',
      '入会人数',
      '职工覆盖率',
      '份数',
      '人均份数',
      '互助金（元）',
    ]);
    const rows: Row[] = [...json.rows, json.total];
    expect(table.slice(1)).toEqual(
      rows.map((r) => [
        r.agencyName,
        categoryLabel(r.category as string | null),
        r.knownUnits,
        r.enrolledUnits,
        r.unitCoverage,
        r.headcount,
        r.members,
        r.memberCoverage,
        r.shares,
        r.sharesPerMember,
        yuan(r.contributionsFen as number),
      ]),
    );
    expect(table.at(-1)?.[0]).toBe('合计');

    expect(json.productNames.ALW).toBe('在职职工住院津贴互助保障');
    const byProduct = sheets.get('分产品')!;
    expect(byProduct[0]).toEqual(structureProductColumns.map((c) => c.zh));
    expect(byProduct[0]).toEqual(['工作站（办事处）', '单位类别', '保障项目', '参保人数', '份数', '互助金（元）']);
    expect(byProduct.slice(1)).toEqual(
      rows.flatMap((r) =>
        r.byProduct.map((p) => [
          r.agencyName,
          categoryLabel(r.category as string | null),
          // The product's name, never its code (ALW).
          json.productNames[p.productCode as string],
          p.members,
          p.shares,
          yuan(p.contributionsFen as number),
        ]),
      ),
    );

    const full = await structure(`${query}&notEnrolledLimit=5000`);
    expect(json.notEnrolled.length).toBe(Math.min(1, json.notEnrolledTotal));
    expect(full.notEnrolled.length).toBe(full.notEnrolledTotal);
    const names = new Map([
      [world.agencyA.id, 'A区代办处'],
      [world.agencyB.id, 'B区代办处'],
    ]);
    const notEnrolled = sheets.get('未入会单位')!;
    expect(notEnrolled[0]).toEqual(notEnrolledColumns.map((c) => c.zh));
    expect(notEnrolled[0]).toEqual(['序号', '单位名称', '工作站（办事处）', '单位类别', '职工人数']);
    expect(notEnrolled.slice(1)).toEqual(
      full.notEnrolled.map((u: Record<string, string | number>, i: number) => [
        i + 1,
        u.name,
        names.get(u.agencyId as string),
        categoryLabel(u.category as string),
        u.headcount,
      ]),
    );
    expect(notEnrolled.length - 1).toBe(json.notEnrolledTotal);
  });

  it('keeps the figures as numbers formatted as on screen (yuan with 2 decimals, ratios as percentages)', async () => {
    const res = await admin.get('/api/v1/reports/enrolment-structure?asOf=2026-02-15&format=xlsx');
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('入会结构分析')!;
    // Row 3 is agency A (row 2 the unattributed gig worker): 336.00 yuan, unit coverage 50.0 %.
    expect(ws.getCell('A3').value).toBe('A区代办处');
    expect(ws.getCell('K3').value).toBe(336);
    expect(ws.getCell('K3').numFmt).toBe('#,##0.00');
    expect(ws.getCell('E3').value).toBe(0.5);
    expect(ws.getCell('E3').numFmt).toBe('0.0%');
  });

  it('agency staff download their own agency only', async () => {
    const staff = await ctx.as('agency_staff', { agency_id: world.agencyB.id });
    const res = await staff.get('/api/v1/reports/enrolment-structure?asOf=2026-03-02&format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('B区代办处'));
    const table = (await readWorkbook(res.rawPayload)).get('入会结构分析')!;
    expect(table.slice(1, -1).map((r) => r[0])).toEqual(['B区代办处', 'B区代办处', 'B区代办处']);
    const other = await staff.get(`/api/v1/reports/enrolment-structure?agencyId=${world.agencyA.id}&format=xlsx`);
    expect(other.statusCode).toBe(404);
  });
});
