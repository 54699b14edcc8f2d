import type { Clock } from '../clock.ts';
import type { Db } from '../db/tables.ts';
import { newId } from '../ids.ts';

/**
 * Text messages to members. The default writes each message to `sms_outbox`, which the console lists; a licensed
 * SMS provider (templates registered with it under the same names and parameters) implements `SmsSender` too.
 */
export const smsTemplates = {
  claim_accepted: (p: SmsParams) => `【职工互助】您的互助金申领（编号${p.ref}）已受理，将于${p.dueDate}前作出决定。`,
  claim_approved: (p: SmsParams) =>
    `【职工互助】您的互助金申领（编号${p.ref}）已核准，给付金额${p.amount}元，将转入您登记的银行账户。`,
  claim_rejected: (p: SmsParams) =>
    `【职工互助】您的互助金申领（编号${p.ref}）经审核不予给付，原因：${p.reason}。如有疑问请联系所在单位工会。`,
  claim_returned: (p: SmsParams) =>
    `【职工互助】您的互助金申领（编号${p.ref}）需补充材料：${p.reason}。请联系所在单位工会。`,
  claim_paid: (p: SmsParams) => `【职工互助】您的互助金${p.amount}元（申领编号${p.ref}）已转账支付，请留意银行到账。`,
  renewal_reminder: (p: SmsParams) =>
    `【职工互助】您参加的${p.product}将于${p.date}到期，请联系所在单位工会或登录会员服务续保。`,
  gig_renewal_reminder: (p: SmsParams) =>
    `【职工互助】您的${p.product}将于${p.date}到期（还有${p.days}天）。打开职工互助会员服务即可一键续保，到期后${p.grace}天内续保保障不间断、无等待期。`,
  login_code: (p: SmsParams) => `【职工互助】您的登录验证码为${p.code}，${p.minutes}分钟内有效。请勿将验证码告诉他人。`,
} as const;
export type SmsTemplate = keyof typeof smsTemplates;
export type SmsParams = Record<string, string>;

export interface SmsMessage {
  officeId: string;
  to: string;
  template: SmsTemplate;
  params: SmsParams;
  /** What the message is about (e.g. a claim), for the outbox list. */
  objectType?: string;
  objectId?: string;
}

export interface SmsSender {
  /** Resolves once the text is recorded in the outbox; a provider may still be delivering it. */
  send(message: SmsMessage): Promise<void>;
  /** Resolves when every text handed over so far has its final status (tests, orderly shutdown). */
  settled?(): Promise<void>;
}

/** Writes the text to the outbox as queued; a provider adapter updates the row once it has an answer. */
export async function recordSms(db: Db, clock: Clock, m: SmsMessage, provider: string | null = null): Promise<string> {
  const id = newId();
  await db
    .insertInto('sms_outbox')
    .values({
      id,
      office_id: m.officeId,
      to_mobile: m.to,
      template: m.template,
      params_json: JSON.stringify(m.params),
      text: smsTemplates[m.template](m.params),
      status: 'queued',
      object_type: m.objectType ?? null,
      object_id: m.objectId ?? null,
      created_at: clock.iso(),
      sent_at: null,
      provider,
      provider_code: null,
      provider_ref: null,
      failure_reason: null,
    })
    .execute();
  return id;
}

export function createOutboxSms(db: Db, clock: Clock): SmsSender {
  return {
    async send(m) {
      await recordSms(db, clock, m);
    },
  };
}
