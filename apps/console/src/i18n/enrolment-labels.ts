import {
  type BatchStatus,
  batchStatusLabels,
  type ClaimKind,
  type PolicyStatus,
  policyStatusLabels,
  type productCategories,
  type productChannels,
} from '@huzhu/core';
import type { Locale } from './locale.ts';

type Channel = (typeof productChannels)[number];
type Category = (typeof productCategories)[number];
type ProductSex = 'any' | 'female' | 'male';
type Pair<K extends string> = { zh: Record<K, string>; en: Record<K, string> };

/** Batch and policy statuses: Chinese from '@huzhu/core' (shared with the server and exports), English here. */
const enBatchStatus: Record<BatchStatus, string> = {
  draft: 'Draft',
  submitted: 'Awaiting review',
  approved: 'Awaiting payment',
  returned: 'Returned',
  effective: 'Effective',
};
const enPolicyStatus: Record<PolicyStatus, string> = {
  pending: 'Not started',
  waiting: 'Waiting period',
  active: 'In force',
  expired: 'Expired',
  paid_out: 'Paid out',
  cancelled: 'Cancelled',
};

const channels: Pair<Channel> = {
  zh: { unit: '单位团体', individual: '个人自愿', gift: '赠送' },
  en: { unit: 'Unit', individual: 'Individual', gift: 'Gift' },
};
const categories: Pair<Category> = {
  zh: {
    critical_illness: '重大疾病',
    female_disease: '女职工特殊疾病',
    inpatient_allowance: '住院津贴',
    medical: '住院医疗与意外',
    accident: '意外伤害',
  },
  en: {
    critical_illness: 'Critical illness',
    female_disease: "Women's diseases",
    inpatient_allowance: 'Hospital allowance',
    medical: 'Medical and accident',
    accident: 'Accident',
  },
};
const claimKinds: Pair<ClaimKind> = {
  zh: {
    critical_illness: '重大疾病',
    female_disease: '女性特殊疾病',
    inpatient: '住院',
    accident_medical: '意外医疗',
    disability: '伤残',
    death: '身故',
  },
  en: {
    critical_illness: 'critical illness',
    female_disease: "women's disease",
    inpatient: 'hospital stay',
    accident_medical: 'accident medical',
    disability: 'disability',
    death: 'death',
  },
};
const batchKinds: Pair<'roster' | 'renewal'> = {
  zh: { roster: '花名册', renewal: '续保' },
  en: { roster: 'Roster', renewal: 'Renewal' },
};
const productSex: Pair<ProductSex> = {
  zh: { any: '不限', female: '限女性', male: '限男性' },
  en: { any: 'Any', female: 'Women only', male: 'Men only' },
};

/** antd tag colours: where a batch waits on someone, and whether a policy covers today. */
export const batchStatusColor: Record<BatchStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'gold',
  returned: 'error',
  effective: 'success',
};
export const policyStatusColor: Record<PolicyStatus, string> = {
  pending: 'blue',
  waiting: 'gold',
  active: 'green',
  expired: 'default',
  paid_out: 'purple',
  cancelled: 'red',
};

export function makeEnrolmentLabels(locale: Locale) {
  const zh = locale === 'zh';
  return {
    batchStatus: (s: BatchStatus) => (zh ? batchStatusLabels[s] : enBatchStatus[s]),
    policyStatus: (s: PolicyStatus) => (zh ? policyStatusLabels[s] : enPolicyStatus[s]),
    channel: (c: Channel) => channels[locale][c],
    productCategory: (c: Category) => categories[locale][c],
    claimKind: (k: ClaimKind) => claimKinds[locale][k],
    batchKind: (k: string) => batchKinds[locale][k as 'roster' | 'renewal'] ?? k,
    productSex: (s: ProductSex) => productSex[locale][s],
  };
}
