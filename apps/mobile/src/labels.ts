import type { ClaimKind, ClaimStatus, PolicyStatus, ReliefStatus } from '@huzhu/core';

export const policyStatusText: Record<PolicyStatus, string> = {
  pending: '未起保',
  waiting: '等待期',
  active: '保障中',
  expired: '已到期',
  paid_out: '已给付终止',
  cancelled: '已撤销',
};
export const policyStatusColor: Record<PolicyStatus, string> = {
  pending: 'default',
  waiting: 'warning',
  active: 'success',
  expired: 'default',
  paid_out: 'default',
  cancelled: 'default',
};

export const claimKindText: Record<ClaimKind, string> = {
  critical_illness: '重大疾病',
  female_disease: '女职工特殊疾病',
  inpatient: '住院',
  accident_medical: '意外医疗',
  disability: '伤残',
  death: '身故',
};

export const claimStatusText: Record<ClaimStatus, string> = {
  submitted: '已提交',
  prechecked: '代办处已初审',
  accepted: '已受理',
  returned: '需补充材料',
  approved: '已核准',
  rejected: '不予给付',
  paid: '已支付',
  payout_failed: '转账失败',
};
export const claimStatusColor: Record<ClaimStatus, string> = {
  submitted: 'primary',
  prechecked: 'primary',
  accepted: 'primary',
  returned: 'warning',
  approved: 'success',
  rejected: 'danger',
  paid: 'success',
  payout_failed: 'danger',
};

export const yuan = (fen: number) =>
  `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The relief (救助慰问) statuses as the member reads them (the staff's wording names internal steps). */
export const reliefStatusText: Record<ReliefStatus, string> = {
  proposed: '待确认',
  applied: '已申请',
  returned: '补充材料中',
  reviewed: '审核中',
  approved: '已核准，待发放',
  rejected: '不予救助',
  dismissed: '已撤销',
  paid: '已发放',
  payout_failed: '发放失败，重新发放中',
};
export const reliefStatusColor: Record<ReliefStatus, string> = {
  proposed: 'default',
  applied: 'primary',
  returned: 'warning',
  reviewed: 'primary',
  approved: 'success',
  rejected: 'danger',
  dismissed: 'default',
  paid: 'success',
  payout_failed: 'warning',
};
export const reliefOriginText = { applied: '单位/代办处申请', proactive: '主动慰问', batch: '节日慰问' } as const;
