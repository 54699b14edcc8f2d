import { assembleFundHealth } from '@huzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsReportRepository } from '../src/repositories/report-claims.repository.ts';
import { plainFundReportRepository } from '../src/repositories/report-plain-fund.repository.ts';
import { plainReportRepository } from '../src/repositories/report-plain.repository.ts';
import { buildClaimsWorld, type ClaimsWorld, expectOk, inpatientClaim, newPolicy } from './helpers/claims-factory.ts';
import { memberLogin, verifyRealName } from './helpers/member-app.ts';
import { readWorkbook } from './helpers/report-flows.ts';
import { type Agent, createTestContext, type TestContext } from './helpers/test-context.ts';

/**
 * Relief in the reports (issue 13, item 10): the summary, the trends and fund health move by exactly what a test
 * pays; the national viewer's totals are the sum of the offices; the summary's workbook.
 */
let ctx: TestContext;
let w: ClaimsWorld;
let other: { officeId: string; memberId: string; callers: Record<'unit' | 'agency' | 'reviewer' | 'finance', Agent> };
beforeAll(async () => {
  ctx = await createTestContext();
  w = await buildClaimsWorld(ctx);
  // A second office (贵州办事处-like) with its own agency, unit, member and staff.
  const office = await ctx.newOffice();
  const agency = await ctx.newAgency({ office_id: office.id, name: '贵阳市代办处' });
  const unit = await ctx.newUnit({ office_id: office.id, agency_id: agency.id });
  const member = await ctx.newMember({ office_id: office.id, unit_id: unit.id, name: '龙梅' });
  await newPolicy(ctx, {
    memberId: member.id,
    productCode: 'MED',
    startDate: '2025-06-01',
    unitId: unit.id,
    agencyId: agency.id,
    officeId: office.id,
  });
  const callers = {
    unit: await ctx.as('unit_agent', { office_id: office.id, unit_id: unit.id }),
    agency: await ctx.as('agency_staff', { office_id: office.id, agency_id: agency.id }),
    reviewer: await ctx.as('office_reviewer', { office_id: office.id }),
    finance: await ctx.as('office_finance', { office_id: office.id }),
  };
  expectOk(
    await callers.unit.patch(`/api/v1/members/${member.id}/bank-account`, {
      bankName: '中国银行贵阳分行',
      accountNumber: '6216 6100 0000 1234 567',
    }),
  );
  other = { officeId: office.id, memberId: member.id, callers };
});
afterAll(() => ctx.close());

type Callers = { unit: Agent; agency: Agent; reviewer: Agent; finance: Agent };

/** Files a relief, takes it through review and decision, and pays it in its own payout batch. */
async function payRelief(c: Callers, memberId: string, category: string, eventDate = '2026-01-10') {
  // an illness relief carries its hospital facts (10 days' stay); an accident needs none
  const { memberId: _m, ...facts } = inpatientClaim(memberId);
  const body = { memberId, category, eventDate, reason: '住院治疗，家庭负担较重' };
  const filed = expectOk(
    await c.unit.post('/api/v1/relief', category === 'illness' ? { ...body, claim: facts } : body),
    201,
  );
  expectOk(await c.agency.post(`/api/v1/relief/${filed.id}/review`, { decision: 'approve' }));
  expectOk(await c.reviewer.post(`/api/v1/relief/${filed.id}/decision`, { decision: 'approve' }));
  const batch = expectOk(await c.finance.post('/api/v1/payout-batches', { reliefIds: [filed.id] }), 201);
  const refs = batch.items.map((i: { claimId: string }) => ({ claimId: i.claimId, status: 'paid' }));
  expectOk(await c.finance.post(`/api/v1/payout-batches/${batch.id}/results`, refs));
  return filed as { id: string; amountFen: number };
}

const summary = async (agent: Agent = w.callers.admin) => expectOk(await agent.get('/api/v1/reports/summary'));
const march = async (agent: Agent = w.callers.admin) =>
  expectOk(await agent.get('/api/v1/reports/trends?from=2026-01&to=2026-03')).months.find(
    (m: { month: string }) => m.month === '2026-03',
  );
