import { createCipheriv, createVerify, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { rsaSign, rsaVerify, wechatNonce } from '../../src/adapters/payment-wechat.ts';
import type { WechatPaySettings } from '../../src/adapters/payment-settings.ts';

const pair = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

export const FAKE_MCHID = '1900000109';
export const FAKE_APPID = 'wx2421b1c4370ec43b';
export const FAKE_SERIAL = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1';
export const FAKE_PUB_KEY_ID = 'PUB_KEY_ID_test0000000000000001';
export const FAKE_APIV3_KEY = 'a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6';

interface Order {
  body: Record<string, unknown>;
  tradeType: 'JSAPI' | 'MWEB';
  state: 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND';
  transactionId: string | null;
  successTime: string | null;
}

/**
 * A stand-in for api.mch.weixin.qq.com (APIv3, 直连商户), faithful to providers.md §1.5: rebuilds the 5-line message
 * from the raw method, path+query and body and verifies the merchant's SHA256withRSA (401 SIGN_ERROR); refuses a
 * header mchid that differs from the body's, stale timestamps, missing fields / non-integer totals / non-CNY
 * (400 PARAM_ERROR), a reused out_trade_no with other parameters, closing a paid order; close → 204 empty; unknown
 * order → 404 ORDER_NOT_EXIST; every 2xx signed with the platform key (Wechatpay-* headers, PUB_KEY_ID serial).
 * Notifications are built as WeChat Pay sends them: the Transaction AES-256-GCM encrypted with the APIv3 key (random
 * 12-char nonce, AAD `transaction`, tag appended) and the envelope signed over `ts\nnonce\nbody\n`.
 */
export function startFakeWechatPay(now: () => number = () => Date.now()) {
  const merchant = pair();
  const platform = pair();
  const orders = new Map<string, Order>();
  const refunds = new Map<string, Record<string, unknown>>();
  const received: { method: string; path: string; body: string }[] = [];
  let signAnswers = true;
  /** `success`: a refund answers SUCCESS at once; `processing`: PROCESSING, the result comes by notification. */
  let refundMode: 'success' | 'processing' = 'success';
  let down = false;
  let base = '';

  const seconds = () => Math.floor(now() / 1000);

  function signedHeaders(body: string, key = platform.privateKey) {
    const ts = String(seconds());
    const nonce = wechatNonce();
    return {
      'Wechatpay-Timestamp': ts,
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Serial': FAKE_PUB_KEY_ID,
      'Wechatpay-Signature': rsaSign(key, `${ts}\n${nonce}\n${body}\n`),
      'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
    };
  }

  function answer(res: http.ServerResponse, status: number, payload?: unknown) {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const headers: Record<string, string> = { 'Request-ID': `08F1${randomUUID()}` };
    if (body) headers['Content-Type'] = 'application/json';
    if (status >= 200 && status < 300 && signAnswers) Object.assign(headers, signedHeaders(body));
    res.writeHead(status, headers).end(body);
  }
  const error = (res: http.ServerResponse, status: number, code: string, message: string) =>
    answer(res, status, { code, message });

  function transaction(no: string, o: Order) {
    const amount = o.body.amount as { total: number };
    return {
      appid: o.body.appid,
      mchid: o.body.mchid,
      out_trade_no: no,
      transaction_id: o.transactionId ?? undefined,
      trade_type: o.tradeType,
      trade_state: o.state,
      trade_state_desc: o.state === 'SUCCESS' ? '支付成功' : '未支付',
      bank_type: 'OTHERS',
      attach: '',
      success_time: o.successTime ?? undefined,
      payer: { openid: (o.body.payer as { openid?: string } | undefined)?.openid ?? 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
      amount: { total: amount.total, payer_total: amount.total, currency: 'CNY', payer_currency: 'CNY' },
    };
  }

  function signedEnvelope(
    eventType: string,
    originalType: string,
    summary: string,
    resource: unknown,
    opts: { forgeKey?: boolean; timestampOffset?: number } = {},
  ) {
    const nonce = wechatNonce(12);
    const cipher = createCipheriv('aes-256-gcm', Buffer.from(FAKE_APIV3_KEY, 'utf8'), Buffer.from(nonce, 'utf8'));
    cipher.setAAD(Buffer.from(originalType, 'utf8'));
    const ct = Buffer.concat([cipher.update(JSON.stringify(resource), 'utf8'), cipher.final(), cipher.getAuthTag()]);
    const body = JSON.stringify({
      id: randomUUID(),
      create_time: new Date(now()).toISOString(),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary,
      resource: {
        original_type: originalType,
        algorithm: 'AEAD_AES_256_GCM',
        ciphertext: ct.toString('base64'),
        associated_data: originalType,
        nonce,
      },
    });
    const ts = String(seconds() + (opts.timestampOffset ?? 0));
    const hNonce = wechatNonce();
    const key = opts.forgeKey ? pair().privateKey : platform.privateKey;
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Mozilla/4.0',
        'wechatpay-timestamp': ts,
        'wechatpay-nonce': hNonce,
        'wechatpay-serial': FAKE_PUB_KEY_ID,
        'wechatpay-signature': rsaSign(key, `${ts}\n${hNonce}\n${body}\n`),
        'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
      },
    };
  }

  function verifyAuth(req: http.IncomingMessage, path: string, raw: string): string | null {
    const h = String(req.headers.authorization ?? '');
    if (!h.startsWith('WECHATPAY2-SHA256-RSA2048 ')) return 'scheme';
    const pairs = Object.fromEntries(
      [...h.slice(26).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1] as string, m[2] as string]),
    );
    if (pairs.mchid !== FAKE_MCHID || pairs.serial_no !== FAKE_SERIAL) return 'merchant';
    if (Math.abs(seconds() - Number(pairs.timestamp)) > 300) return 'timestamp';
    const message = `${req.method}\n${path}\n${pairs.timestamp}\n${pairs.nonce_str}\n${raw}\n`;
    const ok = createVerify('RSA-SHA256')
      .update(message)
      .verify(merchant.publicKey, pairs.signature ?? '', 'base64');
    return ok ? null : 'signature';
  }

  function createOrder(res: http.ServerResponse, kind: 'jsapi' | 'h5', body: Record<string, unknown>) {
    const amount = body.amount as { total?: unknown; currency?: unknown } | undefined;
    const required = ['appid', 'mchid', 'description', 'out_trade_no', 'notify_url'];
    if (required.some((f) => typeof body[f] !== 'string' || body[f] === ''))
      return error(res, 400, 'PARAM_ERROR', '缺少必填参数');
    if (!amount || !Number.isInteger(amount.total) || (amount.currency !== undefined && amount.currency !== 'CNY'))
      return error(res, 400, 'PARAM_ERROR', 'amount 参数错误');
    if (!/^https:\/\/[^?]+$/.test(String(body.notify_url))) return error(res, 400, 'PARAM_ERROR', 'notify_url 无效');
    if (kind === 'jsapi' && !(body.payer as { openid?: string } | undefined)?.openid)
      return error(res, 400, 'PARAM_ERROR', '缺少 payer.openid');
    if (kind === 'h5' && !(body.scene_info as { payer_client_ip?: string } | undefined)?.payer_client_ip)
      return error(res, 400, 'PARAM_ERROR', '缺少 scene_info');
    const no = String(body.out_trade_no);
    const existing = orders.get(no);
    if (existing && JSON.stringify(existing.body) !== JSON.stringify(body))
      return error(res, 400, 'INVALID_REQUEST', '201 商户订单号重复');
    if (!existing)
      orders.set(no, {
        body,
        tradeType: kind === 'jsapi' ? 'JSAPI' : 'MWEB',
        state: 'NOTPAY',
        transactionId: null,
        successTime: null,
      });
    if (kind === 'jsapi') return answer(res, 200, { prepay_id: `wx${no.slice(-20)}` });
    return answer(res, 200, { h5_url: `${base}/h5pay?prepay_id=wx${no.slice(-20)}` });
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      received.push({ method: req.method ?? '', path, body: raw });
      if (down) return error(res, 503, 'SERVICE_UNAVAILABLE', '系统繁忙');
      const problem = verifyAuth(req, path, raw);
      if (problem) return error(res, 401, 'SIGN_ERROR', '签名错误，请检查后再试');
      let body: Record<string, unknown> = {};
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          return error(res, 400, 'PARAM_ERROR', 'body 不是 JSON');
        }
      }
      if (typeof body.mchid === 'string' && body.mchid !== FAKE_MCHID)
        return error(res, 400, 'PARAM_ERROR', 'http header中的mchid与post payload中的mchid不匹配');
      const url = new URL(path, 'http://fake');
      if (req.method === 'POST' && url.pathname === '/v3/pay/transactions/jsapi')
        return createOrder(res, 'jsapi', body);
      if (req.method === 'POST' && url.pathname === '/v3/pay/transactions/h5') return createOrder(res, 'h5', body);
      const q = url.pathname.match(/^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)(\/close)?$/);
      if (q) {
        const no = decodeURIComponent(q[1] ?? '');
        const o = orders.get(no);
        if (!o) return error(res, 404, 'ORDER_NOT_EXIST', '订单不存在');
        if (req.method === 'GET' && !q[2]) {
          if (url.searchParams.get('mchid') !== FAKE_MCHID) return error(res, 400, 'PARAM_ERROR', 'mchid 错误');
          return answer(res, 200, transaction(no, o));
        }
        if (req.method === 'POST' && q[2]) {
          if (o.state === 'SUCCESS' || o.state === 'REFUND') return error(res, 400, 'ORDERPAID', '订单已支付');
          o.state = 'CLOSED';
          return answer(res, 204);
        }
      }
      if (req.method === 'POST' && url.pathname === '/v3/refund/domestic/refunds') {
        const no = String(body.out_trade_no ?? '');
        const o = orders.get(no);
        const amount = body.amount as { refund?: number; total?: number; currency?: string } | undefined;
        if (!body.out_refund_no || !amount || amount.currency !== 'CNY' || !Number.isInteger(amount.refund))
          return error(res, 400, 'PARAM_ERROR', '退款参数错误');
        if (!Number.isInteger(amount.total) || (amount.refund ?? 0) <= 0 || (amount.refund ?? 0) > (amount.total ?? 0))
          return error(res, 400, 'PARAM_ERROR', '退款金额错误');
        if (body.notify_url !== undefined && !/^https:\/\/[^?]+$/.test(String(body.notify_url)))
          return error(res, 400, 'PARAM_ERROR', 'notify_url 无效');
        if (!o) return error(res, 404, 'ORDER_NOT_EXIST', '订单不存在');
        if ((o.body.amount as { total: number }).total !== amount.total)
          return error(res, 400, 'PARAM_ERROR', '订单金额与原订单不一致');
        if (o.state !== 'SUCCESS' && o.state !== 'REFUND') return error(res, 400, 'INVALID_REQUEST', '订单未支付');
        const prior = refunds.get(String(body.out_refund_no));
        if (prior) return answer(res, 200, prior);
        const processing = refundMode === 'processing';
        const refund: Record<string, unknown> = {
          refund_id: `50000${Date.now()}${randomBytes(3).toString('hex')}`,
          out_refund_no: body.out_refund_no,
          transaction_id: o.transactionId,
          out_trade_no: no,
          channel: 'ORIGINAL',
          user_received_account: '支付用户零钱',
          create_time: new Date(now()).toISOString(),
          ...(processing ? {} : { success_time: new Date(now()).toISOString() }),
          status: processing ? 'PROCESSING' : 'SUCCESS',
          amount: { refund: amount.refund, total: amount.total, payer_refund: amount.refund, currency: 'CNY' },
          notify_url: body.notify_url,
        };
        o.state = 'REFUND';
        refunds.set(String(body.out_refund_no), refund);
        const { notify_url: _n, ...shown } = refund;
        return answer(res, 200, shown);
      }
      const rq = url.pathname.match(/^\/v3\/refund\/domestic\/refunds\/([^/]+)$/);
      if (req.method === 'GET' && rq) {
        const r = refunds.get(decodeURIComponent(rq[1] ?? ''));
        if (!r) return error(res, 404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
        const { notify_url: _n, ...shown } = r;
        return answer(res, 200, shown);
      }
      return error(res, 404, 'NOT_FOUND', '不存在');
    });
  });

  return {
    async start(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      return base;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    /** The adapter's settings against this fake. */
    settings(endpoint: string): WechatPaySettings {
      return {
        provider: 'wechat',
        endpoint,
        mchid: FAKE_MCHID,
        appid: FAKE_APPID,
        serialNo: FAKE_SERIAL,
        privateKeyPem: merchant.privateKey,
        apiV3Key: FAKE_APIV3_KEY,
        platformPublicKeyPem: platform.publicKey,
        platformPublicKeyId: FAKE_PUB_KEY_ID,
        notifyUrl: 'https://huzhu.example.cn/api/v1/payments/wechat/notify',
        refundNotifyUrl: 'https://huzhu.example.cn/api/v1/payments/wechat/refund-notify',
        timeoutMs: 2000,
      };
    },
    orders,
    received,
    setSignAnswers: (v: boolean) => {
      signAnswers = v;
    },
    setDown: (v: boolean) => {
      down = v;
    },
    refunds,
    setRefundMode: (m: 'success' | 'processing') => {
      refundMode = m;
    },
    /** WeChat Pay completes a PROCESSING refund (the money is back with the payer). */
    completeRefund(outRefundNo: string, status: 'SUCCESS' | 'CLOSED' | 'ABNORMAL' = 'SUCCESS') {
      const r = refunds.get(outRefundNo);
      if (!r) throw new Error(`no refund ${outRefundNo}`);
      r.status = status;
      if (status === 'SUCCESS') r.success_time = new Date(now()).toISOString();
    },
    /**
     * The refund notification WeChat Pay posts to the refund's notify_url (REFUND.SUCCESS, …): the refund resource
     * encrypted (AAD `refund`), the envelope signed. Options forge it (another key, a changed amount, an old timestamp).
     */
    refundNotification(
      outRefundNo: string,
      opts: { forgeKey?: boolean; refundFen?: number; timestampOffset?: number; mchid?: string } = {},
    ) {
      const r = refunds.get(outRefundNo);
      if (!r) throw new Error(`no refund ${outRefundNo}`);
      const amount = r.amount as { refund: number; total: number };
      const status = String(r.status);
      const resource = {
        mchid: opts.mchid ?? FAKE_MCHID,
        out_trade_no: r.out_trade_no,
        transaction_id: r.transaction_id,
        out_refund_no: r.out_refund_no,
        refund_id: r.refund_id,
        refund_status: status,
        success_time: r.success_time,
        user_received_account: r.user_received_account,
        amount: {
          total: amount.total,
          refund: opts.refundFen ?? amount.refund,
          payer_total: amount.total,
          payer_refund: opts.refundFen ?? amount.refund,
        },
      };
      return signedEnvelope(
        `REFUND.${status}`,
        'refund',
        status === 'SUCCESS' ? '退款成功' : '退款异常',
        resource,
        opts,
      );
    },
    /** The worker pays in WeChat. */
    pay(outTradeNo: string) {
      const o = orders.get(outTradeNo);
      if (!o) throw new Error(`no order ${outTradeNo}`);
      o.state = 'SUCCESS';
      o.transactionId = `4200${String(Date.now()).slice(-10)}${randomBytes(4).toString('hex')}`;
      o.successTime = new Date(now()).toISOString().replace('Z', '+00:00');
    },
    /**
     * The notification WeChat Pay would post for a paid order: headers and raw body. Options forge it (another key's
     * signature, a changed amount inside the encrypted resource, an old timestamp, a probe).
     */
    notification(
      outTradeNo: string,
      opts: { forgeKey?: boolean; amountFen?: number; timestampOffset?: number; probe?: boolean; serial?: string } = {},
    ) {
      const o = orders.get(outTradeNo);
      if (!o) throw new Error(`no order ${outTradeNo}`);
      const t = transaction(outTradeNo, o);
      if (opts.amountFen !== undefined) t.amount = { ...t.amount, total: opts.amountFen, payer_total: opts.amountFen };
      const nonce = wechatNonce(12);
      const cipher = createCipheriv('aes-256-gcm', Buffer.from(FAKE_APIV3_KEY, 'utf8'), Buffer.from(nonce, 'utf8'));
      cipher.setAAD(Buffer.from('transaction', 'utf8'));
      const ct = Buffer.concat([cipher.update(JSON.stringify(t), 'utf8'), cipher.final(), cipher.getAuthTag()]);
      const body = JSON.stringify({
        id: randomUUID(),
        create_time: new Date(now()).toISOString(),
        resource_type: 'encrypt-resource',
        event_type: 'TRANSACTION.SUCCESS',
        summary: '支付成功',
        resource: {
          original_type: 'transaction',
          algorithm: 'AEAD_AES_256_GCM',
          ciphertext: ct.toString('base64'),
          associated_data: 'transaction',
          nonce,
        },
      });
      const ts = String(seconds() + (opts.timestampOffset ?? 0));
      const hNonce = wechatNonce();
      const key = opts.forgeKey ? pair().privateKey : platform.privateKey;
      const signature = opts.probe
        ? `WECHATPAY/SIGNTEST/${randomBytes(16).toString('base64')}`
        : rsaSign(key, `${ts}\n${hNonce}\n${body}\n`);
      return {
        body,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Mozilla/4.0',
          'wechatpay-timestamp': ts,
          'wechatpay-nonce': hNonce,
          'wechatpay-serial': opts.serial ?? FAKE_PUB_KEY_ID,
          'wechatpay-signature': signature,
          'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
        },
      };
    },
    /** Checks a JSAPI paySign (4-line message) with the merchant's public key. */
    checkPaySign(j: { appId: string; timeStamp: string; nonceStr: string; package: string; paySign: string }) {
      return rsaVerify(merchant.publicKey, `${j.appId}\n${j.timeStamp}\n${j.nonceStr}\n${j.package}\n`, j.paySign);
    },
  };
}
