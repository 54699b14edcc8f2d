import { assembleRenewal, expiringColumns, type ExpiringPage, type RenewalReport, renewalColumns } from '@huzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyRow } from '../src/db/tables.ts';
import { claimsReportRepository } from '../src/repositories/report-claims.repository.ts';
import { reportRepository } from '../src/repositories/report.repository.ts';
import { plainRenewalRepository } from '../src/repositories/report-plain-renewal.repository.ts';
import { withCoverageOf } from '../src/services/report-summary.service.ts';
import { newPolicy } from './helpers/claims-factory.ts';
import { expectedCells } from './helpers/report-cells.ts';
import { readWorkbook, seededRandom } from './helpers/report-flows.ts';
import { type Agent, createTestContext, type TestContext } from './helpers/test-context.ts';

describe('renewal report', () => {
  let ctx: TestContext;
  let admin: Agent;
  let agencyA: { id: string };
  let agencyB: { id: string };

  beforeAll(async () => {
    ctx = await createTestContext({ now: '2026-06-30T04:00:00.000Z' });
    admin = await ctx.as('office_admin');
    agencyA = await ctx.newAgency({ name: '甲区代办处' });
    agencyB = await ctx.newAgency({ name: '乙区代办处' });
    const unitA = await ctx.newUnit({ agency_id: agencyA.id, name: '甲区一厂' });
    const unitB = await ctx.newUnit({ agency_id: agencyB.id, name: '乙区一厂' });
    const at = (unitId: string | null, agencyId: string) => ({ unitId, agencyId });
    // Employee renewed continuously (CI_A 2025 → 2026): ending 2025-12-31, renewed.
    const e1 = await ctx.newMember({ unit_id: unitA.id, name: '王小明' });
    await newPolicy(ctx, {
      memberId: e1.id,
      productCode: 'CI_A',
      startDate: '2025-01-01',
      ...at(unitA.id, agencyA.id),
    });
    await newPolicy(ctx, {
      memberId: e1.id,
      productCode: 'CI_A',
      startDate: '2026-01-01',
      continuous: true,
      ...at(unitA.id, agencyA.id),
    });
    // Employee who let it end (no later policy): ending 2025-12-31, not renewed.
    const e2 = await ctx.newMember({ unit_id: unitB.id });
    await newPolicy(ctx, {
      memberId: e2.id,
      productCode: 'CI_A',
      startDate: '2025-01-01',
      ...at(unitB.id, agencyB.id),
    });
    // Employee who came back after a gap (not continuous): not renewed.
    const e3 = await ctx.newMember({ unit_id: unitB.id });
    await newPolicy(ctx, { memberId: e3.id, productCode: 'ALW', startDate: '2025-01-01', ...at(unitB.id, agencyB.id) });
    await newPolicy(ctx, { memberId: e3.id, productCode: 'ALW', startDate: '2026-05-01', ...at(unitB.id, agencyB.id) });
    // Gig worker on the individual channel, renewed continuously.
    const g1 = await ctx.newMember({ unit_id: null, employment_kind: 'gig' });
    await newPolicy(ctx, { memberId: g1.id, productCode: 'GIG', startDate: '2025-03-01', ...at(null, agencyA.id) });
    await newPolicy(ctx, {
      memberId: g1.id,
      productCode: 'GIG',
      startDate: '2026-03-01',
      continuous: true,
      ...at(null, agencyA.id),
    });
    // Gig worker whose policy ended, not renewed.
    const g2 = await ctx.newMember({ unit_id: null, employment_kind: 'gig' });
    await newPolicy(ctx, { memberId: g2.id, productCode: 'GIG', startDate: '2025-04-01', ...at(null, agencyB.id) });
  });
  afterAll(() => ctx.close());

  const get = (agent: Agent, q: string) => agent.get(`/api/v1/reports/renewal${q}`);

  it('gives the known answers: by product, by employment kind (gig workers apart), total', async () => {
    const res = await get(admin, '?from=2025-07-01&to=2026-06-30');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as RenewalReport;
    const figure = (ending: number, renewed: number) => ({ ending, renewed, rate: renewed / ending });
    expect(r.byProduct).toEqual([
      { productCode: 'ALW', productName: '在职职工住院津贴互助保障', employmentKind: null, ...figure(1, 0) },
      { productCode: 'CI_A', productName: '在职职工重大疾病互助保障（A款）', employmentKind: null, ...figure(2, 1) },
      {
        productCode: 'GIG',
        productName: '新就业形态劳动者专项意外伤害互助保障',
        employmentKind: null,
        ...figure(2, 1),
      },
    ]);
    expect(r.byEmploymentKind).toEqual([
      { productCode: null, employmentKind: 'employee', ...figure(3, 1) },
      { productCode: null, employmentKind: 'gig', ...figure(2, 1) },
    ]);
    expect(r.total).toEqual({ productCode: null, employmentKind: null, ...figure(5, 2) });
    // Default period: the twelve months up to today.
    const d = (await get(admin, '')).json() as RenewalReport;
    expect([d.from, d.to]).toEqual(['2025-07-01', '2026-06-30']);
    expect(d.total).toEqual(r.total);
    // One agency.
    const a = (await get(admin, `?from=2025-07-01&to=2026-06-30&agencyId=${agencyA.id}`)).json() as RenewalReport;
    expect(a.total).toEqual({ productCode: null, employmentKind: null, ...figure(2, 2) });
    expect((await get(admin, '?from=2026-02-01&to=2026-01-01')).statusCode).toBe(400);
  });

  it('scopes: agency staff get their agency, another agency 404, unit agent 403', async () => {
    const staff = await ctx.as('agency_staff', { agency_id: agencyB.id });
    const own = (await get(staff, '?from=2025-07-01&to=2026-06-30')).json() as RenewalReport;
    expect(own.agencyId).toBe(agencyB.id);
    expect(own.total.ending).toBe(3);
    expect((await get(staff, `?agencyId=${agencyA.id}`)).statusCode).toBe(404);
    expect((await get(staff, `/expiring?agencyId=${agencyA.id}`)).statusCode).toBe(404);
    expect((await get(await ctx.as('unit_agent'), '')).statusCode).toBe(403);
    expect((await get(await ctx.as('unit_agent'), '/expiring')).statusCode).toBe(403);
  });

  it('lists the policies ending in the next days, names masked, with the reminder mark', async () => {
    ctx.clock.set('2026-12-10T04:00:00.000Z');
    try {
      const admin = await ctx.as('office_admin');
      const res = await get(admin, '/expiring?days=30');
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as ExpiringPage;
      expect([page.from, page.to]).toEqual(['2026-12-10', '2027-01-09']);
      // e1's 2026 CI_A ends 2026-12-31; e3's ALW ends 2027-04-30 (outside).
      expect(page.items).toEqual([
        expect.objectContaining({
          maskedName: '王*明',
          unitName: '甲区一厂',
          productCode: 'CI_A',
          productName: '在职职工重大疾病互助保障（A款）',
          endDate: '2026-12-31',
          reminderSentAt: null,
        }),
      ]);
      expect(page.total).toBe(1);
      const x = await get(admin, '/expiring?days=30&format=xlsx');
      expect(x.statusCode, x.body).toBe(200);
      const names = await reportRepository.agencyNames(ctx.handle.db, ctx.office.id);
      const rows = page.items.map((i) => ({ ...i, agencyName: names.get(i.agencyId) ?? '' }));
      expect((await readWorkbook(x.rawPayload)).get('即将到期')).toEqual(expectedCells(expiringColumns, rows));
      const staffB = await ctx.as('agency_staff', { agency_id: agencyB.id });
      expect(((await get(staffB, '/expiring?days=30')).json() as ExpiringPage).total).toBe(0);
    } finally {
      ctx.clock.set('2026-06-30T04:00:00.000Z');
    }
  });

  it('exports the same figures to xlsx', async () => {
    const json = (await get(admin, '?from=2025-07-01&to=2026-06-30')).json() as RenewalReport;
    const res = await get(admin, '?from=2025-07-01&to=2026-06-30&format=xlsx');
    expect(res.statusCode).toBe(200);
    const sheets = await readWorkbook(res.rawPayload);
    expect(sheets.get('分产品')).toEqual(expectedCells(renewalColumns, [...json.byProduct, json.total]));
    expect(sheets.get('分人员类别')).toEqual(expectedCells(renewalColumns, [...json.byEmploymentKind, json.total]));
    expect(sheets.get('产品×人员类别')).toEqual(expectedCells(renewalColumns, json.byProductAndKind));
  });

  it('equals the plain recomputation after a random sequence of writes', async () => {
    const rnd = seededRandom(5);
    const units = [await ctx.newUnit({ agency_id: agencyA.id }), await ctx.newUnit({ agency_id: agencyB.id })];
    const members = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        ctx.newMember({ unit_id: i < 6 ? units[i % 2]!.id : null, employment_kind: i % 3 === 0 ? 'gig' : 'employee' }),
      ),
    );
    const written: PolicyRow[] = [];
    for (let step = 0; step < 50; step += 1) {
      if (rnd.int(0, 9) < 8 || written.length === 0) {
        const m = rnd.pick(members);
        const productCode = m.unit_id ? rnd.pick(['CI_A', 'ALW']) : 'GIG';
        const startDate = rnd.pick([
          '2024-06-01',
          '2025-01-01',
          '2025-06-01',
          '2025-07-15',
          '2026-01-01',
          '2026-06-01',
        ]);
        const end = (p: PolicyRow) => p.end_date;
        const mine = written.filter(
          (p) => p.member_id === m.id && p.product_code === productCode && p.state !== 'cancelled',
        );
        if (mine.some((p) => !(end(p) < startDate) && !(p.start_date > startDate))) continue;
        if (mine.some((p) => p.start_date > startDate)) continue;
        const continuous = mine.length > 0 && rnd.next() < 0.7;
        written.push(
          await newPolicy(ctx, {
            memberId: m.id,
            productCode,
            startDate,
            continuous,
            unitId: m.unit_id,
            agencyId: m.unit_id ? units.find((u) => u.id === m.unit_id)!.agency_id : rnd.pick([agencyA.id, agencyB.id]),
          }),
        );
      } else {
        const p = rnd.pick(written);
        await withCoverageOf(ctx.handle.db, ctx.office.id, [p.member_id], () =>
          ctx.handle.db.updateTable('policy').set({ state: 'cancelled' }).where('id', '=', p.id).execute(),
        );
        p.state = 'cancelled';
      }
    }
    for (const [from, to] of [
      ['2024-01-01', '2028-12-31'],
      ['2025-07-01', '2026-06-30'],
      ['2026-01-01', '2027-06-30'],
    ] as const)
      for (const agencyId of [null, agencyA.id]) {
        const q = `?from=${from}&to=${to}${agencyId ? `&agencyId=${agencyId}` : ''}`;
        const api = (await get(admin, q)).json() as RenewalReport;
        const plain = assembleRenewal(
          await plainRenewalRepository.figures(ctx.handle.db, ctx.office.id, from, to, agencyId),
          await claimsReportRepository.productNames(ctx.handle.db, ctx.office.id),
        );
        // The gig workers' own figure (category gig) is checked in gig-reports.test.ts.
        expect({ ...api, from: undefined, to: undefined, agencyId: undefined, gig: undefined }, q).toEqual({
          ...plain,
          from: undefined,
          to: undefined,
          agencyId: undefined,
          gig: undefined,
        });
        if (agencyId === null && from === '2024-01-01') expect(api.total.renewed).toBeGreaterThan(0);
      }
  });
});
