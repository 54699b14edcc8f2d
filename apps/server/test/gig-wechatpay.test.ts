import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWechatPay, decryptResource } from '../src/adapters/payment-wechat.ts';
import type { WechatPaySettings } from '../src/adapters/payment-settings.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { AppError } from '../src/errors.ts';
import { FAKE_APIV3_KEY, startFakeWechatPay } from './helpers/fake-wechatpay.ts';
import { type MemberAgent, memberLogin, verifyRealName } from './helpers/member-app.ts';
import { createTestContext, makeIdNumber, type TestContext } from './helpers/test-context.ts';

const fake = startFakeWechatPay();
let settings: WechatPaySettings;
let ctx: TestContext;
let mobileSeq = 0;
const newMobile = () => `136${String(++mobileSeq).padStart(8, '0')}`;

beforeAll(async () => {
  settings = fake.settings(await fake.start());
  ctx = await createTestContext({ now: new Date().toISOString(), config: { payment: settings } });
});
afterAll(async () => {
  await ctx.close();
  await fake.stop();
});

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).code;
  }
  throw new Error('expected an AppError');
};

async function worker(): Promise<MemberAgent & { memberId: string }> {
  const m = await memberLogin(ctx, newMobile());
  const face = await verifyRealName(m, '快递员乙', makeIdNumber('1992-02-02'));
  return Object.assign(m, { memberId: face.memberId as string });
}
const tradeNoOf = async (id: string) =>
  (
    await ctx.handle.db
      .selectFrom('gig_enrolment')
      .select('out_trade_no')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).out_trade_no;
const notify = (n: { body: string; headers: Record<string, string> }) =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/payments/wechat/notify', payload: n.body, headers: n.headers });
const effects = async (enrolmentId: string, memberId: string) => {
  const n = async (q: Promise<{ n: number | string }>) => Number((await q).n);
  const db = ctx.handle.db;
  return {
    policies: await n(
      db
        .selectFrom('policy')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('member_id', '=', memberId)
        .executeTakeFirstOrThrow(),
    ),
    payments: await n(
      db
        .selectFrom('gig_payment')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('enrolment_id', '=', enrolmentId)
        .executeTakeFirstOrThrow(),
    ),
    audits: await n(
      db
        .selectFrom('audit_log')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('object_id', '=', enrolmentId)
        .where('action', '=', 'gig_enrolment.pay')
        .executeTakeFirstOrThrow(),
    ),
  };
};

