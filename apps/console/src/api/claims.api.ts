import {
  type ClaimDecisionBody,
  type ClaimDetail,
  type ClaimMaterial,
  type ClaimQueue,
  type ClaimStatus,
  type FileClaimBody,
  staffEndpoints as e,
} from '@huzhu/core';
import { api } from './http-client.ts';
import type { Infer } from './page.ts';
import { type UploadHandlers, uploadTo } from './upload.ts';

export type ClaimView = Infer<typeof ClaimDetail>;
export type ClaimQueueView = Infer<typeof ClaimQueue>;
export type ClaimRow = ClaimQueueView['items'][number];
export type ClaimMaterialView = Infer<typeof ClaimMaterial>;
export type { ClaimDecisionBody, ClaimStatus, FileClaimBody };

export interface ClaimFilters {
  status?: ClaimStatus;
  overdue?: boolean;
  agencyId?: string;
  memberId?: string;
  /** Claim number, member name (prefix), mobile or full ID number. */
  q?: string;
  page: number;
  pageSize: number;
}

const id = (value: string) => ({ id: value });

export const claimKeys = {
  queue: (f: Partial<ClaimFilters>) => ['claims', f] as const,
  one: (id: string) => ['claim', id] as const,
};

export const claimsApi = {
  queue: (f: Partial<ClaimFilters>) => api.call(e.claims, { query: { ...f } }),
  get: (claimId: string) => api.call(e.claim, { params: id(claimId) }),
  file: (body: FileClaimBody) => api.call(e.fileClaim, { body }),
  uploadMaterial: (claimId: string, slot: number, file: File, handlers: UploadHandlers) =>
    uploadTo(e.uploadClaimMaterial, id(claimId), file, handlers, { fields: { slot: String(slot) } }),
  /** Same-origin address of a stored material: the browser opens it with the session cookie, inline. */
  materialUrl: (claimId: string, materialId: string) =>
    `/api/v1/claims/${encodeURIComponent(claimId)}/materials/${encodeURIComponent(materialId)}`,
  precheck: (claimId: string, note?: string) =>
    api.call(e.precheckClaim, { params: id(claimId), body: note ? { note } : {} }),
  accept: (claimId: string) => api.call(e.acceptClaim, { params: id(claimId) }),
  returnClaim: (claimId: string, reason: string) => api.call(e.returnClaim, { params: id(claimId), body: { reason } }),
  decide: (claimId: string, body: ClaimDecisionBody) => api.call(e.decideClaim, { params: id(claimId), body }),
  resubmit: (claimId: string) => api.call(e.resubmitClaim, { params: id(claimId), body: {} }),
};
