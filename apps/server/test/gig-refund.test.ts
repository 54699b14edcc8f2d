import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWechatPay } from '../src/adapters/payment-wechat.ts';
import { AppError } from '../src/errors.ts';
import { startFakeWechatPay } from './helpers/fake-wechatpay.ts';
import { type MemberAgent, memberLogin, verifyRealName } from './helpers/member-app.ts';
import { createTestContext, makeIdNumber, type TestContext } from './helpers/test-context.ts';

let mobileSeq = 0;
const newMobile = () => `134${String(++mobileSeq).padStart(8, '0')}`;

async function worker(ctx: TestContext): Promise<MemberAgent & { memberId: string }> {
  const m = await memberLogin(ctx, newMobile());
  const face = await verifyRealName(m, '骑手丁', makeIdNumber('1991-07-07'));
  if (face.status !== 'verified' || !face.memberId) throw new Error(JSON.stringify(face));
  return Object.assign(m, { memberId: face.memberId });
}
const count = async (ctx: TestContext, action: string, objectId: string) =>
  Number(
    (
      await ctx.handle.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', action)
        .where('object_id', '=', objectId)
        .executeTakeFirstOrThrow()
    ).n,
  );
const paymentOf = (ctx: TestContext, enrolmentId: string) =>
  ctx.handle.db.selectFrom('gig_payment').selectAll().where('enrolment_id', '=', enrolmentId).executeTakeFirstOrThrow();
const policyOf = (ctx: TestContext, id: string) =>
  ctx.handle.db.selectFrom('policy').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('refund of a cancelled gig enrolment with the demo cashier', () => {
  let ctx: TestContext;
  // 2026-03-02 23:30 China time: paid now, cover starts 2026-03-03.
  const NOW = '2026-03-02T15:30:00.000Z';
  beforeAll(async () => {
    ctx = await createTestContext({ now: NOW });
  });
  afterAll(() => ctx.close());

  it('cancelling a paid order before its cover starts refunds it and cancels the policy exactly once, audited', async () => {
    ctx.clock.set(NOW);
    const m = await worker(ctx);
    const order = (await m.post('/api/v1/m/enrolments', { productCode: 'GIG' })).json();
    const paid = (await m.post(`/api/v1/m/payments/${order.id}/demo-pay`)).json();
    expect(paid.status).toBe('effective');
    const policyId = paid.policy.id as string;

    const cancels = await Promise.all(
      Array.from({ length: 5 }, () => m.post(`/api/v1/m/enrolments/${order.id}/cancel`)),
    );
    for (const c of cancels) {
      expect(c.statusCode, c.body).toBe(200);
      expect(c.json().status).toBe('refunded');
    }
    expect((await m.get(`/api/v1/m/enrolments/${order.id}`)).json().status).toBe('refunded');
    expect((await policyOf(ctx, policyId)).state).toBe('cancelled');
    const pay = await paymentOf(ctx, order.id);
    expect(pay).toMatchObject({ refund_status: 'SUCCESS', refund_no: expect.stringMatching(/^R/) });
    expect(pay.refunded_at).not.toBeNull();
    expect(await count(ctx, 'gig_enrolment.refund', order.id)).toBe(1);
    expect(await count(ctx, 'policy.cancel', policyId)).toBe(1);
    expect(await count(ctx, 'gig_payment.refunded', pay.id)).toBe(1);
    // The cancelled policy no longer counts: the worker may enrol again.
    const again = await m.post('/api/v1/m/enrolments', { productCode: 'GIG' });
    expect(again.statusCode, again.body).toBe(201);
    const mine = (await m.get('/api/v1/m/me/policies')).json() as { id: string; status: string }[];
    expect([undefined, 'cancelled']).toContain(mine.find((p) => p.id === policyId)?.status);
  });

  it('once the cover has started a cancel is refused (REFUND_NOT_ALLOWED) and nothing changes', async () => {
    ctx.clock.set(NOW);
    const m = await worker(ctx);
    const order = (await m.post('/api/v1/m/enrolments', { productCode: 'SHORT_ACC' })).json();
    const paid = (await m.post(`/api/v1/m/payments/${order.id}/demo-pay`)).json();
    ctx.clock.set('2026-03-02T16:00:01.000Z'); // 00:00:01 China time on the start date
    const res = await m.post(`/api/v1/m/enrolments/${order.id}/cancel`);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'REFUND_NOT_ALLOWED', message: expect.stringMatching(/不能退款/) });
    expect((await policyOf(ctx, paid.policy.id)).state).toBe('in_force');
    expect((await paymentOf(ctx, order.id)).refund_no).toBeNull();
    expect(await count(ctx, 'gig_enrolment.refund', order.id)).toBe(0);
    // Another member's order: 404.
    ctx.clock.set(NOW);
    const other = await worker(ctx);
    expect((await other.post(`/api/v1/m/enrolments/${order.id}/cancel`)).statusCode).toBe(404);
  });
});

