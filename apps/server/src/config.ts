import path from 'node:path';
import { passwordWeakness } from '@huzhu/core';
import { z } from 'zod';
import { type SmsSettings, smsEnv, smsSettings } from './adapters/sms-settings.ts';
import { type IdentitySettings, identityEnv, identitySettings } from './adapters/identity-settings.ts';
import { type PaymentSettings, paymentEnv, paymentSettings } from './adapters/payment-settings.ts';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: '只支持 postgres:// 或 postgresql:// 地址；不设置则使用内嵌 SQLite' })
    .optional(),
  HUZHU_SEED: z.enum(['demo', 'none', 'chongqing']).default('demo'),
  HUZHU_DEMO_PASSWORD: z
    .string()
    .refine((v) => passwordWeakness(v) === null, { message: '演示账号密码太弱：至少 10 位，且不能是常见密码' })
    .optional(),
  /** base64 of 32 bytes: the AES-256-GCM key for personal data; a key file under DATA_DIR is used when absent. */
  HUZHU_DATA_KEY: z.string().optional(),
  /** base64 of 32 bytes: the HMAC key of the blind indexes. */
  HUZHU_INDEX_KEY: z.string().optional(),
  HUZHU_SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Seconds between runs of the scheduled jobs (overdue claims); 0 turns them off in this instance. */
  HUZHU_JOB_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  /** The most one claim may be approved at, fen (issue 15): an office limit beside the products' term caps. */
  HUZHU_MAX_APPROVAL_FEN: z.coerce.number().int().min(1).max(10_000_000_000).default(50_000_000),
  /** Working days (official calendar) within which a complaint is answered before it escalates to the office. */
  HUZHU_COMPLAINT_ANSWER_DAYS: z.coerce.number().int().min(1).max(30).default(3),
  /**
   * Proxies whose X-Forwarded-For is believed: a comma-separated list of IPs or CIDRs. Unset: none (the socket's
   * address is the client's), so a client cannot pick its own address around the login limits.
   */
  HUZHU_TRUST_PROXY: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.string().regex(/^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]+)(\/\d{1,3})?$/, {
          message: '应为以逗号分隔的 IP 地址或 CIDR（如 10.0.0.1,192.168.0.0/24）',
        }),
      ),
    ),
  /** Data rows one roster file may have (more: refused whole, ROSTER_TOO_MANY_ROWS). */
  HUZHU_ROSTER_MAX_ROWS: z.coerce.number().int().min(1).max(1_000_000).default(100_000),
  /** Data rows one unit-registry file may have (more: refused whole, ROSTER_TOO_MANY_ROWS). */
  HUZHU_REGISTRY_MAX_ROWS: z.coerce.number().int().min(1).max(1_000_000).default(100_000),
  /** Data rows one payout-result file may have (more: refused whole, ROSTER_TOO_MANY_ROWS). */
  HUZHU_PAYOUT_RESULT_MAX_ROWS: z.coerce.number().int().min(1).max(1_000_000).default(50_000),
  /** Data rows one holiday-relief list (节日慰问名单) may have; never more than a batch takes (20,000). */
  HUZHU_RELIEF_LIST_MAX_ROWS: z.coerce.number().int().min(1).max(20_000).default(20_000),
  /** Seconds one spreadsheet import may run before it is cancelled (IMPORT_CANCELLED, nothing stored). */
  HUZHU_IMPORT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3_600).default(300),
  /** Budget of every heavy read (reports, exports, searches, lists), ms; past it 503 QUERY_TIMEOUT. */
  HUZHU_READ_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  /**
   * Budget of every statement on the PostgreSQL write pool, and of a transaction idle between statements, ms;
   * past it 503 QUERY_TIMEOUT and the transaction rolls back. Migrations run without it.
   */
  HUZHU_WRITE_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(120_000),
  /** Reader connections: SQLite worker threads / the PostgreSQL read pool's size (default: by the cores). */
  HUZHU_READERS: z.coerce.number().int().min(1).max(64).optional(),
  ...smsEnv,
  ...identityEnv,
  ...paymentEnv,
  /** The office whose members sign in to the member app (its code); absent: the first office created. */
  HUZHU_MEMBER_OFFICE: z.string().trim().min(1).max(40).optional(),
});

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  seed: 'demo' | 'none' | 'chongqing';
  demoPassword?: string;
  dataKey?: string;
  indexKey?: string;
  secureCookies: boolean;
  logLevel: string;
  /** Login attempts before a lock-out, and its length. */
  maxFailedLogins: number;
  /** Login attempts per client address per minute before 429 RATE_LIMITED. */
  loginRatePerMinute: number;
  lockMinutes: number;
  sessionHours: number;
  /** Upload limit for spreadsheets, bytes. */
  maxUploadBytes: number;
  /** Data rows per roster file. */
  rosterMaxRows: number;
  /** Data rows per unit-registry file. */
  registryMaxRows: number;
  /** Data rows per payout-result file. */
  payoutResultMaxRows: number;
  /** Data rows per holiday-relief list file. */
  reliefListMaxRows: number;
  /** One import's time limit, ms; also the age past which an upload temp file is an orphan. */
  importTimeoutMs: number;
  /** Static front-end folders (built console and member app); absent folders are skipped. */
  consoleDir?: string;
  mobileDir?: string;
  /** Scheduled jobs run every this many ms (0: not in this instance). */
  jobIntervalMs: number;
  /** The office approval limit per claim, fen (HUZHU_MAX_APPROVAL_FEN). */
  maxApprovalFen: number;
  /** Working days to answer a complaint before it escalates (HUZHU_COMPLAINT_ANSWER_DAYS, default 3). */
  complaintAnswerWorkingDays?: number;
  /** Proxies trusted for X-Forwarded-For (IPs / CIDRs); empty: none. */
  trustProxy: string[];
  /** Where texts to members go: the outbox only, or a provider (see adapters/sms-settings.ts). */
  sms: SmsSettings;
  /** Budget of every query on the reader, ms. */
  readTimeoutMs: number;
  writeTimeoutMs: number;
  readers?: number;
  /** Who checks a member's face at real-name verification (see adapters/identity-settings.ts). */
  identity: IdentitySettings;
  /** How gig workers pay (see adapters/payment-settings.ts). */
  payment: PaymentSettings;
  memberApp: {
    officeCode?: string;
    /** Login codes: valid this long, this many wrong tries, at most one per number per this many seconds … */
    codeTtlMinutes: number;
    codeMaxAttempts: number;
    codeIntervalSeconds: number;
    /** … and this many per number per 24 hours, this many per client address per hour. */
    codesPerDay: number;
    codesPerIpPerHour: number;
    sessionHours: number;
  };
}

