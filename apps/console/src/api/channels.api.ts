import type { ChannelKind, ChannelList } from '@huzhu/core';
import { http } from './http-client.ts';
import type { Infer } from './page.ts';

export type ChannelListView = Infer<typeof ChannelList>;
export type ChannelView = ChannelListView['items'][number];

export interface ChannelFilters {
  q?: string;
  kind?: ChannelKind;
  status?: 'open' | 'closed';
  page: number;
  pageSize: number;
}

export const channelKeys = { list: (f: ChannelFilters) => ['channels', f] as const, all: ['channels'] as const };

export const channelsApi = {
  list: (f: ChannelFilters) => http.get<ChannelListView>('/channels', { ...f }),
  create: (body: { name: string; kind: ChannelKind; agencyId?: string; products?: string[] }) =>
    http.post<{ id: string; code: string; url: string }>('/channels', body),
  close: (id: string) => http.post<ChannelView>(`/channels/${encodeURIComponent(id)}/close`),
  posterUrl: (id: string) => `/api/v1/channels/${encodeURIComponent(id)}/poster`,
};
