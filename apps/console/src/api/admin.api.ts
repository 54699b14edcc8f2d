import type {
  ApiToken,
  AuditEntry,
  CreateApiTokenBody,
  CreateUserBody,
  SecurityAlertList,
  UpdateUserBody,
  User,
} from '@huzhu/core';
import { http } from './http-client.ts';
import type { Infer, Page } from './page.ts';

export type ApiTokenView = Infer<typeof ApiToken>;
export type CreatedToken = ApiTokenView & { token: string };
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
  securityAlerts: ['security-alerts'] as const,
  audit: (f: AuditFilters) => ['audit', f] as const,
};

export const adminApi = {
  users: (q: { q?: string; page: number; pageSize: number }) => http.get<Page<User>>('/users', q),
  createUser: (body: NewUser) => http.post<User>('/users', body),
  updateUser: (id: string, patch: UserPatch) => http.patch<User>(`/users/${encodeURIComponent(id)}`, patch),
  securityAlerts: () => http.get<SecurityAlertList>('/security-alerts'),
  tokens: () => http.get<ApiTokenView[]>('/api-tokens'),
  createToken: (body: NewToken) => http.post<CreatedToken>('/api-tokens', body),
  revokeToken: (id: string) => http.del<void>(`/api-tokens/${encodeURIComponent(id)}`),
  audit: (f: AuditFilters) => http.get<Page<AuditEntryView>>('/audit', { ...f }),
};
