import type { GiftCampaignBody, GiftCampaignList, GiftCampaignPatch, GiftGrantResult } from '@huzhu/core';
import { http } from './http-client.ts';
import type { Infer } from './page.ts';
import { type UploadHandlers, uploadFile } from './upload.ts';

export type GiftCampaignListView = Infer<typeof GiftCampaignList>;
export type GiftCampaignView = GiftCampaignListView['items'][number];
export type GiftGrantView = Infer<typeof GiftGrantResult>;

export interface GiftFilters {
  q?: string;
  status?: 'open' | 'closed';
  page: number;
  pageSize: number;
}

export const giftKeys = { list: (f: GiftFilters) => ['gift-campaigns', f] as const, all: ['gift-campaigns'] as const };

export const giftsApi = {
  list: (f: GiftFilters) => http.get<GiftCampaignListView>('/gift-campaigns', { ...f }),
  create: (body: Partial<Infer<typeof GiftCampaignBody>>) => http.post<GiftCampaignView>('/gift-campaigns', body),
  update: (id: string, body: Infer<typeof GiftCampaignPatch>) =>
    http.patch<GiftCampaignView>(`/gift-campaigns/${encodeURIComponent(id)}`, body),
  close: (id: string) => http.post<GiftCampaignView>(`/gift-campaigns/${encodeURIComponent(id)}/close`),
  grant: (id: string, file: File, handlers: UploadHandlers, agencyId?: string) =>
    uploadFile<GiftGrantView>(`/gift-campaigns/${encodeURIComponent(id)}/grants`, file, handlers, {
      fields: agencyId ? { agencyId } : {},
    }),
  templateUrl: '/api/v1/gift-campaigns/grant-template',
};
