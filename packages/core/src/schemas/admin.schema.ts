import { z } from 'zod';
import { assignableRoles, roles } from '../access/roles.ts';
import { Paging, pageOf, queryBool } from './common.ts';
import { safeText } from '../validation/safe-text.ts';

export const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  agencyId: z.string().nullable(),
  unitId: z.string().nullable(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

/**
 * An alert for the office admin about a user account: today a lock-out after repeated wrong passwords (issue 15
 * item 10). One per account, raised again by its latest lock.
 */
export const SecurityAlert = z.object({
  id: z.string(),
  kind: z.enum(['user_locked']),
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  /** The account's current lock (null once it passed or was lifted). */
  lockedUntil: z.string().nullable(),
  message: z.string(),
  createdAt: z.string(),
});
export type SecurityAlert = z.infer<typeof SecurityAlert>;
/** One alert per account (the latest lock), newest first, paged; `locked=true` keeps accounts still locked now. */
export const SecurityAlertList = pageOf(SecurityAlert);
export const SecurityAlertQuery = Paging.extend({ locked: queryBool.optional() });
export type SecurityAlertList = z.infer<typeof SecurityAlertList>;

/** Only the shape here; the strength rule (passwordWeakness) answers PASSWORD_WEAK from the service. */
const password = z.string().min(1, { message: '请填写密码' }).max(200);

export const CreateUserBody = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_.-]{2,31}$/, { message: '用户名为 3–32 位小写字母、数字、下划线，且以字母开头' }),
  displayName: safeText({ min: 1, max: 50 }),
  role: z.enum(assignableRoles as [string, ...string[]]),
  agencyId: z.string().max(64).optional(),
  unitId: z.string().max(64).optional(),
  password,
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z.object({
  displayName: safeText({ min: 1, max: 50 }).optional(),
  disabled: z.boolean().optional(),
  password: password.optional(),
  unlock: z.boolean().optional(),
});

export const UserPage = pageOf(User);
export const UserListQuery = Paging.extend({ q: z.string().trim().max(50).optional() });

export const ApiToken = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(roles),
  agencyId: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const CreateApiTokenBody = z.object({
  name: safeText({ min: 1, max: 50 }),
  role: z.enum(['office_admin', 'office_reviewer', 'office_finance', 'agency_staff']),
  agencyId: z.string().max(64).optional(),
});
export const CreatedApiToken = ApiToken.extend({ token: z.string() });
/** API tokens, newest first; `q` finds a token by its name. */
export const ApiTokenListQuery = Paging.extend({ q: z.string().trim().max(50).optional() });
export const ApiTokenPage = pageOf(ApiToken);

export const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
});
export const AuditQuery = Paging.extend({
  action: z.string().max(64).optional(),
  objectType: z.string().max(64).optional(),
  objectId: z.string().max(64).optional(),
  actorId: z.string().max(64).optional(),
  from: z.string().max(30).optional(),
  to: z.string().max(30).optional(),
});
export const AuditPage = pageOf(AuditEntry);
