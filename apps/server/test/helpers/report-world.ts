import { expect } from 'vitest';
import { expectOk, newPolicy } from './claims-factory.ts';
import { enrolThroughWorkflow, payClaimThroughPayout } from './report-flows.ts';
import { makeIdNumber, type TestContext } from './test-context.ts';

/**
 * The small hand-built office whose report figures the report tests know by heart (the expected numbers are
 * worked out by hand in the tests, not by the code). Built on 2026-03-01 (China time); "today" afterwards is
 * 2026-03-02. Products: CI_A 60 yuan a share, 12 months; FEM 36 yuan, 24 months; ALW 60 yuan; MED 100 yuan; GIG 30.
 *
 * Agency A (A区代办处):
 *   a1 private, headcount 10 — continuous: CI_A 2025 (1 share) then CI_A 2026 continuous (2 shares);
 *                              woman: CI_A 2026-01-01 + FEM 2026-01-01 (to 2027-12-31);
 *                              mover: CI_A 2025-03-01..2026-02-28, moved to b1 on 2026-01-15;
 *   a2 soe, headcount 0      — CI_A 2026-02-01..2027-01-31;
 *   a3 private, headcount 50 — never enrolled;
 *   lapsed government, 20    — CI_A 2025 only.
 * Agency B (B区代办处):
 *   b1 institution, 30       — mover: ALW 2026-02-01..2027-01-31;
 *   b2 other, 50             — never enrolled;
 *   claims private, 5        — claimant: MED 2025-06-01..2026-05-31, a claim of 2,550 yuan paid 2026-03-01T17:00Z;
 *   workflow private, 8      — two people enrolled through the workflow: CI_A 1 and 2 shares from 2026-04-01.
 * No unit: a gig worker with GIG 2026-01-15..2027-01-14 sold outside any agency.
 */
export async function buildReportWorld(ctx: TestContext) {
  ctx.clock.set('2026-03-01T08:00:00.000Z');
  const agencyA = await ctx.newAgency({ code: 'RPT-A', name: 'A区代办处' });
  const agencyB = await ctx.newAgency({ code: 'RPT-B', name: 'B区代办处' });
  const unit = (agency: string, name: string, category: string, headcount: number) =>
    ctx.newUnit({ agency_id: agency, name, category, headcount, female_headcount: Math.floor(headcount / 2) });
  const units = {
    a1: await unit(agencyA.id, '甲一机械厂', 'private', 10),
    a2: await unit(agencyA.id, '甲二国企', 'soe', 0),
    a3: await unit(agencyA.id, '甲三电子', 'private', 50),
    lapsed: await unit(agencyA.id, '甲区某局', 'government', 20),
    b1: await unit(agencyB.id, '乙一医院', 'institution', 30),
    b2: await unit(agencyB.id, '乙二合作社', 'other', 50),
    claims: await unit(agencyB.id, '乙三物流', 'private', 5),
    workflow: await unit(agencyB.id, '乙四食品', 'private', 8),
  };
  const placeOf = (u: { id: string; agency_id: string }) => ({ unitId: u.id, agencyId: u.agency_id });

  const continuous = await ctx.newMember({ unit_id: units.a1.id, name: '陈续保' });
  await newPolicy(ctx, { memberId: continuous.id, productCode: 'CI_A', startDate: '2025-01-01', ...placeOf(units.a1) });
  const renewed = await newPolicy(ctx, {
    memberId: continuous.id,
    productCode: 'CI_A',
    startDate: '2026-01-01',
    shares: 2,
    continuous: true,
    ...placeOf(units.a1),
  });
  expect(renewed.continuous).toBe(1);

  const woman = await ctx.newMember({
    unit_id: units.a1.id,
    name: '刘芳',
    idNumber: makeIdNumber('1990-01-02', 'female'),
  });
  await newPolicy(ctx, { memberId: woman.id, productCode: 'CI_A', startDate: '2026-01-01', ...placeOf(units.a1) });
  await newPolicy(ctx, { memberId: woman.id, productCode: 'FEM', startDate: '2026-01-01', ...placeOf(units.a1) });

  const soe = await ctx.newMember({ unit_id: units.a2.id, name: '赵国' });
  await newPolicy(ctx, { memberId: soe.id, productCode: 'CI_A', startDate: '2026-02-01', ...placeOf(units.a2) });

  const lapsed = await ctx.newMember({ unit_id: units.lapsed.id, name: '钱停' });
  await newPolicy(ctx, { memberId: lapsed.id, productCode: 'CI_A', startDate: '2025-01-01', ...placeOf(units.lapsed) });

  const admin = await ctx.as('office_admin');
  const reviewer = await ctx.as('office_reviewer');
  const finance = await ctx.as('office_finance');

  const mover = await ctx.newMember({ unit_id: units.a1.id, name: '孙调' });
  await newPolicy(ctx, { memberId: mover.id, productCode: 'CI_A', startDate: '2025-03-01', ...placeOf(units.a1) });
  expectOk(await admin.post(`/api/v1/members/${mover.id}/transfer`, { unitId: units.b1.id, fromDate: '2026-01-15' }));
  await newPolicy(ctx, { memberId: mover.id, productCode: 'ALW', startDate: '2026-02-01', ...placeOf(units.b1) });

  const gig = await ctx.newMember({ unit_id: null, name: '周骑手', employment_kind: 'gig', gig_kind: 'courier' });
  await newPolicy(ctx, { memberId: gig.id, productCode: 'GIG', startDate: '2026-01-15', unitId: null, agencyId: null });

  const claimant = await ctx.newMember({ unit_id: units.claims.id, name: '吴报' });
  await newPolicy(ctx, {
    memberId: claimant.id,
    productCode: 'MED',
    startDate: '2025-06-01',
    ...placeOf(units.claims),
  });

  await enrolThroughWorkflow(
    { creator: admin, approver: reviewer, finance },
    units.workflow.id,
    [
      ['郑一', makeIdNumber('1980-05-05', 'male'), '13800000011', 1, '在职职工', '是'],
      ['王二', makeIdNumber('1981-06-06', 'female'), '13800000012', 2, '在职职工', '是'],
    ],
    { productCode: 'CI_A', startDate: '2026-04-01', paidOn: '2026-03-01' },
  );

  const claim = await payClaimThroughPayout(
    ctx,
    { clerk: admin, reviewer, finance },
    claimant.id,
    '2026-03-01T17:00:00.000Z',
  );
  ctx.clock.set('2026-03-02T02:00:00.000Z');
  return {
    agencyA,
    agencyB,
    units,
    members: { continuous, woman, soe, lapsed, mover, gig, claimant },
    claim,
    users: { admin: admin.user, reviewer: reviewer.user, finance: finance.user },
  };
}
export type ReportWorld = Awaited<ReturnType<typeof buildReportWorld>>;
