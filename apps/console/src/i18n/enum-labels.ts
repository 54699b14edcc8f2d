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
  'enrolment_payment.record': { zh: '登记到账（金额一致）', en: 'Transfer recorded (exact)' },
  'enrolment_payment.hold': { zh: '登记到账（金额不符，待核对）', en: 'Transfer held to reconcile' },
  'enrolment_payment.apply': { zh: '待核对到账入账', en: 'Held transfer applied' },
  'enrolment_payment.return': { zh: '待核对到账退回', en: 'Held transfer returned' },
  'policy.certificate': { zh: '查看参保凭证', en: 'Certificate viewed' },
  'member.bank_account': { zh: '登记收款银行账户', en: 'Bank account registered' },
  'claim.create': { zh: '提交互助金申领', en: 'Claim filed' },
  'claim.precheck': { zh: '初审申领', en: 'Claim prechecked' },
  'claim.accept': { zh: '受理申领', en: 'Claim accepted' },
  'claim.approve': { zh: '核准申领', en: 'Claim approved' },
  'claim.reject': { zh: '不予给付', en: 'Claim rejected' },
  'claim.return': { zh: '退回补充材料', en: 'Claim returned for more' },
  'claim.resubmit': { zh: '重新提交申领', en: 'Claim resubmitted' },
  'claim.pay': { zh: '申领支付成功', en: 'Claim paid' },
  'claim.fail': { zh: '申领支付失败', en: 'Claim payout failed' },
  'claim.flag': { zh: '申领标记异常', en: 'Claim flagged' },
  'claim.material': { zh: '上传申领材料', en: 'Claim material uploaded' },
  'claim.material_view': { zh: '查看申领材料', en: 'Claim material viewed' },
  'claim.overdue': { zh: '申领超期', en: 'Claim overdue' },
  'payout.create': { zh: '生成支付批次', en: 'Payout batch created' },
  'payout.export': { zh: '导出银行代发文件', en: 'Bank file exported' },
  'payout.results': { zh: '登记支付结果', en: 'Payout results recorded' },
  'policy.paid_out': { zh: '保障给付完毕', en: 'Policy paid out' },
  'campaign.create': { zh: '新建扩面行动', en: 'Campaign created' },
  'campaign.update': { zh: '修改扩面行动', en: 'Campaign changed' },
  'channel.create': { zh: '新建扫码渠道', en: 'Channel created' },
  'channel.close': { zh: '关闭扫码渠道', en: 'Channel closed' },
  'faq.create': { zh: '新增常见问题', en: 'FAQ added' },
  'faq.update': { zh: '修改常见问题', en: 'FAQ changed' },
  'gig_enrolment.create': { zh: '新就业形态参保下单', en: 'Gig enrolment ordered' },
  'member_account.create': { zh: '注册会员账号', en: 'Member account created' },
  'member_account.bind': { zh: '会员实名绑定', en: 'Member account bound' },
  'member_account.unbind': { zh: '解除会员绑定', en: 'Member account unbound' },
  'member_account.verify_failed': { zh: '实名核验未通过', en: 'Real-name check failed' },
  'relief.create': { zh: '提交救助申请', en: 'Relief filed' },
  'relief.review': { zh: '审查救助申请', en: 'Relief reviewed' },
  'relief.propose': { zh: '提出救助金额', en: 'Relief amount proposed' },
  'relief.approve': { zh: '批准救助', en: 'Relief approved' },
  'relief.reject': { zh: '不予救助', en: 'Relief rejected' },
  'relief.pay': { zh: '救助金支付成功', en: 'Relief paid' },
  'relief.fail': { zh: '救助金支付失败', en: 'Relief payout failed' },
  'relief.material': { zh: '上传救助材料', en: 'Relief material uploaded' },
  'relief.batch_create': { zh: '生成救助批次', en: 'Relief batch created' },
  'relief.category_publish': { zh: '发布救助类别', en: 'Relief category published' },
  'relief.year_cap': { zh: '修改年度救助上限', en: 'Yearly relief cap changed' },
  'hardship.open': { zh: '建立困难职工档案', en: 'Hardship file opened' },
};

const objectTypes: Record<string, { zh: string; en: string }> = {
  member: { zh: '会员', en: 'Member' },
  unit: { zh: '单位', en: 'Unit' },
  user: { zh: '用户', en: 'User' },
  api_token: { zh: 'API 令牌', en: 'API token' },
  registry_import: { zh: '名册导入', en: 'Registry import' },
  product: { zh: '保障产品', en: 'Product' },
  enrolment_batch: { zh: '参保批次', en: 'Enrolment batch' },
  enrolment_payment: { zh: '参保缴费到账', en: 'Enrolment payment' },
  policy: { zh: '保障', en: 'Policy' },
  claim: { zh: '互助金申领', en: 'Claim' },
  payout_batch: { zh: '支付批次', en: 'Payout batch' },
  campaign: { zh: '扩面行动', en: 'Campaign' },
  channel: { zh: '扫码渠道', en: 'Channel' },
  faq: { zh: '常见问题', en: 'FAQ' },
  gig_enrolment: { zh: '新就业形态参保', en: 'Gig enrolment' },
  hardship_file: { zh: '困难职工档案', en: 'Hardship file' },
  member_account: { zh: '会员账号', en: 'Member account' },
  member_login: { zh: '会员登录', en: 'Member sign-in' },
  relief_application: { zh: '救助申请', en: 'Relief application' },
  relief_batch: { zh: '救助批次', en: 'Relief batch' },
  relief_category: { zh: '救助类别', en: 'Relief category' },
  relief_setting: { zh: '救助设置', en: 'Relief setting' },
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
