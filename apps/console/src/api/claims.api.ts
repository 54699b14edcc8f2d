import type {
  ClaimDecisionBody,
  ClaimDetail,
  ClaimMaterial,
  ClaimQueue,
  ClaimStatus,
  FileClaimBody,
} from '@huzhu/core';
import { http } from './http-client.ts';
import type { Infer } from './page.ts';
import { type UploadHandlers, uploadFile } from './upload.ts';

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
  page: number;
  pageSize: number;
}

const claimPath = (id: string) => `/claims/${encodeURIComponent(id)}`;

export const claimKeys = {
  queue: (f: Partial<ClaimFilters>) => ['claims', f] as const,
  one: (id: string) => ['claim', id] as const,
};

export const claimsApi = {
  queue: (f: Partial<ClaimFilters>) => http.get<ClaimQueueView>('/claims', { ...f }),
  get: (id: string) => http.get<ClaimView>(claimPath(id)),
  file: (body: FileClaimBody) => http.post<ClaimView>('/claims', body),
  uploadMaterial: (id: string, slot: number, file: File, handlers: UploadHandlers) =>
    uploadFile<ClaimMaterialView>(`${claimPath(id)}/materials`, file, handlers, { fields: { slot: String(slot) } }),
  /** Same-origin address of a stored material: the browser opens it with the session cookie, inline. */
  materialUrl: (id: string, materialId: string) =>
    `/api/v1${claimPath(id)}/materials/${encodeURIComponent(materialId)}`,
  precheck: (id: string, note?: string) => http.post<ClaimView>(`${claimPath(id)}/precheck`, note ? { note } : {}),
  accept: (id: string) => http.post<ClaimView>(`${claimPath(id)}/accept`),
  returnClaim: (id: string, reason: string) => http.post<ClaimView>(`${claimPath(id)}/return`, { reason }),
  decide: (id: string, body: ClaimDecisionBody) => http.post<ClaimView>(`${claimPath(id)}/decision`, body),
  resubmit: (id: string) => http.post<ClaimView>(`${claimPath(id)}/resubmit`, {}),
};
