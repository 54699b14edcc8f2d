import { createDecipheriv, createSign, createVerify, randomBytes } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { CashierAnswer, PaidTransaction, PaymentProvider } from './payment-types.ts';
import type { WechatPaySettings } from './payment-settings.ts';

/**
 * WeChat Pay API v3 (直连商户): JSAPI inside WeChat, H5 outside it; query, close, refund; notifications verified with
 * the 微信支付公钥 and their resource decrypted (AEAD_AES_256_GCM with the APIv3 key). Every request is signed
 * (WECHATPAY2-SHA256-RSA2048 over `METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n`) and every 2xx answer's signature is checked
 * before it is believed (an unsigned 2xx counts as forged).
 */
const NONCE_CHARS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Notifications and answers older (or newer) than this are refused. */
export const WECHAT_CLOCK_SKEW_SECONDS = 300;

export function wechatNonce(length = 32): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += NONCE_CHARS[b % NONCE_CHARS.length];
  return out;
}

export function rsaSign(privateKeyPem: string, message: string): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKeyPem, 'base64');
}

export function rsaVerify(publicKeyPem: string, message: string, signature: string): boolean {
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(publicKeyPem, signature, 'base64');
  } catch {
    return false;
  }
}

/** The Authorization header of a request (api.md reference §1.1). */
export function authorizationHeader(opts: {
  mchid: string;
  serialNo: string;
  privateKeyPem: string;
  method: string;
  url: string;
  body: string;
  timestamp: number;
  nonce: string;
}): string {
  const message = `${opts.method}\n${opts.url}\n${opts.timestamp}\n${opts.nonce}\n${opts.body}\n`;
  const signature = rsaSign(opts.privateKeyPem, message);
  return `WECHATPAY2-SHA256-RSA2048 mchid="${opts.mchid}",nonce_str="${opts.nonce}",timestamp="${opts.timestamp}",serial_no="${opts.serialNo}",signature="${signature}"`;
}

