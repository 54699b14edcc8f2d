import { defineLifecycle } from '../lifecycle/lifecycle.ts';
import type { Result } from '../result.ts';

/**
 * The enrolment batch lifecycle (product.md §4): draft → submitted → approved (agency) → effective (finance confirms
 * the payment; policies are created); `returned` (with reasons) goes back to the unit, which may submit again.
 */
export const batchStatuses = ['draft', 'submitted', 'approved', 'returned', 'effective'] as const;
export type BatchStatus = (typeof batchStatuses)[number];
export type BatchCommand = 'submit' | 'approve' | 'return' | 'pay';

export const batchLifecycle = defineLifecycle<BatchStatus, BatchCommand>({
  name: 'enrolment_batch',
  states: batchStatuses,
  transitions: {
    draft: { submit: 'submitted' },
    returned: { submit: 'submitted' },
    submitted: { approve: 'approved', return: 'returned' },
    approved: { pay: 'effective', return: 'returned' },
    effective: {},
  },
});

export const batchTransition = (status: BatchStatus, command: BatchCommand): Result<BatchStatus> =>
  batchLifecycle.transition(status, command);

export const batchStatusLabels: Record<BatchStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  approved: '待缴费确认',
  returned: '已退回',
  effective: '已生效',
};
