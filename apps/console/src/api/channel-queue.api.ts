import type { ChannelQueue } from '@huzhu/core';
import { http } from './http-client.ts';

export const channelQueueKeys = { queue: (id: string) => ['channels', id, 'queue'] as const };

/** The on-site queue of a channel, polled while the page is open. */
export const channelQueueApi = {
  queue: (id: string) => http.get<ChannelQueue>(`/channels/${encodeURIComponent(id)}/queue`),
};