/** AEAD_AES_256_GCM: ciphertext is base64 of ciphertext ‖ 16-byte tag; key the APIv3 key's UTF-8 bytes. */
export function decryptResource(
  apiV3Key: string,
  r: { ciphertext: string; nonce: string; associated_data?: string | null },
): string {
  const data = Buffer.from(r.ciphertext, 'base64');
  if (data.length < 17) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(r.nonce, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  decipher.setAAD(Buffer.from(r.associated_data ?? '', 'utf8'));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
}

interface WxTransaction {
  appid?: string;
  mchid?: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_state: string;
  success_time?: string;
  amount?: { total?: number; payer_total?: number; currency?: string };
}

const stateOf = (s: string): PaidTransaction['state'] =>
  s === 'SUCCESS' ? 'paid' : s === 'REFUND' ? 'refunded' : s === 'NOTPAY' || s === 'USERPAYING' ? 'unpaid' : 'closed';

const toPaid = (t: WxTransaction): PaidTransaction => ({
  outTradeNo: t.out_trade_no,
  transactionId: t.transaction_id ?? null,
  state: stateOf(t.trade_state),
  amountFen: typeof t.amount?.total === 'number' ? t.amount.total : null,
  paidAt: t.success_time ? new Date(t.success_time).toISOString() : null,
  mchid: t.mchid,
  appid: t.appid,
});

interface WxRefund {
  refund_id?: string;
  out_refund_no?: string;
  transaction_id?: string;
  out_trade_no?: string;
  status?: string;
  success_time?: string;
}
const refundAnswer = (r: WxRefund) => ({
  status: r.status ?? '',
  refundId: r.refund_id ?? null,
  successTime: r.success_time ? new Date(r.success_time).toISOString() : null,
});

const header = (h: Record<string, string | string[] | undefined>, name: string): string => {
  const v = h[name] ?? h[name.toLowerCase()];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
};

/** RFC 3339 in China time, as WeChat Pay writes it: 2026-12-04T10:30:00+08:00. */
function rfc3339China(d: Date): string {
  const local = new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
}

export function createWechatPay(s: WechatPaySettings, now: () => Date = () => new Date()): PaymentProvider {
  const seconds = () => Math.floor(now().getTime() / 1000);

  /** Checks the Wechatpay-* signature of a message (a notification or a 2xx answer). */
  function verifySigned(h: Record<string, string | string[] | undefined>, body: string): string | null {
    const serial = header(h, 'Wechatpay-Serial');
    const signature = header(h, 'Wechatpay-Signature');
    const timestamp = header(h, 'Wechatpay-Timestamp');
    const nonce = header(h, 'Wechatpay-Nonce');
    if (!serial || !signature || !timestamp || !nonce) return 'signature headers missing';
    if (signature.startsWith('WECHATPAY/SIGNTEST/')) return 'signature probe';
    if (serial !== s.platformPublicKeyId) return `unknown serial ${serial.slice(0, 40)}`;
    const ts = Number(timestamp);
    if (!Number.isInteger(ts) || Math.abs(seconds() - ts) >= WECHAT_CLOCK_SKEW_SECONDS) return 'stale timestamp';
    if (!rsaVerify(s.platformPublicKeyPem, `${timestamp}\n${nonce}\n${body}\n`, signature)) return 'bad signature';
    return null;
  }

  /**
   * A notification's signature (微信支付公钥, timestamp window) checked, its envelope read and its AEAD_AES_256_GCM
   * resource decrypted; an event outside `events` is refused.
   */
  function openNotification(
    headers: Record<string, string | string[] | undefined>,
    rawBody: string,
    events: string[],
  ): { plain: string; envelope: { id?: string; event_type?: string } } {
    const problem = verifySigned(headers, rawBody);
    if (problem) throw new AppError('PAYMENT_SIGNATURE_INVALID', { reason: problem });
    let envelope: {
      id?: string;
      event_type?: string;
      resource?: { algorithm?: string; ciphertext: string; nonce: string; associated_data?: string };
    };
    try {
      envelope = JSON.parse(rawBody);
    } catch {
      throw new AppError('VALIDATION_FAILED', { reason: 'notification is not JSON' });
    }
    const r = envelope.resource;
    if (!r || r.algorithm !== 'AEAD_AES_256_GCM' || !events.includes(envelope.event_type ?? ''))
      throw new AppError('VALIDATION_FAILED', { reason: `unexpected notification ${envelope.event_type ?? ''}` });
    try {
      return { plain: decryptResource(s.apiV3Key, r), envelope };
    } catch {
      throw new AppError('PAYMENT_SIGNATURE_INVALID', { reason: 'resource does not decrypt' });
    }
  }

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    payload?: unknown,
  ): Promise<{ status: number; data: T | null }> {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const authorization = authorizationHeader({
      mchid: s.mchid,
      serialNo: s.serialNo,
      privateKeyPem: s.privateKeyPem,
      method,
      url: path,
      body,
      timestamp: seconds(),
      nonce: wechatNonce(),
    });
    let res: Response;
    try {
      res = await fetch(`${s.endpoint}${path}`, {
        method,
        headers: {
          authorization,
          accept: 'application/json',
          'user-agent': 'huzhu/1.0',
          ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
        },
        ...(method === 'POST' ? { body } : {}),
        signal: AbortSignal.timeout(s.timeoutMs),
      });
    } catch {
      throw new AppError('PAYMENT_UNAVAILABLE', { provider: 'wechat', path });
    }
    const text = await res.text();
    if (res.status >= 200 && res.status < 300) {
      const headers: Record<string, string> = {};
      res.headers.forEach((value, key) => {
        headers[key] = value;
      });
      const problem = verifySigned(headers, text);
      if (problem) throw new AppError('PAYMENT_UNAVAILABLE', { provider: 'wechat', path, reason: `answer ${problem}` });
      return { status: res.status, data: text ? (JSON.parse(text) as T) : null };
    }
    let code = 'UNKNOWN';
    try {
      code = (JSON.parse(text) as { code?: string }).code ?? code;
    } catch {}
    return { status: res.status, data: { code } as T };
  }

  const fail = (path: string, status: number, data: unknown) =>
    new AppError('PAYMENT_UNAVAILABLE', { provider: 'wechat', path, status, code: (data as { code?: string })?.code });

  return {
    name: 'wechat',

    async createOrder(o): Promise<CashierAnswer> {
      const common = {
        appid: s.appid,
        mchid: s.mchid,
        description: o.description,
        out_trade_no: o.outTradeNo,
        time_expire: rfc3339China(o.expiresAt),
        notify_url: s.notifyUrl,
        amount: { total: o.amountFen, currency: 'CNY' },
      };
      if (o.openid) {
        const path = '/v3/pay/transactions/jsapi';
        const { status, data } = await call<{ prepay_id: string }>('POST', path, {
          ...common,
          payer: { openid: o.openid },
        });
        if (status !== 200 || !data?.prepay_id) throw fail(path, status, data);
        const timeStamp = String(seconds());
        const nonceStr = wechatNonce();
        const pkg = `prepay_id=${data.prepay_id}`;
        return {
          jsapi: {
            appId: s.appid,
            timeStamp,
            nonceStr,
            package: pkg,
            signType: 'RSA',
            paySign: rsaSign(s.privateKeyPem, `${s.appid}\n${timeStamp}\n${nonceStr}\n${pkg}\n`),
          },
        };
      }
      const path = '/v3/pay/transactions/h5';
      const { status, data } = await call<{ h5_url: string }>('POST', path, {
        ...common,
        scene_info: { payer_client_ip: o.clientIp, h5_info: { type: 'Wap' } },
      });
      if (status !== 200 || !data?.h5_url) throw fail(path, status, data);
      return { h5Url: `${data.h5_url}&redirect_url=${encodeURIComponent(o.returnUrl)}` };
    },

    async query(outTradeNo) {
      const path = `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${encodeURIComponent(s.mchid)}`;
      const { status, data } = await call<WxTransaction & { code?: string }>('GET', path);
      if (status === 404) return { outTradeNo, transactionId: null, state: 'unpaid', amountFen: null, paidAt: null };
      if (status !== 200 || !data) throw fail(path, status, data);
      return toPaid(data);
    },

    async close(outTradeNo) {
      const path = `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`;
      const { status, data } = await call('POST', path, { mchid: s.mchid });
      // 404: the order never reached WeChat Pay (nothing to close).
      if (status !== 204 && status !== 200 && status !== 404) throw fail(path, status, data);
    },

    /** `POST /v3/refund/domestic/refunds`: one refund per out_refund_no; its result also comes to refundNotifyUrl. */
    async refund(r) {
      const path = '/v3/refund/domestic/refunds';
      const { status, data } = await call<WxRefund>('POST', path, {
        out_trade_no: r.outTradeNo,
        out_refund_no: r.outRefundNo,
        reason: r.reason.slice(0, 80),
        notify_url: s.refundNotifyUrl,
        amount: { refund: r.refundFen, total: r.totalFen, currency: 'CNY' },
      });
      if (status !== 200 || !data?.status) throw fail(path, status, data);
      return refundAnswer(data);
    },

    /** `GET /v3/refund/domestic/refunds/{out_refund_no}`; 404: no such refund (never asked, or not yet recorded). */
    async queryRefund(outRefundNo) {
      const path = `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`;
      const { status, data } = await call<WxRefund>('GET', path);
      if (status === 404) return null;
      if (status !== 200 || !data?.status) throw fail(path, status, data);
      return refundAnswer(data);
    },

    verifyRefundNotification(headers, rawBody) {
      const { plain, envelope } = openNotification(headers, rawBody, [
        'REFUND.SUCCESS',
        'REFUND.ABNORMAL',
        'REFUND.CLOSED',
      ]);
      const r = JSON.parse(plain) as WxRefund & {
        mchid?: string;
        refund_status?: string;
        amount?: { refund?: number; total?: number };
      };
      if (r.mchid !== s.mchid) throw new AppError('PAYMENT_SIGNATURE_INVALID', { reason: 'another merchant' });
      if (!r.out_refund_no || !r.out_trade_no)
        throw new AppError('VALIDATION_FAILED', { reason: 'refund notification without its numbers' });
      return {
        noticeId: envelope.id ?? '',
        outTradeNo: r.out_trade_no,
        outRefundNo: r.out_refund_no,
        refundId: r.refund_id ?? null,
        status: r.refund_status ?? r.status ?? '',
        successTime: r.success_time ? new Date(r.success_time).toISOString() : null,
        refundFen: typeof r.amount?.refund === 'number' ? r.amount.refund : null,
        totalFen: typeof r.amount?.total === 'number' ? r.amount.total : null,
      };
    },

    verifyNotification(headers, rawBody) {
      const { plain, envelope } = openNotification(headers, rawBody, ['TRANSACTION.SUCCESS']);
      const t = toPaid(JSON.parse(plain) as WxTransaction);
      if (t.mchid !== s.mchid || t.appid !== s.appid)
        throw new AppError('PAYMENT_SIGNATURE_INVALID', { reason: 'another merchant' });
      return { ...t, noticeId: envelope.id ?? '' };
    },
  };
}
