import { assembleClaimsOps, histogramMedian, rejectionCode } from '@huzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportRepository } from '../src/repositories/report.repository.ts';
import { claimsReportRepository } from '../src/repositories/report-claims.repository.ts';
import { plainClaimsReportRepository } from '../src/repositories/report-plain-claims.repository.ts';
import { expectOk } from './helpers/claims-factory.ts';
import { buildClaimsReportWorld, type ClaimsReportWorld } from './helpers/report-claims-world.ts';
import { readWorkbook } from './helpers/report-flows.ts';
import { createTestContext, type Agent, type TestContext } from './helpers/test-context.ts';

let ctx: TestContext;
let world: ClaimsReportWorld;
let admin: Agent;
beforeAll(async () => {
  ctx = await createTestContext({ now: '2026-09-29T02:00:00.000Z' });
  world = await buildClaimsReportWorld(ctx);
  admin = world.now.admin;
});
afterAll(() => ctx.close());

const url = (q: string) => `/api/v1/reports/claims-operations?${q}`;
const rowOf = (report: { rows: { agencyId: string }[] }, agencyId: string) =>
  report.rows.find((r) => r.agencyId === agencyId);

/** The plain recomputation of the same report, through the same assembly. */
async function plain(from: string, to: string, agencyId: string | null) {
  const figures = await plainClaimsReportRepository.figures(
    ctx.handle.db,
    ctx.office.id,
    { from, to, today: '2026-10-20' },
    agencyId,
  );
  const view = {
    agencyId,
    agencyNames: await reportRepository.agencyNames(ctx.handle.db, ctx.office.id),
    productNames: await claimsReportRepository.productNames(ctx.handle.db, ctx.office.id),
  };
  return assembleClaimsOps(figures, view);
}

