import type {
  Batch,
  BatchItem,
  BatchStatus,
  Certificate,
  CertificateCheck,
  Policy,
  RowIssue,
  UnitCoverage,
} from '@huzhu/core';
import { http } from './http-client.ts';
import type { Infer, Page } from './page.ts';
import { type UploadHandlers, uploadFile } from './upload.ts';

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
const unitPath = (id: string) => `/units/${encodeURIComponent(id)}`;

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
  memberPolicies: (memberId: string) => ['member', memberId, 'policies'] as const,
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
    uploadFile<Batch>(`${unitPath(unitId)}/roster-imports`, file, handlers, {
      fields,
      headers: { 'idempotency-key': requestKey() },
    }),
  batches: (f: Partial<BatchFilters>) => http.get<Page<Batch>>('/enrolment-batches', { ...f }),
  batch: (id: string) => http.get<Batch>(batchPath(id)),
  items: (id: string, page: number, pageSize: number) =>
    http.get<Page<BatchItemView>>(`${batchPath(id)}/items`, { page, pageSize }),
  /** A batch's issues in row order, a page at a time (a roster may carry one per row of 100,000). */
  issues: (id: string, page: number, pageSize: number) =>
    http.get<Page<RowIssue>>(`${batchPath(id)}/issues`, { page, pageSize }),
  submit: (id: string) => http.post<Batch>(`${batchPath(id)}/submit`),
  approve: (id: string, note?: string) => http.post<Batch>(`${batchPath(id)}/approve`, note ? { note } : {}),
  returnBatch: (id: string, reason: string) => http.post<Batch>(`${batchPath(id)}/return`, { reason }),
  pay: (id: string, payment: Payment) => http.post<Batch>(`${batchPath(id)}/payments`, payment),
  renew: (unitId: string, productCode: string) => http.post<Batch>(`${unitPath(unitId)}/renewals`, { productCode }),
  coverage: (unitId: string, page: number, pageSize: number) =>
    http.get<CoverageView>(`${unitPath(unitId)}/coverage`, { page, pageSize }),
  memberPolicies: (memberId: string) => http.get<Policy[]>(`/members/${encodeURIComponent(memberId)}/policies`),
  certificate: (policyId: string) => http.get<CertificateView>(`/policies/${encodeURIComponent(policyId)}/certificate`),
  check: (code: string) => http.get<CertificateCheckView>(`/public/certificates/${encodeURIComponent(code)}`),
};
