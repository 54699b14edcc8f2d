import { z } from 'zod';
import { roles } from '../access/roles.ts';

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const SessionUser = z.object({
  id: z.string(),
  username: z.string(),
  role: z.enum(roles),
  officeId: z.string().nullable(),
  orgId: z.string().nullable(),
  displayName: z.string(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const LoginResponse = z.object({ user: SessionUser, csrfToken: z.string() });
