import { can, type Permission, type SessionUser } from '@huzhu/core';

/**
 * What opens a page or shows a menu entry: a permission of the role, or — for pages every office user reads, such
 * as the products — being staff of an office (the national viewer has none; members use the member app).
 */
export type PageAccess = Permission | 'office-staff';

export function allows(user: Pick<SessionUser, 'role' | 'officeId'>, access: PageAccess): boolean {
  if (access === 'office-staff') return user.officeId !== null && user.role !== 'member';
  return can(user.role, access);
}