describe('WeChat Pay v3 adapter against a local fake of its API', () => {
  it('HUZHU_PAYMENT_PROVIDER=wechat without its keys stops the start, naming each missing one', () => {
    expect(loadConfig({} as NodeJS.ProcessEnv).payment).toEqual({ provider: 'demo' });
    expect(() => loadConfig({ HUZHU_PAYMENT_PROVIDER: 'wechat' } as NodeJS.ProcessEnv)).toThrow(ConfigError);
    try {
      loadConfig({
        HUZHU_PAYMENT_PROVIDER: 'wechat',
        HUZHU_WECHATPAY_APIV3_KEY: 'short',
        HUZHU_WECHATPAY_NOTIFY_URL: 'http://x/notify?a=1',
      } as NodeJS.ProcessEnv);
    } catch (e) {
      const m = (e as Error).message;
      expect(m).toContain('HUZHU_WECHATPAY_MCHID');
      expect(m).toContain('HUZHU_WECHATPAY_APIV3_KEY: 应为 32 个字符');
      expect(m).toContain('HUZHU_WECHATPAY_NOTIFY_URL: 应为不带查询参数的 https 地址');
    }
  });

  it('JSAPI: a signed order, a prepay_id and a paySign over the 4-line message', async () => {
    const wx = createWechatPay(settings);
    const a = await wx.createOrder({
      outTradeNo: 'HZTESTJSAPI0001',
      description: '新就业形态劳动者专项意外伤害互助保障',
      amountFen: 3000,
      expiresAt: new Date(Date.now() + 1800_000),
      openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
      clientIp: '10.0.0.1',
      returnUrl: 'https://m.example.cn/m/',
    });
    expect(a.jsapi?.package).toMatch(/^prepay_id=wx/);
    expect(a.jsapi?.signType).toBe('RSA');
    expect(fake.checkPaySign(a.jsapi!)).toBe(true);
    const sent = JSON.parse(fake.received.at(-1)!.body);
    expect(sent).toMatchObject({ amount: { total: 3000, currency: 'CNY' }, payer: { openid: expect.any(String) } });
    expect(sent.time_expire).toMatch(/\+08:00$/);
  });

  it('H5: h5_url with redirect_url; query NOTPAY → unpaid, SUCCESS → paid; close 204; a paid order cannot be closed', async () => {
    const wx = createWechatPay(settings);
    const order = {
      outTradeNo: 'HZTESTH50001',
      description: '短期意外互助保障',
      amountFen: 500,
      expiresAt: new Date(Date.now() + 1800_000),
      clientIp: '10.0.0.2',
      returnUrl: 'https://m.example.cn/m/#/done',
    };
    const a = await wx.createOrder(order);
    expect(a.h5Url).toContain(`redirect_url=${encodeURIComponent(order.returnUrl)}`);
    expect((await wx.query(order.outTradeNo))?.state).toBe('unpaid');
    fake.pay(order.outTradeNo);
    const q = await wx.query(order.outTradeNo);
    expect(q).toMatchObject({ state: 'paid', amountFen: 500, transactionId: expect.any(String) });
    expect(await codeOf(wx.close(order.outTradeNo))).toBe('PAYMENT_UNAVAILABLE');
    const refund = await wx.refund({
      outTradeNo: order.outTradeNo,
      outRefundNo: 'RHZTESTH50001',
      refundFen: 500,
      totalFen: 500,
      reason: '测试',
    });
    expect(refund.status).toBe('SUCCESS');
    expect((await wx.query(order.outTradeNo))?.state).toBe('refunded');
    await wx.createOrder({ ...order, outTradeNo: 'HZTESTH50002' });
    await wx.close('HZTESTH50002');
    expect(fake.orders.get('HZTESTH50002')?.state).toBe('CLOSED');
    // Same number, other parameters: refused by the provider.
    expect(await codeOf(wx.createOrder({ ...order, outTradeNo: 'HZTESTH50002', amountFen: 1 }))).toBe(
      'PAYMENT_UNAVAILABLE',
    );
  });

  it('an unsigned 2xx answer counts as forged; a wrong merchant key gets 401 SIGN_ERROR; a provider outage is 503', async () => {
    const wx = createWechatPay(settings);
    fake.setSignAnswers(false);
    try {
      expect(await codeOf(wx.query('HZTESTH50001'))).toBe('PAYMENT_UNAVAILABLE');
    } finally {
      fake.setSignAnswers(true);
    }
    const other = startFakeWechatPay();
    const wrongKey = createWechatPay({ ...settings, privateKeyPem: other.settings('').privateKeyPem });
    expect(await codeOf(wrongKey.query('HZTESTH50001'))).toBe('PAYMENT_UNAVAILABLE');
    expect(fake.received.length).toBeGreaterThan(0);
    fake.setDown(true);
    try {
      expect(await codeOf(wx.query('HZTESTH50001'))).toBe('PAYMENT_UNAVAILABLE');
    } finally {
      fake.setDown(false);
    }
  });

  it('decrypts the AES-256-GCM resource of a notification; a tampered ciphertext does not decrypt', async () => {
    const wx = createWechatPay(settings);
    await wx.createOrder({
      outTradeNo: 'HZTESTDEC01',
      description: 'x',
      amountFen: 3000,
      expiresAt: new Date(Date.now() + 1800_000),
      clientIp: '10.0.0.3',
      returnUrl: 'https://m.example.cn/m/',
    });
    fake.pay('HZTESTDEC01');
    const n = fake.notification('HZTESTDEC01');
    const t = wx.verifyNotification!(n.headers, n.body);
    expect(t).toMatchObject({ outTradeNo: 'HZTESTDEC01', state: 'paid', amountFen: 3000 });
    const r = JSON.parse(n.body).resource;
    expect(JSON.parse(decryptResource(FAKE_APIV3_KEY, r)).out_trade_no).toBe('HZTESTDEC01');
    const bad = Buffer.from(r.ciphertext, 'base64');
    bad[0] = (bad[0] ?? 0) ^ 1;
    expect(() => decryptResource(FAKE_APIV3_KEY, { ...r, ciphertext: bad.toString('base64') })).toThrow();
  });
});

