import { z } from 'zod';

/** The identity part of the environment (merged into config.ts's schema). */
export const identityEnv = {
  HUZHU_IDENTITY_PROVIDER: z.enum(['demo', 'tencent']).default('demo'),
  HUZHU_FACEID_ENDPOINT: z.url({ protocol: /^https?$/ }).default('https://faceid.tencentcloudapi.com/'),
  HUZHU_FACEID_SECRET_ID: z.string().trim().optional(),
  HUZHU_FACEID_SECRET_KEY: z.string().trim().optional(),
  /** The 业务流程 (RuleId) approved in the Tencent Cloud FaceID console. */
  HUZHU_FACEID_RULE_ID: z.string().trim().optional(),
  HUZHU_FACEID_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8000),
};

type IdentityEnv = z.output<z.ZodObject<typeof identityEnv>>;

export interface TencentFaceIdSettings {
  provider: 'tencent';
  endpoint: string;
  secretId: string;
  secretKey: string;
  ruleId: string;
  timeoutMs: number;
}
export type IdentitySettings = { provider: 'demo' } | TencentFaceIdSettings;

/** With HUZHU_IDENTITY_PROVIDER=tencent every key must be set: a missing one stops the start, naming it. */
export function identitySettings(e: IdentityEnv, fail: (lines: string[]) => Error): IdentitySettings {
  if (e.HUZHU_IDENTITY_PROVIDER === 'demo') return { provider: 'demo' };
  const problems: string[] = [];
  const required = (name: 'HUZHU_FACEID_SECRET_ID' | 'HUZHU_FACEID_SECRET_KEY' | 'HUZHU_FACEID_RULE_ID') => {
    const value = e[name] ?? '';
    if (value === '') problems.push(`${name}: 使用腾讯云人脸核身（tencent）时必须设置`);
    return value;
  };
  const secretId = required('HUZHU_FACEID_SECRET_ID');
  const secretKey = required('HUZHU_FACEID_SECRET_KEY');
  const ruleId = required('HUZHU_FACEID_RULE_ID');
  if (problems.length > 0) throw fail(problems);
  return {
    provider: 'tencent',
    endpoint: e.HUZHU_FACEID_ENDPOINT,
    secretId,
    secretKey,
    ruleId,
    timeoutMs: e.HUZHU_FACEID_TIMEOUT_MS,
  };
}