export class ConfigError extends Error {}

/** Parses the environment; a wrong value stops the start with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置错误（环境变量）:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const root = path.resolve(import.meta.dirname, '../../..');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    seed: e.HUZHU_SEED,
    demoPassword: e.HUZHU_DEMO_PASSWORD,
    dataKey: e.HUZHU_DATA_KEY,
    indexKey: e.HUZHU_INDEX_KEY,
    secureCookies: e.HUZHU_SECURE_COOKIES === 'true',
    logLevel: e.LOG_LEVEL,
    maxFailedLogins: 5,
    loginRatePerMinute: 20,
    lockMinutes: 15,
    sessionHours: 12,
    maxUploadBytes: 20 * 1024 * 1024,
    rosterMaxRows: e.HUZHU_ROSTER_MAX_ROWS,
    registryMaxRows: e.HUZHU_REGISTRY_MAX_ROWS,
    payoutResultMaxRows: e.HUZHU_PAYOUT_RESULT_MAX_ROWS,
    reliefListMaxRows: e.HUZHU_RELIEF_LIST_MAX_ROWS,
    importTimeoutMs: e.HUZHU_IMPORT_TIMEOUT_SECONDS * 1000,
    consoleDir: path.join(root, 'apps/console/dist'),
    mobileDir: path.join(root, 'apps/mobile/dist'),
    jobIntervalMs: e.HUZHU_JOB_INTERVAL_SECONDS * 1000,
    maxApprovalFen: e.HUZHU_MAX_APPROVAL_FEN,
    complaintAnswerWorkingDays: e.HUZHU_COMPLAINT_ANSWER_DAYS,
    trustProxy: e.HUZHU_TRUST_PROXY,
    readTimeoutMs: e.HUZHU_READ_TIMEOUT_MS,
    writeTimeoutMs: e.HUZHU_WRITE_TIMEOUT_MS,
    readers: e.HUZHU_READERS,
    sms: smsSettings(e, (lines) => new ConfigError(`配置错误（短信）:\n${lines.map((l) => `  ${l}`).join('\n')}`)),
    identity: identitySettings(
      e,
      (lines) => new ConfigError(`配置错误（实名认证）:\n${lines.map((l) => `  ${l}`).join('\n')}`),
    ),
    payment: paymentSettings(
      e,
      (lines) => new ConfigError(`配置错误（微信支付）:\n${lines.map((l) => `  ${l}`).join('\n')}`),
    ),
    memberApp: {
      officeCode: e.HUZHU_MEMBER_OFFICE,
      codeTtlMinutes: 5,
      codeMaxAttempts: 5,
      codeIntervalSeconds: 60,
      codesPerDay: 10,
      codesPerIpPerHour: 30,
      sessionHours: 24 * 7,
    },
  };
}