const year2026 = async (agent: Agent = w.callers.admin) =>
  expectOk(await agent.get('/api/v1/reports/fund-health?fromYear=2025&toYear=2026')).totals.find(
    (t: { year: number }) => t.year === 2026,
  );

describe('relief in the summary, the trends and fund health', () => {
  it('each moves by exactly the relief a test pays, office-wide and for the agency', async () => {
    const before = { s: await summary(), t: await march(), f: await year2026(), a: await summary(w.callers.agency) };
    const paid = await payRelief(w.callers, w.member.id, 'illness');
    expect(paid.amountFen).toBe(100_000);
    const plus = (p: { count: number; amountFen: number }) => ({
      count: p.count + 1,
      amountFen: p.amountFen + 100_000,
    });
    expect((await summary()).reliefPaid).toEqual(plus(before.s.reliefPaid));
    expect((await summary(w.callers.agency)).reliefPaid).toEqual(plus(before.a.reliefPaid));
    expect((await march()).reliefPaid).toEqual(plus(before.t.reliefPaid));
    // claims are untouched by relief: the trends' claims column and the loss ratio stay where they were
    expect((await march()).claimsPaid).toEqual(before.t.claimsPaid);
    const f = await year2026();
    expect({ count: f.reliefPaid, amountFen: f.reliefPaidFen }).toEqual(
      plus({ count: before.f.reliefPaid, amountFen: before.f.reliefPaidFen }),
    );
    expect(f.lossRatio).toBe(before.f.lossRatio);
    // a second category in the same year pays again
    await payRelief(w.callers, w.member.id, 'accident');
    expect((await summary()).reliefPaid.amountFen).toBe(before.s.reliefPaid.amountFen + 300_000);
    expect((await march()).reliefPaid).toEqual({ count: before.t.reliefPaid.count + 2, amountFen: 300_000 });
  });

  it('the summaries equal the plain recomputation from the applications', async () => {
    const db = ctx.handle.db;
    expect((await summary()).reliefPaid).toEqual(
      await plainReportRepository.reliefPaid(db, ctx.office.id, '2026-03-02', null),
    );
    expect((await summary(w.callers.agency)).reliefPaid).toEqual(
      await plainReportRepository.reliefPaid(db, ctx.office.id, '2026-03-02', w.agency.id),
    );
    const fund = expectOk(await w.callers.admin.get('/api/v1/reports/fund-health?fromYear=2025&toYear=2026'));
    const figures = await plainFundReportRepository.figures(db, ctx.office.id, { fromYear: 2025, toYear: 2026 }, null);
    const productNames = await claimsReportRepository.productNames(db, ctx.office.id);
    expect({ rows: fund.rows, totals: fund.totals }).toEqual(
      assembleFundHealth(figures, { fromYear: 2025, toYear: 2026, productNames }),
    );
    // relief is not per product: product rows carry null, the year's total the figures
    for (const r of fund.rows) expect([r.reliefPaid, r.reliefPaidFen]).toEqual([null, null]);
    expect(fund.totals.find((t: { year: number }) => t.year === 2025)).toMatchObject({
      reliefPaid: 0,
      reliefPaidFen: 0,
    });
  });

  it('the trends and fund-health workbooks carry the relief columns', async () => {
    const trends = await w.callers.admin.get('/api/v1/reports/trends?from=2026-03&to=2026-03&format=xlsx');
    expect(trends.statusCode).toBe(200);
    const [tHead, tRow] = [...(await readWorkbook(trends.rawPayload)).values()][0]!;
    expect(tHead).toEqual(expect.arrayContaining(['当月救助慰问笔数', '当月救助慰问金额（元）']));
    expect(tRow![tHead!.indexOf('当月救助慰问笔数')]).toBe(2);
    const fund = await w.callers.admin.get('/api/v1/reports/fund-health?fromYear=2026&toYear=2026&format=xlsx');
    const lines = [...(await readWorkbook(fund.rawPayload)).values()][0]!;
    const head = lines[0]!;
    const total = lines.at(-1)!;
    expect(total[head.indexOf('救助慰问金额（元）')]).toBe(3_000);
  });
});

