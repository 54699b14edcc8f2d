import { staffEndpoints as e } from '@huzhu/core';
import { api } from './http-client.ts';

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
  list: (f: MemberFilters) => api.call(e.members, { query: { ...f } }),
  get: (id: string) => api.call(e.member, { params: { id } }),
  reveal: (id: string) => api.call(e.revealMember, { params: { id } }),
};
