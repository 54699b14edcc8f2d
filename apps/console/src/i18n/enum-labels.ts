import type { Locale } from './locale.ts';
import {
  type AgencyKind,
  agencyKindLabels,
  employmentKindLabels,
  gigKindLabels,
  type Role,
  roleLabels,
  type UnitCategory,
  unitCategoryLabels,
} from '@huzhu/core';
import { makeEnrolmentLabels } from './enrolment-labels.ts';

/**
 * Labels of coded values. Chinese comes from '@huzhu/core' (the one truth shared with the server and exports);
 * only the English renderings, which core does not carry, live here.
 */
const enUnitCategory: Record<UnitCategory, string> = {
  government: 'Government body',
  institution: 'Public institution',
  soe: 'State-owned enterprise',
  private: 'Private enterprise',
  platform: 'Platform company',
  social_org: 'Social organisation',
  other: 'Other',
};
const enAgencyKind: Record<AgencyKind, string> = { district: 'District', industry: 'Industry', direct: 'Municipal' };
const enEmployment = { employee: 'Employee', gig: 'Gig worker' } as const;
const enGig = {
  rider: 'Delivery rider',
  courier: 'Courier',
  ride_hailing: 'Ride-hailing driver',
  trucker: 'Truck driver',
  other: 'Other',
} as const;

const sexLabels = { zh: { male: '男', female: '女' }, en: { male: 'Male', female: 'Female' } } as const;
const householdLabels = { zh: { urban: '城镇', rural: '农村' }, en: { urban: 'Urban', rural: 'Rural' } } as const;

/** Audit actions the server records; an unknown action is shown by its code. */
const auditActions: Record<string, { zh: string; en: string }> = {
  'member.create': { zh: '新增会员', en: 'Member added' },
  'member.reveal_id': { zh: '查看完整身份证号', en: 'Full ID number viewed' },
  'member.transfer': { zh: '会员转移单位', en: 'Member transferred' },
  'unit.create': { zh: '新增单位', en: 'Unit added' },
  'unit.credit_code_override': { zh: '信用代码校验位例外', en: 'Credit code check overridden' },
  'unit.registry_import': { zh: '名册导入', en: 'Registry imported' },
  'user.create': { zh: '新增用户', en: 'User added' },
  'user.update': { zh: '修改用户', en: 'User changed' },
  'user.locked': { zh: '账号锁定', en: 'Account locked' },
  'token.create': { zh: '新建 API 令牌', en: 'API token created' },
  'token.revoke': { zh: '吊销 API 令牌', en: 'API token revoked' },
  'product.publish': { zh: '发布产品新版本', en: 'Product version published' },
  'batch.import': { zh: '上传参保花名册', en: 'Roster uploaded' },
  'batch.renewal': { zh: '生成续保批次', en: 'Renewal batch created' },
  'batch.submit': { zh: '提交参保批次', en: 'Batch submitted' },
  'batch.approve': { zh: '审核通过参保批次', en: 'Batch approved' },
  'batch.return': { zh: '退回参保批次', en: 'Batch returned' },
  'batch.pay': { zh: '确认缴费到账', en: 'Payment confirmed' },
  'policy.certificate': { zh: '查看参保凭证', en: 'Certificate viewed' },
};

const objectTypes: Record<string, { zh: string; en: string }> = {
  member: { zh: '会员', en: 'Member' },
  unit: { zh: '单位', en: 'Unit' },
  user: { zh: '用户', en: 'User' },
  api_token: { zh: 'API 令牌', en: 'API token' },
  registry_import: { zh: '名册导入', en: 'Registry import' },
  product: { zh: '保障产品', en: 'Product' },
  enrolment_batch: { zh: '参保批次', en: 'Enrolment batch' },
  policy: { zh: '保障', en: 'Policy' },
};

export type { Locale };

export function makeEnumLabels(locale: Locale) {
  const zh = locale === 'zh';
  return {
    role: (r: Role) => roleLabels[r][locale],
    unitCategory: (c: UnitCategory) => (zh ? unitCategoryLabels[c] : enUnitCategory[c]),
    agencyKind: (k: AgencyKind) => (zh ? agencyKindLabels[k] : enAgencyKind[k]),
    employmentKind: (k: keyof typeof employmentKindLabels) => (zh ? employmentKindLabels[k] : enEmployment[k]),
    gigKind: (k: keyof typeof gigKindLabels) => (zh ? gigKindLabels[k] : enGig[k]),
    sex: (s: 'male' | 'female') => sexLabels[locale][s],
    household: (h: 'urban' | 'rural') => householdLabels[locale][h],
    auditAction: (a: string) => auditActions[a]?.[locale] ?? a,
    objectType: (o: string) => objectTypes[o]?.[locale] ?? o,
    ...makeEnrolmentLabels(locale),
    knownAuditActions: Object.keys(auditActions),
    knownObjectTypes: Object.keys(objectTypes),
  };
}
export type EnumLabels = ReturnType<typeof makeEnumLabels>;