describe('gig orders paid through WeChat Pay (the app against the fake)', () => {
  it('the browser returns before any callback: the status query activates; five callbacks then change nothing', async () => {
    const m = await worker();
    const created = await m.post('/api/v1/m/enrolments', { productCode: 'GIG' });
    expect(created.statusCode).toBe(201);
    const order = created.json();
    expect(order.payment.provider).toBe('wechat');
    expect(order.payment.h5Url).toContain('redirect_url=');
    const no = await tradeNoOf(order.id);
    expect((await m.get(`/api/v1/m/enrolments/${order.id}`)).json().status).toBe('awaiting_payment');
    fake.pay(no);
    expect((await m.get(`/api/v1/m/enrolments/${order.id}`)).json().status).toBe('effective');
    for (let i = 0; i < 5; i++) expect((await notify(fake.notification(no))).statusCode).toBe(204);
    expect(await effects(order.id, m.memberId)).toEqual({ policies: 1, payments: 1, audits: 1 });
  });

  it('JSAPI inside WeChat: the answer carries the parameters for getBrandWCPayRequest', async () => {
    const m = await worker();
    const order = (
      await m.post('/api/v1/m/enrolments', { productCode: 'SHORT_ACC', openid: 'oUpF8uMuAJO_test' })
    ).json();
    expect(fake.checkPaySign(order.payment.jsapi)).toBe(true);
  });

  it('five callbacks at once, then a query racing two more callbacks: exactly one policy, payment, audit row', async () => {
    const m = await worker();
    const order = (await m.post('/api/v1/m/enrolments', { productCode: 'GIG' })).json();
    const no = await tradeNoOf(order.id);
    fake.pay(no);
    const answers = await Promise.all([
      ...Array.from({ length: 5 }, () => notify(fake.notification(no))),
      m.get(`/api/v1/m/enrolments/${order.id}`),
      ctx.services.gigPayments.reconcile().then(() => ({ statusCode: 204 })),
      notify(fake.notification(no)),
      notify(fake.notification(no)),
    ]);
    for (const a of answers) expect([200, 204]).toContain(a.statusCode);
    expect(await effects(order.id, m.memberId)).toEqual({ policies: 1, payments: 1, audits: 1 });
    const policy = (await m.get(`/api/v1/m/enrolments/${order.id}`)).json().policy;
    expect(policy.productCode).toBe('GIG');
  });

  it('refuses and logs a forged signature, a wrong amount, a stale timestamp, an unknown serial and a probe — no change', async () => {
    const m = await worker();
    const order = (await m.post('/api/v1/m/enrolments', { productCode: 'GIG' })).json();
    const no = await tradeNoOf(order.id);
    fake.pay(no);
    const noticesBefore = await ctx.handle.db.selectFrom('payment_notice').selectAll().execute();
    const forged = await notify(fake.notification(no, { forgeKey: true }));
    expect(forged.statusCode).toBe(401);
    expect(forged.json()).toEqual({ code: 'FAIL', message: '失败' });
    expect((await notify(fake.notification(no, { amountFen: 1 }))).statusCode).toBe(400);
    expect((await notify(fake.notification(no, { timestampOffset: -600 }))).statusCode).toBe(401);
    expect((await notify(fake.notification(no, { serial: 'PUB_KEY_ID_other' }))).statusCode).toBe(401);
    expect((await notify(fake.notification(no, { probe: true }))).statusCode).toBe(401);
    const tampered = fake.notification(no);
    expect(
      (await notify({ ...tampered, body: tampered.body.replace('"summary":"支付成功"', '"summary":"x"') })).statusCode,
    ).toBe(401);
    expect(await effects(order.id, m.memberId)).toEqual({ policies: 0, payments: 0, audits: 0 });
    const notices = await ctx.handle.db.selectFrom('payment_notice').selectAll().execute();
    const fresh = notices.filter((n) => !noticesBefore.some((b) => b.id === n.id));
    expect(fresh).toHaveLength(6);
    expect(fresh.every((n) => n.outcome === 'refused')).toBe(true);
    expect(fresh.map((n) => n.reason)).toEqual(
      expect.arrayContaining(['bad signature', 'AMOUNT_MISMATCH', 'stale timestamp', 'signature probe']),
    );
    // The genuine callback still activates.
    expect((await notify(fake.notification(no))).statusCode).toBe(204);
    expect(await effects(order.id, m.memberId)).toEqual({ policies: 1, payments: 1, audits: 1 });
  });

  it('the reconciliation job activates an order paid while the server was down, and closes expired ones at WeChat Pay', async () => {
    const m = await worker();
    const paid = (await m.post('/api/v1/m/enrolments', { productCode: 'GIG' })).json();
    fake.pay(await tradeNoOf(paid.id));
    const n = await worker();
    const unpaid = (await n.post('/api/v1/m/enrolments', { productCode: 'GIG' })).json();
    const unpaidNo = await tradeNoOf(unpaid.id);
    await ctx.services.gigPayments.reconcile();
    expect(await effects(paid.id, m.memberId)).toEqual({ policies: 1, payments: 1, audits: 1 });
    ctx.clock.set(new Date(ctx.clock.now().getTime() + 31 * 60_000).toISOString());
    await ctx.services.gigPayments.reconcile();
    expect(fake.orders.get(unpaidNo)?.state).toBe('CLOSED');
    expect((await n.get(`/api/v1/m/enrolments/${unpaid.id}`)).json().status).toBe('expired');
    ctx.clock.set(new Date().toISOString());
  });

  it('money that arrives for a cancelled order is recorded and refunded at WeChat Pay — never a policy', async () => {
    const m = await worker();
    const order = (await m.post('/api/v1/m/enrolments', { productCode: 'SHORT_ACC' })).json();
    const no = await tradeNoOf(order.id);
    const cancelled = await m.post(`/api/v1/m/enrolments/${order.id}/cancel`);
    expect(cancelled.json().status).toBe('cancelled');
    expect(fake.orders.get(no)?.state).toBe('CLOSED');
    // The worker had paid in the instant before the close (the provider says SUCCESS).
    fake.orders.get(no)!.state = 'NOTPAY';
    fake.pay(no);
    expect((await notify(fake.notification(no))).statusCode).toBe(204);
    expect((await m.get(`/api/v1/m/enrolments/${order.id}`)).json().status).toBe('refunded');
    expect(fake.orders.get(no)?.state).toBe('REFUND');
    const pay = await ctx.handle.db
      .selectFrom('gig_payment')
      .selectAll()
      .where('enrolment_id', '=', order.id)
      .executeTakeFirstOrThrow();
    expect(pay.refund_status).toBe('SUCCESS');
    expect((await effects(order.id, m.memberId)).policies).toBe(0);
  });
});
