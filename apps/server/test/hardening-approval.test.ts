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

// Issue 15 item 1: an approved amount has a ceiling — the policies' term caps left and the office limit — and one
// above the assessment needs the override permission and a reason.
let ctx: TestContext;
let w: ClaimsWorld;
beforeAll(async () => {
  ctx = await createTestContext();
  w = await buildClaimsWorld(ctx);
});
afterAll(() => ctx.close());

const reason = '经调查核实，按实际发生费用核定';
const approve = (id: string, body: Record<string, unknown>, as = w.callers.reviewer) =>
  as.post(`/api/v1/claims/${id}/decision`, { decision: 'approve', ...body });
const claimRow = (id: string) =>
  ctx.handle.db
    .selectFrom('claim')
    .select(['status', 'approved_amount_fen'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('approval ceiling', () => {
  it('refuses 2^53 − 1 fen on a claim assessed at 2,550 yuan, and changes nothing', async () => {
    const m = await ctx.newMember({ unit_id: w.unit.id });
    await newPolicy(ctx, { memberId: m.id, productCode: 'MED', startDate: '2025-06-01', ...w.place });
    const id = await acceptedClaim(w, inpatientClaim(m.id));
    const res = await approve(id, { amountFen: Number.MAX_SAFE_INTEGER, reason });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(await claimRow(id)).toMatchObject({ status: 'accepted', approved_amount_fen: null });
  });

  it('refuses more than the term cap left (MED: 50,000 yuan), naming it', async () => {
    const m = await ctx.newMember({ unit_id: w.unit.id });
    await newPolicy(ctx, { memberId: m.id, productCode: 'MED', startDate: '2025-06-01', ...w.place });
    const id = await acceptedClaim(w, inpatientClaim(m.id));
    const res = await approve(id, { amountFen: 5_000_001, reason });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'APPROVAL_CEILING_EXCEEDED', details: { ceilingFen: 5_000_000 } });
    expect(res.json().message).toContain('50000.00 元');
    expect(await claimRow(id)).toMatchObject({ status: 'accepted', approved_amount_fen: null });
    // The cap itself is allowed (with the override permission and a reason).
    expect(expectOk(await approve(id, { amountFen: 5_000_000, reason })).approvedAmountFen).toBe(5_000_000);
  });

  it('counts what the term already granted: the second claim can only take what is left', async () => {
    const m = await ctx.newMember({ unit_id: w.unit.id });
    await newPolicy(ctx, { memberId: m.id, productCode: 'MED', startDate: '2025-06-01', ...w.place });
    const first = await acceptedClaim(w, inpatientClaim(m.id));
    expect(expectOk(await approve(first, { amountFen: 4_000_000, reason })).approvedAmountFen).toBe(4_000_000);
    const second = await acceptedClaim(
      w,
      inpatientClaim(m.id, { eventDate: '2026-01-25', admissionDate: '2026-01-25', dischargeDate: '2026-01-28' }),
    );
    const over = await approve(second, { amountFen: 1_000_001, reason });
    expect(over.json()).toMatchObject({ code: 'APPROVAL_CEILING_EXCEEDED', details: { ceilingFen: 1_000_000 } });
  });

  it('refuses more than the office limit (HUZHU_MAX_APPROVAL_FEN)', async () => {
    const config = ctx.deps.config;
    const before = config.maxApprovalFen;
    config.maxApprovalFen = 300_000;
    try {
      const m = await ctx.newMember({ unit_id: w.unit.id });
      await newPolicy(ctx, { memberId: m.id, productCode: 'MED', startDate: '2025-06-01', ...w.place });
      const id = await acceptedClaim(w, inpatientClaim(m.id));
      const res = await approve(id, { amountFen: 300_001, reason });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'APPROVAL_CEILING_EXCEEDED', details: { ceilingFen: 300_000 } });
      expect(res.json().message).toContain('单笔核准上限 3000.00 元');
    } finally {
      config.maxApprovalFen = before;
    }
  });

  it('above the assessment needs claim.override: an office admin may approve less, not more', async () => {
    const admin = await ctx.as('office_admin');
    const m = await ctx.newMember({ unit_id: w.unit.id });
    await newPolicy(ctx, { memberId: m.id, productCode: 'MED', startDate: '2025-06-01', ...w.place });
    const id = await acceptedClaim(w, inpatientClaim(m.id));
    const more = await approve(id, { amountFen: 255_001, reason }, admin);
    expect(more.statusCode).toBe(403);
    expect(more.json()).toMatchObject({ code: 'FORBIDDEN', details: { field: 'amountFen' } });
    expect(await claimRow(id)).toMatchObject({ status: 'accepted' });
    const noReason = await approve(id, { amountFen: 255_001 });
    expect(noReason.json().details).toMatchObject({ field: 'reason' });
    expect(expectOk(await approve(id, { amountFen: 200_000, reason }, admin)).approvedAmountFen).toBe(200_000);
  });
});