describe('the national viewer (总会)', () => {
  it('sees every office side by side; the national totals are the sum of the offices, relief included', async () => {
    const nv = await ctx.as('national_viewer');
    const before = expectOk(await nv.get('/api/v1/reports/summary?scope=national'));
    await payRelief(other.callers, other.memberId, 'accident');
    const after = expectOk(await nv.get('/api/v1/reports/summary?scope=national'));
    const row = (n: typeof after, id: string) => n.offices.find((o: { officeId: string }) => o.officeId === id);
    expect(row(after, other.officeId).reliefPaid).toEqual({
      count: row(before, other.officeId).reliefPaid.count + 1,
      amountFen: row(before, other.officeId).reliefPaid.amountFen + 200_000,
    });
    expect(row(after, ctx.office.id).reliefPaid).toEqual(row(before, ctx.office.id).reliefPaid);
    // each office's row is that office's own summary
    const { asOf: _a, ...mine } = await summary();
    expect(row(after, ctx.office.id)).toMatchObject(mine);
    const { asOf: _b, ...theirs } = await summary(other.callers.reviewer);
    expect(row(after, other.officeId)).toMatchObject(theirs);
    // the totals are the sum of the offices, field by field
    const keys = ['unitsEver', 'membersEver', 'activeUnits', 'activeMembers', 'shares', 'contributionsFen'] as const;
    for (const k of keys)
      expect(after[k], k).toBe(after.offices.reduce((n: number, o: Record<string, number>) => n + o[k]!, 0));
    for (const k of ['claimsPaid', 'reliefPaid'] as const)
      expect(after[k], k).toEqual({
        count: after.offices.reduce((n: number, o: Record<string, { count: number }>) => n + o[k]!.count, 0),
        amountFen: after.offices.reduce(
          (n: number, o: Record<string, { amountFen: number }>) => n + o[k]!.amountFen,
          0,
        ),
      });
    expect(after.reliefPaid.amountFen).toBeGreaterThanOrEqual(500_000);
    expect(after.activeMembers).toBeGreaterThanOrEqual(2);
    // the viewer reads no office's own reports
    for (const url of ['/api/v1/reports/summary', '/api/v1/reports/trends', '/api/v1/reports/fund-health'])
      expect((await nv.get(url)).statusCode, url).toBe(403);
  });

  it('downloads the national summary as a workbook: one line per office and the national total last', async () => {
    const nv = await ctx.as('national_viewer');
    const nat = expectOk(await nv.get('/api/v1/reports/summary?scope=national&asOf=2026-03-02'));
    const res = await nv.get('/api/v1/reports/summary?scope=national&asOf=2026-03-02&format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('汇总-全国-2026-03-02.xlsx'));
    const lines = (await readWorkbook(res.rawPayload)).get('汇总')!;
    const head = lines[0]!;
    expect(head.slice(0, 2)).toEqual(['办事处', '累计入会单位']);
    expect(lines).toHaveLength(1 + nat.offices.length + 1);
    const total = lines.at(-1)!;
    expect(total[0]).toBe('全国合计');
    expect(total[head.indexOf('累计帮扶笔数')]).toBe(nat.reliefPaid.count);
    expect(total[head.indexOf('累计帮扶金额（元）')]).toBe(nat.reliefPaid.amountFen / 100);
    const sumCol = (name: string) => lines.slice(1, -1).reduce((n, l) => n + Number(l[head.indexOf(name)] ?? 0), 0);
    expect(sumCol('在保会员')).toBe(total[head.indexOf('在保会员')]);
    expect(sumCol('累计帮扶笔数')).toBe(total[head.indexOf('累计帮扶笔数')]);
  });

  it('an office downloads its own summary as one line; the agency gets its agency; the national one stays closed', async () => {
    const res = await w.callers.admin.get('/api/v1/reports/summary?asOf=2026-03-02&format=xlsx');
    expect(res.statusCode).toBe(200);
    const lines = (await readWorkbook(res.rawPayload)).get('汇总')!;
    expect(lines).toHaveLength(2);
    const s = await summary();
    expect(lines[1]![lines[0]!.indexOf('累计帮扶笔数')]).toBe(s.reliefPaid.count);
    const agency = await w.callers.agency.get('/api/v1/reports/summary?format=xlsx');
    expect(agency.statusCode).toBe(200);
    expect((await readWorkbook(agency.rawPayload)).get('汇总')![1]![0]).toBe('江北区代办处');
    expect((await w.callers.admin.get('/api/v1/reports/summary?scope=national&format=xlsx')).statusCode).toBe(403);
    expect((await w.callers.unit.get('/api/v1/reports/summary?format=xlsx')).statusCode).toBe(403);
    const bad = await w.callers.admin.get('/api/v1/reports/summary?format=pdf');
    expect(bad.statusCode).toBe(400);
  });
});

describe('the member app shows the member’s own relief (救助慰问)', () => {
  it('lists the paid reliefs with the amount, the payment and the one-stop claim; another member’s is 404', async () => {
    // a fresh member with a one-stop illness relief (relief + its claim from the same facts)
    const m = await ctx.newMember({ unit_id: w.unit.id, name: '周敏', mobile: '13900001301' });
    await newPolicy(ctx, { memberId: m.id, productCode: 'MED', startDate: '2025-06-01', ...w.place });
    expectOk(
      await w.callers.unit.patch(`/api/v1/members/${m.id}/bank-account`, {
        bankName: '中国农业银行重庆分行',
        accountNumber: '6228 4800 0000 0004 321',
      }),
    );
    const { memberId: _m, ...facts } = inpatientClaim(m.id);
    const filed = expectOk(
      await w.callers.unit.post('/api/v1/relief', {
        memberId: m.id,
        category: 'illness',
        eventDate: '2026-01-10',
        reason: '住院十天',
        withClaims: true,
        claim: facts,
      }),
      201,
    );
    const app = await memberLogin(ctx, '13900001301');
    await verifyRealName(app, m.name, m.idNumber);
    const first = expectOk(await app.get('/api/v1/m/relief'));
    expect(first.items).toHaveLength(1);
    expect(first.items[0]).toMatchObject({
      id: filed.id,
      category: 'illness',
      categoryName: expect.any(String),
      status: 'applied',
      amountFen: 100_000,
      paidAt: null,
      bankAccountMasked: null,
    });
    expect(first.items[0].claims).toEqual([expect.objectContaining({ id: filed.claims[0].id, status: 'submitted' })]);
    // nothing medical or internal in the member's view
    expect(JSON.stringify(first)).not.toContain('住院十天');
    expect(JSON.stringify(first)).not.toContain('admissionDate');
    // the relief goes through; the member sees it paid to their masked account
    expectOk(await w.callers.agency.post(`/api/v1/relief/${filed.id}/review`, { decision: 'approve' }));
    expectOk(await w.callers.reviewer.post(`/api/v1/relief/${filed.id}/decision`, { decision: 'approve' }));
    const batch = expectOk(await w.callers.finance.post('/api/v1/payout-batches', { reliefIds: [filed.id] }), 201);
    expectOk(
      await w.callers.finance.post(
        `/api/v1/payout-batches/${batch.id}/results`,
        batch.items.map((i: { claimId: string }) => ({ claimId: i.claimId, status: 'paid' })),
      ),
    );
    const paid = expectOk(await app.get(`/api/v1/m/relief/${filed.id}`));
    expect(paid).toMatchObject({
      status: 'paid',
      amountFen: 100_000,
      bankAccountMasked: expect.stringMatching(/4321$/),
    });
    expect(paid.paidAt).not.toBeNull();
    // the one-stop claim is in the member's claims too
    const claims = expectOk(await app.get('/api/v1/m/claims'));
    expect(claims.items.map((c: { id: string }) => c.id)).toContain(filed.claims[0].id);
    // another member's relief does not exist for this member; an unknown id neither
    const others = expectOk(await w.callers.admin.get(`/api/v1/relief?memberId=${w.member.id}`));
    expect(others.items.length).toBeGreaterThan(0);
    for (const o of others.items) expect((await app.get(`/api/v1/m/relief/${o.id}`)).statusCode).toBe(404);
    expect((await app.get('/api/v1/m/relief/nope')).statusCode).toBe(404);
    expect(expectOk(await app.get('/api/v1/m/relief')).items.map((r: { id: string }) => r.id)).toEqual([filed.id]);
    // staff sessions are not member sessions
    expect((await w.callers.admin.get('/api/v1/m/relief')).statusCode).toBe(401);
  });
});
