import type {
  FileReliefBody,
  HardshipFile,
  HardshipPage,
  ReliefApplication,
  ReliefBatch,
  ReliefBatchBody,
  ReliefBatchPage,
  ReliefCategoryList,
  ReliefCategoryParams,
  ReliefEstimate,
  ReliefPage,
  ReliefReport,
} from '@huzhu/core';
import { http, request } from './http-client.ts';
import type { Infer } from './page.ts';

export type ReliefView = ReliefApplication;
export type ReliefPageView = Infer<typeof ReliefPage>;
export type ReliefCategoryListView = Infer<typeof ReliefCategoryList>;
export type HardshipView = HardshipFile;
export type HardshipPageView = Infer<typeof HardshipPage>;
export type ReliefBatchView = ReliefBatch;
export type ReliefBatchPageView = Infer<typeof ReliefBatchPage>;

export interface ReliefFilters {
  status?: string;
  category?: string;
  agencyId?: string;
  memberId?: string;
  q?: string;
  batchId?: string;
  page: number;
  pageSize: number;
}

const path = (id: string) => `/relief/${encodeURIComponent(id)}`;

export const reliefKeys = {
  list: (f: Partial<ReliefFilters>) => ['relief', f] as const,
  one: (id: string) => ['relief', 'one', id] as const,
  categories: ['relief-categories'] as const,
  hardship: (f: object) => ['hardship-files', f] as const,
  batches: (f: object) => ['relief-batches', f] as const,
  report: (f: object) => ['reports', 'relief', f] as const,
};

export const reliefApi = {
  list: (f: Partial<ReliefFilters>) => http.get<ReliefPageView>('/relief', { ...f }),
  get: (id: string) => http.get<ReliefView>(path(id)),
  file: (body: FileReliefBody) => http.post<ReliefView>('/relief', body),
  estimate: (memberId: string, claim: NonNullable<FileReliefBody['claim']>) =>
    http.post<ReliefEstimate>('/relief/estimate', { memberId, claim }),
  review: (id: string, decision: 'approve' | 'reject' | 'return', reason?: string) =>
    http.post<ReliefView>(`${path(id)}/review`, { decision, ...(reason ? { reason } : {}) }),
  decide: (id: string, decision: 'approve' | 'reject', reason?: string) =>
    http.post<ReliefView>(`${path(id)}/decision`, { decision, ...(reason ? { reason } : {}) }),
  confirm: (id: string) => http.post<ReliefView>(`${path(id)}/confirm`),
  dismiss: (id: string, reason: string) => http.post<ReliefView>(`${path(id)}/dismiss`, { reason }),
  resubmit: (id: string) => http.post<ReliefView>(`${path(id)}/resubmit`),
  categories: () => http.get<ReliefCategoryListView>('/relief-categories'),
  publishCategory: (code: string, params: Omit<ReliefCategoryParams, 'code'>) =>
    request<ReliefCategoryListView>('PUT', `/relief-categories/${encodeURIComponent(code)}`, { body: params }),
  setYearCap: (yearCapFen: number) =>
    request<ReliefCategoryListView>('PUT', '/relief-settings', { body: { yearCapFen } }),
  hardship: (f: object) => http.get<HardshipPageView>('/hardship-files', { ...f }),
  openHardship: (body: { memberId: string; level: string; reason: string; openedOn: string }) =>
    http.post<HardshipView>('/hardship-files', body),
  reviewHardship: (id: string, body: { outcome: 'continue' | 'close'; level?: string; note: string }) =>
    http.post<HardshipView>(`/hardship-files/${encodeURIComponent(id)}/review`, body),
  batches: (f: object) => http.get<ReliefBatchPageView>('/relief-batches', { ...f }),
  createBatch: (body: ReliefBatchBody) => http.post<ReliefBatchView>('/relief-batches', body),
  decideBatch: (id: string, decision: 'approve' | 'reject', reason?: string) =>
    http.post<ReliefBatchView>(`/relief-batches/${encodeURIComponent(id)}/decision`, {
      decision,
      ...(reason ? { reason } : {}),
    }),
  report: (f: { from?: string; to?: string; agencyId?: string }) => http.get<ReliefReport>('/reports/relief', { ...f }),
};
