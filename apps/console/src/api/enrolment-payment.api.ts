import {
  type EnrolmentPayment,
  type EnrolmentPaymentBody,
  type EnrolmentPaymentStatus,
  type ResolvePaymentBody,
  staffEndpoints as e,
} from '@huzhu/core';
import { api } from './http-client.ts';

export type { EnrolmentPayment, EnrolmentPaymentStatus };

export interface PaymentFilters {
  status?: EnrolmentPaymentStatus;
  q?: string;
  page: number;
  pageSize: number;
}

export const paymentKeys = {
  list: (f: Partial<PaymentFilters>) => ['enrolment-payments', f] as const,
  one: (id: string) => ['enrolment-payment', id] as const,
};

/** Bank transfers for several batches of a unit (POST /enrolment-payments) and the 待核对 holds. */
export const enrolmentPaymentApi = {
  record: (body: EnrolmentPaymentBody) => api.call(e.recordPayment, { body }),
  list: (f: Partial<PaymentFilters>) => api.call(e.payments, { query: { ...f } }),
  get: (id: string) => api.call(e.payment, { params: { id } }),
  resolve: (id: string, body: ResolvePaymentBody) => api.call(e.resolvePayment, { params: { id }, body }),
};
