import { type FaqBody, staffEndpoints as e } from '@huzhu/core';
import { api } from './http-client.ts';

export const faqKeys = { list: ['faq'] as const };

/** 政策问答 as the office manages it: every entry (published or not), create, edit. */
export const faqApi = {
  list: () => api.call(e.faqEntries),
  create: (body: FaqBody) => api.call(e.createFaq, { body }),
  update: (id: string, body: FaqBody) => api.call(e.updateFaq, { params: { id }, body }),
};
