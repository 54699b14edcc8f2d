import { defineLifecycle } from '../lifecycle/lifecycle.ts';
import type { Result } from '../result.ts';
import type { BenefitRule } from '../products/product.schema.ts';
import { addWorkingDays } from '../time/calendar.ts';
import type { IsoDate } from '../time/dates.ts';

/**
 * The claim lifecycle (product.md §5): submitted → (agency pre-check) → accepted (materials complete; the 5-working-day
 * clock starts) → approved | rejected | returned (needs more information; resubmitted by the unit) → paid, with
 * payout_failed → paid when a failed transfer is reissued.
 */
export const claimStatuses = [
  'submitted',
  'prechecked',
  'accepted',
  'returned',
  'approved',
  'rejected',
  'paid',
  'payout_failed',
] as const;
export type ClaimStatus = (typeof claimStatuses)[number];
export type ClaimCommand = 'precheck' | 'accept' | 'approve' | 'reject' | 'return' | 'resubmit' | 'pay' | 'fail';

export const claimLifecycle = defineLifecycle<ClaimStatus, ClaimCommand>({
  name: 'claim',
  states: claimStatuses,
  transitions: {
    submitted: { precheck: 'prechecked', accept: 'accepted', return: 'returned' },
    prechecked: { accept: 'accepted', return: 'returned' },
    accepted: { approve: 'approved', reject: 'rejected', return: 'returned' },
    returned: { resubmit: 'submitted' },
    approved: { pay: 'paid', fail: 'payout_failed' },
    payout_failed: { pay: 'paid', fail: 'payout_failed' },
    rejected: {},
    paid: {},
  },
});

export const claimTransition = (status: ClaimStatus, command: ClaimCommand): Result<ClaimStatus> =>
  claimLifecycle.transition(status, command);

export const claimStatusLabels: Record<ClaimStatus, string> = {
  submitted: '已提交',
  prechecked: '代办处已初审',
  accepted: '已受理',
  returned: '退回补充',
  approved: '已核准',
  rejected: '不予给付',
  paid: '已支付',
  payout_failed: '支付失败',
};

/** The decision is due 5 working days after acceptance, on the official calendar. */
export const DECISION_WORKING_DAYS = 5;
export const decisionDueDate = (acceptedOn: IsoDate): IsoDate => addWorkingDays(acceptedOn, DECISION_WORKING_DAYS);

/** Material slots: 1 ID and bank card, 2 medical proof, 3 expense proof (only when a reimbursement rule pays). */
export const materialSlots = {
  1: '身份证及银行卡',
  2: '医学证明（诊断证明、出院小结、事故或死亡证明）',
  3: '费用凭证（发票及医保结算单）',
} as const;
export type MaterialSlot = keyof typeof materialSlots;

export function requiredSlots(ruleKinds: BenefitRule['kind'][]): MaterialSlot[] {
  const reimbursement = ruleKinds.some((k) => k === 'banded_reimbursement' || k === 'deductible_ratio');
  return reimbursement ? [1, 2, 3] : [1, 2];
}

/** The slots still missing, or an empty list when the claim may be accepted. */
export function missingSlots(required: MaterialSlot[], present: number[]): MaterialSlot[] {
  return required.filter((s) => !present.includes(s));
}
