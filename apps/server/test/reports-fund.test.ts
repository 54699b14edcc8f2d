import { assembleFundHealth } from '@huzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsReportRepository } from '../src/repositories/report-claims.repository.ts';
import { plainFundReportRepository } from '../src/repositories/report-plain-fund.repository.ts';
import { expectOk } from './helpers/claims-factory.ts';
import { buildClaimsReportWorld, type ClaimsReportWorld } from './helpers/report-claims-world.ts';
import { readWorkbook } from './helpers/report-flows.ts';
import { type Agent, createTestContext, type TestContext } from './helpers/test-context.ts';

let ctx: TestContext;
let world: ClaimsReportWorld;
let admin: Agent;
beforeAll(async () => {
  ctx = await createTestContext({ now: '2026-09-29T02:00:00.000Z' });
  world = await buildClaimsReportWorld(ctx);
  admin = world.now.admin;
});
afterAll(() => ctx.close());

const url = (q: string) => `/api/v1/reports/fund-health?${q}`;
const line = (r: Record<string, unknown>) => [
  r.year,
  r.productCode,
  r.policiesStarted,
  r.contributionsFen,
  r.claimsPaid,
  r.benefitsPaidFen,
  r.lossRatio,
];

async function plain(fromYear: number, toYear: number, agencyId: string | null) {
  const figures = await plainFundReportRepository.figures(ctx.handle.db, ctx.office.id, { fromYear, toYear }, agencyId);
  const productNames = await claimsReportRepository.productNames(ctx.handle.db, ctx.office.id);
  return assembleFundHealth(figures, { fromYear, toYear, productNames });
}

describe('fund health: known answers', () => {
  it('sets fees of the policies started in a year against the benefits paid in it, per product and in total', async () => {
    const paidMed = 255_000 + world.c2Parts.MED!;
    const paidGig = world.c2Parts.GIG!;
    const r = expectOk(await admin.get(url('fromYear=2024&toYear=2026')));
    expect(r).toMatchObject({ fromYear: 2024, toYear: 2026, agencyId: null });
    expect(r.rows.map(line)).toEqual([
      [2025, 'MED', 1, 10_000, 0, 0, 0],
      [2026, 'GIG', 1, 3_000, 1, paidGig, paidGig / 3_000],
      [2026, 'MED', 3, 30_000, 2, paidMed, paidMed / 30_000],
    ]);
    // The year's total counts each claim once (c2 paid on two products).
    expect(r.totals.map(line)).toEqual([
      [2024, null, 0, 0, 0, 0, null],
      [2025, null, 1, 10_000, 0, 0, 0],
      [2026, null, 4, 33_000, 2, paidMed + paidGig, (paidMed + paidGig) / 33_000],
    ]);
    expect(r.totals[2].productName).toBe('合计');
    expect(r.rows[2].productName).toBe('在职职工住院医疗、意外综合互助保障');
  });

  it('scopes to the agency: policies by their report agency, claims by the claim’s agency', async () => {
    const a = expectOk(await world.now.staffA.get(url('fromYear=2025&toYear=2026')));
    expect(a.agencyId).toBe(world.w.agency.id);
    expect(a.totals.map(line)).toEqual([
      [2025, null, 1, 10_000, 0, 0, 0],
      [2026, null, 3, 23_000, 2, world.c2.approvedAmountFen + 255_000, (world.c2.approvedAmountFen + 255_000) / 23_000],
    ]);
    const b = expectOk(await world.now.staffB.get(url('fromYear=2025&toYear=2026')));
    expect(b.rows.map(line)).toEqual([[2026, 'MED', 1, 10_000, 0, 0, 0]]);
    expect((await world.now.staffA.get(url(`agencyId=${world.agencyB.id}`))).statusCode).toBe(404);
    const picked = expectOk(await admin.get(url(`fromYear=2025&toYear=2026&agencyId=${world.agencyB.id}`)));
    expect(picked).toEqual(b);
    expect((await world.now.unitA.get(url(''))).statusCode).toBe(403);
  });

  it('defaults to the five years up to this year', async () => {
    const r = expectOk(await admin.get(url('')));
    expect(r.totals.map((t: { year: number }) => t.year)).toEqual([2022, 2023, 2024, 2025, 2026]);
    expect(expectOk(await admin.get(url('toYear=2025'))).fromYear).toBe(2021);
  });

  it('equals the plain recomputation from the base tables', async () => {
    for (const [fromYear, toYear] of [
      [2020, 2027],
      [2026, 2026],
      [2025, 2025],
    ] as const)
      for (const agencyId of [null, world.w.agency.id, world.agencyB.id]) {
        const got = expectOk(
          await admin.get(url(`fromYear=${fromYear}&toYear=${toYear}${agencyId ? `&agencyId=${agencyId}` : ''}`)),
        );
        const { rows, totals } = got;
        expect({ rows, totals }, `${fromYear}..${toYear} ${agencyId}`).toEqual(await plain(fromYear, toYear, agencyId));
      }
  });
});

describe('fund health: input and export', () => {
  it.each([
    'fromYear=2026&toYear=2025',
    'fromYear=abc',
    'toYear=1999',
    'fromYear=2000&toYear=2030',
    'fromYear=2030',
    'toYear=2026.5',
  ])('refuses %s with VALIDATION_FAILED and a Chinese message', async (q) => {
    const res = await admin.get(url(q));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.json())).toMatch(/[\u4e00-\u9fff]/);
  });

  it('the xlsx holds what the JSON shows: each year’s products, then its total', async () => {
    const json = expectOk(await admin.get(url('fromYear=2025&toYear=2026')));
    const res = await admin.get(url('fromYear=2025&toYear=2026&format=xlsx'));
    expect(res.statusCode).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(
      '基金运行分析-全市-2025至2026.xlsx',
    );
    const sheet = (await readWorkbook(res.rawPayload)).get('基金运行')!;
    expect(sheet[0]).toEqual([
      '年度',
      '产品代码',
      '保障项目',
      '新起保单数',
      '互助金收入（元）',
      '给付件数',
      '给付金额（元）',
      '赔付率',
      '救助慰问笔数',
      '救助慰问金额（元）',
    ]);
    const expected = [json.rows[0], json.totals[0], json.rows[1], json.rows[2], json.totals[1]].map(
      (
        r: Record<string, unknown> & {
          contributionsFen: number;
          benefitsPaidFen: number;
          reliefPaidFen: number | null;
        },
      ) => [
        String(r.year),
        r.productCode ?? '',
        r.productName,
        r.policiesStarted,
        r.contributionsFen / 100,
        r.claimsPaid,
        r.benefitsPaidFen / 100,
        r.lossRatio,
        r.reliefPaid,
        r.reliefPaidFen === null ? null : r.reliefPaidFen / 100,
      ],
    );
    expect(sheet.slice(1)).toEqual(expected);
  });
});
