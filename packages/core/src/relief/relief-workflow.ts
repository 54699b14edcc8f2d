import { defineLifecycle } from '../lifecycle/lifecycle.ts';

/**
 * The relief application lifecycle (product.md §6): applied (by a unit agent, an agency or the office) → agency
 * review → office decision → paid through the payout batches claims use (payout_failed → paid on reissue). A
 * proactive proposal (回头望) waits for the agency to confirm it; an application returned by the agency is
 * resubmitted.
 */
export const reliefStatuses = [
  'proposed',
  'applied',
  'returned',
  'reviewed',
  'approved',
  'rejected',
  'dismissed',
  'paid',
  'payout_failed',
] as const;
export type ReliefStatus = (typeof reliefStatuses)[number];
export type ReliefCommand =
  | 'confirm'
  | 'dismiss'
  | 'review'
  | 'return'
  | 'resubmit'
  | 'approve'
  | 'reject'
  | 'pay'
  | 'fail';

export const reliefLifecycle = defineLifecycle<ReliefStatus, ReliefCommand>({
  name: 'relief',
  states: reliefStatuses,
  transitions: {
    proposed: { confirm: 'applied', dismiss: 'dismissed' },
    applied: { review: 'reviewed', return: 'returned', reject: 'rejected' },
    returned: { resubmit: 'applied' },
    reviewed: { approve: 'approved', reject: 'rejected' },
    approved: { pay: 'paid', fail: 'payout_failed' },
    payout_failed: { pay: 'paid', fail: 'payout_failed' },
    rejected: {},
    dismissed: {},
    paid: {},
  },
});

export const reliefStatusLabels: Record<ReliefStatus, string> = {
  proposed: '待确认（主动发现）',
  applied: '已申请',
  returned: '退回补充',
  reviewed: '代办处已审核',
  approved: '已核准',
  rejected: '不予救助',
  dismissed: '已撤销',
  paid: '已发放',
  payout_failed: '发放失败',
};

/** Statuses whose relief counts against the member's limits (everything that may still be, or was, paid). */
export const reliefCountingStatuses: readonly ReliefStatus[] = [
  'applied',
  'returned',
  'reviewed',
  'approved',
  'paid',
  'payout_failed',
];
