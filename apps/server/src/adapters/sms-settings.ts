import { z } from 'zod';
import { type SmsTemplate, smsTemplates } from './sms.ts';

/** The SMS part of the environment (merged into config.ts's schema). */
export const smsEnv = {
  HUZHU_SMS_PROVIDER: z.enum(['outbox', 'aliyun']).default('outbox'),
  HUZHU_SMS_ENDPOINT: z.url({ protocol: /^https?$/ }).default('https://dysmsapi.aliyuncs.com/'),
  HUZHU_SMS_ACCESS_KEY_ID: z.string().trim().optional(),
  HUZHU_SMS_ACCESS_KEY_SECRET: z.string().trim().optional(),
  HUZHU_SMS_SIGN_NAME: z.string().trim().optional(),
  /** JSON object: our template name → the provider's template code, e.g. {"claim_paid":"SMS_123456789", …}. */
  HUZHU_SMS_TEMPLATES: z.string().optional(),
  HUZHU_SMS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
};

type SmsEnv = z.output<z.ZodObject<typeof smsEnv>>;

export interface AliyunSmsSettings {
  provider: 'aliyun';
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** Every template of smsTemplates has a code: a missing one would only show when that text is due. */
  templateCodes: Record<SmsTemplate, string>;
  timeoutMs: number;
}
export type SmsSettings = { provider: 'outbox' } | AliyunSmsSettings;

const templateNames = Object.keys(smsTemplates) as SmsTemplate[];

/**
 * The provider's settings, all checked at start: with HUZHU_SMS_PROVIDER=aliyun, a missing key, sign name or
 * template code stops the server (naming each variable) instead of failing every text later.
 */
export function smsSettings(e: SmsEnv, fail: (lines: string[]) => Error): SmsSettings {
  if (e.HUZHU_SMS_PROVIDER === 'outbox') return { provider: 'outbox' };
  const problems: string[] = [];
  const required = (name: 'HUZHU_SMS_ACCESS_KEY_ID' | 'HUZHU_SMS_ACCESS_KEY_SECRET' | 'HUZHU_SMS_SIGN_NAME') => {
    const value = e[name] ?? '';
    if (value === '') problems.push(`${name}: 使用阿里云短信（aliyun）时必须设置`);
    return value;
  };
  const accessKeyId = required('HUZHU_SMS_ACCESS_KEY_ID');
  const accessKeySecret = required('HUZHU_SMS_ACCESS_KEY_SECRET');
  const signName = required('HUZHU_SMS_SIGN_NAME');
  const templateCodes = parseTemplateCodes(e.HUZHU_SMS_TEMPLATES, problems);
  if (problems.length > 0) throw fail(problems);
  return {
    provider: 'aliyun',
    endpoint: e.HUZHU_SMS_ENDPOINT,
    accessKeyId,
    accessKeySecret,
    signName,
    templateCodes: templateCodes as Record<SmsTemplate, string>,
    timeoutMs: e.HUZHU_SMS_TIMEOUT_MS,
  };
}

function parseTemplateCodes(raw: string | undefined, problems: string[]): Partial<Record<SmsTemplate, string>> {
  const name = 'HUZHU_SMS_TEMPLATES';
  if (!raw?.trim()) {
    problems.push(`${name}: 使用阿里云短信（aliyun）时必须设置，JSON 对象，包含模板 ${templateNames.join('、')}`);
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    problems.push(`${name}: 不是有效的 JSON`);
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.push(`${name}: 应为 JSON 对象，如 {"claim_paid":"SMS_123456789"}`);
    return {};
  }
  const map = parsed as Record<string, unknown>;
  const codes: Partial<Record<SmsTemplate, string>> = {};
  const missing = templateNames.filter((t) => typeof map[t] !== 'string' || !(map[t] as string).trim());
  if (missing.length > 0) problems.push(`${name}: 缺少模板编号 ${missing.join('、')}`);
  const unknown = Object.keys(map).filter((k) => !templateNames.includes(k as SmsTemplate));
  if (unknown.length > 0) problems.push(`${name}: 未知的模板 ${unknown.join('、')}`);
  for (const t of templateNames) if (typeof map[t] === 'string') codes[t] = (map[t] as string).trim();
  return codes;
}
