import type { ClaimStatus } from '@huzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptedClaim,
  buildClaimsWorld,
  type ClaimsWorld,
  expectOk,
  inpatientClaim,
  newPolicy,
  uploadSlots,
} from './helpers/claims-factory.ts';
import { createTestContext, type TestContext } from './helpers/test-context.ts';

let ctx: TestContext;
let w: ClaimsWorld;
beforeAll(async () => {
  ctx = await createTestContext();
  w = await buildClaimsWorld(ctx);
});
afterAll(() => ctx.close());

const file = async (over: Record<string, unknown> = {}) =>
  expectOk(await w.callers.unit.post('/api/v1/claims', inpatientClaim(w.member.id, over)), 201).id as string;

/** The API commands that move a claim, each called by the role that may. */
const commands = {
  precheck: (id: string) => w.callers.agency.post(`/api/v1/claims/${id}/precheck`, { note: '材料已核对' }),
  accept: (id: string) => w.callers.agency.post(`/api/v1/claims/${id}/accept`),
  return: (id: string) => w.callers.agency.post(`/api/v1/claims/${id}/return`, { reason: '请补充出院小结' }),
  approve: (id: string) => w.callers.reviewer.post(`/api/v1/claims/${id}/decision`, { decision: 'approve' }),
  reject: (id: string) =>
    w.callers.reviewer.post(`/api/v1/claims/${id}/decision`, { decision: 'reject', reason: '不属于保障责任' }),
  decisionReturn: (id: string) =>
    w.callers.reviewer.post(`/api/v1/claims/${id}/decision`, { decision: 'return', reason: '请补充费用清单' }),
  resubmit: (id: string) => w.callers.unit.post(`/api/v1/claims/${id}/resubmit`, { note: '已补充' }),
};
type Command = keyof typeof commands;

const legal: Record<ClaimStatus, Command[]> = {
  submitted: ['precheck', 'accept', 'return', 'decisionReturn'],
  prechecked: ['accept', 'return', 'decisionReturn'],
  accepted: ['approve', 'reject', 'decisionReturn'],
  returned: ['resubmit'],
  approved: [],
  rejected: [],
  paid: [],
  payout_failed: [],
};

async function payout(id: string, status: 'paid' | 'failed') {
  const batch = expectOk(await w.callers.finance.post('/api/v1/payout-batches', { claimIds: [id] }), 201);
  expectOk(await w.callers.finance.post(`/api/v1/payout-batches/${batch.id}/results`, [{ claimId: id, status }]));
}

/** The commands that bring a fresh claim (with all three materials) to each status. */
const pathTo: Record<ClaimStatus, (Command | 'pay' | 'fail')[]> = {
  submitted: [],
  prechecked: ['precheck'],
  returned: ['return'],
  accepted: ['accept'],
  rejected: ['accept', 'reject'],
  approved: ['accept', 'approve'],
  paid: ['accept', 'approve', 'pay'],
  payout_failed: ['accept', 'approve', 'fail'],
};

async function claimIn(status: ClaimStatus): Promise<string> {
  const id = await file();
  await uploadSlots(w.callers.unit, id);
  for (const step of pathTo[status]) {
    if (step === 'pay' || step === 'fail') await payout(id, step === 'pay' ? 'paid' : 'failed');
    else expectOk(await commands[step](id));
  }
  return id;
}

describe('every illegal transition answers 409 INVALID_TRANSITION and changes nothing', () => {
  const statuses = Object.keys(legal) as ClaimStatus[];
  it.each(statuses)('from %s', async (status) => {
    const id = await claimIn(status);
    expect(expectOk(await w.callers.unit.get(`/api/v1/claims/${id}`)).status).toBe(status);
    for (const c of Object.keys(commands) as Command[]) {
      if (legal[status].includes(c)) continue;
      const res = await commands[c](id);
      expect(res.statusCode, `${status} + ${c}: ${res.body}`).toBe(409);
      expect(res.json().code).toBe('INVALID_TRANSITION');
    }
    expect(expectOk(await w.callers.unit.get(`/api/v1/claims/${id}`)).status).toBe(status);
  });
});

describe('acceptance', () => {
  it('needs every required material: 422 MATERIALS_INCOMPLETE names the missing slots', async () => {
    const id = await file();
    await uploadSlots(w.callers.unit, id, [1]);
    const res = await commands.accept(id);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'MATERIALS_INCOMPLETE', details: { missingSlots: [2, 3] } });
    expect(res.json().message).toContain('费用凭证');
    await uploadSlots(w.callers.unit, id, [2, 3]);
    expect((await commands.accept(id)).statusCode).toBe(200);
  });

  it('needs no expense proof for a lump sum (slots 1 and 2 only)', async () => {
    const m = await ctx.newMember({ unit_id: w.unit.id });
    await newPolicy(ctx, { memberId: m.id, productCode: 'CI_A', startDate: '2025-06-01', ...w.place });
    const ci = expectOk(
      await w.callers.unit.post('/api/v1/claims', {
        memberId: m.id,
        kind: 'critical_illness',
        cause: 'illness',
        eventDate: '2026-02-01',
        diseaseCode: 'CI01',
      }),
      201,
    );
    expect(ci.requiredSlots).toEqual([1, 2]);
    await uploadSlots(w.callers.unit, ci.id, [1, 2]);
    expect((await commands.accept(ci.id)).statusCode).toBe(200);
  });

  it('sets the due date 5 working days later on the official calendar (Spring Festival 2026, adjusted Saturday)', async () => {
    const id = await file({ eventDate: '2026-01-10' });
    await uploadSlots(w.callers.unit, id);
    const saved = ctx.clock.now().toISOString();
    ctx.clock.set('2026-02-13T03:00:00.000Z'); // Friday; Sat 14 Feb is a working day, 15–23 Feb are holidays
    try {
      const claim = expectOk(await commands.accept(id));
      expect(claim).toMatchObject({
        status: 'accepted',
        dueDate: '2026-02-27',
        acceptedAt: '2026-02-13T03:00:00.000Z',
      });
      expect(claim.history.at(-1)).toMatchObject({
        action: 'claim.accept',
        after: { status: 'accepted', dueDate: '2026-02-27' },
      });
    } finally {
      ctx.clock.set(saved);
    }
  });
});

