import { describe, expect, it } from 'vitest';
import {
  type ClaimCommand,
  type ClaimStatus,
  claimStatuses,
  claimTransition,
  decisionDueDate,
  missingSlots,
  requiredSlots,
} from './claim-workflow.ts';

const legal: [ClaimStatus, ClaimCommand, ClaimStatus][] = [
  ['submitted', 'precheck', 'prechecked'],
  ['submitted', 'accept', 'accepted'],
  ['submitted', 'return', 'returned'],
  ['prechecked', 'accept', 'accepted'],
  ['prechecked', 'return', 'returned'],
  ['accepted', 'approve', 'approved'],
  ['accepted', 'reject', 'rejected'],
  ['accepted', 'return', 'returned'],
  ['returned', 'resubmit', 'submitted'],
  ['approved', 'pay', 'paid'],
  ['approved', 'fail', 'payout_failed'],
  ['payout_failed', 'pay', 'paid'],
  ['payout_failed', 'fail', 'payout_failed'],
];
const commands: ClaimCommand[] = ['precheck', 'accept', 'approve', 'reject', 'return', 'resubmit', 'pay', 'fail'];

describe('claim workflow', () => {
  it.each(legal)('%s + %s → %s', (from, c, to) => {
    expect(claimTransition(from, c)).toEqual({ ok: true, value: to });
  });
  const illegal = claimStatuses.flatMap((s) =>
    commands.filter((c) => !legal.some(([f, cc]) => f === s && cc === c)).map((c) => [s, c] as const),
  );
  it.each(illegal)('%s + %s → INVALID_TRANSITION', (from, c) => {
    const r = claimTransition(from, c);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('INVALID_TRANSITION');
  });
  it('a paid claim cannot be paid again', () => {
    expect(claimTransition('paid', 'pay').ok).toBe(false);
  });
});

describe('5 working days on the official calendar', () => {
  it.each([
    ['an ordinary Monday', '2025-03-03', '2025-03-10'],
    ['a Friday', '2025-03-07', '2025-03-14'],
    ['across 国庆 2025 (Sunday 09-28 is an adjusted working day; 10-01…10-08 off)', '2025-09-26', '2025-10-10'],
    ['across 春节 2026 (Saturday 02-14 works; 02-15…02-23 off)', '2026-02-12', '2026-02-26'],
  ])('%s: accepted %s → due %s', (_l, accepted, due) => {
    expect(decisionDueDate(accepted)).toBe(due);
  });
});

describe('material slots', () => {
  it('expense proof only for reimbursement rules', () => {
    expect(requiredSlots(['lump_sum'])).toEqual([1, 2]);
    expect(requiredSlots(['daily_allowance'])).toEqual([1, 2]);
    expect(requiredSlots(['banded_reimbursement'])).toEqual([1, 2, 3]);
    expect(requiredSlots(['deductible_ratio', 'death_disability'])).toEqual([1, 2, 3]);
    expect(missingSlots([1, 2, 3], [1, 3])).toEqual([2]);
    expect(missingSlots([1, 2], [1, 2])).toEqual([]);
  });
});
