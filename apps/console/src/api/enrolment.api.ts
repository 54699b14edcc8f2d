import {
  type Batch,
  type BatchItem,
  type BatchStatus,
  type Certificate,
  type CertificateCheck,
  staffEndpoints as e,
  type Policy,
  type UnitCoverage,
} from '@huzhu/core';
import { api } from './http-client.ts';
import type { Infer } from './page.ts';
import { type UploadHandlers, uploadTo } from './upload.ts';

export type { Batch, BatchStatus, Policy };
export type BatchItemView = Infer<typeof BatchItem>;
export type CoverageView = Infer<typeof UnitCoverage>;
export type CoveragePolicy = CoverageView['policies']['items'][number];
export type CertificateView = Infer<typeof Certificate>;
export type CertificateCheckView = Infer<typeof CertificateCheck>;

export interface BatchFilters {
  status?: BatchStatus;
  unitId?: string;
  agencyId?: string;
  page: number;
  pageSize: number;
}

export interface Payment {
  amountFen: number;
  paidOn: string;
  bankReference: string;
}

const batchPath = (id: string) => `/enrolment-batches/${encodeURIComponent(id)}`;
const id = (value: string) => ({ id: value });

/**
 * An idempotency key per upload: if the same request reaches the server twice (a proxy retry), it still makes one
 * batch. getRandomValues works on plain-http intranet addresses, where crypto.randomUUID is unavailable.
 */
function requestKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const enrolmentKeys = {
  batches: (f: Partial<BatchFilters>) => ['batches', f] as const,
  batch: (id: string) => ['batch', id] as const,
  items: (id: string, page: number, pageSize: number) => ['batch', id, 'items', page, pageSize] as const,
  issues: (id: string, page: number, pageSize: number) => ['batch', id, 'issues', page, pageSize] as const,
  coverage: (unitId: string, page: number, pageSize: number) => ['coverage', unitId, page, pageSize] as const,
  memberPolicies: (memberId: string, page = 1, pageSize = 500) =>
    ['member', memberId, 'policies', page, pageSize] as const,
  certificate: (policyId: string) => ['certificate', policyId] as const,
  check: (code: string) => ['certificate-check', code] as const,
};

export const enrolmentApi = {
  templateUrl: '/api/v1/roster-imports/template',
  errorsUrl: (batchId: string) => `/api/v1${batchPath(batchId)}/errors.xlsx`,
  importRoster: (
    unitId: string,
    file: File,
    fields: { productCode: string; startDate: string },
    handlers: UploadHandlers,
  ) =>
    uploadTo(e.importRoster, id(unitId), file, handlers, {
      fields,
      headers: { 'idempotency-key': requestKey() },
    }),
  batches: (f: Partial<BatchFilters>) => api.call(e.batches, { query: { ...f } }),
  batch: (batchId: string) => api.call(e.batch, { params: id(batchId) }),
  items: (batchId: string, page: number, pageSize: number) =>
    api.call(e.batchItems, { params: id(batchId), query: { page, pageSize } }),
  /** A batch's issues in row order, a page at a time (a roster may carry one per row of 100,000). */
  issues: (batchId: string, page: number, pageSize: number) =>
    api.call(e.batchIssues, { params: id(batchId), query: { page, pageSize } }),
  submit: (batchId: string) => api.call(e.submitBatch, { params: id(batchId) }),
  approve: (batchId: string, note?: string) =>
    api.call(e.approveBatch, { params: id(batchId), body: note ? { note } : {} }),
  returnBatch: (batchId: string, reason: string) => api.call(e.returnBatch, { params: id(batchId), body: { reason } }),
  pay: (batchId: string, payment: Payment) => api.call(e.payBatch, { params: id(batchId), body: payment }),
  renew: (unitId: string, productCode: string) => api.call(e.renew, { params: id(unitId), body: { productCode } }),
  coverage: (unitId: string, page: number, pageSize: number) =>
    api.call(e.coverage, { params: id(unitId), query: { page, pageSize } }),
  memberPolicies: (memberId: string, page = 1, pageSize = 500) =>
    api.call(e.memberPolicies, { params: id(memberId), query: { page, pageSize } }),
  certificate: (policyId: string) => api.call(e.certificate, { params: id(policyId) }),
  check: (code: string) => api.call(e.checkCertificate, { params: { code } }),
};