describe('decisions', () => {
  it('a duplicate invoice blocks approval unless an office reviewer overrides with a reason', async () => {
    await file({ invoiceNumbers: ['DUP-1'] });
    const id = await acceptedClaim(w, inpatientClaim(w.member.id, { invoiceNumbers: ['DUP-1'] }));
    const blocked = await commands.approve(id);
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().code).toBe('DUPLICATE_INVOICE');
    const byAdmin = await w.callers.admin.post(`/api/v1/claims/${id}/decision`, {
      decision: 'approve',
      override: true,
      reason: '已核实为同一发票的复印件',
    });
    expect(byAdmin.statusCode).toBe(403);
    const noReason = await w.callers.reviewer.post(`/api/v1/claims/${id}/decision`, {
      decision: 'approve',
      override: true,
    });
    expect(noReason.statusCode).toBe(400);
    const ok = expectOk(
      await w.callers.reviewer.post(`/api/v1/claims/${id}/decision`, {
        decision: 'approve',
        override: true,
        reason: '前一申领已撤回，发票原件在本申领',
      }),
    );
    expect(ok).toMatchObject({
      status: 'approved',
      approvedAmountFen: 255_000,
      overrideReason: '前一申领已撤回，发票原件在本申领',
    });
    expect(ok.history.at(-1).after).toMatchObject({
      override: 'DUPLICATE_INVOICE',
      reason: '前一申领已撤回，发票原件在本申领',
    });
  });

  it('approving another amount than assessed needs a reason, and records it', async () => {
    const id = await acceptedClaim(w, inpatientClaim(w.member.id));
    const bare = await w.callers.reviewer.post(`/api/v1/claims/${id}/decision`, {
      decision: 'approve',
      amountFen: 200_000,
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().details).toMatchObject({ field: 'reason' });
    const claim = expectOk(
      await w.callers.reviewer.post(`/api/v1/claims/${id}/decision`, {
        decision: 'approve',
        amountFen: 200_000,
        reason: '部分费用属自费药品，按票据核减',
      }),
    );
    expect(claim).toMatchObject({
      approvedAmountFen: 200_000,
      assessedAmountFen: 255_000,
      decisionReason: '部分费用属自费药品，按票据核减',
    });
    expect(claim.assessments[0].approvedAmountFen).toBe(200_000);
    const audit = await ctx.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('object_id', '=', id)
      .where('action', '=', 'claim.approve')
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(w.callers.reviewer.user.id);
    expect(JSON.parse(audit.after_json!)).toMatchObject({
      amountFen: 200_000,
      assessedAmountFen: 255_000,
      reason: '部分费用属自费药品，按票据核减',
    });
  });

  it('the assessed amount needs no reason; rejection and return do', async () => {
    const a = await acceptedClaim(w, inpatientClaim(w.member.id));
    expect(expectOk(await commands.approve(a)).approvedAmountFen).toBe(255_000);
    const b = await acceptedClaim(w, inpatientClaim(w.member.id));
    for (const decision of ['reject', 'return'])
      expect((await w.callers.reviewer.post(`/api/v1/claims/${b}/decision`, { decision })).statusCode).toBe(400);
    expect(expectOk(await commands.reject(b))).toMatchObject({ status: 'rejected', decisionReason: '不属于保障责任' });
  });

  it('of two concurrent approvals of one claim, one wins and the other gets 409', async () => {
    const id = await acceptedClaim(w, inpatientClaim(w.member.id));
    const other = await ctx.as('office_reviewer');
    const results = await Promise.all([
      commands.approve(id),
      other.post(`/api/v1/claims/${id}/decision`, { decision: 'approve' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const approvals = await ctx.handle.db
      .selectFrom('audit_log')
      .select('id')
      .where('object_id', '=', id)
      .where('action', '=', 'claim.approve')
      .execute();
    expect(approvals).toHaveLength(1);
  });

  it('a returned claim goes back to the unit, is resubmitted, reassessed and can be accepted again', async () => {
    const id = await acceptedClaim(w, inpatientClaim(w.member.id));
    expect(expectOk(await commands.decisionReturn(id))).toMatchObject({
      status: 'returned',
      returnReason: '请补充费用清单',
      dueDate: null,
    });
    const again = expectOk(await commands.resubmit(id));
    expect(again.status).toBe('submitted');
    expect(expectOk(await commands.accept(id)).status).toBe('accepted');
    const texts = await ctx.handle.db
      .selectFrom('sms_outbox')
      .select(['template', 'text'])
      .where('object_id', '=', id)
      .orderBy('id')
      .execute();
    expect(texts.map((t) => t.template)).toEqual(['claim_accepted', 'claim_returned', 'claim_accepted']);
    expect(texts[1]!.text).toContain('请补充费用清单');
  });
});
