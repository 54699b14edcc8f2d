import {
  type AuditEntry,
  type CreateApiTokenBody,
  type CreateUserBody,
  type ResponseOf,
  staffEndpoints as e,
  type UpdateUserBody,
} from '@huzhu/core';
import { api } from './http-client.ts';
import type { Infer } from './page.ts';

export type ApiTokenView = ResponseOf<typeof e.tokens>['items'][number];
export type CreatedToken = ResponseOf<typeof e.createToken>;
export type AuditEntryView = Infer<typeof AuditEntry>;
export type NewUser = Infer<typeof CreateUserBody>;
export type UserPatch = Infer<typeof UpdateUserBody>;
export type NewToken = Infer<typeof CreateApiTokenBody>;

export interface AuditFilters {
  action?: string;
  objectType?: string;
  objectId?: string;
  actorId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export const adminKeys = {
  users: (q: { q?: string; page: number; pageSize: number }) => ['users', q] as const,
  tokens: ['api-tokens'] as const,
  tokenPage: (q: { q?: string; page: number; pageSize: number }) => ['api-tokens', q] as const,
  securityAlerts: ['security-alerts'] as const,
  audit: (f: AuditFilters) => ['audit', f] as const,
};

const id = (value: string) => ({ id: value });

export const adminApi = {
  users: (q: { q?: string; page: number; pageSize: number }) => api.call(e.users, { query: q }),
  createUser: (body: NewUser) => api.call(e.createUser, { body }),
  updateUser: (userId: string, patch: UserPatch) => api.call(e.updateUser, { params: id(userId), body: patch }),
  /** The accounts locked now (one alert per account), at most a page of 100 shown with the total. */
  securityAlerts: () => api.call(e.securityAlerts, { query: { locked: 'true', pageSize: 100 } }),
  tokens: (q: { q?: string; page: number; pageSize: number }) => api.call(e.tokens, { query: q }),
  createToken: (body: NewToken) => api.call(e.createToken, { body }),
  revokeToken: (tokenId: string) => api.call(e.revokeToken, { params: id(tokenId) }),
  audit: (f: AuditFilters) => api.call(e.audit, { query: { ...f } }),
};