describe('claims operations: known answers', () => {
  it('counts received, decided, the 5-working-day share and median across the National Day holiday', async () => {
    const r = expectOk(await admin.get(url('from=2026-09-01&to=2026-10-31')));
    expect(r).toMatchObject({ from: '2026-09-01', to: '2026-10-31', today: '2026-10-20', agencyId: null });
    expect(rowOf(r, world.w.agency.id)).toEqual({
      agencyId: world.w.agency.id,
      agencyName: '江北区代办处',
      received: 3,
      decided: 3,
      decidedWithin5: 2,
      within5Share: 2 / 3,
      medianWorkingDays: 3,
      backlog: 0,
      overdue: 0,
    });
    expect(rowOf(r, world.agencyB.id)).toEqual({
      agencyId: world.agencyB.id,
      agencyName: '渝中区代办处',
      received: 2,
      decided: 0,
      decidedWithin5: 0,
      within5Share: null,
      medianWorkingDays: null,
      backlog: 2,
      overdue: 1,
    });
    expect(r.total).toMatchObject({ agencyName: '合计', received: 5, decided: 3, decidedWithin5: 2, backlog: 2 });
    expect(r.total).toMatchObject({ overdue: 1, medianWorkingDays: 3 });
    const days = await ctx.handle.db
      .selectFrom('claim')
      .select(['id', 'decision_working_days'])
      .where('id', 'in', [world.claims.c1, world.claims.c2, world.claims.c3])
      .execute();
    expect(Object.fromEntries(days.map((d) => [d.id, d.decision_working_days]))).toEqual({
      [world.claims.c1]: 3,
      [world.claims.c2]: 7,
      [world.claims.c3]: 3,
    });
  });

  it('gives rejection reasons from the assessments and payouts by product (a claim on two products in both)', async () => {
    const r = expectOk(await admin.get(url('from=2026-09-01&to=2026-10-31')));
    expect(r.rejections).toEqual([{ code: 'WAITING_PERIOD', label: '事故发生在等待期内', claims: 1, share: 1 }]);
    expect(Object.keys(world.c2Parts).sort()).toEqual(['GIG', 'MED']);
    expect(r.paidByProduct).toEqual([
      { productCode: 'GIG', productName: expect.any(String), claims: 1, amountFen: world.c2Parts.GIG },
      { productCode: 'MED', productName: expect.any(String), claims: 2, amountFen: 255_000 + world.c2Parts.MED! },
    ]);
    expect(r.paidTotal).toEqual({ claims: 2, amountFen: 255_000 + world.c2.approvedAmountFen });
    expect(world.c2.approvedAmountFen).toBe(world.c2Parts.GIG! + world.c2Parts.MED!);
  });

  it('takes decisions by China date: October alone still has the three decisions but only one claim received', async () => {
    const r = expectOk(await admin.get(url('from=2026-10-01&to=2026-10-31')));
    expect(rowOf(r, world.w.agency.id)).toMatchObject({ received: 0, decided: 3 });
    expect(rowOf(r, world.agencyB.id)).toMatchObject({ received: 1, decided: 0, backlog: 2 });
    // c1 and c3 were decided at 23:59 on 9 October China time (15:59 UTC): not on the 10th.
    const tenth = expectOk(await admin.get(url('from=2026-10-10&to=2026-10-31')));
    expect(tenth.total).toMatchObject({ decided: 1, medianWorkingDays: 7, decidedWithin5: 0, within5Share: 0 });
    const ninth = expectOk(await admin.get(url('from=2026-10-01&to=2026-10-09')));
    expect(ninth.total).toMatchObject({ decided: 2, medianWorkingDays: 3 });
    expect(ninth.paidByProduct).toEqual([]);
  });

  it('defaults to this calendar year up to today', async () => {
    const r = expectOk(await admin.get(url('')));
    expect(r).toMatchObject({ from: '2026-01-01', to: '2026-10-20' });
    expect(r.total).toMatchObject({ received: 5, decided: 3 });
  });

  it('equals the plain recomputation from the base tables for every period and scope', async () => {
    const periods = [
      ['2026-09-01', '2026-10-31'],
      ['2026-10-01', '2026-10-31'],
      ['2026-10-10', '2026-10-15'],
      ['2025-01-01', '2025-12-31'],
    ] as const;
    for (const [from, to] of periods)
      for (const agencyId of [null, world.w.agency.id, world.agencyB.id]) {
        const got = expectOk(await admin.get(url(`from=${from}&to=${to}${agencyId ? `&agencyId=${agencyId}` : ''}`)));
        // Complaints have their own known-answer tests (complaints.test.ts).
        const { from: _f, to: _t, today: _d, agencyId: _a, complaints: _c, ...figures } = got;
        expect(figures, `${from}..${to} ${agencyId}`).toEqual(await plain(from, to, agencyId));
      }
  });
});

describe('claims operations: scope', () => {
  it('agency staff see their own agency only; another agency is not found', async () => {
    const staffA = world.now.staffA;
    const own = expectOk(await staffA.get(url('from=2026-09-01&to=2026-10-31')));
    expect(own.agencyId).toBe(world.w.agency.id);
    expect(own.rows.map((r: { agencyId: string }) => r.agencyId)).toEqual([world.w.agency.id]);
    expect(own.total).toMatchObject({ received: 3, decided: 3, backlog: 0 });
    expect(own.paidTotal.claims).toBe(2);
    const other = await staffA.get(url(`agencyId=${world.agencyB.id}`));
    expect(other.statusCode).toBe(404);
    const b = expectOk(await world.now.staffB.get(url('from=2026-09-01&to=2026-10-31')));
    expect(b.total).toMatchObject({ received: 2, backlog: 2, overdue: 1 });
    expect(b.rejections).toEqual([]);
    expect(b.paidByProduct).toEqual([]);
  });

  it('office staff may pick an agency; an unknown one is not found; unit agents may not read reports', async () => {
    const picked = expectOk(await admin.get(url(`from=2026-09-01&to=2026-10-31&agencyId=${world.agencyB.id}`)));
    expect(picked.rows).toHaveLength(1);
    expect(picked.total.received).toBe(2);
    expect((await admin.get(url('agencyId=nope'))).statusCode).toBe(404);
    expect((await world.now.unitA.get(url(''))).statusCode).toBe(403);
  });
});

