import type { Role } from '@huzhu/core';
import type { BulkRow } from '@huzhu/server';

/** The demo accounts of api.md. Display names are people's names, as the console shows who did what. */
export interface DemoAccountSpec {
  username: string;
  role: Role;
  displayName: string;
  office: 'CQ' | 'GZ' | null;
  /** Agency code for agency staff; for the unit agent, the agency whose anchor unit it works for. */
  agencyCode?: string;
}

export const demoAccounts: readonly DemoAccountSpec[] = [
  { username: 'admin', role: 'office_admin', displayName: '陈敏', office: 'CQ' },
  { username: 'reviewer', role: 'office_reviewer', displayName: '刘洋', office: 'CQ' },
  { username: 'finance', role: 'office_finance', displayName: '张丽', office: 'CQ' },
  { username: 'jiangbei', role: 'agency_staff', displayName: '王磊', office: 'CQ', agencyCode: 'D500105' },
  { username: 'wanzhou', role: 'agency_staff', displayName: '杨帆', office: 'CQ', agencyCode: 'D500101' },
  { username: 'unit1', role: 'unit_agent', displayName: '赵雪', office: 'CQ', agencyCode: 'D500105' },
  { username: 'gzadmin', role: 'office_admin', displayName: '吴刚', office: 'GZ' },
  { username: 'national', role: 'national_viewer', displayName: '总会数据查看', office: null },
];

export interface AccountOrgs {
  officeIds: Record<'CQ' | 'GZ', string>;
  agencyIdByCode: (office: 'CQ' | 'GZ', code: string) => string;
  /** The unit the demo unit agent works for (a 江北区 unit with members). */
  anchorUnitId: string;
}

export function accountRows(
  orgs: AccountOrgs,
  passwordHash: string,
  now: string,
  newId: () => string,
): BulkRow<'app_user'>[] {
  return demoAccounts.map((a) => ({
    id: newId(),
    office_id: a.office ? orgs.officeIds[a.office] : null,
    username: a.username,
    password_hash: passwordHash,
    role: a.role,
    display_name: a.displayName,
    // A unit agent's agency follows from its unit (as the admin service stores it), so only staff carry one.
    agency_id:
      a.role === 'agency_staff' && a.office && a.agencyCode ? orgs.agencyIdByCode(a.office, a.agencyCode) : null,
    unit_id: a.role === 'unit_agent' ? orgs.anchorUnitId : null,
    member_id: null,
    disabled: 0,
    failed_logins: 0,
    locked_until: null,
    last_login_at: null,
    created_at: now,
    updated_at: now,
  }));
}
