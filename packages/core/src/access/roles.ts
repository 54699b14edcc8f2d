/** Roles of product.md §1 and what each may do. Scope (which objects) is applied on the server. */
export const roles = [
  'national_viewer',
  'office_admin',
  'office_reviewer',
  'office_finance',
  'agency_staff',
  'unit_agent',
  'member',
] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, { zh: string; en: string }> = {
  national_viewer: { zh: '总会查看', en: 'National viewer' },
  office_admin: { zh: '办事处管理员', en: 'Office admin' },
  office_reviewer: { zh: '办事处审核员', en: 'Office reviewer' },
  office_finance: { zh: '办事处财务', en: 'Office finance' },
  agency_staff: { zh: '代办处经办人', en: 'Agency staff' },
  unit_agent: { zh: '基层工会经办人', en: 'Unit agent' },
  member: { zh: '会员', en: 'Member' },
};

export const permissions = [
  'agency.read',
  'agency.write',
  'unit.read',
  'unit.write',
  'unit.import',
  'member.read',
  'member.write',
  'member.reveal',
  'member.transfer',
  'user.manage',
  'token.manage',
  'audit.read',
  'report.read',
  'report.national',
  'product.manage',
  'batch.read',
  'batch.create',
  'batch.approve',
  'batch.pay',
  'policy.read',
  'claim.read',
  'claim.create',
  'claim.precheck',
  'claim.accept',
  'claim.decide',
  'claim.override',
  'payout.manage',
  'notification.read',
  'campaign.manage',
  'faq.manage',
  'relief.read',
  'relief.create',
  'relief.review',
  'relief.decide',
  'relief.manage',
] as const;
export type Permission = (typeof permissions)[number];

const office: Permission[] = [
  'agency.read',
  'unit.read',
  'member.read',
  'report.read',
  'batch.read',
  'policy.read',
  'claim.read',
];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  national_viewer: ['report.national'],
  office_admin: [
    ...office,
    'agency.write',
    'unit.write',
    'unit.import',
    'member.write',
    'member.reveal',
    'member.transfer',
    'user.manage',
    'token.manage',
    'audit.read',
    'product.manage',
    'batch.create',
    'batch.approve',
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
  ],
  office_reviewer: [
    ...office,
    'member.reveal',
    'audit.read',
    'batch.approve',
    'claim.accept',
    'claim.decide',
    'claim.override',
    'relief.read',
    'relief.review',
    'relief.decide',
  ],
  office_finance: [...office, 'batch.pay', 'payout.manage', 'relief.read'],
  agency_staff: [
    'agency.read',
    'unit.read',
    'unit.write',
    'member.read',
    'member.write',
    'member.transfer',
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
  ],
  unit_agent: [
    'unit.read',
    'member.read',
    'member.write',
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

export function can(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}

/** Roles an office admin may give to users of its office (national viewers are created by operators). */
export const assignableRoles: Role[] = [
  'office_admin',
  'office_reviewer',
  'office_finance',
  'agency_staff',
  'unit_agent',
];

export const isOfficeRole = (role: Role) =>
  role === 'office_admin' || role === 'office_reviewer' || role === 'office_finance';
