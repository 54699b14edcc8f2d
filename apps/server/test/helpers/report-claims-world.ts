import { acceptedClaim, buildClaimsWorld, expectOk, inpatientClaim, newPolicy, uploadSlots } from './claims-factory.ts';
import type { TestContext } from './test-context.ts';

/**
 * The hand-built claims of the claims-operations and fund-health tests, around the 2026 National Day holiday
 * (1–7 October off; working days 28–30 September, 8–10 October (Saturday 10th worked), 12 October on):
 * - agency A (江北区代办处): c1 accepted 29 Sep, approved 9 Oct 23:59 China time = 3 working days, paid 15 Oct;
 *   c2 (accident, on a MED and a GIG policy) accepted 29 Sep, approved 14 Oct = 7 working days, paid 15 Oct on both;
 *   c3 in MED's illness waiting period, accepted 29 Sep, rejected 9 Oct (3 working days, reason WAITING_PERIOD).
 * - agency B (渝中区代办处): c4 accepted 29 Sep and still undecided (due 12 Oct: overdue on 20 Oct); c5 filed 16 Oct,
 *   not accepted.
 * Policies: A's member MED 2025-06-01 and again 2026-06-01 (continuous) plus GIG 2026-06-01 (individual, agency A);
 * A's waiting member MED 2026-09-01; B's member MED 2026-06-01. The clock ends on 2026-10-20 (China).
 */
export async function buildClaimsReportWorld(ctx: TestContext) {
  ctx.clock.set('2026-09-29T02:00:00.000Z');
  const w = await buildClaimsWorld(ctx);
  await newPolicy(ctx, {
    memberId: w.member.id,
    productCode: 'MED',
    startDate: '2026-06-01',
    continuous: true,
    ...w.place,
  });
  await newPolicy(ctx, { memberId: w.member.id, productCode: 'GIG', startDate: '2026-06-01', agencyId: w.agency.id });
  const waiting = await ctx.newMember({ unit_id: w.unit.id, name: '王芳' });
  await newPolicy(ctx, { memberId: waiting.id, productCode: 'MED', startDate: '2026-09-01', ...w.place });
  const agencyB = await ctx.newAgency({ name: '渝中区代办处' });
  const unitB = await ctx.newUnit({ agency_id: agencyB.id, name: '渝中二厂' });
  const memberB = await ctx.newMember({ unit_id: unitB.id, name: '张伟' });
  await newPolicy(ctx, {
    memberId: memberB.id,
    productCode: 'MED',
    startDate: '2026-06-01',
    unitId: unitB.id,
    agencyId: agencyB.id,
  });
  const callersB = {
    unit: await ctx.as('unit_agent', { unit_id: unitB.id }),
    agency: await ctx.as('agency_staff', { agency_id: agencyB.id }),
  };

  const stay = { eventDate: '2026-09-10', admissionDate: '2026-09-10', dischargeDate: '2026-09-20' };
  const c1 = await acceptedClaim(w, inpatientClaim(w.member.id, stay));
  const c2 = await acceptedClaim(w, {
    memberId: w.member.id,
    kind: 'accident_medical',
    cause: 'accident',
    eventDate: '2026-09-20',
    totalExpensesFen: 2_000_000,
    selfPaidFen: 800_000,
  });
  const c3 = await acceptedClaim(w, inpatientClaim(waiting.id, stay));
  const c4 = expectOk(await callersB.unit.post('/api/v1/claims', inpatientClaim(memberB.id, stay)), 201).id as string;
  await uploadSlots(callersB.unit, c4);
  expectOk(await callersB.agency.post(`/api/v1/claims/${c4}/accept`));

  // Sessions expire while the clock jumps days ahead: each step signs in afresh.
  ctx.clock.set('2026-10-09T15:59:00.000Z');
  let reviewer = await ctx.as('office_reviewer');
  expectOk(await reviewer.post(`/api/v1/claims/${c1}/decision`, { decision: 'approve' }));
  expectOk(await reviewer.post(`/api/v1/claims/${c3}/decision`, { decision: 'reject', reason: '等待期内发病' }));
  ctx.clock.set('2026-10-14T03:00:00.000Z');
  reviewer = await ctx.as('office_reviewer');
  const approved = expectOk(await reviewer.post(`/api/v1/claims/${c2}/decision`, { decision: 'approve' }));
  ctx.clock.set('2026-10-15T03:00:00.000Z');
  const finance = await ctx.as('office_finance');
  const batch = expectOk(await finance.post('/api/v1/payout-batches', { claimIds: [c1, c2] }), 201);
  expectOk(
    await finance.post(`/api/v1/payout-batches/${batch.id}/results`, [
      { claimId: c1, status: 'paid' },
      { claimId: c2, status: 'paid' },
    ]),
  );
  ctx.clock.set('2026-10-16T03:00:00.000Z');
  const clerkB = await ctx.as('unit_agent', { unit_id: unitB.id });
  const c5 = expectOk(await clerkB.post('/api/v1/claims', inpatientClaim(memberB.id, stay)), 201).id as string;
  ctx.clock.set('2026-10-20T03:00:00.000Z');

  // c2's approved amount per product (it paid on MED and GIG).
  const c2Parts: Record<string, number> = {};
  for (const a of approved.assessments as { productCode: string; approvedAmountFen: number | null }[])
    c2Parts[a.productCode] = (c2Parts[a.productCode] ?? 0) + (a.approvedAmountFen ?? 0);
  // Signed in on the world's last day (the ones above have expired).
  const now = {
    admin: await ctx.as('office_admin'),
    staffA: await ctx.as('agency_staff', { agency_id: w.agency.id }),
    staffB: await ctx.as('agency_staff', { agency_id: agencyB.id }),
    unitA: await ctx.as('unit_agent', { unit_id: w.unit.id }),
  };
  return { w, agencyB, now, claims: { c1, c2, c3, c4, c5 }, c2: approved, c2Parts };
}
export type ClaimsReportWorld = Awaited<ReturnType<typeof buildClaimsReportWorld>>;
