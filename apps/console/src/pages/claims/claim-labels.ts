import {
  type ClaimFlagCode,
  type ClaimKind,
  type ClaimStatus,
  claimStatusLabels,
  errorMessages,
  isErrorCode,
  type MaterialSlot,
  materialSlots,
} from '@huzhu/core';
import type { Locale } from '../../i18n/enum-labels.ts';
import { useI18n } from '../../i18n/i18n.tsx';

type Pair<K extends string> = { zh: Record<K, string>; en: Record<K, string> };

/** Claim statuses: Chinese from '@huzhu/core' (shared with the server, SMS and exports), English here. */
const enStatus: Record<ClaimStatus, string> = {
  submitted: 'Submitted',
  prechecked: 'Pre-checked',
  accepted: 'Accepted',
  returned: 'Returned',
  approved: 'Approved',
  rejected: 'Rejected',
  paid: 'Paid',
  payout_failed: 'Payout failed',
};

/** Where a claim waits on someone: blue while it moves, gold for money pending, red where it stopped. */
export const claimStatusColor: Record<ClaimStatus, string> = {
  submitted: 'processing',
  prechecked: 'cyan',
  accepted: 'blue',
  returned: 'warning',
  approved: 'gold',
  rejected: 'error',
  paid: 'success',
  payout_failed: 'red',
};

const kinds: Pair<ClaimKind> = {
  zh: {
    critical_illness: '重大疾病',
    female_disease: '女性特殊疾病',
    inpatient: '住院',
    accident_medical: '意外医疗',
    disability: '伤残',
    death: '身故',
  },
  en: {
    critical_illness: 'Critical illness',
    female_disease: "Women's disease",
    inpatient: 'Hospital stay',
    accident_medical: 'Accident medical',
    disability: 'Disability',
    death: 'Death',
  },
};
const causes: Pair<'illness' | 'accident'> = {
  zh: { illness: '疾病', accident: '意外' },
  en: { illness: 'Illness', accident: 'Accident' },
};
const flags: Pair<ClaimFlagCode> = {
  zh: { DUPLICATE_INVOICE: '发票重复', EARLY_CLAIM: '参保初期出险' },
  en: { DUPLICATE_INVOICE: 'Duplicate invoice', EARLY_CLAIM: 'Soon after enrolment' },
};
const enSlots: Record<MaterialSlot, string> = {
  1: 'ID card and bank card',
  2: 'Medical proof (diagnosis, discharge summary, accident or death proof)',
  3: 'Expense proof (invoices and medical-insurance statement)',
};
/** The engine's refusal codes in English; Chinese comes from the core error messages. */
const enRefusals: Record<string, string> = {
  NOT_COVERED_ON_EVENT_DATE: 'Not covered on the event date',
  WAITING_PERIOD: 'Within the waiting period',
  CLAIM_EXPIRED: 'Claim deadline passed',
  ALREADY_PAID_OUT: 'Policy already paid out',
  TERM_CAP_REACHED: 'Term cap reached',
  DISEASE_NOT_LISTED: 'Disease not listed',
  NOT_ELIGIBLE: 'Not eligible',
};

/** History actions the claim records (audit actions `claim.*` and the payout ones). */
const actions: Record<string, { zh: string; en: string }> = {
  'claim.create': { zh: '提交申领', en: 'Filed' },
  'claim.flag': { zh: '系统提示', en: 'Flagged' },
  'claim.material': { zh: '上传材料', en: 'Material uploaded' },
  'claim.material_view': { zh: '查看材料', en: 'Material viewed' },
  'claim.precheck': { zh: '代办处初审', en: 'Pre-checked' },
  'claim.accept': { zh: '受理', en: 'Accepted' },
  'claim.return': { zh: '退回补充', en: 'Returned' },
  'claim.approve': { zh: '核准给付', en: 'Approved' },
  'claim.reject': { zh: '不予给付', en: 'Rejected' },
  'claim.resubmit': { zh: '重新提交', en: 'Resubmitted' },
  'claim.pay': { zh: '支付成功', en: 'Paid' },
  'claim.fail': { zh: '支付失败', en: 'Payout failed' },
  'claim.overdue': { zh: '逾期提醒', en: 'Overdue' },
};

export function makeClaimLabels(locale: Locale) {
  const zh = locale === 'zh';
  return {
    status: (s: ClaimStatus) => (zh ? claimStatusLabels[s] : enStatus[s]),
    kind: (k: ClaimKind) => kinds[locale][k],
    cause: (c: 'illness' | 'accident') => causes[locale][c],
    flag: (f: ClaimFlagCode) => flags[locale][f],
    slot: (s: number) => (zh ? materialSlots[s as MaterialSlot] : enSlots[s as MaterialSlot]) ?? String(s),
    refusal: (code: string) => (zh ? (isErrorCode(code) ? errorMessages[code] : code) : (enRefusals[code] ?? code)),
    action: (a: string) => actions[a]?.[locale] ?? a,
  };
}

export function useClaimLabels() {
  const { locale } = useI18n();
  return makeClaimLabels(locale);
}
