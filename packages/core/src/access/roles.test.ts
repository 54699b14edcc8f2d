import { describe, expect, it } from 'vitest';
import {
  assignableRoles,
  can,
  isOfficeRole,
  type Permission,
  permissions,
  type Role,
  roleLabels,
  rolePermissions,
  roles,
} from './roles.ts';

// The whole table, written out independently of roles.ts: a change to who may do what must change this test too.
const expected: Record<Role, Permission[]> = {
  national_viewer: ['report.national'],
  office_admin: [
    'agency.read',
    'agency.write',
    'unit.read',
    'unit.write',
    'unit.import',
    'member.read',
    'member.write',
    'member.reveal',
    'member.transfer',
    'member.bank_account',
    'user.manage',
    'token.manage',
    'audit.read',
    'report.read',
    'product.manage',
    'batch.read',
    'batch.create',
    'batch.approve',
    'policy.read',
    'claim.read',
    'claim.create',
    'claim.accept',
    'claim.decide',
    'notification.read',
    'campaign.manage',
    'faq.manage',
    'relief.read',
    'relief.create',
    'relief.review',
    'relief.decide',
    'relief.manage',
    'channel.manage',
    'gift.manage',
    'gift.grant',
    'complaint.read',
    'complaint.create',
    'complaint.answer',
    'outreach.manage',
    'expansion.manage',
  ],
  office_reviewer: [
    'agency.read',
    'unit.read',
    'member.read',
    'member.reveal',
    'audit.read',
    'report.read',
    'batch.read',
    'batch.approve',
    'policy.read',
    'claim.read',
    'claim.accept',
    'claim.decide',
    'claim.override',
    'relief.read',
    'relief.review',
    'relief.decide',
    'complaint.read',
    'complaint.answer',
  ],
  office_finance: [
    'agency.read',
    'unit.read',
    'member.read',
    'report.read',
    'batch.read',
    'batch.pay',
    'policy.read',
    'claim.read',
    'payout.manage',
    'member.bank_account',
    'relief.read',
  ],
  agency_staff: [
    'agency.read',
    'unit.read',
    'unit.write',
    'member.read',
    'member.write',
    'member.transfer',
    'member.bank_account',
    'report.read',
    'batch.read',
    'batch.create',
    'batch.approve',
    'policy.read',
    'claim.read',
    'claim.create',
    'claim.precheck',
    'claim.accept',
    'relief.read',
    'relief.create',
    'relief.review',
    'channel.manage',
    'gift.grant',
    'complaint.read',
    'complaint.create',
    'complaint.answer',
    'outreach.manage',
    'expansion.manage',
  ],
  unit_agent: [
    'unit.read',
    'member.read',
    'member.write',
    'member.bank_account',
    'batch.read',
    'batch.create',
    'policy.read',
    'claim.read',
    'claim.create',
    'relief.read',
    'relief.create',
  ],
  member: [],
};

const matrix = roles.flatMap((role) =>
  permissions.map((permission) => [role, permission, expected[role].includes(permission)] as const),
);

describe('can: the full role × permission table', () => {
  it.each(matrix)('%s · %s → %s', (role, permission, want) => {
    expect(can(role, permission)).toBe(want);
  });

  it('grants no permission that the table does not list', () => {
    for (const role of roles) expect([...rolePermissions[role]].sort()).toEqual([...expected[role]].sort());
  });
});

describe('rules worth naming', () => {
  it('only office admins and reviewers may reveal a full ID number', () => {
    expect(roles.filter((r) => can(r, 'member.reveal'))).toEqual(['office_admin', 'office_reviewer']);
  });

  it('only office admins manage users, API tokens, products and the registry import', () => {
    for (const p of ['user.manage', 'token.manage', 'unit.import', 'product.manage'] as const)
      expect(
        roles.filter((r) => can(r, p)),
        p,
      ).toEqual(['office_admin']);
  });

  it('the national viewer sees aggregated reports and nothing of any office', () => {
    expect(permissions.filter((p) => can('national_viewer', p))).toEqual(['report.national']);
  });

  it('nobody else reads the national aggregate', () => {
    expect(roles.filter((r) => can(r, 'report.national'))).toEqual(['national_viewer']);
  });

  it('a unit agent cannot manage users, read the audit log, reveal IDs, transfer members or see agencies', () => {
    for (const p of ['user.manage', 'audit.read', 'member.reveal', 'member.transfer', 'agency.read'] as const)
      expect(can('unit_agent', p), p).toBe(false);
  });

  it('agency staff cannot import the registry, manage users or read the audit log', () => {
    for (const p of ['unit.import', 'user.manage', 'token.manage', 'audit.read', 'agency.write'] as const)
      expect(can('agency_staff', p), p).toBe(false);
  });

  it('only office finance confirms a payment', () => {
    expect(roles.filter((r) => can(r, 'batch.pay'))).toEqual(['office_finance']);
  });

  it('a unit agent may create a batch but not approve it', () => {
    expect(can('unit_agent', 'batch.create')).toBe(true);
    expect(can('unit_agent', 'batch.approve')).toBe(false);
  });

  it('office finance and reviewers change no organisation or member data', () => {
    for (const role of ['office_finance', 'office_reviewer'] as const)
      for (const p of ['unit.write', 'member.write', 'member.transfer', 'agency.write'] as const)
        expect(can(role, p), `${role} ${p}`).toBe(false);
  });

  it('only office reviewers may override a duplicate-invoice guard; only finance manages payouts', () => {
    expect(roles.filter((r) => can(r, 'claim.override'))).toEqual(['office_reviewer']);
    expect(roles.filter((r) => can(r, 'payout.manage'))).toEqual(['office_finance']);
  });

  it('claims are decided by the office, accepted by agencies and the office, pre-checked by agencies only', () => {
    expect(roles.filter((r) => can(r, 'claim.decide'))).toEqual(['office_admin', 'office_reviewer']);
    expect(roles.filter((r) => can(r, 'claim.accept'))).toEqual(['office_admin', 'office_reviewer', 'agency_staff']);
    expect(roles.filter((r) => can(r, 'claim.precheck'))).toEqual(['agency_staff']);
    expect(can('unit_agent', 'claim.accept')).toBe(false);
  });

  it('the console has no permission for a member (the H5 app serves members)', () => {
    expect(rolePermissions.member).toEqual([]);
  });
});

describe('roles', () => {
  it.each(roles)('%s has Chinese and English labels', (role) => {
    expect(roleLabels[role].zh).toMatch(/\p{Script=Han}/u);
    expect(roleLabels[role].en.length).toBeGreaterThan(0);
  });

  it('an office admin may assign every staff role but national viewer and member', () => {
    expect([...assignableRoles].sort()).toEqual(
      ['agency_staff', 'office_admin', 'office_finance', 'office_reviewer', 'unit_agent'].sort(),
    );
  });

  it.each([
    ['office_admin', true],
    ['office_reviewer', true],
    ['office_finance', true],
    ['agency_staff', false],
    ['unit_agent', false],
    ['member', false],
    ['national_viewer', false],
  ] as const)('isOfficeRole(%s) → %s', (role, want) => {
    expect(isOfficeRole(role)).toBe(want);
  });
});
