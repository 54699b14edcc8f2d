import type { BankAccount, PayableClaim, PayoutBatch, PayoutResultRow } from '@huzhu/core';
import { http } from './http-client.ts';
import type { Infer, Page } from './page.ts';
import { type UploadHandlers, uploadFile } from './upload.ts';

export type PayoutBatchView = PayoutBatch;
export type PayoutItemView = PayoutBatch['items'][number];
export type PayableClaimView = PayableClaim;
export type SkippedView = NonNullable<PayoutBatch['skipped']>[number];
/** A page of payable claims, with the count and sum of every match. */
export interface PayableClaimPageView extends Page<PayableClaimView> {
  totalFen: number;
}
export type PayableAccount = 'ready' | 'missing';
export type BankAccountView = Infer<typeof BankAccount>;
export type { PayoutResultRow };

/** One row of an uploaded bank result file as applied (Excel row number, the claim and its payee). */
export interface PayoutFileRowView {
  row: number;
  claimId: string;
  payeeName: string;
  status: 'paid' | 'failed';
  reason: string | null;
}
export interface PayoutResultFileView {
  batch: PayoutBatchView;
  rows: PayoutFileRowView[];
}

/** A batch's items page: `q` a payee's name or a claim / relief id, `status` pending, paid or failed. */
export interface PayoutItemFilters {
  q?: string;
  status?: PayoutItemView['status'];
  page: number;
  pageSize: number;
}

const batchPath = (id: string) => `/payout-batches/${encodeURIComponent(id)}`;

export const payoutKeys = {
  batches: (page: number, pageSize: number, q?: string) => ['payout-batches', page, pageSize, q ?? ''] as const,
  batch: (id: string) => ['payout-batch', id] as const,
  items: (id: string, f: PayoutItemFilters) => ['payout-batch', id, 'items', f] as const,
  payable: (account: PayableAccount | undefined, page: number, pageSize: number) =>
    ['payout-claims', account ?? 'all', page, pageSize] as const,
};

export const payoutsApi = {
  /** Newest first; `q` a batch id, or a claim / relief id or payee name in it (which batch paid this claim?). */
  batches: (page: number, pageSize: number, q?: string) =>
    http.get<Page<PayoutBatchView>>('/payout-batches', { ...(q ? { q } : {}), page, pageSize }),
  batch: (id: string) => http.get<PayoutBatchView>(batchPath(id)),
  items: (id: string, f: PayoutItemFilters) =>
    http.get<Page<PayoutItemView>>(`${batchPath(id)}/items`, {
      ...(f.q ? { q: f.q } : {}),
      ...(f.status ? { status: f.status } : {}),
      page: f.page,
      pageSize: f.pageSize,
    }),
  /** Payable claims, paged; `missing`: approved claims whose member has no bank account yet. */
  payable: (account: PayableAccount | undefined, page: number, pageSize: number) =>
    http.get<PayableClaimPageView>('/payout-claims', { ...(account ? { account } : {}), page, pageSize }),
  /** Gathers the named approved (or failed, for a reissue) claims; without names, every one in scope. */
  /** Named claims and/or relief applications; with neither, every payable claim and relief. */
  create: (claimIds?: string[], reliefIds?: string[]) =>
    http.post<PayoutBatchView>('/payout-batches', {
      ...(claimIds?.length ? { claimIds } : {}),
      ...(reliefIds?.length ? { reliefIds } : {}),
    }),
  fileUrl: (id: string, format: 'xlsx' | 'csv') => `/api/v1${batchPath(id)}/file?format=${format}`,
  results: (id: string, rows: PayoutResultRow[]) => http.post<PayoutBatchView>(`${batchPath(id)}/results`, rows),
  /** The bank's result file (xlsx/csv); a refusal carries `details.issues`, one per bad row, and applies nothing. */
  resultsFile: (id: string, file: File, handlers: UploadHandlers) =>
    uploadFile<PayoutResultFileView>(`${batchPath(id)}/results-file`, file, handlers),
  setBankAccount: (memberId: string, body: { bankName: string; accountNumber: string }) =>
    http.patch<BankAccountView>(`/members/${encodeURIComponent(memberId)}/bank-account`, body),
};