describe('claims operations: input and export', () => {
  it.each([
    ['from=2026-10-31&to=2026-10-01', 'from'],
    ['from=2026-02-30', 'from'],
    ['to=2026-13-01', 'to'],
    ['from=2027-01-01', 'from'],
    ['from=yesterday', 'from'],
  ])('refuses %s with VALIDATION_FAILED and a Chinese message', async (q) => {
    const res = await admin.get(url(q));
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(body)).toMatch(/[\u4e00-\u9fff]/);
  });

  it('the xlsx holds what the JSON holds, under Chinese headers', async () => {
    const q = 'from=2026-09-01&to=2026-10-31';
    const json = expectOk(await admin.get(url(q)));
    const res = await admin.get(url(`${q}&format=xlsx`));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(
      '申领运营分析-全市-2026-09-01至2026-10-31.xlsx',
    );
    const sheets = await readWorkbook(res.rawPayload);
    const table = sheets.get('申领运营')!;
    expect(table[0]).toEqual([
      '工作站（办事处）',
      '受理申领数',
      '审核完成数',
      '5个工作日内完成数',
      '5个工作日内完成率',
      '审核用时中位数（工作日）',
      '待处理申领数',
      '已超期数',
    ]);
    const lines = [...json.rows, json.total].map((r) => [
      r.agencyName,
      r.received,
      r.decided,
      r.decidedWithin5,
      r.within5Share,
      r.medianWorkingDays,
      r.backlog,
      r.overdue,
    ]);
    expect(table.slice(1)).toEqual(lines);
    expect(sheets.get('不予给付原因')!.slice(1)).toEqual(
      json.rejections.map((r: { code: string; label: string; claims: number; share: number }) => [
        r.code,
        r.label,
        r.claims,
        r.share,
      ]),
    );
    const paid = sheets.get('分产品给付')!;
    expect(paid[0]).toEqual(['产品代码', '保障项目', '给付申领数', '给付金额（元）']);
    expect(paid.slice(1)).toEqual([
      ...json.paidByProduct.map(
        (p: { productCode: string; productName: string; claims: number; amountFen: number }) => [
          p.productCode,
          p.productName,
          p.claims,
          p.amountFen / 100,
        ],
      ),
      ['', '合计（每件申领计一次）', json.paidTotal.claims, json.paidTotal.amountFen / 100],
    ]);
  });
});

describe('definitions', () => {
  it('the median of an even count is the lower middle value', () => {
    expect(
      histogramMedian(
        new Map([
          [3, 1],
          [7, 1],
        ]),
      ),
    ).toBe(3);
    expect(
      histogramMedian(
        new Map([
          [2, 2],
          [4, 1],
          [9, 1],
        ]),
      ),
    ).toBe(2);
    expect(
      histogramMedian(
        new Map([
          [1, 1],
          [5, 1],
          [6, 1],
        ]),
      ),
    ).toBe(5);
    expect(histogramMedian(new Map())).toBeNull();
  });

  it('a rejected claim takes its most frequent refusal code (ties alphabetical), else MANUAL', () => {
    expect(rejectionCode(['WAITING_PERIOD', 'NOT_COVERED_ON_EVENT_DATE', 'WAITING_PERIOD'])).toBe('WAITING_PERIOD');
    expect(rejectionCode(['WAITING_PERIOD', 'CLAIM_EXPIRED'])).toBe('CLAIM_EXPIRED');
    expect(rejectionCode([null, null])).toBe('MANUAL');
    expect(rejectionCode([])).toBe('MANUAL');
  });
});
