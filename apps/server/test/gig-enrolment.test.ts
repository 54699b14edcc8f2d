import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MemberAgent, memberLogin, verifyRealName } from './helpers/member-app.ts';
import { createTestContext, makeIdNumber, type TestContext } from './helpers/test-context.ts';

let ctx: TestContext;
let mobileSeq = 0;
const newMobile = () => `137${String(++mobileSeq).padStart(8, '0')}`;
// 2026-03-02 23:30 China time: cover starts on 2026-03-03.
const NOW = '2026-03-02T15:30:00.000Z';
const at = (seconds: number) => ctx.clock.set(new Date(Date.parse(NOW) + seconds * 1000).toISOString());

beforeAll(async () => {
  ctx = await createTestContext({ now: NOW });
});
afterAll(() => ctx.close());

async function worker(birthDate = '1990-05-05'): Promise<MemberAgent & { memberId: string }> {
  const m = await memberLogin(ctx, newMobile());
  const face = await verifyRealName(m, '骑手甲', makeIdNumber(birthDate));
  if (face.status !== 'verified' || !face.memberId) throw new Error(JSON.stringify(face));
  return Object.assign(m, { memberId: face.memberId });
}

const count = async (table: 'policy' | 'gig_payment', memberId?: string) => {
  let q = ctx.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
  if (memberId && table === 'policy') q = q.where('member_id', '=', memberId);
  return Number((await q.executeTakeFirstOrThrow()).n);
};
const audits = async (objectId: string, action: string) =>
  Number(
    (
      await ctx.handle.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('object_id', '=', objectId)
        .where('action', '=', action)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('gig self-enrolment with the demo cashier', () => {
  it('orders GIG (awaiting payment, 30 min), pays once whatever the repeats: one policy from the next China day', async () => {
    at(0);
    const m = await worker();
    const res = await m.post('/api/v1/m/enrolments', { productCode: 'GIG' });
    expect(res.statusCode).toBe(201);
    const order = res.json();
    expect(order).toMatchObject({ status: 'awaiting_payment', productCode: 'GIG', shares: 1, feeFen: 3000 });
    expect(order.payment.provider).toBe('demo');
    expect(order.payment.cashierUrl).toContain('/m/');
    expect(order.expiresAt).toBe(new Date(Date.parse(NOW) + 30 * 60_000).toISOString());

    // The same order asked again (a second tap) is the same order.
    const again = await m.post('/api/v1/m/enrolments', { productCode: 'GIG' });
    expect(again.json().id).toBe(order.id);

    const paid = await Promise.all(Array.from({ length: 5 }, () => m.post(`/api/v1/m/payments/${order.id}/demo-pay`)));
    for (const p of paid) expect(p.statusCode).toBe(200);
    const status = await m.get(`/api/v1/m/enrolments/${order.id}`);
    expect(status.json()).toMatchObject({ status: 'effective' });
    expect(status.json().policy).toMatchObject({ productCode: 'GIG', startDate: '2026-03-03', endDate: '2027-03-02' });
    expect(await count('policy', m.memberId)).toBe(1);
    const payments = await ctx.handle.db
      .selectFrom('gig_payment')
      .selectAll()
      .where('enrolment_id', '=', order.id)
      .execute();
    expect(payments).toHaveLength(1);
    expect(payments[0]!.amount_fen).toBe(3000);
    expect(await audits(order.id, 'gig_enrolment.pay')).toBe(1);

    const mine = await m.get('/api/v1/m/me/policies');
    expect(mine.json()).toEqual([expect.objectContaining({ productCode: 'GIG', channel: 'self' })]);
    const cert = await m.get(`/api/v1/m/me/policies/${status.json().policy.id}/certificate`);
    expect(cert.statusCode).toBe(200);

    // Covered: a second GIG is refused, and so is anything of the same exclusive group.
    const second = await m.post('/api/v1/m/enrolments', { productCode: 'GIG' });
    expect(second.statusCode).toBe(422);
    expect(second.json().code).toBe('ALREADY_COVERED');
  });

  it('SHORT_ACC: 30 days from the day after payment; another member never sees the order (404)', async () => {
    at(100);
    const m = await worker();
    const other = await worker();
    const order = (await m.post('/api/v1/m/enrolments', { productCode: 'SHORT_ACC' })).json();
    expect(order.feeFen).toBe(500);
    expect((await other.get(`/api/v1/m/enrolments/${order.id}`)).statusCode).toBe(404);
    expect((await other.post(`/api/v1/m/payments/${order.id}/demo-pay`)).statusCode).toBe(404);
    const paid = await m.post(`/api/v1/m/payments/${order.id}/demo-pay`);
    expect(paid.json().policy).toMatchObject({ startDate: '2026-03-03', endDate: '2026-04-01' });
  });

  it('an employee of a non-public enterprise, enrolled by the unit, buys an individual product the same way', async () => {
    at(200);
    const unit = await ctx.newUnit({ name: '重庆某民营物流有限公司', category: 'private' });
    const employee = await ctx.newMember({ name: '职工乙', idNumber: makeIdNumber('1988-08-08'), unit_id: unit.id });
    const m = await memberLogin(ctx, newMobile());
    const face = await verifyRealName(m, '职工乙', employee.idNumber);
    // Real name binds the account to the member the unit enrolled, not to a new record.
    expect(face).toMatchObject({ status: 'verified', memberId: employee.id });
    const order = (await m.post('/api/v1/m/enrolments', { productCode: 'SHORT_ACC' })).json();
    expect(order).toMatchObject({ status: 'awaiting_payment', productCode: 'SHORT_ACC' });
    const paid = await m.post(`/api/v1/m/payments/${order.id}/demo-pay`);
    expect(paid.json()).toMatchObject({ status: 'effective', policy: { productCode: 'SHORT_ACC' } });
    const policy = await ctx.handle.db
      .selectFrom('policy')
      .select(['member_id', 'unit_id', 'batch_id'])
      .where('member_id', '=', employee.id)
      .executeTakeFirstOrThrow();
    // Bought on their own: no unit, no batch on the policy; the member stays the unit's employee.
    expect(policy).toEqual({ member_id: employee.id, unit_id: null, batch_id: null });
    const member = await ctx.handle.db
      .selectFrom('member')
      .select(['unit_id', 'employment_kind'])
      .where('id', '=', employee.id)
      .executeTakeFirstOrThrow();
    expect(member).toEqual({ unit_id: unit.id, employment_kind: 'employee' });
  });

  it('refuses a worker outside the age band, a unit product, an unknown product — and writes nothing', async () => {
    at(200);
    const old = await worker('1955-01-01');
    const before = await ctx.handle.db
      .selectFrom('gig_enrolment')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const aged = await old.post('/api/v1/m/enrolments', { productCode: 'GIG' });
    expect(aged.statusCode).toBe(422);
    expect(aged.json().code).toBe('AGE_OUT_OF_RANGE');
    expect(aged.json().message).toMatch(/周岁/);
    const young = await worker();
    const unitProduct = await young.post('/api/v1/m/enrolments', { productCode: 'CI_A' });
    expect(unitProduct.statusCode).toBe(422);
    expect(unitProduct.json().code).toBe('NOT_ELIGIBLE');
    const unknown = await young.post('/api/v1/m/enrolments', { productCode: 'NOPE' });
    expect(unknown.json().code).toBe('NOT_ELIGIBLE');
    const shares = await young.post('/api/v1/m/enrolments', { productCode: 'GIG', shares: 3 });
    expect(shares.json().code).toBe('SHARES_OUT_OF_RANGE');
    const after = await ctx.handle.db
      .selectFrom('gig_enrolment')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('an order unpaid for 30 minutes expires; paying it then is refused and makes no policy', async () => {
    at(300);
    const m = await worker();
    const order = (await m.post('/api/v1/m/enrolments', { productCode: 'GIG' })).json();
    at(300 + 30 * 60 + 1);
    const late = await m.post(`/api/v1/m/payments/${order.id}/demo-pay`);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('ENROLMENT_EXPIRED');
    expect((await m.get(`/api/v1/m/enrolments/${order.id}`)).json().status).toBe('expired');
    expect(await count('policy', m.memberId)).toBe(0);
    // A new order can be made after the old one expired.
    const fresh = await m.post('/api/v1/m/enrolments', { productCode: 'GIG' });
    expect(fresh.statusCode).toBe(201);
    expect(fresh.json().id).not.toBe(order.id);
  });

  it('the reconciliation pass expires waiting orders past their window (once) and leaves fresh ones', async () => {
    at(5000);
    const m = await worker();
    const stale = (await m.post('/api/v1/m/enrolments', { productCode: 'SHORT_ACC' })).json();
    at(5000 + 31 * 60);
    const n = await worker();
    const fresh = (await n.post('/api/v1/m/enrolments', { productCode: 'SHORT_ACC' })).json();
    at(5000 + 31 * 60 + 5);
    const pass = await ctx.services.gigPayments.reconcile();
    expect(pass.expired).toBeGreaterThanOrEqual(1);
    expect((await m.get(`/api/v1/m/enrolments/${stale.id}`)).json().status).toBe('expired');
    expect((await n.get(`/api/v1/m/enrolments/${fresh.id}`)).json().status).toBe('awaiting_payment');
    expect(await audits(stale.id, 'gig_enrolment.expire')).toBe(1);
    await ctx.services.gigPayments.reconcile();
    expect(await audits(stale.id, 'gig_enrolment.expire')).toBe(1);
  });

  it('before real name: 422 REAL_NAME_REQUIRED', async () => {
    const m = await memberLogin(ctx, newMobile());
    const res = await m.post('/api/v1/m/enrolments', { productCode: 'GIG' });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('REAL_NAME_REQUIRED');
  });
});
