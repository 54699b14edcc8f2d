import { addDays, monthEnd } from '@huzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainReportRepository as plain } from '../src/repositories/report-plain.repository.ts';
import { newPolicy } from './helpers/claims-factory.ts';
import { createTestContext, makeIdNumber, type TestContext } from './helpers/test-context.ts';

/** Month series equal, month by month, to the plain summary on each month's last day and its differences. */
describe('GET /reports/trends', () => {
  let ctx: TestContext;
  let agencyA: string;
  beforeAll(async () => {
    ctx = await createTestContext({ now: '2026-06-15T04:00:00.000Z' });
    const a = await ctx.newAgency();
    const b = await ctx.newAgency();
    agencyA = a.id;
    // A deterministic spread of policies over 2025–2026 in two agencies, incl. continuous renewals and a gig policy.
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const units = [
      await ctx.newUnit({ agency_id: a.id, headcount: 30 }),
      await ctx.newUnit({ agency_id: a.id, headcount: 0, category: 'soe' }),
      await ctx.newUnit({ agency_id: b.id, headcount: 12, category: 'government' }),
    ];
    for (let i = 0; i < 24; i++) {
      const unit = units[rnd(units.length)]!;
      const female = rnd(2) === 0;
      const member = await ctx.newMember({
        unit_id: unit.id,
        sex: female ? 'female' : 'male',
        idNumber: makeIdNumber(`19${70 + rnd(25)}-0${1 + rnd(9)}-1${rnd(9)}`, female ? 'female' : 'male'),
      });
      const start = `2025-0${1 + rnd(9)}-0${1 + rnd(9)}`;
      await newPolicy(ctx, {
        memberId: member.id,
        productCode: 'CI_A',
        startDate: start,
        unitId: unit.id,
        agencyId: unit.agency_id,
      });
      if (rnd(2) === 0) {
        const next = await ctx.handle.db
          .selectFrom('policy')
          .select('end_date')
          .where('member_id', '=', member.id)
          .executeTakeFirstOrThrow();
        await newPolicy(ctx, {
          memberId: member.id,
          productCode: 'CI_A',
          startDate: addDays(next.end_date, 1),
          unitId: unit.id,
          agencyId: unit.agency_id,
          continuous: true,
        });
      }
      if (female && rnd(2) === 0)
        await newPolicy(ctx, {
          memberId: member.id,
          productCode: 'FEM',
          startDate: `2026-0${1 + rnd(5)}-01`,
          unitId: unit.id,
          agencyId: unit.agency_id,
        });
      if (rnd(5) === 0)
        await newPolicy(ctx, {
          memberId: member.id,
          productCode: 'GIG',
          startDate: '2025-11-20',
          unitId: null,
          agencyId: null,
        });
    }
  });
  afterAll(() => ctx.close());

  async function get(url: string, role: 'office_admin' | 'agency_staff' = 'office_admin', agencyId?: string) {
    const agent = await ctx.as(role, agencyId ? { agency_id: agencyId } : {});
    return ctx.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie: agent.cookie } });
  }

  for (const view of ['office', 'agency'] as const) {
    it(`equals the plain figures at every month end (${view})`, async () => {
      const res = await get(
        '/reports/trends?from=2024-12&to=2026-07',
        view === 'office' ? 'office_admin' : 'agency_staff',
        view === 'agency' ? agencyA : undefined,
      );
      expect(res.statusCode, res.body).toBe(200);
      const { months, agencyId } = res.json();
      expect(agencyId).toBe(view === 'agency' ? agencyA : null);
      // July 2026 has not begun on 2026-06-15: the series stops at the running month, figured on today.
      expect(months.map((m: { month: string }) => m.month).at(-1)).toBe('2026-06');
      expect(months.at(-1).asOf).toBe('2026-06-15');
      const scope = view === 'agency' ? agencyA : null;
      let prev = await plain.summary(ctx.handle.db, ctx.office.id, '2024-11-30', scope);
      for (const m of months) {
        const p = await plain.summary(ctx.handle.db, ctx.office.id, m.asOf, scope);
        expect(m.asOf).toBe(monthEnd(m.month) < '2026-06-15' ? monthEnd(m.month) : '2026-06-15');
        expect(
          {
            activeUnits: m.activeUnits,
            activeMembers: m.activeMembers,
            shares: m.shares,
            contributionsFen: m.contributionsFen,
            newMembers: m.newMembers,
            claimsPaid: m.claimsPaid.count,
          },
          m.month,
        ).toEqual({
          activeUnits: p.activeUnits,
          activeMembers: p.activeMembers,
          shares: p.shares,
          contributionsFen: p.contributionsFen,
          newMembers: p.membersEver - prev.membersEver,
          claimsPaid: p.claimsPaid.count - prev.claimsPaid.count,
        });
        const started = await ctx.handle.db
          .selectFrom('policy')
          .leftJoin('unit', 'unit.id', 'policy.unit_id')
          .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('policy.fee_fen'), eb.val(0)).as('fee'))
          .where('policy.office_id', '=', ctx.office.id)
          .where('policy.start_date', '>=', `${m.month}-01`)
          .where('policy.start_date', '<=', m.asOf)
          .$if(scope !== null, (q) => q.where('unit.agency_id', '=', scope!))
          .executeTakeFirstOrThrow();
        expect(m.startedContributionsFen, m.month).toBe(Number(started.fee));
        prev = p;
      }
      expect(months.some((m: { activeMembers: number }) => m.activeMembers > 0)).toBe(true);
    });
  }

  it('defaults to the last 24 months and exports the same numbers as xlsx', async () => {
    const res = await get('/reports/trends');
    expect(res.json().months).toHaveLength(24);
    expect(res.json().months[0].month).toBe('2024-07');
    const x = await get('/reports/trends?format=xlsx');
    expect(x.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('月份');
    const months = res.json().months;
    months.forEach((m: { month: string; activeMembers: number; contributionsFen: number }, i: number) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(1).value).toBe(m.month);
      expect(row.getCell(4).value).toBe(m.activeMembers);
      expect(row.getCell(6).value).toBe(m.contributionsFen / 100);
    });
  });

  it('refuses impossible months and reversed ranges, and callers without the report permission', async () => {
    for (const q of [
      'from=2026-13',
      'to=2026-1',
      'from=2026-05&to=2026-01',
      'from=1990-01&to=2026-01',
      "to=2026-01'--",
    ]) {
      const res = await get(`/reports/trends?${q}`);
      expect(res.statusCode, q).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, q).toBeLessThan(500);
      expect(res.json().code, q).toBe('VALIDATION_FAILED');
      expect(res.json().message, q).toMatch(/[\u4e00-\u9fa5]/);
    }
    const unit = await ctx.as('unit_agent');
    expect(
      (await ctx.app.inject({ method: 'GET', url: '/api/v1/reports/trends', headers: { cookie: unit.cookie } }))
        .statusCode,
    ).toBe(403);
  });
});
