import { defineLifecycle } from '../lifecycle/lifecycle.ts';
import { err, ok, type Result } from '../result.ts';

/**
 * A bank transfer from a unit that pays one or more of its approved batches (issue 14 item 5). A transfer of exactly
 * the batches' total is `applied` at once; a short or excess one is `held` (待核对) until a second finance clerk
 * applies it anyway (the office accepts the difference) or returns the money to the unit.
 */
export const enrolmentPaymentStatuses = ['applied', 'held', 'returned'] as const;
export type EnrolmentPaymentStatus = (typeof enrolmentPaymentStatuses)[number];
export const holdReasons = ['short', 'excess'] as const;
export type HoldReason = (typeof holdReasons)[number];
export type EnrolmentPaymentCommand = 'apply' | 'return';

export const enrolmentPaymentLifecycle = defineLifecycle<EnrolmentPaymentStatus, EnrolmentPaymentCommand>({
  name: 'enrolment_payment',
  states: enrolmentPaymentStatuses,
  transitions: {
    held: { apply: 'applied', return: 'returned' },
    applied: {},
    returned: {},
  },
});

/** At most this many batches in one transfer (a unit's products and renewals, with room to spare). */
export const PAYMENT_MAX_BATCHES = 50;
/** Applying an excess keeps money the unit did not owe: the note must say why, in at least this many characters. */
export const EXCESS_NOTE_MIN = 5;

export interface PaymentPlan {
  status: 'applied' | 'held';
  holdReason: HoldReason | null;
  /** received − expected: negative when short, positive when in excess, 0 when exact. */
  differenceFen: number;
  expectedFen: number;
  /** What each batch is credited with, in the order given; the parts add up to the amount received. */
  allocations: { batchId: string; appliedFen: number }[];
}

/**
 * How a transfer meets its batches: each batch in turn takes its total while money remains; what a short transfer
 * lacks falls on the last batches, what an excess one adds on the last batch. Exact → applied; else held.
 */
export function planPayment(amountFen: number, batches: { id: string; totalFeeFen: number }[]): PaymentPlan {
  const expectedFen = batches.reduce((s, b) => s + b.totalFeeFen, 0);
  const differenceFen = amountFen - expectedFen;
  let left = amountFen;
  const allocations = batches.map((b, i) => {
    const last = i === batches.length - 1;
    const appliedFen = last ? left : Math.min(b.totalFeeFen, left);
    left -= appliedFen;
    return { batchId: b.id, appliedFen };
  });
  return {
    status: differenceFen === 0 ? 'applied' : 'held',
    holdReason: differenceFen === 0 ? null : differenceFen < 0 ? 'short' : 'excess',
    differenceFen,
    expectedFen,
    allocations,
  };
}

export interface HeldPaymentFacts {
  status: EnrolmentPaymentStatus;
  holdReason: HoldReason | null;
  createdBy: string;
}

/**
 * Whether `actorId` may resolve the payment with `action`: only a held payment (PAYMENT_NOT_HELD), never by the clerk
 * who recorded it (OWN_PAYMENT_HOLD: four eyes), and an excess applied only with a note that says why
 * (EXCESS_NOTE_REQUIRED).
 */
export function checkResolution(
  p: HeldPaymentFacts,
  action: EnrolmentPaymentCommand,
  note: string,
  actorId: string,
): Result<EnrolmentPaymentStatus> {
  if (p.status !== 'held') return err('PAYMENT_NOT_HELD', { status: p.status });
  if (p.createdBy === actorId) return err('OWN_PAYMENT_HOLD', { createdBy: p.createdBy });
  if (action === 'apply' && p.holdReason === 'excess' && note.trim().length < EXCESS_NOTE_MIN)
    return err('EXCESS_NOTE_REQUIRED', { min: EXCESS_NOTE_MIN });
  const next = enrolmentPaymentLifecycle.transition(p.status, action);
  return next.ok ? ok(next.value) : next;
}

export const enrolmentPaymentStatusLabels: Record<EnrolmentPaymentStatus, { zh: string; en: string }> = {
  applied: { zh: '已入账', en: 'Applied' },
  held: { zh: '待核对', en: 'To reconcile' },
  returned: { zh: '已退回单位', en: 'Returned' },
};
export const holdReasonLabels: Record<HoldReason, { zh: string; en: string }> = {
  short: { zh: '少缴', en: 'Short' },
  excess: { zh: '多缴', en: 'Excess' },
};
