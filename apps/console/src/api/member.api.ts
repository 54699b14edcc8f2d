import type { MemberDetail, MemberSummary } from '@huzhu/core';
import { http } from './http-client.ts';
import type { Page } from './page.ts';

export interface MemberFilters {
  idNumber?: string;
  q?: string;
  unitId?: string;
  page: number;
  pageSize: number;
}

export const memberKeys = {
  list: (f: MemberFilters) => ['members', f] as const,
  one: (id: string) => ['member', id] as const,
};

export const memberApi = {
  list: (f: MemberFilters) => http.get<Page<MemberSummary>>('/members', { ...f }),
  get: (id: string) => http.get<MemberDetail>(`/members/${encodeURIComponent(id)}`),
  reveal: (id: string) => http.post<{ idNumber: string }>(`/members/${encodeURIComponent(id)}/reveal`),
};
