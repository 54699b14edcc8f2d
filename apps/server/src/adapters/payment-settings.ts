import fs from 'node:fs';
import { z } from 'zod';

/** The payment part of the environment (merged into config.ts's schema). */
export const paymentEnv = {
  HUZHU_PAYMENT_PROVIDER: z.enum(['demo', 'wechat']).default('demo'),
  HUZHU_WECHATPAY_ENDPOINT: z.url({ protocol: /^https?$/ }).default('https://api.mch.weixin.qq.com'),
  HUZHU_WECHATPAY_MCHID: z.string().trim().optional(),
  HUZHU_WECHATPAY_APPID: z.string().trim().optional(),
  /** The merchant API certificate's serial number. */
  HUZHU_WECHATPAY_SERIAL: z.string().trim().optional(),
  /** The merchant API private key (PKCS#8 PEM): the PEM itself or a path to it. */
  HUZHU_WECHATPAY_PRIVATE_KEY: z.string().trim().optional(),
  /** The APIv3 key: 32 characters. */
  HUZHU_WECHATPAY_APIV3_KEY: z.string().trim().optional(),
  /** 微信支付公钥 (PEM or a path) and its id `PUB_KEY_ID_…`. */
  HUZHU_WECHATPAY_PUBLIC_KEY: z.string().trim().optional(),
  HUZHU_WECHATPAY_PUBLIC_KEY_ID: z.string().trim().optional(),
  /** HTTPS, no query string: where WeChat Pay posts its notifications (…/api/v1/payments/wechat/notify). */
  HUZHU_WECHATPAY_NOTIFY_URL: z.string().trim().optional(),
  /** Where refund results are posted; default: the notify URL with `/notify` → `/refund-notify`. */
  HUZHU_WECHATPAY_REFUND_NOTIFY_URL: z.string().trim().optional(),
  HUZHU_WECHATPAY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8000),
};

type PaymentEnv = z.output<z.ZodObject<typeof paymentEnv>>;

export interface WechatPaySettings {
  provider: 'wechat';
  endpoint: string;
  mchid: string;
  appid: string;
  serialNo: string;
  privateKeyPem: string;
  apiV3Key: string;
  platformPublicKeyPem: string;
  platformPublicKeyId: string;
  notifyUrl: string;
  /** The refund request's `notify_url` (REFUND.SUCCESS and the other refund results). */
  refundNotifyUrl: string;
  timeoutMs: number;
}
export type PaymentSettings = { provider: 'demo' } | WechatPaySettings;

const pem = (v: string) => (v.includes('-----BEGIN') ? v : fs.readFileSync(v, 'utf8'));

/** With HUZHU_PAYMENT_PROVIDER=wechat every key must be set and readable: a missing one stops the start, naming it. */
export function paymentSettings(e: PaymentEnv, fail: (lines: string[]) => Error): PaymentSettings {
  if (e.HUZHU_PAYMENT_PROVIDER === 'demo') return { provider: 'demo' };
  const problems: string[] = [];
  const required = (name: keyof PaymentEnv) => {
    const value = String(e[name] ?? '');
    if (value === '') problems.push(`${name}: 使用微信支付（wechat）时必须设置`);
    return value;
  };
  const mchid = required('HUZHU_WECHATPAY_MCHID');
  const appid = required('HUZHU_WECHATPAY_APPID');
  const serialNo = required('HUZHU_WECHATPAY_SERIAL');
  const privateKey = required('HUZHU_WECHATPAY_PRIVATE_KEY');
  const apiV3Key = required('HUZHU_WECHATPAY_APIV3_KEY');
  const publicKey = required('HUZHU_WECHATPAY_PUBLIC_KEY');
  const publicKeyId = required('HUZHU_WECHATPAY_PUBLIC_KEY_ID');
  const notifyUrl = required('HUZHU_WECHATPAY_NOTIFY_URL');
  if (apiV3Key && Buffer.byteLength(apiV3Key, 'utf8') !== 32)
    problems.push('HUZHU_WECHATPAY_APIV3_KEY: 应为 32 个字符');
  if (notifyUrl && !/^https:\/\/[^?]+$/.test(notifyUrl))
    problems.push('HUZHU_WECHATPAY_NOTIFY_URL: 应为不带查询参数的 https 地址');
  let privateKeyPem = '';
  let platformPublicKeyPem = '';
  try {
    if (privateKey) privateKeyPem = pem(privateKey);
    if (publicKey) platformPublicKeyPem = pem(publicKey);
  } catch {
    problems.push('HUZHU_WECHATPAY_PRIVATE_KEY / HUZHU_WECHATPAY_PUBLIC_KEY: 无法读取密钥文件');
  }
  const refundNotifyUrl = e.HUZHU_WECHATPAY_REFUND_NOTIFY_URL || notifyUrl.replace(/\/notify$/, '/refund-notify');
  if (refundNotifyUrl && !/^https:\/\/[^?]+$/.test(refundNotifyUrl))
    problems.push('HUZHU_WECHATPAY_REFUND_NOTIFY_URL: 应为不带查询参数的 https 地址');
  if (problems.length > 0) throw fail(problems);
  return {
    provider: 'wechat',
    endpoint: e.HUZHU_WECHATPAY_ENDPOINT.replace(/\/$/, ''),
    mchid,
    appid,
    serialNo,
    privateKeyPem,
    apiV3Key,
    platformPublicKeyPem,
    platformPublicKeyId: publicKeyId,
    notifyUrl,
    refundNotifyUrl,
    timeoutMs: e.HUZHU_WECHATPAY_TIMEOUT_MS,
  };
}
