import { type SmsOutboxPage, staffEndpoints as e } from '@huzhu/core';
import { api } from './http-client.ts';
import type { Infer } from './page.ts';

export type SmsOutboxView = Infer<typeof SmsOutboxPage>;
export type SmsRow = SmsOutboxView['items'][number];
export type SmsStatus = 'queued' | 'sent' | 'failed';

export interface SmsFilters {
  status?: SmsStatus;
  page: number;
  pageSize: number;
}

export const smsKeys = { outbox: (f: SmsFilters) => ['sms-outbox', f] as const };

export const smsApi = {
  outbox: (f: SmsFilters) => api.call(e.smsOutbox, { query: { ...f } }),
};