describe('refund through WeChat Pay v3 (the app against the local fake)', () => {
  const fake = startFakeWechatPay();
  let ctx: TestContext;
  beforeAll(async () => {
    const settings = fake.settings(await fake.start());
    ctx = await createTestContext({ now: new Date().toISOString(), config: { payment: settings } });
  });
  afterAll(async () => {
    await ctx.close();
    await fake.stop();
  });
  const notifyRefund = (n: { body: string; headers: Record<string, string> }) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/v1/payments/wechat/refund-notify',
      payload: n.body,
      headers: n.headers,
    });
  const refusedNotices = async () =>
    Number(
      (
        await ctx.handle.db
          .selectFrom('payment_notice')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('reason', 'like', 'refund:%')
          .executeTakeFirstOrThrow()
      ).n,
    );

  async function paidOrder() {
    ctx.clock.set(new Date().toISOString());
    const m = await worker(ctx);
    const order = (await m.post('/api/v1/m/enrolments', { productCode: 'GIG' })).json();
    const no = (
      await ctx.handle.db
        .selectFrom('gig_enrolment')
        .select('out_trade_no')
        .where('id', '=', order.id)
        .executeTakeFirstOrThrow()
    ).out_trade_no;
    fake.pay(no);
    const paid = (await m.get(`/api/v1/m/enrolments/${order.id}`)).json();
    expect(paid.status).toBe('effective');
    return { m, order, no, policyId: paid.policy.id as string };
  }

  it('a PROCESSING refund settles on REFUND.SUCCESS once; repeated, forged, stale or wrong-amount callbacks change nothing', async () => {
    fake.setRefundMode('processing');
    const { m, order, no, policyId } = await paidOrder();
    const cancelled = await m.post(`/api/v1/m/enrolments/${order.id}/cancel`);
    expect(cancelled.json().status).toBe('refunded');
    const asked = fake.received.filter((r) => r.path === '/v3/refund/domestic/refunds').at(-1)!;
    const sent = JSON.parse(asked.body);
    expect(sent).toMatchObject({
      out_trade_no: no,
      out_refund_no: `R${no}`,
      notify_url: 'https://huzhu.example.cn/api/v1/payments/wechat/refund-notify',
      amount: { refund: 3000, total: 3000, currency: 'CNY' },
    });
    let pay = await paymentOf(ctx, order.id);
    expect(pay.refund_status).toBe('PROCESSING');
    expect((await policyOf(ctx, policyId)).state).toBe('cancelled');

    fake.completeRefund(`R${no}`);
    const before = await refusedNotices();
    // Forged signature, stale timestamp, another merchant, a changed amount: refused, logged, nothing changes.
    expect((await notifyRefund(fake.refundNotification(`R${no}`, { forgeKey: true }))).statusCode).toBe(401);
    expect((await notifyRefund(fake.refundNotification(`R${no}`, { timestampOffset: -600 }))).statusCode).toBe(401);
    expect((await notifyRefund(fake.refundNotification(`R${no}`, { mchid: '1900000999' }))).statusCode).toBe(401);
    expect((await notifyRefund(fake.refundNotification(`R${no}`, { refundFen: 1 }))).statusCode).toBe(400);
    expect((await notifyRefund({ body: '{}', headers: { 'content-type': 'application/json' } })).statusCode).toBe(401);
    expect(await refusedNotices()).toBe(before + 5);
    expect((await paymentOf(ctx, order.id)).refund_status).toBe('PROCESSING');

    const good = fake.refundNotification(`R${no}`);
    for (let i = 0; i < 3; i++) expect((await notifyRefund(good)).statusCode).toBe(204);
    expect((await notifyRefund(fake.refundNotification(`R${no}`))).statusCode).toBe(204);
    pay = await paymentOf(ctx, order.id);
    expect(pay.refund_status).toBe('SUCCESS');
    expect(pay.refund_id).toMatch(/^50000/);
    expect(pay.refunded_at).not.toBeNull();
    expect(await count(ctx, 'gig_payment.refunded', pay.id)).toBe(1);
    expect(await count(ctx, 'policy.cancel', policyId)).toBe(1);
    expect(await count(ctx, 'gig_enrolment.refund', order.id)).toBe(1);
    // A second cancel asks nothing more of WeChat Pay.
    const refundCalls = fake.received.filter((r) => r.path === '/v3/refund/domestic/refunds').length;
    expect((await m.post(`/api/v1/m/enrolments/${order.id}/cancel`)).json().status).toBe('refunded');
    expect(fake.received.filter((r) => r.path === '/v3/refund/domestic/refunds').length).toBe(refundCalls);
  });

  it('WeChat Pay unreachable at cancel: the refund waits as FAILED and the reconciliation pass asks again once', async () => {
    fake.setRefundMode('success');
    const { m, order, no } = await paidOrder();
    fake.setDown(true);
    const res = await m.post(`/api/v1/m/enrolments/${order.id}/cancel`);
    fake.setDown(false);
    expect(res.json().status).toBe('refunded');
    expect((await paymentOf(ctx, order.id)).refund_status).toBe('FAILED');
    // Too early: the pass leaves it alone.
    expect((await ctx.services.gigRefunds.reconcile()).settled).toBe(0);
    ctx.clock.set(new Date(Date.now() + 2 * 60_000).toISOString());
    expect((await ctx.services.gigRefunds.reconcile()).settled).toBeGreaterThanOrEqual(1);
    const pay = await paymentOf(ctx, order.id);
    expect(pay.refund_status).toBe('SUCCESS');
    expect(fake.orders.get(no)?.state).toBe('REFUND');
    expect(await count(ctx, 'gig_payment.refunded', pay.id)).toBe(1);
    expect((await ctx.services.gigRefunds.reconcile()).settled).toBe(0);
    ctx.clock.set(new Date().toISOString());
  });

  it('the reconciliation pass queries a PROCESSING refund whose notification never came', async () => {
    fake.setRefundMode('processing');
    const { m, order, no } = await paidOrder();
    await m.post(`/api/v1/m/enrolments/${order.id}/cancel`);
    fake.completeRefund(`R${no}`);
    ctx.clock.set(new Date(Date.now() + 2 * 60_000).toISOString());
    await ctx.services.gigRefunds.reconcile();
    expect((await paymentOf(ctx, order.id)).refund_status).toBe('SUCCESS');
    expect(fake.received.some((r) => r.method === 'GET' && r.path === `/v3/refund/domestic/refunds/R${no}`)).toBe(true);
    ctx.clock.set(new Date().toISOString());
    fake.setRefundMode('success');
  });

  it('the adapter: signed refund with notify_url, refund query, refusals of the fake, notification decryption', async () => {
    const s = ctx.deps.config.payment as ReturnType<typeof fake.settings>;
    const adapter = createWechatPay(s);
    const no = `HZTEST${Date.now()}`;
    fake.orders.set(no, {
      body: { appid: s.appid, mchid: s.mchid, amount: { total: 500 } },
      tradeType: 'MWEB',
      state: 'NOTPAY',
      transactionId: null,
      successTime: null,
    });
    const code = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        return [(e as AppError).code, (e as AppError).details] as const;
      }
      throw new Error('expected an AppError');
    };
    // Unpaid order, over-refund, wrong total: refused by WeChat Pay.
    const unpaid = await code(
      adapter.refund({ outTradeNo: no, outRefundNo: `R${no}`, refundFen: 500, totalFen: 500, reason: 'x' }),
    );
    expect(unpaid[0]).toBe('PAYMENT_UNAVAILABLE');
    expect(unpaid[1]).toMatchObject({ status: 400, code: 'INVALID_REQUEST' });
    fake.pay(no);
    const over = await code(
      adapter.refund({ outTradeNo: no, outRefundNo: `R${no}`, refundFen: 600, totalFen: 500, reason: 'x' }),
    );
    expect(over[1]).toMatchObject({ status: 400, code: 'PARAM_ERROR' });
    const total = await code(
      adapter.refund({ outTradeNo: no, outRefundNo: `R${no}`, refundFen: 100, totalFen: 100, reason: 'x' }),
    );
    expect(total[1]).toMatchObject({ status: 400, code: 'PARAM_ERROR' });
    expect(await adapter.queryRefund!(`R${no}`)).toBeNull();
    const first = await adapter.refund({
      outTradeNo: no,
      outRefundNo: `R${no}`,
      refundFen: 500,
      totalFen: 500,
      reason: '取消',
    });
    expect(first).toMatchObject({ status: 'SUCCESS', refundId: expect.stringMatching(/^50000/) });
    // The same refund number again is the same refund.
    const again = await adapter.refund({
      outTradeNo: no,
      outRefundNo: `R${no}`,
      refundFen: 500,
      totalFen: 500,
      reason: '取消',
    });
    expect(again.refundId).toBe(first.refundId);
    expect(await adapter.queryRefund!(`R${no}`)).toMatchObject({ status: 'SUCCESS', refundId: first.refundId });
    const notice = fake.refundNotification(`R${no}`);
    const n = adapter.verifyRefundNotification!(notice.headers, notice.body);
    expect(n).toMatchObject({
      outTradeNo: no,
      outRefundNo: `R${no}`,
      status: 'SUCCESS',
      refundFen: 500,
      totalFen: 500,
    });
    const good = fake.refundNotification(`R${no}`);
    const tampered = JSON.parse(good.body);
    tampered.resource.ciphertext = Buffer.from('x'.repeat(40)).toString('base64');
    expect(() => adapter.verifyRefundNotification!(good.headers, JSON.stringify(tampered))).toThrow(AppError);
    // A payment notification is not a refund notification (and the other way round).
    expect(() => adapter.verifyNotification!(good.headers, good.body)).toThrow(AppError);
  });
});
