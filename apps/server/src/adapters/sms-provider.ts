import type { Clock } from '../clock.ts';
import type { Db } from '../db/tables.ts';
import { type SmsSender, createOutboxSms } from './sms.ts';
import { createAliyunSms } from './sms-aliyun.ts';
import type { SmsSettings } from './sms-settings.ts';

/** The sender HUZHU_SMS_PROVIDER names (config.ts has already checked its settings). */
export function createSmsSender(settings: SmsSettings, db: Db, clock: Clock): SmsSender {
  return settings.provider === 'aliyun' ? createAliyunSms(settings, db, clock) : createOutboxSms(db, clock);
}
