import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptedClaim,
  buildClaimsWorld,
  type ClaimsWorld,
  expectOk,
  inpatientClaim,
  newPolicy,
} from './helpers/claims-factory.ts';
import { createTestContext, type TestContext } from './helpers/test-context.ts';

// What an approval changes beyond the claim: policies paid out, caps used, amounts split over policies.
let ctx: TestContext;
let w: ClaimsWorld;
beforeAll(async () => {
  ctx = await createTestContext();
  w = await buildClaimsWorld(ctx);
});
afterAll(() => ctx.close());

const approve = (id: string, body: Record<string, unknown> = {}) =>
  w.callers.reviewer.post(`/api/v1/claims/${id}/decision`, { decision: 'approve', ...body });

describe('approval', () => {
  it('of a lump sum ends the policy (audited as a coverage change); a second claim finds it paid out', async () => {
    const m = await ctx.newMember({ unit_id: w.unit.id });
    const ci = await newPolicy(ctx, {
      memberId: m.id,
      productCode: 'CI_B',
      startDate: '2025-06-01',
      shares: 2,
      ...w.place,
    });
    const body = {
      memberId: m.id,
      kind: 'critical_illness',
      cause: 'illness',
      eventDate: '2026-02-01',
      diseaseCode: 'CI02',
    };
    const id = await acceptedClaim(w, body);
    const claim = expectOk(await approve(id));
    expect(claim).toMatchObject({ approvedAmountFen: 4_000_000 });
    expect(claim.assessments[0]).toMatchObject({
      ruleKind: 'lump_sum',
      endsPolicy: true,
      approvedAmountFen: 4_000_000,
    });
    const policy = await ctx.handle.db
      .selectFrom('policy')
      .select('state')
      .where('id', '=', ci.id)
      .executeTakeFirstOrThrow();
    expect(policy.state).toBe('paid_out');
    const audit = await ctx.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('object_id', '=', ci.id)
      .where('action', '=', 'policy.paid_out')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json!)).toEqual({ state: 'in_force' });
    expect(JSON.parse(audit.after_json!)).toMatchObject({ state: 'paid_out', claimId: id });
    const policies = expectOk(await w.callers.unit.get(`/api/v1/members/${m.id}/policies`));
    expect(policies[0].status).toBe('paid_out');

    const second = expectOk(await w.callers.unit.post('/api/v1/claims', { ...body, diseaseCode: 'CI05' }), 201);
    expect(second.assessments[0]).toMatchObject({ payable: false, code: 'ALREADY_PAID_OUT' });
  });

  it('counts what earlier approvals granted against the term cap (MED: 50,000 yuan)', async () => {
    const m = await ctx.newMember({ unit_id: w.unit.id });
    await newPolicy(ctx, { memberId: m.id, productCode: 'MED', startDate: '2025-06-01', ...w.place });
    // 200,000 yuan self-paid computes 96,750 yuan; the cap pays 50,000.
    const big = await acceptedClaim(w, inpatientClaim(m.id, { totalExpensesFen: 30_000_000, selfPaidFen: 20_000_000 }));
    const claimAfterAccept = expectOk(await w.callers.reviewer.get(`/api/v1/claims/${big}`));
    expect(claimAfterAccept.assessedAmountFen).toBe(5_000_000);
    expect(expectOk(await approve(big)).approvedAmountFen).toBe(5_000_000);
    const next = expectOk(await w.callers.unit.post('/api/v1/claims', inpatientClaim(m.id)), 201);
    expect(next.assessments[0]).toMatchObject({ payable: false, code: 'TERM_CAP_REACHED' });
  });

  it('re-assesses at the decision: a cap used by a claim approved after this one was filed is respected', async () => {
    const m = await ctx.newMember({ unit_id: w.unit.id });
    await newPolicy(ctx, { memberId: m.id, productCode: 'MED', startDate: '2025-06-01', ...w.place });
    const first = await acceptedClaim(
      w,
      inpatientClaim(m.id, { totalExpensesFen: 20_000_000, selfPaidFen: 9_000_000 }),
    );
    const second = await acceptedClaim(
      w,
      inpatientClaim(m.id, { totalExpensesFen: 20_000_000, selfPaidFen: 9_000_000 }),
    );
    // Each alone: 1,500 + 1,750 + 4,000 + 4,500 + 30,000 = 41,750 yuan.
    expect(expectOk(await approve(first)).approvedAmountFen).toBe(4_175_000);
    const decided = expectOk(await approve(second));
    expect(decided.approvedAmountFen).toBe(825_000);
    expect(decided.assessments[0].lines.join('\n')).toContain('剩余额度');
  });

  it('a changed total over several policies must be split by the reviewer', async () => {
    const m = await ctx.newMember({ unit_id: w.unit.id });
    const med = await newPolicy(ctx, { memberId: m.id, productCode: 'MED', startDate: '2025-06-01', ...w.place });
    const gig = await newPolicy(ctx, { memberId: m.id, productCode: 'GIG', startDate: '2025-09-01' });
    const id = await acceptedClaim(w, {
      memberId: m.id,
      kind: 'accident_medical',
      cause: 'accident',
      eventDate: '2026-02-01',
      totalExpensesFen: 2_000_000,
      selfPaidFen: 800_000,
    });
    const reason = '意外医疗费用中含非医保目录项目';
    const unsplit = await approve(id, { amountFen: 1_000_000, reason });
    expect(unsplit.statusCode).toBe(400);
    expect(unsplit.json().details).toMatchObject({ field: 'allocations' });
    const wrongSum = await approve(id, {
      amountFen: 1_000_000,
      reason,
      allocations: [
        { policyId: med.id, amountFen: 200_000 },
        { policyId: gig.id, amountFen: 700_000 },
      ],
    });
    expect(wrongSum.statusCode).toBe(400);
    const claim = expectOk(
      await approve(id, {
        amountFen: 1_000_000,
        reason,
        allocations: [
          { policyId: med.id, amountFen: 200_000 },
          { policyId: gig.id, amountFen: 800_000 },
        ],
      }),
    );
    const granted = Object.fromEntries(
      claim.assessments.map((a: { policyId: string; approvedAmountFen: number }) => [a.policyId, a.approvedAmountFen]),
    );
    expect(granted).toEqual({ [med.id]: 200_000, [gig.id]: 800_000 });
  });

  it('approves an amount the engine refused only with an amount and a reason', async () => {
    const m = await ctx.newMember({ unit_id: w.unit.id });
    await newPolicy(ctx, { memberId: m.id, productCode: 'MED', startDate: '2026-01-15', ...w.place });
    const stay = { eventDate: '2026-02-01', admissionDate: '2026-02-01', dischargeDate: '2026-02-05' };
    const id = await acceptedClaim(w, inpatientClaim(m.id, stay));
    const bare = await approve(id);
    expect(bare.statusCode).toBe(400);
    expect(bare.json().details).toMatchObject({ field: 'amountFen' });
    const claim = expectOk(await approve(id, { amountFen: 100_000, reason: '经调查属意外受伤住院，不适用疾病等待期' }));
    expect(claim).toMatchObject({ status: 'approved', approvedAmountFen: 100_000, assessedAmountFen: 0 });
  });
});
